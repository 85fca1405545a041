import http from 'node:http';
import { KubeSim, startKubeSim } from '../sim';
import { smallCluster } from '../testing/fixtures';
import { request } from '../testing/httpClient';

let sim: KubeSim;
let base: string;
let token: string;

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [
      { name: 'f', objects: smallCluster() },
      { name: 'g', objects: smallCluster() },
    ],
  });
  base = sim.cluster('f').url;
  token = sim.cluster('f').token;
});

afterEach(async () => {
  await sim.stop();
});

const get = (path: string, timeoutMs?: number) =>
  request(`${base}${path}`, { token, timeoutMs });

describe('fault injection', () => {
  it('latency: delays matching requests only', async () => {
    sim.addFault({
      cluster: 'f',
      resource: 'pods',
      kind: 'latency',
      latencyMs: 600,
    });
    let t = Date.now();
    expect((await get('/api/v1/pods')).status).toBe(200);
    const delayed = Date.now() - t;
    t = Date.now();
    expect((await get('/api/v1/nodes')).status).toBe(200);
    const undelayed = Date.now() - t;
    expect(delayed).toBeGreaterThanOrEqual(590);
    // Relative, so a busy machine does not make it flaky.
    expect(undelayed).toBeLessThan(delayed - 300);
  });

  it('status 403 and 500 with proper Status bodies', async () => {
    sim.setFaults([
      { resource: 'pods', verb: 'list', kind: 'status', status: 403 },
      {
        resource: 'nodes',
        kind: 'status',
        status: 500,
        message: 'etcd is on fire',
      },
    ]);
    const forbidden = await get('/api/v1/pods');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
    });
    expect(forbidden.json().message).toMatch(
      /^pods is forbidden: User ".+" cannot list resource "pods" in API group "" at the cluster scope$/,
    );
    // verb: list does not touch get.
    expect((await get('/api/v1/namespaces/ml/pods/train-0')).status).toBe(200);
    const error = await get('/api/v1/nodes');
    expect(error.status).toBe(500);
    expect(error.json()).toMatchObject({
      reason: 'InternalError',
      message: 'etcd is on fire',
      code: 500,
    });
  });

  it('status 429 sends Retry-After; times limits how often a rule applies', async () => {
    sim.addFault({
      kind: 'status',
      status: 429,
      times: 2,
      retryAfterSeconds: 3,
    });
    const first = await get('/api/v1/nodes');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('3');
    expect(first.json()).toMatchObject({
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
    });
    expect((await get('/version')).status).toBe(429);
    expect((await get('/api/v1/nodes')).status).toBe(200);
    expect(sim.faults()).toEqual([]);
  });

  it('hang: the client times out while other requests are still served', async () => {
    sim.addFault({ cluster: 'f', resource: 'pods', kind: 'hang' });
    await expect(get('/api/v1/pods', 300)).rejects.toThrow(
      /timeout after 300 ms/,
    );
    expect((await get('/api/v1/nodes')).status).toBe(200);
    const g = sim.cluster('g');
    expect(
      (await request(`${g.url}/api/v1/pods`, { token: g.token })).status,
    ).toBe(200);
  });

  it('hang: stop() closes hanging sockets', async () => {
    sim.addFault({ kind: 'hang' });
    const outcome = new Promise<string>(resolve => {
      const req = http.get(
        `${base}/api/v1/pods`,
        { headers: { Authorization: `Bearer ${token}` }, agent: false },
        () => resolve('answered'),
      );
      req.on('error', e => resolve(`error: ${e.message}`));
    });
    await new Promise(r => setTimeout(r, 100));
    const t = Date.now();
    await sim.stop();
    expect(Date.now() - t).toBeLessThan(2000);
    expect(await outcome).toMatch(
      /^error: socket hang up|^error: .*ECONNRESET/,
    );
  });

  it('truncate: valid headers, cut-off JSON body', async () => {
    sim.addFault({ resource: 'nodes', kind: 'truncate' });
    const res = await get('/api/v1/nodes');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.startsWith('{"kind":"NodeList"')).toBe(true);
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('invalid-json: 200 with garbage', async () => {
    sim.addFault({ resource: 'pods', kind: 'invalid-json' });
    const res = await get('/api/v1/namespaces/ml/pods/train-0');
    expect(res.status).toBe(200);
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('refuse: closes the listener until the fault is removed, then reopens on the same port', async () => {
    const port = sim.cluster('f').port;
    sim.addFault({ cluster: 'f', kind: 'refuse' });
    await sim.settle();
    await expect(get('/api/v1/nodes')).rejects.toThrow(/ECONNREFUSED/);
    const g = sim.cluster('g');
    expect(
      (await request(`${g.url}/api/v1/nodes`, { token: g.token })).status,
    ).toBe(200);
    sim.clearFaults();
    await sim.settle();
    expect(sim.cluster('f').port).toBe(port);
    expect((await get('/api/v1/nodes')).status).toBe(200);
  });

  it('applies faults configured at start and probability 0 never fires', async () => {
    const s = await startKubeSim({
      clusters: [{ name: 'x', objects: smallCluster() }],
      faults: [
        { kind: 'status', status: 503, probability: 0 },
        { cluster: 'x', resource: 'nodes', kind: 'status', status: 500 },
      ],
    });
    try {
      const c = s.cluster('x');
      expect(
        (await request(`${c.url}/api/v1/nodes`, { token: c.token })).status,
      ).toBe(500);
      expect(
        (await request(`${c.url}/api/v1/pods`, { token: c.token })).status,
      ).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('starts a cluster with refuse already active', async () => {
    const s = await startKubeSim({
      clusters: [{ name: 'down' }],
      faults: [{ cluster: 'down', kind: 'refuse' }],
    });
    try {
      const c = s.cluster('down');
      expect(c.port).toBeGreaterThan(0);
      await expect(request(`${c.url}/version`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await s.stop();
    }
  });
});

describe('admin endpoint', () => {
  it('manages faults over HTTP and is never subject to faults itself', async () => {
    const admin = (method: string, body?: unknown) =>
      request(`${base}/_sim/faults`, { method, token, body });
    const added = await admin('POST', { kind: 'status', status: 500 });
    expect(added.status).toBe(200);
    expect(added.json().faults).toEqual([{ kind: 'status', status: 500 }]);
    expect((await get('/api/v1/nodes')).status).toBe(500);
    expect((await admin('GET')).json().faults).toHaveLength(1);
    expect(
      (
        await admin('PUT', { faults: [{ kind: 'latency', latencyMs: 1 }] })
      ).json().faults,
    ).toEqual([{ kind: 'latency', latencyMs: 1 }]);
    expect(sim.faults()).toEqual([{ kind: 'latency', latencyMs: 1 }]);
    expect((await admin('DELETE')).json().faults).toEqual([]);
    const bad = await admin('POST', { kind: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/kind: must be one of/);
  });

  it('answers a refuse request on the refused port, and lifts it through another cluster port', async () => {
    const post = await request(`${base}/_sim/faults`, {
      method: 'POST',
      token,
      body: { cluster: 'f', kind: 'refuse' },
    });
    expect(post.status).toBe(200);
    expect(post.json().faults).toEqual([{ cluster: 'f', kind: 'refuse' }]);
    await sim.settle();
    await expect(get('/version')).rejects.toThrow(/ECONNREFUSED/);
    const g = sim.cluster('g');
    expect(
      (
        await request(`${g.url}/_sim/faults`, {
          method: 'DELETE',
          token: g.token,
        })
      ).status,
    ).toBe(200);
    expect((await get('/version')).status).toBe(200);
  });

  it('lifts a refuse fault through the separate admin port', async () => {
    const s = await startKubeSim({ clusters: [{ name: 'r' }], adminPort: 0 });
    try {
      const c = s.cluster('r');
      const post = await request(`${s.adminUrl}/_sim/faults`, {
        method: 'POST',
        token: c.token,
        body: { cluster: 'r', kind: 'refuse' },
      });
      expect(post.status).toBe(200);
      await expect(request(`${c.url}/version`)).rejects.toThrow(/ECONNREFUSED/);
      expect(
        (
          await request(`${s.adminUrl}/_sim/faults`, {
            method: 'DELETE',
            token: c.token,
          })
        ).status,
      ).toBe(200);
      expect((await request(`${c.url}/version`)).status).toBe(200);
      expect(
        (await request(`${s.adminUrl}/_sim/faults`, { token: 'bad' })).status,
      ).toBe(401);
    } finally {
      await s.stop();
    }
  });

  it('upserts and deletes objects and compacts history', async () => {
    const post = await request(`${base}/_sim/objects`, {
      method: 'POST',
      token,
      body: {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'a', namespace: 'ml' },
          },
        ],
      },
    });
    expect(post.json().objects[0]).toMatchObject({
      type: 'ADDED',
      kind: 'ConfigMap',
      name: 'a',
      namespace: 'ml',
    });
    expect((await get('/api/v1/namespaces/ml/configmaps/a')).status).toBe(200);
    const del = await request(
      `${base}/_sim/objects?apiVersion=v1&kind=ConfigMap&name=a&namespace=ml`,
      { method: 'DELETE', token },
    );
    expect(del.json()).toEqual({ removed: true });
    const page = (await get('/api/v1/pods?limit=1')).json();
    expect(
      (await request(`${base}/_sim/compact`, { method: 'POST', token })).status,
    ).toBe(200);
    expect(
      (await get(`/api/v1/pods?limit=1&continue=${page.metadata.continue}`))
        .status,
    ).toBe(410);
  });
});
