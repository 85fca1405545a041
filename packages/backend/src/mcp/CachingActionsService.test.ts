import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CachingActionsService } from './CachingActionsService';

// Plugins' action endpoints served over real HTTP, counting what the
// service asks them.
function action(id: string, readOnly: boolean) {
  return {
    id,
    name: id.split(':')[1],
    title: id,
    description: id,
    schema: { input: {}, output: {} },
    attributes: { readOnly, destructive: !readOnly, idempotent: readOnly },
  };
}

const ACTIONS: Record<string, ReturnType<typeof action>[]> = {
  catalog: [action('catalog:get-entity', true)],
  'ai-platform': [
    action('ai-platform:find-gpu-capacity', true),
    action('ai-platform:refresh', false),
  ],
};

describe('CachingActionsService', () => {
  let server: http.Server;
  let baseUrl: string;
  let listRequests: string[];
  let invoked: { url: string; body: string; authorization?: string }[];
  let failing: Set<string>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const [, pluginId] = /^\/api\/([^/]+)\//.exec(req.url ?? '') ?? [];
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        if (req.url?.endsWith('/.backstage/actions/v1/actions')) {
          listRequests.push(pluginId);
          if (failing.has(pluginId)) {
            res.writeHead(500, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ error: { name: 'Error', message: 'x' } }));
            return;
          }
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ actions: ACTIONS[pluginId] ?? [] }));
          return;
        }
        invoked.push({
          url: req.url!,
          body,
          authorization: req.headers.authorization,
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ output: { ok: true } }));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    listRequests = [];
    invoked = [];
    failing = new Set();
  });

  function create(config: object = {}, now?: () => number) {
    return CachingActionsService.fromConfig({
      config: new ConfigReader({
        backend: { actions: { pluginSources: ['catalog', 'ai-platform'] } },
        ...config,
      }),
      discovery: {
        getBaseUrl: async id => `${baseUrl}/api/${id}`,
        getExternalBaseUrl: async id => `${baseUrl}/api/${id}`,
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      now,
    });
  }

  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const agent = mockCredentials.service('external:mcp-clients');

  it('asks every plugin once per caller within the TTL', async () => {
    let now = 1_000;
    const service = create({}, () => now);

    const first = await service.list({ credentials: alice });
    expect(first.actions.map(a => a.id)).toEqual([
      'catalog:get-entity',
      'ai-platform:find-gpu-capacity',
      'ai-platform:refresh',
    ]);
    await service.list({ credentials: alice });
    expect(listRequests.sort()).toEqual(['ai-platform', 'catalog']);

    // Another principal has its own list: visibility depends on who asks.
    await service.list({ credentials: bob });
    await service.list({ credentials: agent });
    expect(listRequests).toHaveLength(6);

    // After the TTL (5 s by default) the plugins are asked again.
    now += 5_001;
    await service.list({ credentials: alice });
    expect(listRequests).toHaveLength(8);
  });

  it('shares one request between concurrent callers of the same principal', async () => {
    const service = create();
    await Promise.all(
      Array.from({ length: 10 }, () => service.list({ credentials: alice })),
    );
    expect(listRequests).toHaveLength(2);
  });

  it('does not keep a list that missed a plugin', async () => {
    const service = create();
    failing.add('catalog');
    const partial = await service.list({ credentials: alice });
    expect(partial.actions.map(a => a.id)).toEqual([
      'ai-platform:find-gpu-capacity',
      'ai-platform:refresh',
    ]);
    failing.clear();
    const full = await service.list({ credentials: alice });
    expect(full.actions).toHaveLength(3);
    expect(listRequests).toHaveLength(4);
  });

  it('asks on every call with a TTL of 0', async () => {
    const service = create({
      aiPlatform: { mcp: { actionListCacheSeconds: 0 } },
    });
    await service.list({ credentials: alice });
    await service.list({ credentials: alice });
    expect(listRequests).toHaveLength(4);
  });

  it('applies backend.actions.filter by id and attributes', async () => {
    const service = create({
      backend: {
        actions: {
          pluginSources: ['catalog', 'ai-platform'],
          filter: {
            include: [{ id: 'ai-platform:*' }],
            exclude: [{ attributes: { readOnly: false } }],
          },
        },
      },
    });
    const { actions } = await service.list({ credentials: agent });
    expect(actions.map(a => a.id)).toEqual(['ai-platform:find-gpu-capacity']);
  });

  it('invokes the action on its plugin with a token for the caller, never from the cache', async () => {
    const service = create();
    const input = { count: 4, minMemoryGiB: 80 };
    await expect(
      service.invoke({
        id: 'ai-platform:find-gpu-capacity',
        input,
        credentials: alice,
      }),
    ).resolves.toEqual({ output: { ok: true } });
    await service.invoke({
      id: 'ai-platform:find-gpu-capacity',
      input,
      credentials: alice,
    });
    expect(invoked).toHaveLength(2);
    expect(invoked[0].url).toBe(
      '/api/ai-platform/.backstage/actions/v1/actions/ai-platform%3Afind-gpu-capacity/invoke',
    );
    expect(JSON.parse(invoked[0].body)).toEqual(input);
    expect(invoked[0].authorization).toMatch(/^Bearer \S+/);
    expect(invoked[0].authorization).toContain('user:default/alice');
  });

  it('names a malformed action id', async () => {
    await expect(
      create().invoke({ id: 'no-plugin', credentials: alice }),
    ).rejects.toThrow('Invalid action id "no-plugin"');
  });
});
