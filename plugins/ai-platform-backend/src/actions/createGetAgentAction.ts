import { MCP_SERVER_API_TYPE } from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { findEntity, toAgentSummary, toModelSummary } from './catalogEntities';
import { plural } from './compact';
import { agentSummarySchema } from './modelSchemas';

/** Tool names listed per MCP server; the server itself has the full list. */
const MAX_TOOL_NAMES = 50;

/** `get-agent`: one Agent with its models and MCP tool servers resolved. */
export function createGetAgentAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'get-agent',
    title: 'Get an AI agent',
    description: `Gets one AI agent from the software catalog: what it does, its runtime and owner, the models it uses (with type, size and GPU needs) and the MCP servers it takes tools from (with their URLs and the tool names they offered when last seen).
Pass an entity ref ("agent:default/cluster-doctor") or a name ("cluster-doctor"). References the catalog cannot resolve are listed with found: false.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          agent: z
            .string()
            .min(1)
            .max(300)
            .describe(
              'Entity ref ("agent:default/cluster-doctor") or name ("cluster-doctor").',
            ),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          agent: agentSummarySchema(z),
          models: z.array(
            z.object({
              ref: z.string(),
              found: z.boolean(),
              title: z.string().optional(),
              type: z.string().optional(),
              parameters: z.string().optional(),
              gpuMemoryGiB: z.number().optional(),
            }),
          ),
          tools: z.array(
            z.object({
              ref: z.string(),
              found: z.boolean(),
              title: z.string().optional(),
              description: z.string().optional(),
              type: z.string().optional(),
              urls: z.array(z.string()).optional(),
              toolNames: z.array(z.string()).optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const entity = await findEntity({
        catalog,
        credentials,
        kind: 'Agent',
        value: input.agent,
        listTool: 'list-agents',
      });
      const agent = toAgentSummary(entity);
      const refs = [...agent.models, ...agent.tools];
      const { items } = refs.length
        ? await catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials })
        : { items: [] as (Entity | undefined)[] };
      const resolved = new Map(
        refs.map((ref, i) => [ref, items[i] ?? undefined]),
      );

      const models = agent.models.map(ref => {
        const found = resolved.get(ref);
        if (!found) return { ref, found: false };
        const m = toModelSummary(found);
        return {
          ref,
          found: true,
          ...(m.title ? { title: m.title } : {}),
          ...(m.type ? { type: m.type } : {}),
          ...(m.parameters ? { parameters: m.parameters } : {}),
          ...(m.resources ? { gpuMemoryGiB: m.resources.gpuMemoryGiB } : {}),
        };
      });
      const tools = agent.tools.map(ref => {
        const found = resolved.get(ref);
        return found
          ? { ref, found: true, ...describeMcpServer(found) }
          : { ref, found: false };
      });
      const missing = [...models, ...tools]
        .filter(x => !x.found)
        .map(x => x.ref);
      const toolCount = tools.reduce(
        (n, t) => n + (('toolNames' in t && t.toolNames?.length) || 0),
        0,
      );

      return {
        output: {
          summary: `${agent.ref}${agent.title ? ` (${agent.title})` : ''}, ${
            agent.runtime ?? 'unknown'
          } runtime: ${(agent.description ?? 'no description').replace(
            /\.$/,
            '',
          )}. Uses ${
            agent.models.length ? agent.models.join(', ') : 'no model'
          }; tools from ${plural(agent.tools.length, 'MCP server')}${
            toolCount ? ` (${plural(toolCount, 'tool')})` : ''
          }${
            missing.length ? `. Not in the catalog: ${missing.join(', ')}` : ''
          }`,
          agent,
          models,
          tools,
        },
      };
    },
  });
}

/** What an MCP server API says about itself: URLs, and tool names if its definition lists them. */
function describeMcpServer(entity: Entity) {
  const spec = (entity.spec ?? {}) as {
    type?: string;
    remotes?: { url?: unknown }[];
    definition?: unknown;
  };
  const urls = (Array.isArray(spec.remotes) ? spec.remotes : [])
    .map(r => r?.url)
    .filter((u): u is string => typeof u === 'string');
  const toolNames = toolNamesOf(spec.definition);
  return {
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(entity.metadata.description
      ? { description: entity.metadata.description }
      : {}),
    ...(spec.type ? { type: spec.type } : {}),
    ...(urls.length ? { urls } : {}),
    ...(spec.type === MCP_SERVER_API_TYPE && toolNames.length
      ? { toolNames: toolNames.slice(0, MAX_TOOL_NAMES) }
      : {}),
  };
}

/** Tool names from a JSON definition with a `tools` list of names or `{name}` objects. */
function toolNamesOf(definition: unknown): string[] {
  if (typeof definition !== 'string') return [];
  try {
    const parsed = JSON.parse(definition) as { tools?: unknown };
    if (!Array.isArray(parsed?.tools)) return [];
    return parsed.tools
      .map(t => (typeof t === 'string' ? t : (t as { name?: unknown })?.name))
      .filter((t): t is string => typeof t === 'string' && t !== '');
  } catch {
    return [];
  }
}
