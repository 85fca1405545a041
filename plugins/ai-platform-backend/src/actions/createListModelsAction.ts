import {
  MODEL_KIND,
  MODEL_TYPES,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  findModelServers,
  normalizeRef,
  queryEntityPage,
  toModelSummary,
} from './catalogEntities';
import { plural } from './compact';
import { modelSummarySchema, pageInput } from './modelSchemas';

export const MAX_MODELS_PER_PAGE = 100;
const DEFAULT_MODELS_PER_PAGE = 25;

/** `list-models`: Model entities in the catalog and the clusters serving each. */
export function createListModelsAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'list-models',
    title: 'List AI models',
    description: `Lists the AI models in the software catalog (entities of kind Model): type, owner, lifecycle, parameters, precision, license, the GPU memory one replica needs, and the clusters where a model-server serves it.
Filter by type, lifecycle, owner or a search term; results are paged. get-model gives one model in full, recommend-model-placement finds GPUs for it.
Only models the caller may see in the catalog are listed.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          type: z
            .enum(MODEL_TYPES)
            .optional()
            .describe(`Model type: one of ${MODEL_TYPES.join(', ')}.`),
          lifecycle: z
            .string()
            .max(100)
            .optional()
            .describe('Lifecycle, e.g. "production" or "experimental".'),
          owner: z
            .string()
            .max(300)
            .optional()
            .describe(
              'Owning group or user: an entity ref like "group:default/ml-research" or a group name.',
            ),
          search: z
            .string()
            .max(100)
            .optional()
            .describe(
              'Text to look for in the model name or title, e.g. "qwen".',
            ),
          ...pageInput(z, DEFAULT_MODELS_PER_PAGE, MAX_MODELS_PER_PAGE),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          totalItems: z.number(),
          offset: z.number(),
          limit: z.number(),
          nextOffset: z.number().optional(),
          models: z.array(
            modelSummarySchema(z).extend({
              servedOn: z
                .array(z.string())
                .describe('Clusters where a model-server Component serves it'),
              servers: z
                .number()
                .describe('Model-server Components serving it'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const filter: EntityFilterQuery = { kind: MODEL_KIND };
      if (input.type) filter['spec.type'] = input.type;
      if (input.lifecycle) filter['spec.lifecycle'] = input.lifecycle;
      if (input.owner) {
        filter[`relations.${RELATION_OWNED_BY}`] = normalizeRef(
          input.owner,
          'Group',
        );
      }
      const page = await queryEntityPage(catalog, credentials, {
        filter,
        search: input.search,
        limit: input.limit,
        offset: input.offset,
      });
      const summaries = page.items.map(toModelSummary);
      const servers = await findModelServers({
        catalog,
        credentials,
        modelRefs: summaries.map(m => m.ref),
      });
      const models = summaries.map(m => {
        const served = servers.get(m.ref) ?? [];
        const clusters = [
          ...new Set(
            served.map(s => s.cluster).filter((c): c is string => !!c),
          ),
        ].sort();
        return { ...m, servedOn: clusters, servers: served.length };
      });
      const next = input.offset + page.items.length;
      return {
        output: {
          summary: summarize(models, page.totalItems, input.offset),
          totalItems: page.totalItems,
          offset: input.offset,
          limit: input.limit,
          ...(next < page.totalItems && page.items.length
            ? { nextOffset: next }
            : {}),
          models,
        },
      };
    },
  });
}

function summarize(
  models: { name: string; servedOn: string[] }[],
  total: number,
  offset: number,
): string {
  if (!models.length) {
    return total
      ? `No models at offset ${offset} (${total} in all)`
      : 'No models match';
  }
  const served = models.filter(m => m.servedOn.length);
  const range =
    models.length < total
      ? `${offset + 1}-${offset + models.length} of ${total} models`
      : plural(total, 'model');
  return `${range}: ${models.map(m => m.name).join(', ')}. ${
    served.length
      ? `Served: ${served
          .map(m => `${m.name} on ${m.servedOn.join(', ')}`)
          .join('; ')}`
      : 'None is served by a known model-server'
  }`;
}
