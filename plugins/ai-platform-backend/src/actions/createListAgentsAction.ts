import {
  AGENT_KIND,
  AGENT_RUNTIMES,
  AGENT_TYPES,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { EntityFilterQuery } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeRef,
  queryEntityPage,
  toAgentSummary,
} from './catalogEntities';
import { plural } from './compact';
import { agentSummarySchema, pageInput } from './modelSchemas';

export const MAX_AGENTS_PER_PAGE = 100;
const DEFAULT_AGENTS_PER_PAGE = 25;

/** `list-agents`: Agent entities with the models and MCP servers each uses. */
export function createListAgentsAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'list-agents',
    title: 'List AI agents',
    description: `Lists the AI agents in the software catalog (entities of kind Agent): what each does, its runtime (kagent, langgraph, ...), owner, the models it uses and the MCP servers (APIs of type mcp-server) it takes tools from.
Filter by runtime, type, lifecycle, owner, a model it uses or a search term; results are paged. get-agent gives one agent with its models and tools resolved.
Only agents the caller may see in the catalog are listed.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          runtime: z
            .enum(AGENT_RUNTIMES)
            .optional()
            .describe(`Runtime: one of ${AGENT_RUNTIMES.join(', ')}.`),
          type: z
            .enum(AGENT_TYPES)
            .optional()
            .describe(`Agent type: one of ${AGENT_TYPES.join(', ')}.`),
          lifecycle: z
            .string()
            .max(100)
            .optional()
            .describe('e.g. "production".'),
          owner: z
            .string()
            .max(300)
            .optional()
            .describe('Owning group or user: entity ref or group name.'),
          model: z
            .string()
            .max(300)
            .optional()
            .describe(
              'Only agents using this model: entity ref ("model:default/qwen3-32b") or model name.',
            ),
          search: z
            .string()
            .max(100)
            .optional()
            .describe('Text to look for in the agent name or title.'),
          ...pageInput(z, DEFAULT_AGENTS_PER_PAGE, MAX_AGENTS_PER_PAGE),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          totalItems: z.number(),
          offset: z.number(),
          limit: z.number(),
          nextOffset: z.number().optional(),
          agents: z.array(agentSummarySchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      const filter: EntityFilterQuery = { kind: AGENT_KIND };
      if (input.runtime) filter['spec.runtime'] = input.runtime;
      if (input.type) filter['spec.type'] = input.type;
      if (input.lifecycle) filter['spec.lifecycle'] = input.lifecycle;
      if (input.owner) {
        filter[`relations.${RELATION_OWNED_BY}`] = normalizeRef(
          input.owner,
          'Group',
        );
      }
      if (input.model) {
        filter[`relations.${RELATION_DEPENDS_ON}`] = normalizeRef(
          input.model,
          'Model',
        );
      }
      const page = await queryEntityPage(catalog, credentials, {
        filter,
        search: input.search,
        limit: input.limit,
        offset: input.offset,
      });
      const agents = page.items.map(toAgentSummary);
      const next = input.offset + page.items.length;
      const range =
        agents.length < page.totalItems
          ? `${input.offset + 1}-${input.offset + agents.length} of ${
              page.totalItems
            } agents`
          : plural(page.totalItems, 'agent');
      return {
        output: {
          summary: agents.length
            ? `${range}: ${agents
                .map(
                  a =>
                    `${a.name} (${a.runtime ?? 'unknown runtime'}; ${plural(
                      a.models.length,
                      'model',
                    )}, ${plural(a.tools.length, 'MCP server')})`,
                )
                .join(', ')}`
            : 'No agents match',
          totalItems: page.totalItems,
          offset: input.offset,
          limit: input.limit,
          ...(next < page.totalItems && agents.length
            ? { nextOffset: next }
            : {}),
          agents,
        },
      };
    },
  });
}
