import {
  aiPlatformInventoryReadPermission,
  CapacityFit,
  CapacityRequest,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { MAX_DEVICES_PER_REQUEST } from '../inventory/capacityRequest';
import { describeRequest } from '../inventory/fitCapacity';
import { InventoryService } from '../inventory/InventoryService';
import { describePlacement, toPlacementOutput } from './compact';
import {
  clusterNameSchema,
  placementLimitSchema,
  placementSchema,
  productSchema,
  skippedClustersSchema,
  vendorSchema,
} from './schemas';

const CLOSEST_IN_SUMMARY = 3;

/** `find-gpu-capacity`: where N devices of at least M GiB fit on one node now. */
export function createFindGpuCapacityAction(options: {
  actionsRegistry: ActionsRegistryService;
  inventory: InventoryService;
}) {
  const { actionsRegistry, inventory } = options;
  actionsRegistry.register({
    name: 'find-gpu-capacity',
    title: 'Find GPU capacity',
    description: `Finds where a workload needing N GPU devices with at least M GiB memory each, all on one node, can be scheduled now, from the clusters' last collection.
Returns ranked placements (cluster, node, product, free units; best first: least memory wasted, then tightest packing), or when nothing fits a clear "nothing fits" with the closest options and what each lacks (too few free units, too little memory, node not ready or cordoned, MIG or shared units excluded).
Stale clusters are skipped unless includeStale is true; skipped clusters are listed with the reason.
Example: {"count": 4, "minMemoryGiB": 80} asks for 4 devices of 80 GiB or more on one node.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformInventoryReadPermission,
    schema: {
      input: z =>
        z.object({
          count: z
            .number()
            .int()
            .min(1)
            .max(MAX_DEVICES_PER_REQUEST)
            .describe(
              `Devices needed on one node, 1 to ${MAX_DEVICES_PER_REQUEST}, e.g. 4.`,
            ),
          minMemoryGiB: z
            .number()
            .min(0)
            .max(4096)
            .optional()
            .describe(
              'Minimum memory per device in GiB, e.g. 80. An "H100 80GB" counts as 80.',
            ),
          vendor: vendorSchema(z).optional(),
          product: productSchema(z).optional(),
          clusters: z
            .array(clusterNameSchema(z))
            .max(100)
            .optional()
            .describe(
              'Only these clusters (names as list-clusters returns them). Omit to search every cluster.',
            ),
          allowMig: z
            .boolean()
            .optional()
            .describe(
              'Accept MIG instances as devices when their own memory is enough (default true).',
            ),
          allowShared: z
            .boolean()
            .optional()
            .describe(
              'Accept time-sliced or MPS replicas, which share one GPU without memory isolation (default false).',
            ),
          includeStale: z
            .boolean()
            .optional()
            .describe(
              'Also search clusters whose last collection failed; their free capacity may be gone (default false).',
            ),
          limit: placementLimitSchema(z),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          fits: z.boolean().describe('True when at least one placement fits'),
          request: z
            .string()
            .describe('The request in words, e.g. "4 × ≥80 GiB"'),
          placements: z
            .array(placementSchema(z))
            .describe('Nodes that can take the request now, best first'),
          closest: z
            .array(placementSchema(z))
            .describe(
              'When nothing fits: the closest options, with what each lacks',
            ),
          skippedClusters: skippedClustersSchema(z),
        }),
    },
    action: async ({ input }) => {
      const request: CapacityRequest = {
        count: input.count,
        limit: input.limit,
      };
      if (input.minMemoryGiB !== undefined)
        request.minMemoryGiB = input.minMemoryGiB;
      if (input.vendor) request.vendor = input.vendor;
      if (input.product?.trim()) request.product = input.product.trim();
      if (input.clusters?.length) request.clusters = input.clusters;
      for (const flag of ['allowMig', 'allowShared', 'includeStale'] as const) {
        if (input[flag] !== undefined) request[flag] = input[flag];
      }
      const fit = await inventory.fitCapacity(request);
      return { output: toCapacityOutput(fit) };
    },
  });
}

/** The fit as a tool answer; the summary names the closest options when nothing fits. */
export function toCapacityOutput(fit: CapacityFit) {
  const fits = fit.fits.length > 0;
  return {
    summary: fits ? fit.summary : nothingFitsSummary(fit),
    fits,
    request: describeRequest(fit.request),
    placements: fit.fits.map(toPlacementOutput),
    closest: fit.closest.map(toPlacementOutput),
    skippedClusters: fit.skippedClusters,
  };
}

function nothingFitsSummary(fit: CapacityFit): string {
  if (!fit.closest.length) return `Nothing fits. ${fit.summary}`;
  const what = describeRequest(fit.request);
  const skipped = fit.skippedClusters.length
    ? ` Skipped: ${fit.skippedClusters
        .map(s => `${s.cluster} (${s.reason})`)
        .join('; ')}.`
    : '';
  const options = fit.closest
    .slice(0, CLOSEST_IN_SUMMARY)
    .map((p, i) => `${i + 1}) ${describePlacement(p)}`)
    .join('; ');
  return `Nothing fits ${what} now. Closest options are ${options}.${skipped}`;
}
