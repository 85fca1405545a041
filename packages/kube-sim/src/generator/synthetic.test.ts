import { startKubeSim } from '../sim';
import { request } from '../testing/httpClient';
import type { KubeObject } from '../types';
import { generateSyntheticCluster, GPU_SKUS } from './synthetic';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

const referenceTime = new Date('2026-06-01T00:00:00Z');

function collect(objects: Iterable<KubeObject>) {
  const all = [...objects];
  const of = (kind: string) => all.filter(o => o.kind === kind);
  return { all, of };
}

describe('generateSyntheticCluster', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateSyntheticCluster({
      name: 's',
      nodes: 30,
      podsPerNode: 12,
      draFraction: 0.3,
      seed: 7,
      referenceTime,
    });
    const b = generateSyntheticCluster({
      name: 's',
      nodes: 30,
      podsPerNode: 12,
      draFraction: 0.3,
      seed: 7,
      referenceTime,
    });
    const c = generateSyntheticCluster({
      name: 's',
      nodes: 30,
      podsPerNode: 12,
      draFraction: 0.3,
      seed: 8,
      referenceTime,
    });
    expect(JSON.stringify([...a.objects])).toBe(JSON.stringify([...b.objects]));
    // The iterable can be walked again with the same result.
    expect(JSON.stringify([...a.objects])).toBe(JSON.stringify([...a.objects]));
    expect(JSON.stringify([...a.objects])).not.toBe(
      JSON.stringify([...c.objects]),
    );
  });

  it('produces what the summary says', () => {
    const g = generateSyntheticCluster({
      name: 's',
      nodes: 200,
      podsPerNode: 20,
      draFraction: 0.5,
      seed: 3,
      referenceTime,
    });
    const { all, of } = collect(g.objects);
    const s = g.summary;
    expect(all).toHaveLength(s.objects);
    expect(of('Node')).toHaveLength(200);
    expect(of('Pod')).toHaveLength(s.pods);
    expect(s.pods).toBe(200 * 20 + s.pendingPods);
    expect(s.pendingPods).toBeGreaterThan(0);
    expect(
      of('Pod').filter(p => (p.status as any).phase === 'Pending'),
    ).toHaveLength(s.pendingPods);
    expect(of('ResourceSlice')).toHaveLength(s.draNodes);
    expect(of('ResourceClaim')).toHaveLength(s.resourceClaims);
    expect(of('DeviceClass')).toHaveLength(1);
    expect(s.gpus).toBe(200 * 8);
    expect(Object.values(s.gpusByProduct).reduce((x, y) => x + y, 0)).toBe(
      s.gpus,
    );
    // Every SKU shows up in a cluster this size.
    expect(Object.keys(s.nodesByProduct).sort()).toEqual(
      GPU_SKUS.map(k => k.product).sort(),
    );
    // GPU requests on bound pods never exceed a node's GPUs.
    const perNode = new Map<string, number>();
    for (const p of of('Pod')) {
      const spec = p.spec as any;
      const req = spec.containers[0].resources.limits ?? {};
      const gpus = Number(req['nvidia.com/gpu'] ?? req['amd.com/gpu'] ?? 0);
      if (spec.nodeName)
        perNode.set(spec.nodeName, (perNode.get(spec.nodeName) ?? 0) + gpus);
    }
    for (const used of perNode.values()) expect(used).toBeLessThanOrEqual(8);
  });

  it('never generates two objects with the same kind, namespace and name', () => {
    const g = generateSyntheticCluster({
      name: 's',
      nodes: 3000,
      podsPerNode: 6,
      draFraction: 0.5,
      seed: 5,
      referenceTime,
    });
    const keys = new Set<string>();
    let count = 0;
    for (const o of g.objects) {
      keys.add(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      count++;
    }
    expect(count).toBe(g.summary.objects);
    expect(keys.size).toBe(count);
  });

  it('labels nodes with real GPU label keys and DRA nodes without device-plugin GPUs', () => {
    const g = generateSyntheticCluster({
      name: 's',
      nodes: 60,
      draFraction: 0.5,
      seed: 11,
      referenceTime,
    });
    const nodes = collect(g.objects).of('Node');
    const nvidia = nodes.filter(
      n => n.metadata.labels!['nvidia.com/gpu.present'] === 'true',
    );
    const amd = nodes.filter(
      n => n.metadata.labels!['amd.com/gpu.product-name'],
    );
    expect(nvidia.length + amd.length).toBe(60);
    const h100 = nvidia.find(
      n =>
        n.metadata.labels!['nvidia.com/gpu.product'] ===
        'NVIDIA-H100-80GB-HBM3',
    )!;
    expect(h100.metadata.labels).toMatchObject({
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.memory': '81559',
      'nvidia.com/gpu.family': 'hopper',
      'nvidia.com/cuda.driver-version.full': '570.133.20',
      'feature.node.kubernetes.io/pci-10de.present': 'true',
    });
    expect(amd[0].metadata.labels).toMatchObject({
      'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
      'amd.com/gpu.vram': '192G',
    });
    expect((amd[0].status as any).allocatable['amd.com/gpu']).toBe('8');
    const dra = nvidia.filter(
      n =>
        n.metadata.labels!['nvidia.com/gpu.deploy.device-plugin'] === 'false',
    );
    expect(dra).toHaveLength(g.summary.draNodes);
    expect(dra.length).toBeGreaterThan(0);
    for (const n of dra)
      expect((n.status as any).allocatable['nvidia.com/gpu']).toBeUndefined();
    for (const n of nvidia.filter(x => !dra.includes(x)))
      expect((n.status as any).allocatable['nvidia.com/gpu']).toBe('8');
  });

  it('picks the DRA API version by Kubernetes minor', () => {
    const slice = (minor: number) =>
      collect(
        generateSyntheticCluster({
          name: 's',
          nodes: 20,
          draFraction: 1,
          kubernetesMinor: minor,
          referenceTime,
        }).objects,
      ).of('ResourceSlice')[0];
    const v1 = slice(34);
    expect(v1.apiVersion).toBe('resource.k8s.io/v1');
    expect((v1.spec as any).pool).toEqual({
      name: (v1.spec as any).nodeName,
      generation: 1,
      resourceSliceCount: 1,
    });
    expect((v1.spec as any).devices[0].attributes.productName).toBeDefined();
    expect(slice(33).apiVersion).toBe('resource.k8s.io/v1beta2');
    const beta1 = slice(32);
    expect(beta1.apiVersion).toBe('resource.k8s.io/v1beta1');
    expect((beta1.spec as any).devices[0].basic.capacity.memory.value).toMatch(
      /Mi$/,
    );
    const old = generateSyntheticCluster({
      name: 's',
      nodes: 20,
      draFraction: 1,
      kubernetesMinor: 31,
      referenceTime,
    });
    expect(old.summary.draNodes).toBe(0);
    expect(old.version).toMatchObject({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.2',
    });
  });

  it('rejects bad options', () => {
    expect(() => generateSyntheticCluster({ name: 's', nodes: -1 })).toThrow(
      /nodes must be a number >= 0/,
    );
    expect(() =>
      generateSyntheticCluster({ name: 's', nodes: 1, draFraction: 2 }),
    ).toThrow(/draFraction/);
    expect(() => generateSyntheticCluster({ name: '', nodes: 1 })).toThrow(
      /name is required/,
    );
  });

  it('is served by the simulator, with DRA discovery matching the minor', async () => {
    const g = generateSyntheticCluster({
      name: 'syn',
      nodes: 40,
      podsPerNode: 10,
      draFraction: 0.5,
      kubernetesMinor: 33,
    });
    const sim = await startKubeSim({
      clusters: [{ name: 'syn', objects: g.objects, version: g.version }],
    });
    try {
      const c = sim.cluster('syn');
      const get = (p: string) =>
        request(`${c.url}${p}`, { token: c.token }).then(r => r.json());
      expect(
        (
          await get(
            '/api/v1/nodes?labelSelector=nvidia.com%2Fgpu.present%3Dtrue',
          )
        ).items.length,
      ).toBe(
        g.summary.nodesByProduct['NVIDIA-H100-80GB-HBM3'] +
          g.summary.nodesByProduct['NVIDIA-A100-SXM4-80GB'] +
          g.summary.nodesByProduct['NVIDIA-L40S'],
      );
      expect(
        (await get('/api/v1/pods?fieldSelector=status.phase%3DPending')).items,
      ).toHaveLength(g.summary.pendingPods);
      expect(
        (await get('/apis/resource.k8s.io/v1beta2/resourceslices')).items,
      ).toHaveLength(g.summary.resourceSlices);
      expect(
        (await get('/apis')).groups.find(
          (x: any) => x.name === 'resource.k8s.io',
        ).versions,
      ).toEqual([
        { groupVersion: 'resource.k8s.io/v1beta2', version: 'v1beta2' },
      ]);
    } finally {
      await sim.stop();
    }
  });
});
