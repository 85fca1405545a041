import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AiPlatformClient } from './AiPlatformClient';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

describe('AiPlatformClient', () => {
  let server: http.Server;
  let baseUrl: string;
  let seen: Seen[];
  let reply: { status: number; type: string; body: string };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        res.writeHead(reply.status, { 'Content-Type': reply.type });
        res.end(reply.body);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/ai-platform`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    seen = [];
    reply = { status: 200, type: 'application/json', body: '{"items":[]}' };
  });

  const client = () =>
    new AiPlatformClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('ai-platform');
          return baseUrl;
        },
      },
    });

  it('encodes path parameters and repeats array query parameters', async () => {
    await client().getFleetInventory({
      clusters: ['h100-prod', 'a100 research'],
      vendor: 'nvidia',
      minMemoryGiB: 80,
    });
    await client().getScorecard('a/b', { checklistVersion: '1.35' });
    await client().getClusterQueues('h100-prod');
    expect(seen.map(s => s.url)).toEqual([
      '/api/ai-platform/inventory?cluster=h100-prod&cluster=a100+research&vendor=nvidia&minMemoryGiB=80',
      '/api/ai-platform/clusters/a%2Fb/scorecard?checklist=1.35',
      '/api/ai-platform/clusters/h100-prod/queues',
    ]);
  });

  it('leaves out parameters that are not set', async () => {
    await client().getConformanceHistory('h100-prod', {
      since: '2026-11-01T00:00:00Z',
      checklistVersion: '1.33',
    });
    await client().listNodes();
    expect(seen.map(s => s.url)).toEqual([
      '/api/ai-platform/clusters/h100-prod/conformance/history?since=2026-11-01T00%3A00%3A00Z&checklist=1.33',
      '/api/ai-platform/inventory/nodes',
    ]);
  });

  it('posts capacity requests as JSON with the caller token', async () => {
    reply.body =
      '{"fits":[],"closest":[],"summary":"none","request":{"count":4},"skippedClusters":[]}';
    const fit = await client().fitCapacity(
      { count: 4, minMemoryGiB: 80 },
      { token: 'caller-token' },
    );
    expect(fit.summary).toBe('none');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/ai-platform/capacity/fit',
      authorization: 'Bearer caller-token',
      contentType: 'application/json',
    });
    expect(JSON.parse(seen[0].body)).toEqual({ count: 4, minMemoryGiB: 80 });
  });

  it('returns PRODUCT.yaml as text', async () => {
    reply = { status: 200, type: 'application/yaml', body: 'metadata: {}\n' };
    await expect(client().getProductYaml('h100-prod')).resolves.toBe(
      'metadata: {}\n',
    );
  });

  it('turns error responses into ResponseErrors that keep the server message', async () => {
    reply = {
      status: 404,
      type: 'application/json',
      body: JSON.stringify({
        error: { name: 'NotFoundError', message: 'No cluster named nope' },
        request: { method: 'GET', url: '/clusters/nope' },
        response: { statusCode: 404 },
      }),
    };
    await expect(client().getCluster('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { message: 'No cluster named nope' } },
    });
  });
});
