import { AiPlatformApi } from '@ai-platform/plugin-ai-platform-common';
import { AuthService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { GpuPlacement, GpuPlacer } from '../placement/GpuPlacer';
import { initiatorToken } from './initiatorToken';

export const GPU_PLACE_ACTION_ID = 'ai-platform:gpu:place';

/**
 * Places a GPU request from live inventory: the cluster, node, node pool
 * and GPU product, and why. Fails with the closest options when nothing
 * fits; with a cluster named, validates the request fits there.
 */
export function createGpuPlaceAction(options: {
  api: AiPlatformApi;
  auth: AuthService;
}) {
  const placer = new GpuPlacer(options.api);
  return createTemplateAction({
    id: GPU_PLACE_ACTION_ID,
    description:
      'Finds a cluster and node with enough free GPUs from the live GPU inventory (or validates the cluster you chose). Fails with the closest options when nothing fits. Read-only: in a dry run it still reads capacity, and nothing is reserved.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Place 4 GPUs with at least 80 GiB each',
        example: `steps:
  - id: place
    name: Find GPUs
    action: ai-platform:gpu:place
    input:
      count: 4
      minMemoryGiB: 80
      vendor: nvidia`,
      },
      {
        description: 'Validate that the chosen cluster can take the request',
        example: `steps:
  - id: place
    name: Check the cluster
    action: ai-platform:gpu:place
    input:
      count: \${{ parameters.gpuCount }}
      cluster: \${{ parameters.cluster }}`,
      },
    ],
    schema: {
      input: {
        count: z =>
          z.number().int().min(1).max(64).describe('GPUs needed on one node'),
        minMemoryGiB: z =>
          z
            .number()
            .min(0)
            .describe('Memory each GPU needs, in GiB')
            .optional(),
        vendor: z =>
          z
            .enum(['any', 'nvidia', 'amd', 'intel', 'other'])
            .describe('GPU vendor; any by default')
            .optional(),
        product: z =>
          z
            .string()
            .max(100)
            .describe('Part of the product name, e.g. H100, MI300X')
            .optional(),
        cluster: z =>
          z
            .string()
            .describe(
              'Cluster name or its Resource entity ref; when given, the request must fit there',
            )
            .optional(),
        allowMig: z =>
          z
            .boolean()
            .describe(
              'Accept MIG instances for a single-GPU request (default true)',
            )
            .optional(),
        allowDra: z =>
          z
            .boolean()
            .describe('Accept GPUs offered through DRA (default true)')
            .optional(),
        nodes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(64)
            .describe(
              'Nodes that must each take count GPUs at once in one cluster (a gang of workers); default 1',
            )
            .optional(),
      },
      output: {
        cluster: z => z.string(),
        clusterEntityRef: z => z.string(),
        node: z => z.string(),
        vendor: z => z.string(),
        product: z => z.string(),
        resourceName: z => z.string(),
        unitKind: z => z.string(),
        dra: z => z.boolean(),
        deviceClassName: z => z.string().optional(),
        memoryGiB: z => z.number().optional(),
        count: z => z.number(),
        freeUnits: z => z.number(),
        nodeSelector: z => z.record(z.string()),
        tolerations: z =>
          z.array(
            z.object({
              key: z.string(),
              operator: z.string(),
              effect: z.string(),
            }),
          ),
        instanceType: z => z.string().optional(),
        zone: z => z.string().optional(),
        why: z => z.string(),
        alternatives: z => z.array(z.string()),
        gangNodes: z => z.array(z.string()),
        dryRun: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      if (ctx.isDryRun) {
        ctx.logger.info(
          'Dry run: reading live GPU capacity anyway (it is read-only; nothing is reserved or changed)',
        );
      }
      const token = await initiatorToken(options.auth, ctx, 'ai-platform');
      // A recovered task keeps the placement it already chose, so later
      // steps and the published manifests agree. The outputs are plain JSON
      // either way, as a recovered task reads them back from its checkpoint.
      const placement = JSON.parse(
        JSON.stringify(
          await ctx.checkpoint({
            key: 'placement',
            fn: async () =>
              (await placer.place(
                {
                  count: input.count,
                  minMemoryGiB: input.minMemoryGiB,
                  vendor:
                    input.vendor && input.vendor !== 'any'
                      ? input.vendor
                      : undefined,
                  product: input.product,
                  cluster: input.cluster?.trim()
                    ? input.cluster.trim()
                    : undefined,
                  allowMig: input.allowMig,
                  allowDra: input.allowDra,
                  nodes: input.nodes,
                },
                { token },
              )) as unknown as JsonObject,
          }),
        ),
      ) as GpuPlacement;

      ctx.logger.info(`Placement: ${placement.why}`);
      for (const [name, value] of Object.entries(placement)) {
        if (value !== undefined) ctx.output(name as any, value as any);
      }
      ctx.output('dryRun', Boolean(ctx.isDryRun));
    },
  });
}
