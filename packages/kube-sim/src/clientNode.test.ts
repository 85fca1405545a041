/**
 * The real @kubernetes/client-node against the simulator, configured only from sim.kubeconfig().
 */
import * as k8s from '@kubernetes/client-node';
import { KubeSim, startKubeSim } from './sim';
import {
  gpuNode,
  inferencePool,
  inferencePoolCrd,
  node,
  pod,
} from './testing/fixtures';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

let sim: KubeSim;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  const nodes = [];
  for (let i = 0; i < 12; i++)
    nodes.push(gpuNode(`gpu-${String(i).padStart(2, '0')}`));
  for (let i = 0; i < 5; i++) nodes.push(node(`cpu-${i}`));
  sim = await startKubeSim({
    clusters: [
      {
        name: 'main',
        objects: [
          ...nodes,
          inferencePoolCrd,
          inferencePool('qwen', 'ml'),
          pod('p0', 'ml', { nodeName: 'gpu-00' }),
        ],
      },
      { name: 'second', objects: [node('only')] },
    ],
  });
  kc = new k8s.KubeConfig();
  kc.loadFromString(sim.kubeconfig());
});

afterAll(async () => {
  await sim.stop();
});

describe('@kubernetes/client-node', () => {
  it('lists nodes with a label selector', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const list = await core.listNode({
      labelSelector: 'nvidia.com/gpu.present=true',
    });
    expect(list.items).toHaveLength(12);
    expect(list.items[0].metadata?.labels?.['nvidia.com/gpu.product']).toBe(
      'NVIDIA-H100-80GB-HBM3',
    );
    expect(list.items[0].status?.allocatable?.['nvidia.com/gpu']).toBe('8');
    expect(list.metadata?.resourceVersion).toBe(
      sim.cluster('main').resourceVersion(),
    );
  });

  it('paginates with limit and continue', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: k8s.V1NodeList = await core.listNode({
        limit: 5,
        _continue: token,
      });
      seen.push(...page.items.map(n => n.metadata!.name!));
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(17);
    expect(new Set(seen).size).toBe(17);
  });

  it('reads custom resources through CustomObjectsApi', async () => {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const list: any = await custom.listNamespacedCustomObject({
      group: 'inference.networking.k8s.io',
      version: 'v1',
      namespace: 'ml',
      plural: 'inferencepools',
    });
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['qwen']);
    expect(list.items[0].kind).toBe('InferencePool');
    const one: any = await custom.getNamespacedCustomObject({
      group: 'inference.networking.k8s.io',
      version: 'v1',
      namespace: 'ml',
      plural: 'inferencepools',
      name: 'qwen',
    });
    expect(one.spec.targetPorts).toEqual([{ number: 8000 }]);
  });

  it('surfaces 404 as an ApiException with the Status body', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const err: any = await core
      .readNamespacedPod({ name: 'ghost', namespace: 'ml' })
      .catch(e => e);
    expect(err).toBeInstanceOf(k8s.ApiException);
    expect(err.code).toBe(404);
    expect(JSON.parse(err.body).reason).toBe('NotFound');
  });

  it('watches pods', async () => {
    const events: string[] = [];
    const watch = new k8s.Watch(kc);
    let ready!: () => void;
    const gotInitial = new Promise<void>(r => (ready = r));
    let finish!: () => void;
    const gotAll = new Promise<void>(r => (finish = r));
    const controller = await watch.watch(
      '/api/v1/namespaces/ml/pods',
      { allowWatchBookmarks: true },
      (type, obj) => {
        events.push(`${type}:${obj.metadata?.name}`);
        if (events.length === 1) ready();
        if (events.length === 3) finish();
      },
      () => {},
    );
    await gotInitial;
    const c = sim.cluster('main');
    c.upsert(pod('p1', 'ml'));
    c.remove('v1', 'Pod', 'p0', 'ml');
    await gotAll;
    controller.abort();
    expect(events).toEqual(['ADDED:p0', 'ADDED:p1', 'DELETED:p0']);
  });

  it('switches clusters through contexts', async () => {
    kc.setCurrentContext('second');
    try {
      const list = await kc.makeApiClient(k8s.CoreV1Api).listNode();
      expect(list.items.map(n => n.metadata?.name)).toEqual(['only']);
      const version = await kc.makeApiClient(k8s.VersionApi).getCode();
      expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    } finally {
      kc.setCurrentContext('main');
    }
  });
});
