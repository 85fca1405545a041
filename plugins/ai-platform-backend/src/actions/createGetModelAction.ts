import { ModelSpec } from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  agentsUsing,
  findEntity,
  findModelServers,
  toModelSummary,
} from './catalogEntities';
import { plural } from './compact';
import { modelServerSchema, modelSummarySchema } from './modelSchemas';

const MAX_VERSIONS = 5;

/** `get-model`: one Model with where it is served and which agents use it. */
export function createGetModelAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'get-model',
    title: 'Get an AI model',
    description: `Gets one AI model from the software catalog: what it is (type, architecture, parameters, precision, quantization, license, context length, source), what one replica needs on GPUs, its latest versions, where it is served (model-server Components and their clusters) and which agents use it.
Pass an entity ref ("model:default/qwen3-32b"), a name ("qwen3-32b") or the id servers use ("Qwen/Qwen3-32B").`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
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
        }),
      output: z =>
        z.object({
          summary: z.string(),
          model: modelSummarySchema(z).extend({
            capabilities: z
              .object({
                inputTypes: z.array(z.string()).optional(),
                outputTypes: z.array(z.string()).optional(),
                toolUsage: z.boolean().optional(),
                reasoning: z.boolean().optional(),
                languages: z.array(z.string()).optional(),
              })
              .optional(),
            versions: z
              .array(
                z.object({
                  name: z.string(),
                  source: z.string().optional(),
                  createdAt: z.string().optional(),
                }),
              )
              .optional()
              .describe(`Newest first, at most ${MAX_VERSIONS}`),
          }),
          servedBy: z.array(modelServerSchema(z)),
          usedByAgents: z.array(z.string()),
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
      const summary = toModelSummary(entity);
      const spec = (entity.spec ?? {}) as Partial<ModelSpec>;
      const servers =
        (
          await findModelServers({
            catalog,
            credentials,
            modelRefs: [summary.ref],
          })
        ).get(summary.ref) ?? [];
      const agents = agentsUsing(entity);
      const versions = (spec.versions ?? []).slice(0, MAX_VERSIONS).map(v => ({
        name: v.name,
        ...(v.source?.uri ? { source: v.source.uri } : {}),
        ...(v.createdAt ? { createdAt: v.createdAt } : {}),
      }));

      const clusters = [
        ...new Set(servers.map(s => s.cluster).filter((c): c is string => !!c)),
      ];
      const needs = summary.resources
        ? `needs ${
            summary.resources.gpuMemoryGiB
          } GiB of GPU memory per replica on ${plural(
            summary.resources.recommendedGpus,
            'GPU',
          )}`
        : 'declares no GPU needs';
      const text = `${summary.ref}${
        summary.title ? ` (${summary.title})` : ''
      }: ${[summary.type, summary.parameters, summary.precision]
        .filter(Boolean)
        .join(' ')} ${needs}; ${
        servers.length
          ? `served by ${plural(servers.length, 'model-server')}${
              clusters.length ? ` on ${clusters.join(', ')}` : ''
            }`
          : 'not served by any known model-server'
      }; ${
        agents.length ? `used by ${agents.join(', ')}` : 'no agent uses it'
      }`;

      return {
        output: {
          summary: text,
          model: {
            ...summary,
            ...(spec.capabilities ? { capabilities: spec.capabilities } : {}),
            ...(versions.length ? { versions } : {}),
          },
          servedBy: servers,
          usedByAgents: agents,
        },
      };
    },
  });
}
