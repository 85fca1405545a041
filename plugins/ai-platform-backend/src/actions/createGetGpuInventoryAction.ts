import {
  aiPlatformInventoryReadPermission,
  FleetInventory,
  InventoryQuery,
  NodeInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { nominalMemoryGiB, formatTaint } from '../inventory/placementRules';
import { InventoryService } from '../inventory/InventoryService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { plural } from './compact';
import {
  clusterNameSchema,
  gpuCountsSchema,
  productSchema,
  vendorSchema,
} from './schemas';

export const MAX_NODES_PER_PAGE = 100;
const DEFAULT_NODES_PER_PAGE = 20;

/** `get-gpu-inventory`: GPU totals by product, vendor and cluster; nodes on request, paged. */
export function createGetGpuInventoryAction(options: {
  actionsRegistry: ActionsRegistryService;
  inventory: InventoryService;
  snapshots: SnapshotService;
}) {
  const { actionsRegistry, inventory, snapshots } = options;
  actionsRegistry.register({
    name: 'get-gpu-inventory',
    title: 'Get GPU inventory',
    description: `GPU inventory of the fleet or one cluster, from each cluster's last collection: physical GPU boards, schedulable units (whole GPUs, MIG instances, time-sliced/MPS replicas, DRA devices), allocated and free units, totalled by product, by vendor and by cluster.
Filter by cluster, vendor, product name and minimum memory per device. Set includeNodes to also get the matching GPU nodes (paged with limit and offset).
To ask "where can N GPUs of M GiB run now?" use find-gpu-capacity instead.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformInventoryReadPermission,
    schema: {
      input: z =>
        z.object({
          cluster: clusterNameSchema(z)
            .optional()
            .describe(
              'Only this cluster (name as list-clusters returns it, e.g. "h100-prod"). Omit for the whole fleet.',
            ),
          vendor: vendorSchema(z).optional(),
          product: productSchema(z).optional(),
          minMemoryGiB: z
            .number()
            .min(0)
            .max(4096)
            .optional()
            .describe(
              'Only devices with at least this much memory each, in GiB (e.g. 80). MIG instances count with their own memory.',
            ),
          includeNodes: z
            .boolean()
            .default(false)
            .describe('Also list the matching GPU nodes (default false).'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_NODES_PER_PAGE)
            .default(DEFAULT_NODES_PER_PAGE)
            .describe(
              `Nodes per page when includeNodes is true, 1 to ${MAX_NODES_PER_PAGE} (default ${DEFAULT_NODES_PER_PAGE}).`,
            ),
          offset: z
            .number()
            .int()
            .min(0)
            .default(0)
            .describe(
              'Nodes to skip, for the next page: pass the nextOffset of the previous answer.',
            ),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          totals: z.object(gpuCountsSchema(z)),
          byVendor: z.array(
            z.object({ vendor: z.string(), ...gpuCountsSchema(z) }),
          ),
          byProduct: z.array(
            z.object({
              vendor: z.string(),
              product: z.string(),
              memoryGiB: z.number().optional(),
              nodes: z.number(),
              clusters: z.number(),
              ...gpuCountsSchema(z),
            }),
          ),
          byCluster: z.array(
            z.object({
              cluster: z.string(),
              stale: z.boolean(),
              collectedAt: z.string().optional(),
              gpuNodes: z.number(),
              ...gpuCountsSchema(z),
            }),
          ),
          nodes: z
            .object({
              items: z.array(
                z.object({
                  cluster: z.string(),
                  name: z.string(),
                  ready: z.union([z.boolean(), z.literal('unknown')]),
                  schedulable: z.boolean(),
                  vendor: z.string().optional(),
                  product: z.string().optional(),
                  memoryGiB: z.number().optional(),
                  ...gpuCountsSchema(z),
                  units: z.array(
                    z.object({
                      resourceName: z.string(),
                      kind: z.string(),
                      profile: z.string().optional(),
                      dra: z.boolean(),
                      allocatable: z.number(),
                      allocated: z.number(),
                      free: z.number(),
                    }),
                  ),
                  taints: z.array(z.string()),
                  instanceType: z.string().optional(),
                  zone: z.string().optional(),
                }),
              ),
              totalItems: z.number(),
              offset: z.number(),
              limit: z.number(),
              nextOffset: z.number().optional(),
            })
            .optional(),
        }),
    },
    action: async ({ input }) => {
      const query: InventoryQuery = {};
      if (input.cluster) {
        if (!(await snapshots.getCluster(input.cluster))) {
          throw new NotFoundError(
            `No cluster named "${input.cluster}"; list-clusters lists the known clusters`,
          );
        }
        query.clusters = [input.cluster];
      }
      if (input.vendor) query.vendor = input.vendor;
      if (input.product?.trim()) query.product = input.product.trim();
      if (input.minMemoryGiB) query.minMemoryGiB = input.minMemoryGiB;

      const fleet = await inventory.getFleetInventory(query);
      const nodes = input.includeNodes
        ? await inventory.listNodes({
            ...query,
            offset: input.offset,
            limit: input.limit,
          })
        : undefined;

      return {
        output: {
          summary: summarize(fleet, query),
          totals: countsOf(fleet.gpus),
          byVendor: fleet.gpus.byVendor.map(v => ({
            vendor: v.vendor,
            ...countsOf(v),
          })),
          byProduct: fleet.gpus.byProduct.map(p => {
            const gib = nominalMemoryGiB({
              memoryMiB: p.memoryMiB,
              product: p.product,
            });
            return {
              vendor: p.vendor,
              product: p.product,
              ...(gib !== undefined ? { memoryGiB: gib } : {}),
              nodes: p.nodes,
              clusters: p.clusters,
              ...countsOf(p),
            };
          }),
          byCluster: fleet.clusters.map(c => ({
            cluster: c.cluster,
            stale: c.stale,
            ...(c.collectedAt ? { collectedAt: c.collectedAt } : {}),
            gpuNodes: c.gpuNodes,
            ...countsOf(c.gpus),
          })),
          ...(nodes
            ? {
                nodes: {
                  items: nodes.items.map(toNodeOutput),
                  totalItems: nodes.totalItems,
                  offset: input.offset,
                  limit: input.limit,
                  ...(nodes.nextOffset !== undefined
                    ? { nextOffset: nodes.nextOffset }
                    : {}),
                },
              }
            : {}),
        },
      };
    },
  });
}

function countsOf(c: {
  physical: number;
  allocatable: number;
  allocated: number;
  free: number;
}) {
  return {
    physical: c.physical,
    allocatable: c.allocatable,
    allocated: c.allocated,
    free: c.free,
  };
}

function toNodeOutput(node: NodeInventory) {
  const gib = node.product
    ? nominalMemoryGiB({ memoryMiB: node.memoryMiB, product: node.product })
    : undefined;
  return {
    cluster: node.cluster,
    name: node.name,
    ready: node.ready,
    schedulable: node.schedulable,
    ...(node.vendor ? { vendor: node.vendor } : {}),
    ...(node.product ? { product: node.product } : {}),
    ...(gib !== undefined ? { memoryGiB: gib } : {}),
    ...countsOf(node),
    units: node.units.map(u => ({
      resourceName: u.resourceName,
      kind: u.kind,
      ...(u.profile ? { profile: u.profile } : {}),
      dra: u.dra,
      allocatable: u.allocatable,
      allocated: u.allocated,
      free: u.free,
    })),
    taints: node.taints.map(formatTaint),
    ...(node.instanceType ? { instanceType: node.instanceType } : {}),
    ...(node.zone ? { zone: node.zone } : {}),
  };
}

function summarize(fleet: FleetInventory, query: InventoryQuery): string {
  const filters = [
    query.vendor,
    query.product ? `"${query.product}"` : undefined,
    query.minMemoryGiB ? `≥${query.minMemoryGiB} GiB` : undefined,
  ].filter(Boolean);
  const scope = query.clusters
    ? `Cluster ${query.clusters[0]}`
    : `Fleet of ${plural(fleet.clusters.length, 'cluster')}`;
  const { physical, allocatable, allocated, free } = fleet.gpus;
  const gpuNodes = fleet.clusters.reduce((n, c) => n + c.gpuNodes, 0);
  const products = fleet.gpus.byProduct
    .slice(0, 5)
    .map(p => `${p.product} ${p.physical} (${p.free} free units)`)
    .join(', ');
  const stale = fleet.clusters.filter(c => c.stale).map(c => c.cluster);
  return `${scope}${
    filters.length ? `, ${filters.join(' ')} devices` : ''
  }: ${plural(physical, 'physical GPU')} on ${plural(
    gpuNodes,
    'GPU node',
  )}; ${allocatable} schedulable units, ${allocated} allocated, ${free} free${
    products ? `. By product: ${products}` : ''
  }${stale.length ? `. Stale data: ${stale.join(', ')}` : ''}`;
}
