import http from 'node:http';
import { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { connectCluster } from './clusterConnection';
import { KubeApiClient } from './KubeApiClient';
import { createRedactor, KubeRequestError } from './KubeRequestError';
import { Semaphore } from './Semaphore';
import { cpuNode } from './__testUtils__/objects';

const TOKEN = 'client-test-token-2468ace0';

describe('KubeApiClient', () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: [
        {
          name: 'c',
          objects: Array.from({ length: 5 }, (_, i) => cpuNode(`node-${i}`)),
          token: TOKEN,
        },
      ],
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  afterEach(() => sim.clearFaults());

  async function client(
    options: {
      url?: string;
      pageSize?: number;
      requestTimeoutMs?: number;
      signal?: AbortSignal;
    } = {},
  ) {
    const connection = await connectCluster(
      {
        name: 'c',
        url: options.url ?? sim.cluster('c').url,
        source: 'config',
        auth: { type: 'serviceAccount', token: TOKEN },
      },
      { maxSockets: 2 },
    );
    return new KubeApiClient({
      connection,
      pageSize: options.pageSize ?? 2,
      requestTimeoutMs: options.requestTimeoutMs ?? 2000,
      limiter: new Semaphore(2),
      signal: options.signal ?? new AbortController().signal,
      redact: createRedactor(connection.secrets),
    });
  }

  async function failure(promise: Promise<unknown>): Promise<KubeRequestError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(KubeRequestError);
      return error as KubeRequestError;
    }
    throw new Error('expected a failure');
  }

  it('follows continue tokens page by page', async () => {
    const pages: number[] = [];
    await (
      await client()
    ).listEach('v1', 'nodes', {
      onPage: items => void pages.push(items.length),
      onRestart: () => undefined,
    });
    expect(pages).toEqual([2, 2, 1]);

    const viaIterable: number[] = [];
    for await (const page of (await client()).listPages('v1', 'nodes'))
      viaIterable.push(page.length);
    expect(viaIterable).toEqual([2, 2, 1]);
  });

  it('restarts a list once when its continue token expired (410)', async () => {
    let seen: string[] = [];
    let restarts = 0;
    await (
      await client()
    ).listEach('v1', 'nodes', {
      onPage: items => {
        if (seen.length === 0 && restarts === 0) sim.cluster('c').compact();
        seen.push(
          ...items.map(
            i => (i as { metadata: { name: string } }).metadata.name,
          ),
        );
      },
      onRestart: () => {
        restarts++;
        seen = [];
      },
    });
    expect(restarts).toBe(1);
    expect(seen.sort()).toEqual([
      'node-0',
      'node-1',
      'node-2',
      'node-3',
      'node-4',
    ]);
  });

  it('retries 429 after Retry-After', async () => {
    sim.addFault({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
      times: 1,
      resource: 'nodes',
    });
    const list = await (
      await client()
    ).get<{ items: unknown[] }>('/api/v1/nodes');
    expect(list.items).toHaveLength(5);
  });

  it('treats 404 as absent only where asked', async () => {
    const c = await client();
    expect(
      await c.getOptional(
        '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
      ),
    ).toBeUndefined();
    const error = await failure(
      c.get(
        '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status',
      ),
    );
    expect(error).toMatchObject({ reason: 'not-found', httpStatus: 404 });
  });

  it('gives each request its own timeout', async () => {
    sim.addFault({ kind: 'hang', resource: 'nodes' });
    const started = Date.now();
    const error = await failure(
      (await client({ requestTimeoutMs: 300 })).get('/api/v1/nodes'),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(
      'GET /api/v1/nodes: no complete response within 0.3 s',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops every request when the collection is aborted', async () => {
    sim.addFault({ kind: 'hang', resource: 'nodes' });
    const controller = new AbortController();
    const c = await client({
      signal: controller.signal,
      requestTimeoutMs: 10_000,
    });
    setTimeout(
      () => controller.abort(new Error('collection timed out after 1 s')),
      100,
    );
    const error = await failure(c.get('/api/v1/nodes'));
    expect(error).toMatchObject({
      reason: 'timeout',
      message: 'GET /api/v1/nodes: collection timed out after 1 s',
    });
  });

  it('reports a refused connection as unreachable', async () => {
    const server = http.createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise(r => server.close(r));
    const error = await failure(
      (await client({ url: `http://127.0.0.1:${port}` })).get('/version'),
    );
    expect(error.reason).toBe('unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('never repeats the token, even when the server does', async () => {
    sim.addFault({
      kind: 'status',
      status: 500,
      message: `token ${TOKEN} rejected by webhook`,
      resource: 'nodes',
    });
    const error = await failure((await client()).get('/api/v1/nodes'));
    expect(error.message).toBe(
      'GET /api/v1/nodes: HTTP 500 InternalError: token [redacted] rejected by webhook',
    );
  });

  describe('against a raw HTTP server', () => {
    let server: http.Server;
    let url: string;
    let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

    beforeAll(async () => {
      server = http.createServer((req, res) => handler(req, res));
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    });

    it('reads gzip-compressed responses and sends the token', async () => {
      let auth: string | undefined;
      handler = (req, res) => {
        auth = req.headers.authorization;
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
        });
        res.end(
          zlib.gzipSync(
            JSON.stringify({
              kind: 'NodeList',
              items: [{ metadata: { name: 'n' } }],
              metadata: {},
            }),
          ),
        );
      };
      const list = await (
        await client({ url })
      ).get<{ items: unknown[] }>('/api/v1/nodes');
      expect(list.items).toHaveLength(1);
      expect(auth).toBe(`Bearer ${TOKEN}`);
    });

    it('reports a body cut off before its declared length', async () => {
      handler = (_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': '1000',
        });
        res.write('{"kind":"NodeList","items":[');
        setTimeout(() => res.destroy(), 20);
      };
      const error = await failure((await client({ url })).get('/api/v1/nodes'));
      expect(error).toMatchObject({
        reason: 'invalid-response',
        message: 'GET /api/v1/nodes: the response was cut off',
      });
    });

    it('reports a list response that is not a list', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"kind":"Status"}');
      };
      const error = await failure(
        (async () => {
          for await (const _ of (await client({ url })).listPages(
            'v1',
            'nodes',
          )) {
            // drain
          }
        })(),
      );
      expect(error).toMatchObject({
        reason: 'invalid-response',
        message: 'GET /api/v1/nodes: the response is not a list',
      });
    });

    it('classifies an HTML error page by its status code', async () => {
      handler = (_req, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html>Bad gateway</html>');
      };
      const error = await failure((await client({ url })).get('/version'));
      expect(error).toMatchObject({
        reason: 'server-error',
        httpStatus: 502,
        message: 'GET /version: HTTP 502',
      });
    });
  });
});
