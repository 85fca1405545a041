import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';
import { createMcpResolveAction } from './createMcpResolveAction';

function api(name: string, spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default', description: `${name} tools` },
    spec: {
      lifecycle: 'production',
      owner: 'group:default/platform-engineering',
      definition: '{}',
      ...spec,
    },
  };
}

const tools = api('kagent-tool-server', {
  type: 'mcp-server',
  remotes: [
    { type: 'sse', url: 'http://kagent-tools.kagent:8084/sse' },
    { type: 'streamable-http', url: 'http://kagent-tools.kagent:8084/mcp' },
  ],
});
const grafana = api('Grafana_MCP', {
  type: 'mcp-server',
  remotes: [{ type: 'sse', url: 'http://grafana-mcp.kagent:8000/sse' }],
});
const openapi = api('billing', { type: 'openapi' });
const portal = api('ai-platform-portal-mcp', {
  type: 'mcp-server',
  remotes: [
    {
      type: 'streamable-http',
      url: 'http://portal.example.com/api/mcp-actions/v1',
    },
  ],
});

describe('ai-platform:mcp:resolve', () => {
  async function run(entities: Entity[], input: JsonObject) {
    const action = createMcpResolveAction({
      catalog: new InMemoryCatalogClient({ entities }),
      auth: mockServices.auth(),
      portalMcpUrl: 'http://portal.example.com/api/mcp-actions/v1',
    });
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({ input, logger });
    await action.handler(ctx as any);
    return {
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      logger,
    };
  }

  it('turns MCP server APIs into RemoteMCPServer settings, preferring streamable HTTP', async () => {
    const { outputs } = await run([tools, grafana, portal], {
      servers: ['kagent-tool-server', 'api:default/Grafana_MCP'],
      includePortal: true,
    });
    expect(outputs.servers).toEqual([
      {
        entityRef: 'api:default/kagent-tool-server',
        name: 'kagent-tool-server',
        url: 'http://kagent-tools.kagent:8084/mcp',
        protocol: 'STREAMABLE_HTTP',
        description: 'kagent-tool-server tools',
      },
      {
        entityRef: 'api:default/grafana_mcp',
        name: 'grafana-mcp',
        url: 'http://grafana-mcp.kagent:8000/sse',
        protocol: 'SSE',
        description: 'Grafana_MCP tools',
      },
      {
        entityRef: 'api:default/ai-platform-portal-mcp',
        name: 'ai-platform-portal',
        url: 'http://portal.example.com/api/mcp-actions/v1',
        protocol: 'STREAMABLE_HTTP',
        description:
          'AI Platform portal: GPU capacity, conformance, models and agents in the catalog',
        tokenSecret: 'ai-platform-portal-mcp-token',
      },
    ]);
    expect(outputs.toolRefs).toEqual([
      'api:default/kagent-tool-server',
      'api:default/grafana_mcp',
      'api:default/ai-platform-portal-mcp',
    ]);
  });

  it('offers the portal endpoint without an entity when the catalog has none for it', async () => {
    const { outputs, logger } = await run([tools], { includePortal: true });
    expect(outputs.servers).toHaveLength(1);
    expect(outputs.servers[0].entityRef).toBeUndefined();
    expect(outputs.toolRefs).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^No API entity of type mcp-server has http:\/\/portal\.example\.com\/api\/mcp-actions\/v1 in spec\.remotes/,
      ),
    );
  });

  it('names what is not an MCP server', async () => {
    await expect(run([openapi], { servers: ['billing'] })).rejects.toThrow(
      'api:default/billing is not an MCP server: it must be an API of spec.type mcp-server',
    );
    await expect(run([], { servers: ['api:default/missing'] })).rejects.toThrow(
      'There is no api:default/missing in the catalog',
    );
    await expect(
      run([api('x', { type: 'mcp-server' })], { servers: ['x'] }),
    ).rejects.toThrow(
      'api:default/x does not say where it is served (spec.remotes[].url)',
    );
  });
});
