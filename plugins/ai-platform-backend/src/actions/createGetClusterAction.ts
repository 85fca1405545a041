import {
  aiPlatformClusterReadPermission,
  aiPlatformInventoryReadPermission,
  aiPlatformScorecardReadPermission,
  ClusterInventory,
  Scorecard,
} from '@ai-platform/plugin-ai-platform-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { ConformanceService } from '../conformance/ConformanceService';
import { nominalMemoryGiB } from '../inventory/placementRules';
import { InventoryService } from '../inventory/InventoryService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { describeFreshness, plural, toClusterSummary } from './compact';
import { allowedPermissions } from './permissionChecks';
import {
  clusterNameSchema,
  clusterSummarySchema,
  gpuCountsSchema,
  verdictTallySchema,
} from './schemas';

const MAX_PARTITIONS = 20;

/** `get-cluster`: one cluster's status, GPU totals and conformance summary. */
export function createGetClusterAction(options: {
  actionsRegistry: ActionsRegistryService;
  snapshots: SnapshotService;
  inventory: InventoryService;
  conformance: ConformanceService;
  permissions: PermissionsService;
}) {
  const { actionsRegistry, snapshots, inventory, conformance, permissions } =
    options;
  actionsRegistry.register({
    name: 'get-cluster',
    title: 'Get one Kubernetes cluster',
    description: `Summarizes one Kubernetes cluster: collection status and staleness, Kubernetes version, GPU totals (physical boards, schedulable units, allocated, free; by product), and its AI-conformance summary against the checklist of its Kubernetes version (MUST/SHOULD tallies, certification readiness, requirements that do not pass).
GPU totals need the inventory permission and the conformance summary the scorecard permission; parts the caller may not read are left out and listed in "omitted".
For node-level GPU detail use get-gpu-inventory; for each requirement's verdict use get-conformance-scorecard.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformClusterReadPermission,
    schema: {
      input: z =>
        z.object({
          cluster: clusterNameSchema(z).describe(
            'Cluster name as list-clusters returns it, e.g. "h100-prod".',
          ),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          cluster: clusterSummarySchema(z),
          gpus: z
            .object({
              nodes: z.number().describe('Nodes in the cluster'),
              gpuNodes: z.number().describe('Nodes with GPUs'),
              ...gpuCountsSchema(z),
              byProduct: z.array(
                z.object({
                  vendor: z.string(),
                  product: z.string(),
                  memoryGiB: z.number().optional(),
                  nodes: z.number(),
                  ...gpuCountsSchema(z),
                }),
              ),
              partitions: z
                .array(
                  z.object({
                    resourceName: z.string(),
                    kind: z.string(),
                    product: z.string(),
                    profile: z.string().optional(),
                    physicalGpus: z.number(),
                    allocatable: z.number(),
                    allocated: z.number(),
                    free: z.number(),
                  }),
                )
                .describe('MIG instances and shared (time-sliced/MPS) GPUs'),
              draDevices: z.object({
                devices: z.number(),
                allocated: z.number(),
              }),
              unreadableParts: z.array(z.string()).optional(),
            })
            .optional(),
          conformance: z
            .object({
              checklistVersion: z.string(),
              checklistStatus: z.enum(['final', 'draft']),
              readiness: z.enum([
                'ready',
                'needs-active-tests',
                'not-ready',
                'unknown',
              ]),
              readinessReason: z.string(),
              must: verdictTallySchema(z),
              should: verdictTallySchema(z),
              notPassing: z
                .array(
                  z.object({
                    id: z.string(),
                    level: z.enum(['MUST', 'SHOULD']),
                    verdict: z.string(),
                  }),
                )
                .describe(
                  'Requirements whose verdict is not pass or not-applicable',
                ),
            })
            .optional(),
          omitted: z
            .array(z.string())
            .optional()
            .describe('Parts left out and why'),
        }),
    },
    action: async ({ input, credentials }) => {
      const status = await snapshots.getCluster(input.cluster);
      if (!status) {
        throw new NotFoundError(
          `No cluster named "${input.cluster}"; list-clusters lists the known clusters`,
        );
      }
      const allowed = await allowedPermissions(permissions, credentials, [
        aiPlatformInventoryReadPermission,
        aiPlatformScorecardReadPermission,
      ]);
      const omitted: string[] = [];
      const neverCollected = `the cluster has no collected data yet (${status.state})`;

      let gpus: ReturnType<typeof toGpuSection> | undefined;
      if (!allowed.has(aiPlatformInventoryReadPermission.name)) {
        omitted.push(
          `gpus: not allowed (${aiPlatformInventoryReadPermission.name})`,
        );
      } else {
        const found = await inventory.getClusterInventory(input.cluster);
        if (found) gpus = toGpuSection(found);
        else omitted.push(`gpus: ${neverCollected}`);
      }

      let scorecard: Scorecard | undefined;
      if (!allowed.has(aiPlatformScorecardReadPermission.name)) {
        omitted.push(
          `conformance: not allowed (${aiPlatformScorecardReadPermission.name})`,
        );
      } else {
        scorecard = await conformance.getScorecard(input.cluster);
        if (!scorecard) omitted.push(`conformance: ${neverCollected}`);
      }

      const parts = [
        `${status.name}${
          status.title ? ` (${status.title})` : ''
        }: ${describeFreshness(status)}`,
      ];
      if (status.kubernetesVersion) {
        parts.push(`Kubernetes ${status.kubernetesVersion.gitVersion}`);
      }
      if (gpus) {
        parts.push(
          `${plural(gpus.physical, 'physical GPU')} on ${plural(
            gpus.gpuNodes,
            'GPU node',
          )}, ${gpus.free} of ${gpus.allocatable} schedulable units free`,
        );
      }
      if (scorecard) {
        const { must, readiness } = scorecard.summary;
        parts.push(
          `conformance ${scorecard.checklistVersion}: ${must.pass} of ${must.total} MUSTs pass, readiness ${readiness}`,
        );
      }

      return {
        output: {
          summary: parts.join('; '),
          cluster: toClusterSummary(status),
          ...(gpus ? { gpus } : {}),
          ...(scorecard
            ? { conformance: toConformanceSection(scorecard) }
            : {}),
          ...(omitted.length ? { omitted } : {}),
        },
      };
    },
  });
}

function toGpuSection(inv: ClusterInventory) {
  const { byProduct, byVendor: _byVendor, ...counts } = inv.gpus;
  return {
    nodes: inv.nodes,
    gpuNodes: inv.gpuNodes,
    physical: counts.physical,
    allocatable: counts.allocatable,
    allocated: counts.allocated,
    free: counts.free,
    byProduct: byProduct.map(p => {
      const gib = nominalMemoryGiB({
        memoryMiB: p.memoryMiB,
        product: p.product,
      });
      return {
        vendor: p.vendor,
        product: p.product,
        ...(gib !== undefined ? { memoryGiB: gib } : {}),
        nodes: p.nodes,
        physical: p.physical,
        allocatable: p.allocatable,
        allocated: p.allocated,
        free: p.free,
      };
    }),
    partitions: inv.partitions.slice(0, MAX_PARTITIONS).map(p => ({
      resourceName: p.resourceName,
      kind: p.kind,
      product: p.product,
      ...(p.profile ? { profile: p.profile } : {}),
      physicalGpus: p.physicalGpus,
      allocatable: p.allocatable,
      allocated: p.allocated,
      free: p.free,
    })),
    draDevices: { devices: inv.dra.devices, allocated: inv.dra.allocated },
    ...(inv.unreadableParts?.length
      ? { unreadableParts: inv.unreadableParts }
      : {}),
  };
}

function toConformanceSection(scorecard: Scorecard) {
  return {
    checklistVersion: scorecard.checklistVersion,
    checklistStatus: scorecard.checklistStatus,
    readiness: scorecard.summary.readiness,
    readinessReason: scorecard.summary.readinessReason,
    must: scorecard.summary.must,
    should: scorecard.summary.should,
    notPassing: scorecard.requirements
      .filter(r => r.verdict !== 'pass' && r.verdict !== 'not-applicable')
      .map(r => ({ id: r.id, level: r.level, verdict: r.verdict })),
  };
}
