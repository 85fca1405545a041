import { KubeSim, startKubeSim } from '../sim';
import { pod, smallCluster } from '../testing/fixtures';
import { request } from '../testing/httpClient';

let sim: KubeSim;
let base: string;
let token: string;

beforeEach(async () => {
  sim = await startKubeSim({
    clusters: [{ name: 'w', objects: smallCluster() }],
  });
  base = sim.cluster('w').url;
  token = sim.cluster('w').token;
});

afterEach(async () => {
  await sim.stop();
});

const call = (
  method: string,
  path: string,
  body?: unknown,
  contentType?: string,
) => request(`${base}${path}`, { method, token, body, contentType });

describe('create (POST)', () => {
  it('creates with 201, then 409 AlreadyExists', async () => {
    const created = await call('POST', '/api/v1/namespaces/ml/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg' },
      data: { a: '1' },
    });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'ml' },
      data: { a: '1' },
    });
    expect(
      sim
        .cluster('w')
        .list('v1', 'ConfigMap')
        .map(o => o.metadata.name),
    ).toEqual(['cfg']);
    const again = await call('POST', '/api/v1/namespaces/ml/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg' },
    });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "cfg" already exists',
    });
  });

  it('supports generateName and dryRun', async () => {
    const gen = await call('POST', '/api/v1/namespaces/ml/pods', {
      ...pod('', 'ml'),
      metadata: { generateName: 'job-' },
    });
    expect(gen.status).toBe(201);
    expect(gen.json().metadata.name).toMatch(/^job-[a-z0-9]{5}$/);
    const dry = await call(
      'POST',
      '/api/v1/namespaces/ml/pods?dryRun=All',
      pod('dry', 'ml'),
    );
    expect(dry.status).toBe(201);
    expect((await call('GET', '/api/v1/namespaces/ml/pods/dry')).status).toBe(
      404,
    );
  });

  it('rejects mismatching namespace, kind, apiVersion and missing namespaces', async () => {
    expect(
      (await call('POST', '/api/v1/namespaces/ml/pods', pod('x', 'other')))
        .status,
    ).toBe(400);
    const kind = await call('POST', '/api/v1/namespaces/ml/pods', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    expect(kind.json().message).toMatch(/the kind in the data \(ConfigMap\)/);
    const ver = await call('POST', '/api/v1/namespaces/ml/pods', {
      apiVersion: 'apps/v1',
      kind: 'Pod',
      metadata: { name: 'x' },
    });
    expect(ver.json().message).toMatch(/API version in the data \(apps\/v1\)/);
    const ns = await call(
      'POST',
      '/api/v1/namespaces/ghost/pods',
      pod('x', 'ghost'),
    );
    expect(ns.status).toBe(404);
    expect(ns.json().message).toBe('namespaces "ghost" not found');
    expect(
      (await call('POST', '/api/v1/namespaces/ml/pods', 'not json{')).status,
    ).toBe(400);
  });

  it('adds CRDs to discovery when they are created', async () => {
    expect((await call('GET', '/apis/kueue.x-k8s.io/v1beta2')).status).toBe(
      404,
    );
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'localqueues.kueue.x-k8s.io' },
      spec: {
        group: 'kueue.x-k8s.io',
        scope: 'Namespaced',
        names: { plural: 'localqueues', kind: 'LocalQueue' },
        versions: [{ name: 'v1beta2', served: true, storage: true }],
      },
    };
    expect(
      (
        await call(
          'POST',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
          crd,
        )
      ).status,
    ).toBe(201);
    expect(
      (await call('GET', '/apis/kueue.x-k8s.io/v1beta2')).json().resources[0]
        .name,
    ).toBe('localqueues');
    const lq = await call(
      'POST',
      '/apis/kueue.x-k8s.io/v1beta2/namespaces/ml/localqueues',
      {
        apiVersion: 'kueue.x-k8s.io/v1beta2',
        kind: 'LocalQueue',
        metadata: { name: 'q' },
        spec: { clusterQueue: 'cq' },
      },
    );
    expect(lq.status).toBe(201);
  });
});

describe('replace (PUT)', () => {
  it('replaces, keeps uid, and enforces resourceVersion preconditions', async () => {
    const current = (await call('GET', '/api/v1/nodes/gpu-1')).json();
    const replaced = await call('PUT', '/api/v1/nodes/gpu-1', {
      ...current,
      metadata: { ...current.metadata, labels: { only: 'this' } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json().metadata.labels).toEqual({ only: 'this' });
    expect(replaced.json().metadata.uid).toBe(current.metadata.uid);
    const stale = await call('PUT', '/api/v1/nodes/gpu-1', current);
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ reason: 'Conflict' });
    expect(stale.json().message).toMatch(/the object has been modified/);
    const missing = await call('PUT', '/api/v1/nodes/ghost', {
      ...current,
      metadata: { name: 'ghost' },
    });
    expect(missing.status).toBe(404);
    const wrongName = await call('PUT', '/api/v1/nodes/gpu-2', {
      ...current,
      metadata: { name: 'gpu-1' },
    });
    expect(wrongName.status).toBe(400);
  });

  it('updates only .status through the status subresource', async () => {
    const current = (
      await call('GET', '/api/v1/namespaces/ml/pods/train-0')
    ).json();
    const res = await call('PUT', '/api/v1/namespaces/ml/pods/train-0/status', {
      ...current,
      metadata: { ...current.metadata, labels: { ignored: 'yes' } },
      status: { phase: 'Succeeded' },
    });
    expect(res.status).toBe(200);
    expect(res.json().status.phase).toBe('Succeeded');
    expect(res.json().metadata.labels).toEqual(current.metadata.labels);
  });
});

describe('patch (PATCH)', () => {
  it('applies JSON merge patches', async () => {
    const res = await call(
      'PATCH',
      '/api/v1/nodes/gpu-1',
      { metadata: { labels: { added: 'x', 'nvidia.com/gpu.count': null } } },
      'application/merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect(res.json().metadata.labels.added).toBe('x');
    expect(res.json().metadata.labels['nvidia.com/gpu.count']).toBeUndefined();
  });

  it('treats strategic merge patches as merge patches', async () => {
    const res = await call(
      'PATCH',
      '/api/v1/nodes/gpu-1',
      { spec: { unschedulable: true } },
      'application/strategic-merge-patch+json',
    );
    expect(res.json().spec.unschedulable).toBe(true);
    const list = (
      await call('GET', '/api/v1/nodes?fieldSelector=spec.unschedulable%3Dtrue')
    ).json();
    expect(list.items.map((i: any) => i.metadata.name)).toEqual([
      'cpu-1',
      'gpu-1',
    ]);
  });

  it('applies JSON patches and rejects unknown patch types', async () => {
    const res = await call(
      'PATCH',
      '/api/v1/nodes/gpu-1',
      [{ op: 'add', path: '/metadata/labels/j', value: '1' }],
      'application/json-patch+json',
    );
    expect(res.json().metadata.labels.j).toBe('1');
    const bad = await call(
      'PATCH',
      '/api/v1/nodes/gpu-1',
      [{ op: 'remove', path: '/nope' }],
      'application/json-patch+json',
    );
    expect(bad.status).toBe(422);
    const apply = await call(
      'PATCH',
      '/api/v1/nodes/gpu-1',
      'apiVersion: v1',
      'application/apply-patch+yaml',
    );
    expect(apply.status).toBe(415);
    expect(apply.json().reason).toBe('UnsupportedMediaType');
  });

  it('keeps name and namespace immutable', async () => {
    const res = await call(
      'PATCH',
      '/api/v1/namespaces/ml/pods/train-0',
      { metadata: { name: 'renamed', namespace: 'x' } },
      'application/merge-patch+json',
    );
    expect(res.json().metadata).toMatchObject({
      name: 'train-0',
      namespace: 'ml',
    });
  });
});

describe('delete (DELETE)', () => {
  it('deletes pods (answering with the object) and other kinds (answering with Status)', async () => {
    const p = await call('DELETE', '/api/v1/namespaces/ml/pods/train-0');
    expect(p.status).toBe(200);
    expect(p.json()).toMatchObject({
      kind: 'Pod',
      metadata: { name: 'train-0' },
    });
    expect(
      (await call('GET', '/api/v1/namespaces/ml/pods/train-0')).status,
    ).toBe(404);
    const n = await call('DELETE', '/api/v1/nodes/gpu-2');
    expect(n.json()).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'gpu-2', kind: 'nodes' },
    });
    expect((await call('DELETE', '/api/v1/nodes/gpu-2')).status).toBe(404);
  });

  it('deletes collections by selector', async () => {
    const res = await call(
      'DELETE',
      '/api/v1/namespaces/ml/pods?labelSelector=app%3Dtrain',
    );
    expect(res.status).toBe(200);
    expect(res.json().items.map((i: any) => i.metadata.name)).toEqual([
      'pending-0',
      'train-0',
    ]);
    const left = (await call('GET', '/api/v1/pods')).json();
    expect(left.items.map((i: any) => i.metadata.name)).toEqual([
      'proxy-0',
      'serve-0',
    ]);
  });
});
