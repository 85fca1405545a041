import {
  CapacityRequest,
  ClusterInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { InputError } from '@backstage/errors';
import { computeClusterInventory } from './computeClusterInventory';
import { fitCapacity } from './fitCapacity';
import { nodeExclusions, nominalMemoryGiB } from './placementRules';
import {
  a100MigBalancedNode,
  h100DevicePluginNode,
  l40sTimeSlicedNode,
  mi300xNode,
  pod,
  snapshotOf,
} from './testFixtures';

const gpus = (nodeName: string, n: number, name = `job-${nodeName}`) =>
  pod(name, nodeName, { 'nvidia.com/gpu': n });

function fleet(): ClusterInventory[] {
  const h100 = computeClusterInventory(
    snapshotOf(
      'h100-prod',
      {
        nodes: [
          h100DevicePluginNode('gpu-h100-01'),
          h100DevicePluginNode('gpu-h100-02'),
          h100DevicePluginNode('gpu-h100-03'),
          h100DevicePluginNode('gpu-h100-04', { ready: false }),
          h100DevicePluginNode('gpu-h100-05', { unschedulable: true }),
          h100DevicePluginNode('gpu-h100-06', {
            taints: [
              { key: 'dedicated', value: 'training', effect: 'NoSchedule' },
            ],
          }),
        ],
        pods: [
          gpus('gpu-h100-01', 8),
          gpus('gpu-h100-02', 4),
          gpus('gpu-h100-03', 5),
        ],
      },
      '2026-08-20T10:00:00.000Z',
    ),
    { stale: false },
  );
  const a100_40 = h100DevicePluginNode('gpu-a100-40', {
    labels: {
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB',
      'nvidia.com/gpu.memory': '40960',
    },
    taints: [],
  });
  const a100 = computeClusterInventory(
    snapshotOf(
      'a100-research',
      {
        nodes: [
          a100MigBalancedNode('gpu-a100-01'),
          a100_40,
          l40sTimeSlicedNode('gpu-l40s-01'),
        ],
        pods: [
          pod('mig', 'gpu-a100-01', { 'nvidia.com/mig-3g.40gb': 3 }),
          gpus('gpu-a100-40', 2),
        ],
      },
      '2026-08-20T10:05:00.000Z',
    ),
    { stale: false },
  );
  const mi300x = computeClusterInventory(
    snapshotOf(
      'mi300x-lab',
      { nodes: [mi300xNode('gpu-mi300x-01')] },
      '2026-08-19T08:00:00.000Z',
    ),
    { stale: true },
  );
  return [h100, a100, mi300x];
}

const where = (fit: {
  fits: { cluster: string; node: string; resourceName: string }[];
}) => fit.fits.map(f => `${f.cluster}/${f.node} ${f.resourceName}`);

describe('fitCapacity', () => {
  it('finds the nodes that can take 4 × ≥80 GiB now and explains why', () => {
    const fit = fitCapacity(fleet(), { count: 4, minMemoryGiB: 80 });
    expect(where(fit)).toEqual(['h100-prod/gpu-h100-02 nvidia.com/gpu']);
    expect(fit.fits[0]).toMatchObject({
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      kind: 'whole',
      dra: false,
      memoryMiB: 81559,
      freeUnits: 4,
      units: 4,
      stale: false,
      taints: ['nvidia.com/gpu=true:NoSchedule'],
    });
    expect(fit.fits[0].reasons).toEqual([
      '4 free NVIDIA-H100-80GB-HBM3, 4 needed',
      '80 GiB per device',
      'tainted nvidia.com/gpu=true:NoSchedule (GPU pods tolerate it)',
    ]);
    expect(fit.closest).toEqual([]);
    expect(fit.skippedClusters).toEqual([
      {
        cluster: 'mi300x-lab',
        reason:
          'stale: the last collection failed; data from 2026-08-19T08:00:00.000Z may be out of date (set includeStale to use it)',
      },
    ]);
    expect(fit.summary).toBe(
      '1 node in 1 cluster can take 4 × ≥80 GiB now; best: h100-prod/gpu-h100-02 (4 free NVIDIA-H100-80GB-HBM3) (1 cluster skipped: mi300x-lab)',
    );
  });

  it('uses stale clusters when asked, ranking them after fresh ones with the same fit', () => {
    const fit = fitCapacity(fleet(), {
      count: 4,
      minMemoryGiB: 80,
      includeStale: true,
    });
    expect(where(fit)).toEqual([
      'h100-prod/gpu-h100-02 nvidia.com/gpu',
      'mi300x-lab/gpu-mi300x-01 amd.com/gpu',
    ]);
    expect(fit.fits[1].stale).toBe(true);
    expect(fit.fits[1].reasons).toContain(
      'cluster data is stale (collected 2026-08-19T08:00:00.000Z)',
    );
    expect(fit.skippedClusters).toEqual([]);
  });

  it('ranks by least memory wasted, then fewest leftovers, and never mixes unit groups', () => {
    const fit = fitCapacity(fleet(), { count: 2, minMemoryGiB: 40 });
    expect(where(fit)).toEqual([
      'a100-research/gpu-a100-01 nvidia.com/mig-3g.40gb',
      'a100-research/gpu-a100-40 nvidia.com/gpu',
      'h100-prod/gpu-h100-03 nvidia.com/gpu',
      'h100-prod/gpu-h100-02 nvidia.com/gpu',
    ]);
    expect(fit.fits.map(f => f.score)).toEqual([4, 3, 2, 1]);
    expect(fit.fits[0]).toMatchObject({
      kind: 'mig',
      freeUnits: 5,
      memoryMiB: 40192,
    });
  });

  it('leaves MIG instances out when allowMig is false', () => {
    const fit = fitCapacity(fleet(), {
      count: 2,
      minMemoryGiB: 40,
      allowMig: false,
    });
    expect(where(fit)[0]).toBe('a100-research/gpu-a100-40 nvidia.com/gpu');
    expect(fit.fits.every(f => f.kind !== 'mig')).toBe(true);
  });

  it('picks the smallest MIG profile that is big enough', () => {
    const fit = fitCapacity(fleet(), {
      count: 1,
      minMemoryGiB: 10,
      product: 'a100',
    });
    expect(where(fit)).toEqual([
      'a100-research/gpu-a100-01 nvidia.com/mig-1g.10gb',
      'a100-research/gpu-a100-40 nvidia.com/gpu',
    ]);
  });

  it('excludes time-sliced replicas unless allowShared', () => {
    const request: CapacityRequest = { count: 2, product: 'L40S' };
    const excluded = fitCapacity(fleet(), request);
    expect(excluded.fits).toEqual([]);
    expect(excluded.closest.map(c => [c.node, c.kind, c.reasons[0]])).toEqual([
      [
        'gpu-l40s-01',
        'time-slicing',
        "time-sliced replicas share one GPU's memory; set allowShared to accept them",
      ],
    ]);
    const allowed = fitCapacity(fleet(), { ...request, allowShared: true });
    expect(where(allowed)).toEqual([
      'a100-research/gpu-l40s-01 nvidia.com/gpu',
    ]);
    expect(allowed.fits[0]).toMatchObject({
      kind: 'time-slicing',
      freeUnits: 16,
    });
  });

  it('filters by vendor and product', () => {
    expect(
      where(
        fitCapacity(fleet(), { count: 1, vendor: 'amd', includeStale: true }),
      ),
    ).toEqual(['mi300x-lab/gpu-mi300x-01 amd.com/gpu']);
    expect(where(fitCapacity(fleet(), { count: 1, product: 'h100' }))).toEqual([
      'h100-prod/gpu-h100-03 nvidia.com/gpu',
      'h100-prod/gpu-h100-02 nvidia.com/gpu',
    ]);
    const none = fitCapacity(fleet(), { count: 1, vendor: 'intel' });
    expect(none.fits).toEqual([]);
    expect(none.closest).toEqual([]);
    expect(none.summary).toBe(
      'No node can take 1 × Intel now: no Intel GPUs in 2 clusters searched (1 cluster skipped: mi300x-lab)',
    );
  });

  it('when nothing fits, lists the closest nodes with what each lacks (full nodes left out)', () => {
    const fit = fitCapacity(fleet(), { count: 8, minMemoryGiB: 80 });
    expect(fit.fits).toEqual([]);
    expect(fit.closest.map(c => [c.node, c.reasons[0]])).toEqual([
      ['gpu-h100-02', '4 free of 8 needed'],
      ['gpu-h100-03', '3 free of 8 needed'],
      ['gpu-h100-04', 'node NotReady'],
      ['gpu-h100-05', 'node cordoned (unschedulable)'],
      ['gpu-h100-06', 'taint dedicated=training:NoSchedule'],
    ]);
    const onlyFull = computeClusterInventory(
      snapshotOf('busy', {
        nodes: [h100DevicePluginNode('full')],
        pods: [gpus('full', 8)],
      }),
      { stale: false },
    );
    expect(
      fitCapacity([onlyFull], { count: 1 }).closest.map(c => [
        c.node,
        c.reasons[0],
      ]),
    ).toEqual([['full', '0 free of 1 needed']]);
    expect(fit.summary).toBe(
      'No node can take 8 × ≥80 GiB now; closest: h100-prod/gpu-h100-02 has 4 free NVIDIA-H100-80GB-HBM3 (4 free of 8 needed) (1 cluster skipped: mi300x-lab)',
    );
  });

  it('says how much memory a near miss has', () => {
    const fit = fitCapacity(fleet(), {
      count: 4,
      minMemoryGiB: 80,
      clusters: ['a100-research'],
    });
    expect(fit.fits).toEqual([]);
    expect(fit.closest.map(c => [c.node, c.resourceName, c.reasons])).toEqual([
      [
        'gpu-a100-01',
        'nvidia.com/mig-3g.40gb',
        ['40 GiB per device, 80 needed'],
      ],
      ['gpu-a100-40', 'nvidia.com/gpu', ['40 GiB per device, 80 needed']],
      [
        'gpu-l40s-01',
        'nvidia.com/gpu',
        [
          "time-sliced replicas share one GPU's memory; set allowShared to accept them",
          '45 GiB per device, 80 needed',
        ],
      ],
    ]);
  });

  it('limits the search to the named clusters and reports unknown and unavailable ones', () => {
    const fit = fitCapacity(
      fleet(),
      { count: 1, clusters: ['a100-research', 'nowhere', 'gb200-new'] },
      [
        { cluster: 'gb200-new', reason: 'not collected yet' },
        { cluster: 'other', reason: 'not collected yet' },
      ],
    );
    expect(new Set(fit.fits.map(f => f.cluster))).toEqual(
      new Set(['a100-research']),
    );
    expect(fit.skippedClusters).toEqual([
      { cluster: 'gb200-new', reason: 'not collected yet' },
      { cluster: 'nowhere', reason: 'unknown cluster' },
    ]);
  });

  it('does not trust free units of a cluster whose pods could not be read', () => {
    const [h100] = fleet();
    const fit = fitCapacity([{ ...h100, unreadableParts: ['pods'] }], {
      count: 1,
    });
    expect(fit.fits).toEqual([]);
    expect(fit.skippedClusters).toEqual([
      {
        cluster: 'h100-prod',
        reason: 'pods could not be read, so free units are unknown',
      },
    ]);
  });

  it('honours the limit and says so when there is nothing to search', () => {
    expect(fitCapacity(fleet(), { count: 1, limit: 2 }).fits).toHaveLength(2);
    expect(fitCapacity([], { count: 1 }).summary).toBe(
      'No node can take 1 × GPU now: no cluster with current inventory to search',
    );
  });

  it.each([
    [{ count: 0 }, 'count must be a whole number from 1 to 64, got 0'],
    [{ count: 65 }, 'count must be a whole number from 1 to 64, got 65'],
    [{ count: 1.5 }, 'count must be a whole number from 1 to 64, got 1.5'],
    [{ count: '4' }, 'count must be a whole number from 1 to 64, got "4"'],
    [{}, 'count must be a whole number from 1 to 64, got undefined'],
    [
      { count: 1, minMemoryGiB: -1 },
      'minMemoryGiB must be a number of GiB, 0 or more, got -1',
    ],
    [
      { count: 1, vendor: 'nvida' },
      'vendor must be one of nvidia, amd, intel, other, got "nvida"',
    ],
    [
      { count: 1, product: 'x'.repeat(101) },
      'product must be at most 100 characters, got 101',
    ],
    [
      { count: 1, product: 7 },
      'product must be a string (part of a product name, e.g. "H100"), got 7',
    ],
    [
      { count: 1, allowMig: 'yes' },
      'allowMig must be true or false, got "yes"',
    ],
    [
      { count: 1, clusters: 'a' },
      'clusters must be a list of up to 500 cluster names, got "a"',
    ],
    [
      { count: 1, limit: 0 },
      'limit must be a whole number from 1 to 100, got 0',
    ],
    [
      { count: 1, minMemoryGB: 80 },
      "Unknown field 'minMemoryGB' in capacity request",
    ],
    [[], 'Capacity request must be a JSON object'],
  ])('rejects %j', (request, message) => {
    expect(() =>
      fitCapacity(fleet(), request as unknown as CapacityRequest),
    ).toThrow(InputError);
    expect(() =>
      fitCapacity(fleet(), request as unknown as CapacityRequest),
    ).toThrow(message);
  });
});

describe('nominalMemoryGiB', () => {
  it('reads memory the way GPUs are sold', () => {
    expect(
      nominalMemoryGiB({
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        kind: 'whole',
      }),
    ).toBe(80);
    expect(
      nominalMemoryGiB({
        product: 'NVIDIA-A100-SXM4-80GB',
        memoryMiB: 9728,
        profile: '1g.10gb',
        kind: 'mig',
      }),
    ).toBe(10);
    expect(
      nominalMemoryGiB({
        product: 'NVIDIA-L40S',
        memoryMiB: 46068,
        kind: 'whole',
      }),
    ).toBe(45);
    expect(
      nominalMemoryGiB({
        product: 'AMD_Instinct_MI300X_OAM',
        memoryMiB: 196608,
        kind: 'whole',
      }),
    ).toBe(192);
    // A product name that disagrees with the device by more than 10% is not trusted.
    expect(
      nominalMemoryGiB({
        product: 'Weird-80GB',
        memoryMiB: 40960,
        kind: 'whole',
      }),
    ).toBe(40);
    expect(
      nominalMemoryGiB({ product: 'example.ai/npu', kind: 'whole' }),
    ).toBeUndefined();
  });
});

describe('nodeExclusions', () => {
  it('excludes NotReady (also Ready=Unknown), cordons and foreign taints, but not accelerator taints', () => {
    const [h100] = fleet();
    const byName = (n: string) => h100.nodeInventory.find(x => x.name === n)!;
    expect(nodeExclusions(byName('gpu-h100-02'))).toEqual([]);
    expect(nodeExclusions(byName('gpu-h100-04'))).toEqual(['node NotReady']);
    expect(nodeExclusions(byName('gpu-h100-05'))).toEqual([
      'node cordoned (unschedulable)',
    ]);
    expect(
      nodeExclusions({ ...byName('gpu-h100-02'), ready: 'unknown' }),
    ).toEqual(['node NotReady (status Unknown)']);
    expect(
      nodeExclusions({
        ...byName('gpu-h100-02'),
        taints: [
          { key: 'amd.com/gpu', effect: 'NoExecute' },
          { key: 'spot', value: 'true', effect: 'PreferNoSchedule' },
          { key: 'maintenance', effect: 'NoExecute' },
        ],
      }),
    ).toEqual(['taint maintenance:NoExecute']);
  });
});
