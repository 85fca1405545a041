import {
  aiPlatformInventoryReadPermission,
  CapacityRequest,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MAX_DEVICES_PER_REQUEST } from '../inventory/capacityRequest';
import { describeRequest } from '../inventory/fitCapacity';
import { InventoryService } from '../inventory/InventoryService';
import { findEntity, toModelSummary } from './catalogEntities';
import { plural, toPlacementOutput } from './compact';
import { toCapacityOutput } from './createFindGpuCapacityAction';
import {
  clusterNameSchema,
  placementLimitSchema,
  placementSchema,
  productSchema,
  skippedClustersSchema,
  vendorSchema,
} from './schemas';

/** Device counts tried when the recommended split does not fit: usual tensor-parallel sizes. */
const ALTERNATIVE_DEVICE_COUNTS = [1, 2, 4, 8];
const MAX_ALTERNATIVES = 2;
const PLACEMENTS_PER_ALTERNATIVE = 3;

/** Memory each of `count` devices must hold: an even share of the total, never less than the stated minimum. */
export function perDeviceMemoryGiB(
  totalGiB: number | undefined,
  count: number,
  minPerDeviceGiB: number | undefined,
): number {
  const share = totalGiB ? Math.ceil((totalGiB / count) * 10) / 10 : 0;
  return Math.max(share, minPerDeviceGiB ?? 0);
}

/** `recommend-model-placement`: a catalog Model's GPU needs against live capacity. */
export function createRecommendModelPlacementAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  inventory: InventoryService;
}) {
  const { actionsRegistry, catalog, inventory } = options;
  actionsRegistry.register({
    name: 'recommend-model-placement',
    title: 'Recommend where to serve a model',
    description: `Recommends where one replica of a catalog Model can be served now. Reads the model's GPU needs from the catalog (spec.resources: gpuMemoryGiB per replica, recommendedGpus, minGpuMemoryGiBPerDevice), turns them into "N devices of at least M GiB on one node" (M = the per-device share of the memory, never below the stated minimum) and checks that against the clusters' current free GPUs.
Returns ranked placements, or the closest options with what each lacks, plus other device splits that would fit (e.g. 2 devices of 80 GiB instead of 4 of 40), and the reasoning step by step.
Models without spec.resources need gpus and minMemoryGiBPerDevice passed explicitly.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformInventoryReadPermission,
    schema: {
      input: z =>
        z.object({
          model: z
            .string()
            .min(1)
            .max(300)
            .describe(
              'Entity ref ("model:default/qwen3-32b"), name ("qwen3-32b") or model id ("Qwen/Qwen3-32B").',
            ),
          gpus: z
            .number()
            .int()
            .min(1)
            .max(MAX_DEVICES_PER_REQUEST)
            .optional()
            .describe(
              "Devices per replica, instead of the model's recommendedGpus (e.g. 2).",
            ),
          minMemoryGiBPerDevice: z
            .number()
            .min(0)
            .max(4096)
            .optional()
            .describe(
              'Minimum memory per device in GiB, instead of the one worked out from the model (e.g. 80).',
            ),
          vendor: vendorSchema(z).optional(),
          product: productSchema(z).optional(),
          clusters: z
            .array(clusterNameSchema(z))
            .max(100)
            .optional()
            .describe('Only these clusters. Omit to search every cluster.'),
          includeStale: z
            .boolean()
            .optional()
            .describe(
              'Also consider clusters whose last collection failed (default false).',
            ),
          limit: placementLimitSchema(z),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          model: z.object({
            ref: z.string(),
            title: z.string().optional(),
            gpuMemoryGiB: z.number().optional(),
            recommendedGpus: z.number().optional(),
            minGpuMemoryGiBPerDevice: z.number().optional(),
          }),
          requirement: z.object({
            gpus: z.number().describe('Devices on one node'),
            minMemoryGiBPerDevice: z.number(),
            request: z.string(),
          }),
          fits: z.boolean(),
          placements: z.array(placementSchema(z)),
          closest: z.array(placementSchema(z)),
          alternatives: z
            .array(
              z.object({
                gpus: z.number(),
                minMemoryGiBPerDevice: z.number(),
                request: z.string(),
                placements: z.array(placementSchema(z)),
              }),
            )
            .describe('Other device splits of the same memory that fit now'),
          skippedClusters: skippedClustersSchema(z),
          reasoning: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const entity = await findEntity({
        catalog,
        credentials,
        kind: 'Model',
        value: input.model,
        listTool: 'list-models',
      });
      const model = toModelSummary(entity);
      const resources = model.resources;
      if (!resources && input.gpus === undefined) {
        throw new InputError(
          `Model ${model.ref} declares no spec.resources (gpuMemoryGiB, recommendedGpus); pass gpus and minMemoryGiBPerDevice to place it anyway`,
        );
      }
      const count = input.gpus ?? resources!.recommendedGpus;
      const minPerDevice =
        input.minMemoryGiBPerDevice ??
        perDeviceMemoryGiB(
          resources?.gpuMemoryGiB,
          count,
          resources?.minGpuMemoryGiBPerDevice,
        );

      const reasoning: string[] = [];
      if (resources) {
        reasoning.push(
          `${model.ref} needs ${
            resources.gpuMemoryGiB
          } GiB of GPU memory per replica; its owners recommend ${plural(
            resources.recommendedGpus,
            'GPU',
          )}${
            resources.minGpuMemoryGiBPerDevice
              ? ` with at least ${resources.minGpuMemoryGiBPerDevice} GiB each`
              : ''
          }.`,
        );
      }
      if (input.minMemoryGiBPerDevice !== undefined) {
        reasoning.push(
          `Asked for ${plural(
            count,
            'device',
          )} of at least ${minPerDevice} GiB each (given).`,
        );
      } else {
        let why = '';
        if (resources?.minGpuMemoryGiBPerDevice === minPerDevice) {
          why = ' (the stated minimum)';
        } else if (resources) {
          why = ` (${resources.gpuMemoryGiB} / ${count}, rounded up)`;
        }
        reasoning.push(
          `Split over ${plural(count, 'device')}${
            input.gpus !== undefined ? ' (given)' : ''
          }, each must hold ${minPerDevice} GiB${why}; tensor parallelism keeps a replica on one node.`,
        );
      }

      const base: Omit<CapacityRequest, 'count'> = {};
      if (input.vendor) base.vendor = input.vendor;
      if (input.product?.trim()) base.product = input.product.trim();
      if (input.clusters?.length) base.clusters = input.clusters;
      if (input.includeStale !== undefined)
        base.includeStale = input.includeStale;

      const fit = await inventory.fitCapacity({
        ...base,
        count,
        minMemoryGiB: minPerDevice,
        limit: input.limit,
      });
      const capacity = toCapacityOutput(fit);
      reasoning.push(capacity.summary);

      // Other splits of the same memory, unless the memory per device was given.
      const alternatives: {
        gpus: number;
        minMemoryGiBPerDevice: number;
        request: string;
        placements: ReturnType<typeof toPlacementOutput>[];
      }[] = [];
      if (
        !capacity.fits &&
        resources &&
        input.minMemoryGiBPerDevice === undefined
      ) {
        const counts = ALTERNATIVE_DEVICE_COUNTS.filter(c => c !== count).sort(
          (a, b) =>
            Math.abs(Math.log2(a / count)) - Math.abs(Math.log2(b / count)) ||
            a - b,
        );
        for (const c of counts) {
          if (alternatives.length >= MAX_ALTERNATIVES) break;
          const perDevice = perDeviceMemoryGiB(
            resources.gpuMemoryGiB,
            c,
            resources.minGpuMemoryGiBPerDevice,
          );
          const alt = await inventory.fitCapacity({
            ...base,
            count: c,
            minMemoryGiB: perDevice,
            limit: PLACEMENTS_PER_ALTERNATIVE,
          });
          if (alt.fits.length) {
            alternatives.push({
              gpus: c,
              minMemoryGiBPerDevice: perDevice,
              request: describeRequest(alt.request),
              placements: alt.fits.map(toPlacementOutput),
            });
          }
        }
        reasoning.push(
          alternatives.length
            ? `Other splits that fit now: ${alternatives
                .map(
                  a =>
                    `${a.request} (best: ${a.placements[0].cluster}/${a.placements[0].node}, ${a.placements[0].product})`,
                )
                .join('; ')}.`
            : `No other split (${counts
                .map(c => `${c} device${c === 1 ? '' : 's'}`)
                .join(', ')}) fits now either.`,
        );
      }

      const best = capacity.placements[0];
      const summary = best
        ? `Serve ${model.ref} on ${best.cluster}/${best.node}: ${
            best.freeUnits
          } free ${best.product}${
            best.memoryGiB ? ` (${best.memoryGiB} GiB each)` : ''
          }, ${count} needed of at least ${minPerDevice} GiB. ${plural(
            capacity.placements.length,
            'option',
          )} in all.`
        : `${model.ref} does not fit as ${capacity.request} now. ${
            alternatives.length
              ? `It fits as ${alternatives[0].request} on ${alternatives[0].placements[0].cluster}/${alternatives[0].placements[0].node}.`
              : capacity.summary
          }`;

      return {
        output: {
          summary,
          model: {
            ref: model.ref,
            ...(model.title ? { title: model.title } : {}),
            ...(resources
              ? {
                  gpuMemoryGiB: resources.gpuMemoryGiB,
                  recommendedGpus: resources.recommendedGpus,
                  ...(resources.minGpuMemoryGiBPerDevice !== undefined
                    ? {
                        minGpuMemoryGiBPerDevice:
                          resources.minGpuMemoryGiBPerDevice,
                      }
                    : {}),
                }
              : {}),
          },
          requirement: {
            gpus: count,
            minMemoryGiBPerDevice: minPerDevice,
            request: capacity.request,
          },
          fits: capacity.fits,
          placements: capacity.placements,
          closest: capacity.closest,
          alternatives,
          skippedClusters: capacity.skippedClusters,
          reasoning,
        },
      };
    },
  });
}
