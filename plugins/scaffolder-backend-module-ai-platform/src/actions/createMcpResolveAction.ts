import { isMcpServerApi } from '@ai-platform/plugin-ai-platform-common';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogApi } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { toDnsLabel } from '../models/modelSource';
import { initiatorToken } from './initiatorToken';

export const MCP_RESOLVE_ACTION_ID = 'ai-platform:mcp:resolve';

/** Name of the RemoteMCPServer (and of the token Secret) for this portal's own MCP endpoint. */
export const PORTAL_MCP_SERVER_NAME = 'ai-platform-portal';

export interface ResolvedMcpServer {
  /** The API entity, when the server is in the catalog. */
  entityRef?: string;
  /** RemoteMCPServer name. */
  name: string;
  url: string;
  protocol: 'STREAMABLE_HTTP' | 'SSE';
  description: string;
  /** Secret holding a bearer token for it (this portal's endpoint needs one). */
  tokenSecret?: string;
}

type Remote = { type?: string; url?: string };

function remotesOf(entity: Entity): Remote[] {
  const remotes = (entity.spec as { remotes?: unknown } | undefined)?.remotes;
  return Array.isArray(remotes) ? (remotes as Remote[]) : [];
}

/**
 * MCP server APIs picked in the form (and, if asked, this portal's own MCP
 * endpoint) → what a kagent RemoteMCPServer needs: URL, transport and a
 * name. Errors name the entity that is not an MCP server.
 */
export function createMcpResolveAction(options: {
  catalog: CatalogApi;
  auth: AuthService;
  /** `<backend.baseUrl>/api/mcp-actions/v1` */
  portalMcpUrl: string;
}) {
  const { catalog, auth, portalMcpUrl } = options;
  return createTemplateAction({
    id: MCP_RESOLVE_ACTION_ID,
    description:
      "Resolves API entities of type mcp-server (and optionally this portal's own MCP endpoint) to the URL and transport a kagent RemoteMCPServer needs.",
    supportsDryRun: true,
    schema: {
      input: {
        servers: z =>
          z
            .array(z.string().min(1))
            .describe('Entity refs of APIs of spec.type mcp-server')
            .optional(),
        includePortal: z =>
          z
            .boolean()
            .describe(
              "Add this portal's MCP endpoint (GPU capacity, conformance, catalog)",
            )
            .optional(),
      },
      output: {
        servers: z =>
          z.array(
            z.object({
              entityRef: z.string().optional(),
              name: z.string(),
              url: z.string(),
              protocol: z.string(),
              description: z.string(),
              tokenSecret: z.string().optional(),
            }),
          ),
        toolRefs: z =>
          z.array(z.string()).describe('API entity refs, for the Agent entity'),
      },
    },
    async handler(ctx) {
      const token = await initiatorToken(auth, ctx, 'catalog');
      const refs = (ctx.input.servers ?? []).map(r =>
        stringifyEntityRef(
          parseEntityRef(r, {
            defaultKind: 'API',
            defaultNamespace: 'default',
          }),
        ),
      );
      const { items } = refs.length
        ? await catalog.getEntitiesByRefs({ entityRefs: refs }, { token })
        : { items: [] };
      const servers: ResolvedMcpServer[] = refs.map((ref, i) => {
        const entity = items[i];
        if (!entity)
          throw new NotFoundError(`There is no ${ref} in the catalog`);
        if (!isMcpServerApi(entity)) {
          throw new InputError(
            `${ref} is not an MCP server: it must be an API of spec.type mcp-server`,
          );
        }
        const remotes = remotesOf(entity).filter(
          r => typeof r.url === 'string',
        );
        const remote =
          remotes.find(r => r.type === 'streamable-http') ?? remotes[0];
        if (!remote?.url) {
          throw new InputError(
            `${ref} does not say where it is served (spec.remotes[].url)`,
          );
        }
        return {
          entityRef: ref,
          name: toDnsLabel(entity.metadata.name, 63),
          url: remote.url,
          protocol: remote.type === 'sse' ? 'SSE' : 'STREAMABLE_HTTP',
          description:
            entity.metadata.description ??
            entity.metadata.title ??
            entity.metadata.name,
        };
      });

      if (ctx.input.includePortal) {
        // Use the portal's own API entity when the catalog has one for this URL.
        const { items: apis } = await catalog.getEntities(
          { filter: { kind: 'API', 'spec.type': 'mcp-server' } },
          { token },
        );
        const portalApi = apis.find(api =>
          remotesOf(api).some(r => r.url === portalMcpUrl),
        );
        servers.push({
          ...(portalApi ? { entityRef: stringifyEntityRef(portalApi) } : {}),
          name: PORTAL_MCP_SERVER_NAME,
          url: portalMcpUrl,
          protocol: 'STREAMABLE_HTTP',
          description:
            'AI Platform portal: GPU capacity, conformance, models and agents in the catalog',
          tokenSecret: `${PORTAL_MCP_SERVER_NAME}-mcp-token`,
        });
        if (!portalApi) {
          ctx.logger.info(
            `No API entity of type mcp-server has ${portalMcpUrl} in spec.remotes, so the Agent entity will not list the portal as a tool`,
          );
        }
      }
      const names = new Set<string>();
      for (const s of servers) {
        if (names.has(s.name)) {
          throw new InputError(
            `Two MCP servers would both be named "${s.name}"; pick each once`,
          );
        }
        names.add(s.name);
      }
      ctx.logger.info(
        `MCP servers: ${
          servers.map(s => `${s.name} (${s.url})`).join(', ') || 'none'
        }`,
      );
      ctx.output('servers', servers as any);
      ctx.output(
        'toolRefs',
        servers.flatMap(s => (s.entityRef ? [s.entityRef] : [])),
      );
    },
  });
}
