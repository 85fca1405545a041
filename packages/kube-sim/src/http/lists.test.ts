import { KubeSim, startKubeSim } from '../sim';
import { pod, smallCluster } from '../testing/fixtures';
import { request } from '../testing/httpClient';

let sim: KubeSim;
let base: string;
let token: string;

const get = (path: string) => request(`${base}${path}`, { token });

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [{ name: 'c1', objects: smallCluster() }],
  });
  base = sim.cluster('c1').url;
  token = sim.cluster('c1').token;
});

afterEach(async () => {
  await sim.stop();
});

function names(list: any): string[] {
  return list.items.map((i: any) => i.metadata.name);
}

describe('get', () => {
  it('returns the object with kind, apiVersion and server-set metadata', async () => {
    const res = await get('/api/v1/namespaces/ml/pods/train-0');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const obj = res.json();
    expect(obj).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'train-0', namespace: 'ml' },
    });
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(obj.metadata.creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });

  it('answers 404 with a NotFound Status naming the object', async () => {
    const res = await get('/api/v1/namespaces/ml/pods/nope');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const slice = await get('/apis/resource.k8s.io/v1/resourceslices/nope');
    expect(slice.json().message).toBe(
      'resourceslices.resource.k8s.io "nope" not found',
    );
  });
});

describe('list', () => {
  it('lists built-in kinds without item kind/apiVersion, custom resources with them', async () => {
    const nodes = (await get('/api/v1/nodes')).json();
    expect(nodes.kind).toBe('NodeList');
    expect(nodes.apiVersion).toBe('v1');
    expect(names(nodes)).toEqual(['cpu-1', 'gpu-1', 'gpu-2']);
    expect(nodes.items[0].kind).toBeUndefined();
    expect(nodes.items[0].apiVersion).toBeUndefined();
    const pools = (
      await get(
        '/apis/inference.networking.k8s.io/v1/namespaces/ml/inferencepools',
      )
    ).json();
    expect(pools.kind).toBe('InferencePoolList');
    expect(pools.items[0]).toMatchObject({
      kind: 'InferencePool',
      apiVersion: 'inference.networking.k8s.io/v1',
    });
    // Served through another version: apiVersion follows the request.
    const old = (
      await get('/apis/inference.networking.k8s.io/v1alpha2/inferencepools')
    ).json();
    expect(old.items[0].apiVersion).toBe(
      'inference.networking.k8s.io/v1alpha2',
    );
  });

  it('lists cluster-wide and per namespace', async () => {
    expect(names((await get('/api/v1/pods')).json())).toEqual([
      'proxy-0',
      'pending-0',
      'serve-0',
      'train-0',
    ]);
    expect(names((await get('/api/v1/namespaces/ml/pods')).json())).toEqual([
      'pending-0',
      'serve-0',
      'train-0',
    ]);
    expect(names((await get('/api/v1/namespaces/empty/pods')).json())).toEqual(
      [],
    );
  });

  it.each([
    ['app=train', ['pending-0', 'train-0']],
    ['app==train', ['pending-0', 'train-0']],
    ['app!=train', ['proxy-0', 'serve-0']],
    ['app in (serve,proxy)', ['proxy-0', 'serve-0']],
    ['app notin (serve,proxy)', ['pending-0', 'train-0']],
    ['tier', ['serve-0', 'train-0']],
    ['!tier', ['proxy-0', 'pending-0']],
    ['app=train,tier=gpu', ['train-0']],
  ])('labelSelector %s', async (selector, expected) => {
    const res = await get(
      `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`,
    );
    expect(names(res.json())).toEqual(expected);
  });

  it('rejects a malformed labelSelector with 400', async () => {
    const res = await get(
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in (a')}`,
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
    });
    expect(res.json().message).toMatch(/^unable to parse requirement/);
  });

  it.each([
    ['/api/v1/pods', 'metadata.name=serve-0', ['serve-0']],
    ['/api/v1/pods', 'metadata.namespace=kube-system', ['proxy-0']],
    [
      '/api/v1/pods',
      'metadata.namespace!=kube-system',
      ['pending-0', 'serve-0', 'train-0'],
    ],
    ['/api/v1/pods', 'spec.nodeName=gpu-1', ['train-0']],
    ['/api/v1/pods', 'spec.nodeName=', ['pending-0']],
    ['/api/v1/pods', 'status.phase==Pending', ['pending-0']],
    [
      '/api/v1/pods',
      'status.phase!=Pending,spec.schedulerName=default-scheduler',
      ['serve-0', 'train-0'],
    ],
    ['/api/v1/pods', 'spec.schedulerName=custom', ['proxy-0']],
    ['/api/v1/nodes', 'spec.unschedulable=true', ['cpu-1']],
    ['/api/v1/nodes', 'spec.unschedulable=false', ['gpu-1', 'gpu-2']],
    [
      '/apis/resource.k8s.io/v1/resourceslices',
      'spec.nodeName=gpu-1',
      ['gpu-1-gpu.nvidia.com'],
    ],
    [
      '/apis/inference.networking.k8s.io/v1/inferencepools',
      'metadata.name=qwen',
      ['qwen'],
    ],
  ])('%s fieldSelector %s', async (path, selector, expected) => {
    const res = await get(
      `${path}?fieldSelector=${encodeURIComponent(selector)}`,
    );
    expect(res.status).toBe(200);
    expect(names(res.json())).toEqual(expected);
  });

  it('rejects unsupported field labels like the real server', async () => {
    const res = await get('/api/v1/nodes?fieldSelector=spec.nodeName%3Dx');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.nodeName',
    });
    const cr = await get(
      '/apis/inference.networking.k8s.io/v1/inferencepools?fieldSelector=spec.x%3Dy',
    );
    expect(cr.json().message).toBe('field label not supported: spec.x');
  });
});

describe('pagination', () => {
  beforeEach(() => {
    const c = sim.cluster('c1');
    for (let i = 0; i < 10; i++) c.upsert(pod(`p-${i}`, 'page'));
  });

  it('pages with limit/continue from one snapshot while objects change', async () => {
    const c = sim.cluster('c1');
    const first = (await get('/api/v1/namespaces/page/pods?limit=4')).json();
    expect(names(first)).toEqual(['p-0', 'p-1', 'p-2', 'p-3']);
    expect(first.metadata.remainingItemCount).toBe(6);
    const rv = first.metadata.resourceVersion;
    // Changes between pages must not show up in the paginated result.
    c.remove('v1', 'Pod', 'p-5', 'page');
    c.upsert(pod('p-45', 'page'));
    c.upsert({
      ...pod('p-6', 'page'),
      metadata: { name: 'p-6', namespace: 'page', labels: { changed: 'yes' } },
    });
    const second = (
      await get(
        `/api/v1/namespaces/page/pods?limit=4&continue=${first.metadata.continue}`,
      )
    ).json();
    expect(names(second)).toEqual(['p-4', 'p-5', 'p-6', 'p-7']);
    expect(second.items[2].metadata.labels).toEqual({});
    expect(second.metadata.resourceVersion).toBe(rv);
    expect(second.metadata.remainingItemCount).toBe(2);
    const third = (
      await get(
        `/api/v1/namespaces/page/pods?limit=4&continue=${second.metadata.continue}`,
      )
    ).json();
    expect(names(third)).toEqual(['p-8', 'p-9']);
    expect(third.metadata.continue).toBeUndefined();
    expect(third.metadata.remainingItemCount).toBeUndefined();
    // A new list sees the changes.
    const fresh = (await get('/api/v1/namespaces/page/pods')).json();
    expect(names(fresh)).toEqual([
      'p-0',
      'p-1',
      'p-2',
      'p-3',
      'p-4',
      'p-45',
      'p-6',
      'p-7',
      'p-8',
      'p-9',
    ]);
    expect(Number(fresh.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
  });

  it('pages through selectors without empty trailing pages and without remainingItemCount', async () => {
    const c = sim.cluster('c1');
    c.upsert({ ...pod('p-8', 'page', { labels: { pick: 'y' } }) });
    c.upsert({ ...pod('p-1', 'page', { labels: { pick: 'y' } }) });
    const first = (
      await get('/api/v1/pods?limit=1&labelSelector=pick%3Dy')
    ).json();
    expect(names(first)).toEqual(['p-1']);
    expect(first.metadata.remainingItemCount).toBeUndefined();
    const second = (
      await get(
        `/api/v1/pods?limit=1&labelSelector=pick%3Dy&continue=${first.metadata.continue}`,
      )
    ).json();
    expect(names(second)).toEqual(['p-8']);
    expect(second.metadata.continue).toBeUndefined();
  });

  it('answers 410 Expired for a continue token whose snapshot is gone', async () => {
    const first = (await get('/api/v1/namespaces/page/pods?limit=3')).json();
    sim.cluster('c1').compact();
    const res = await get(
      `/api/v1/namespaces/page/pods?limit=3&continue=${first.metadata.continue}`,
    );
    expect(res.status).toBe(410);
    expect(res.json()).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
    });
    expect(res.json().message).toMatch(/continue parameter is too old/);
  });

  it('rejects foreign or malformed continue tokens and continue with resourceVersion', async () => {
    const first = (await get('/api/v1/namespaces/page/pods?limit=3')).json();
    const foreign = await get(
      `/api/v1/nodes?limit=3&continue=${first.metadata.continue}`,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.json().message).toMatch(/continue key is not valid/);
    expect((await get('/api/v1/pods?limit=3&continue=garbage!')).status).toBe(
      400,
    );
    const both = await get(
      `/api/v1/namespaces/page/pods?limit=3&resourceVersion=1&continue=${first.metadata.continue}`,
    );
    expect(both.status).toBe(400);
    expect((await get('/api/v1/pods?limit=-1')).status).toBe(400);
  });
});

describe('snapshot expiry by time', () => {
  it('expires continue tokens after continueTtlMs of inactivity', async () => {
    const s = await startKubeSim({
      clusters: [{ name: 'ttl', objects: smallCluster() }],
      continueTtlMs: 50,
    });
    try {
      const c = s.cluster('ttl');
      const first = (
        await request(`${c.url}/api/v1/pods?limit=1`, { token: c.token })
      ).json();
      await new Promise(r => setTimeout(r, 120));
      const res = await request(
        `${c.url}/api/v1/pods?limit=1&continue=${first.metadata.continue}`,
        { token: c.token },
      );
      expect(res.status).toBe(410);
    } finally {
      await s.stop();
    }
  });
});

describe('resourceVersion', () => {
  it('increases per change; lists report the cluster resourceVersion', async () => {
    const c = sim.cluster('c1');
    const list1 = (await get('/api/v1/pods')).json();
    expect(list1.metadata.resourceVersion).toBe(c.resourceVersion());
    const created = c.upsert(pod('new', 'ml'));
    expect(Number(created.metadata.resourceVersion)).toBe(
      Number(list1.metadata.resourceVersion) + 1,
    );
    const updated = c.upsert({
      ...pod('new', 'ml'),
      metadata: { name: 'new', namespace: 'ml', labels: { v: '2' } },
    });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    // uid and creationTimestamp survive updates.
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    expect(updated.metadata.creationTimestamp).toBe(
      created.metadata.creationTimestamp,
    );
    const list2 = (await get('/api/v1/pods')).json();
    expect(list2.metadata.resourceVersion).toBe(
      updated.metadata.resourceVersion,
    );
    const got = (await get('/api/v1/namespaces/ml/pods/new')).json();
    expect(got.metadata.resourceVersion).toBe(updated.metadata.resourceVersion);
    // Other objects keep their own resourceVersion.
    const other = list2.items.find((i: any) => i.metadata.name === 'train-0');
    expect(Number(other.metadata.resourceVersion)).toBeLessThan(
      Number(created.metadata.resourceVersion),
    );
  });
});
