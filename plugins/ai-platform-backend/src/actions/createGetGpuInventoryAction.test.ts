import {
  FleetInventory,
  NodeInventory,
} from '@ai-platform/plugin-ai-platform-common';
import {
  clusterStatus,
  COLLECTED_AT,
  validationError,
  fakeInventory,
  fakeSnapshots,
  invoke,
  registry,
} from './__testUtils__/fakes';
import { createGetGpuInventoryAction } from './createGetGpuInventoryAction';

const counts = (physical: number, allocatable: number, allocated: number) => ({
  physical,
  allocatable,
  allocated,
  free: allocatable - allocated,
});

const fleet: FleetInventory = {
  clusters: [
    {
      cluster: 'a100-research',
      stale: true,
      collectedAt: COLLECTED_AT,
      gpuNodes: 4,
      gpus: counts(32, 118, 23),
    },
    {
      cluster: 'h100-prod',
      stale: false,
      collectedAt: COLLECTED_AT,
      gpuNodes: 5,
      gpus: counts(40, 40, 23),
    },
  ],
  gpus: {
    ...counts(72, 158, 46),
    byProduct: [
      {
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        memoryMiB: 81920,
        nodes: 4,
        clusters: 1,
        ...counts(32, 118, 23),
      },
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        nodes: 5,
        clusters: 1,
        ...counts(40, 40, 23),
      },
    ],
    byVendor: [{ vendor: 'nvidia', ...counts(72, 158, 46) }],
  },
};

const node: NodeInventory = {
  cluster: 'h100-prod',
  name: 'gpu-h100-03',
  ready: true,
  schedulable: true,
  taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  vendor: 'nvidia',
  product: 'NVIDIA-H100-80GB-HBM3',
  memoryMiB: 81559,
  ...counts(8, 8, 4),
  units: [
    {
      resourceName: 'nvidia.com/gpu',
      kind: 'whole',
      dra: false,
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      ...counts(8, 8, 4),
    },
  ],
  draDevices: [],
  instanceType: 'p5.48xlarge',
};

describe('get-gpu-inventory', () => {
  function setup() {
    const fake = fakeInventory({
      fleet,
      nodes: { items: [node], totalItems: 3, nextOffset: 2 },
    });
    const actions = registry();
    createGetGpuInventoryAction({
      actionsRegistry: actions,
      inventory: fake.service,
      snapshots: fakeSnapshots([
        clusterStatus('h100-prod'),
        clusterStatus('a100-research'),
      ]),
    });
    return { actions, calls: fake.calls };
  }

  it('totals the fleet by vendor, product and cluster, without nodes by default', async () => {
    const { actions, calls } = setup();
    const output = await invoke(actions, 'get-gpu-inventory', {});
    expect(calls.fleet).toEqual([{}]);
    expect(calls.nodes).toEqual([]);
    expect(output.totals).toEqual(counts(72, 158, 46));
    expect(output.byVendor).toEqual([
      { vendor: 'nvidia', ...counts(72, 158, 46) },
    ]);
    expect(output.byProduct[1]).toEqual({
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryGiB: 80,
      nodes: 5,
      clusters: 1,
      ...counts(40, 40, 23),
    });
    expect(output.byCluster).toEqual([
      {
        cluster: 'a100-research',
        stale: true,
        collectedAt: COLLECTED_AT,
        gpuNodes: 4,
        ...counts(32, 118, 23),
      },
      {
        cluster: 'h100-prod',
        stale: false,
        collectedAt: COLLECTED_AT,
        gpuNodes: 5,
        ...counts(40, 40, 23),
      },
    ]);
    expect(output.nodes).toBeUndefined();
    expect(output.summary).toBe(
      'Fleet of 2 clusters: 72 physical GPUs on 9 GPU nodes; 158 schedulable units, 46 allocated, 112 free. By product: NVIDIA-A100-SXM4-80GB 32 (95 free units), NVIDIA-H100-80GB-HBM3 40 (17 free units). Stale data: a100-research',
    );
  });

  it('passes the filters on and pages the nodes', async () => {
    const { actions, calls } = setup();
    const output = await invoke(actions, 'get-gpu-inventory', {
      cluster: 'h100-prod',
      vendor: 'nvidia',
      product: ' H100 ',
      minMemoryGiB: 80,
      includeNodes: true,
      limit: 1,
      offset: 1,
    });
    const query = {
      clusters: ['h100-prod'],
      vendor: 'nvidia',
      product: 'H100',
      minMemoryGiB: 80,
    };
    expect(calls.fleet).toEqual([query]);
    expect(calls.nodes).toEqual([{ ...query, offset: 1, limit: 1 }]);
    expect(output.nodes).toEqual({
      items: [
        {
          cluster: 'h100-prod',
          name: 'gpu-h100-03',
          ready: true,
          schedulable: true,
          vendor: 'nvidia',
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryGiB: 80,
          ...counts(8, 8, 4),
          units: [
            {
              resourceName: 'nvidia.com/gpu',
              kind: 'whole',
              dra: false,
              ...counts(8, 8, 4),
            },
          ].map(({ physical: _p, ...u }) => u),
          taints: ['nvidia.com/gpu=present:NoSchedule'],
          instanceType: 'p5.48xlarge',
        },
      ],
      totalItems: 3,
      offset: 1,
      limit: 1,
      nextOffset: 2,
    });
    expect(output.summary).toMatch(
      /^Cluster h100-prod, nvidia "H100" ≥80 GiB devices: /,
    );
  });

  it('rejects unknown clusters and out-of-range pages, naming the argument', async () => {
    const { actions } = setup();
    await expect(
      invoke(actions, 'get-gpu-inventory', { cluster: 'nope' }),
    ).rejects.toThrow('No cluster named "nope"');
    expect(
      await validationError(
        invoke(actions, 'get-gpu-inventory', {
          includeNodes: true,
          limit: 101,
        }),
      ),
    ).toEqual({
      arguments: ['limit'],
      problems: [expect.stringMatching(/less than or equal to 100/)],
    });
    expect(
      await validationError(
        invoke(actions, 'get-gpu-inventory', { minMemoryGiB: 'eighty' }),
      ),
    ).toEqual({
      arguments: ['minMemoryGiB'],
      problems: [expect.stringMatching(/Expected number, received string/)],
    });
    expect(
      await validationError(
        invoke(actions, 'get-gpu-inventory', { vendor: 'nvidai' }),
      ),
    ).toEqual({
      arguments: ['vendor'],
      problems: [
        expect.stringMatching(/'nvidia' \| 'amd' \| 'intel' \| 'other'/),
      ],
    });
  });
});
