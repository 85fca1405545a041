import { detectDevicePluginAccelerators } from './detectDevicePluginAccelerators';
import {
  a100MigBalancedNode,
  h100DevicePluginNode,
  intelMaxNode,
  l40sTimeSlicedNode,
  mi300xNode,
  node,
} from './testFixtures';

describe('detectDevicePluginAccelerators', () => {
  it('reads an 8×H100 device-plugin node: whole GPUs, product, memory, versions', () => {
    const [nvidia, ...others] = detectDevicePluginAccelerators(
      h100DevicePluginNode('gpu-h100-01'),
    );
    expect(others).toEqual([]);
    expect(nvidia).toEqual({
      vendor: 'nvidia',
      physical: [
        {
          vendor: 'nvidia',
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryMiB: 81559,
          count: 8,
        },
      ],
      groups: [
        {
          resourceName: 'nvidia.com/gpu',
          kind: 'whole',
          dra: false,
          vendor: 'nvidia',
          product: 'NVIDIA-H100-80GB-HBM3',
          memoryMiB: 81559,
          replicas: undefined,
          allocatable: 8,
          physicalGpus: 8,
        },
      ],
      driverVersion: '570.133.20',
      cudaVersion: '12.8',
    });
  });

  it('falls back to the legacy cuda.driver/cuda.runtime labels', () => {
    const n = h100DevicePluginNode('legacy');
    delete n.labels['nvidia.com/cuda.driver-version.full'];
    delete n.labels['nvidia.com/cuda.runtime-version.full'];
    Object.assign(n.labels, {
      'nvidia.com/cuda.driver.major': '535',
      'nvidia.com/cuda.driver.minor': '104',
      'nvidia.com/cuda.driver.rev': '05',
      'nvidia.com/cuda.runtime.major': '12',
      'nvidia.com/cuda.runtime.minor': '2',
    });
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.driverVersion).toBe('535.104.05');
    expect(nvidia.cudaVersion).toBe('12.2');
  });

  it('MIG single: nvidia.com/gpu units are MIG instances and gpu.count counts them, not boards', () => {
    const n = h100DevicePluginNode('gpu-h100-mig', {
      labels: {
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3-MIG-3g.40gb',
        'nvidia.com/gpu.count': '16',
        'nvidia.com/gpu.memory': '40192',
        'nvidia.com/gpu.slices.gi': '3',
        'nvidia.com/gpu.slices.ci': '3',
        'nvidia.com/mig.config': 'all-3g.40gb',
      },
      allocatable: { 'nvidia.com/gpu': '16' },
    });
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical).toEqual([
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81920,
        count: 8,
      },
    ]);
    expect(nvidia.groups).toEqual([
      expect.objectContaining({
        resourceName: 'nvidia.com/gpu',
        kind: 'mig',
        profile: '3g.40gb',
        memoryMiB: 40192,
        allocatable: 16,
        physicalGpus: 8,
      }),
    ]);
  });

  it('MIG single: a cloud GPU-count label beats the estimate from the profile', () => {
    const n = h100DevicePluginNode('gke-mig', {
      labels: {
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb',
        'nvidia.com/gpu.count': '20',
        'nvidia.com/gpu.memory': '9984',
        'cloud.google.com/gke-accelerator-count': '4',
      },
      allocatable: { 'nvidia.com/gpu': '20' },
    });
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical[0].count).toBe(4);
    expect(nvidia.groups[0]).toMatchObject({
      kind: 'mig',
      profile: '1g.10gb',
      memoryMiB: 9984,
    });
  });

  it('MIG mixed (all-balanced): one group per profile, every MIG GPU backs each profile', () => {
    const [nvidia] = detectDevicePluginAccelerators(
      a100MigBalancedNode('gpu-a100-01'),
    );
    expect(nvidia.physical).toEqual([
      {
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        memoryMiB: 81920,
        count: 8,
      },
    ]);
    expect(
      nvidia.groups.map(g => [
        g.resourceName,
        g.kind,
        g.profile,
        g.memoryMiB,
        g.allocatable,
        g.physicalGpus,
      ]),
    ).toEqual([
      ['nvidia.com/mig-1g.10gb', 'mig', '1g.10gb', 9728, 16, 8],
      ['nvidia.com/mig-2g.20gb', 'mig', '2g.20gb', 19968, 8, 8],
      ['nvidia.com/mig-3g.40gb', 'mig', '3g.40gb', 40192, 8, 8],
    ]);
  });

  it('MIG mixed with one profile per GPU and some GPUs left whole', () => {
    const n = a100MigBalancedNode('gpu-a100-02');
    n.allocatable = {
      'nvidia.com/gpu': '2',
      'nvidia.com/mig-1g.10gb': '14',
      'nvidia.com/mig-3g.40gb': '8',
    };
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical[0].count).toBe(8);
    expect(
      nvidia.groups.map(g => [
        g.resourceName,
        g.kind,
        g.allocatable,
        g.physicalGpus,
      ]),
    ).toEqual([
      ['nvidia.com/gpu', 'whole', 2, 2],
      ['nvidia.com/mig-1g.10gb', 'mig', 14, 2],
      ['nvidia.com/mig-3g.40gb', 'mig', 8, 4],
    ]);
  });

  it('MIG mixed without gpu.count: boards are the minimum the instances need', () => {
    const n = a100MigBalancedNode('no-count');
    delete n.labels['nvidia.com/gpu.count'];
    n.allocatable = { 'nvidia.com/mig-3g.40gb': '6' };
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical[0].count).toBe(3);
  });

  it('time-slicing: 4 GPUs × 4 replicas are 16 shared units on 4 boards, product without -SHARED', () => {
    const [nvidia] = detectDevicePluginAccelerators(
      l40sTimeSlicedNode('gpu-l40s-01'),
    );
    expect(nvidia.physical).toEqual([
      { vendor: 'nvidia', product: 'NVIDIA-L40S', memoryMiB: 46068, count: 4 },
    ]);
    expect(nvidia.groups).toEqual([
      expect.objectContaining({
        resourceName: 'nvidia.com/gpu',
        kind: 'time-slicing',
        replicas: 4,
        memoryMiB: 46068,
        allocatable: 16,
        physicalGpus: 4,
      }),
    ]);
  });

  it('MPS and renamed shared resources (nvidia.com/gpu.shared)', () => {
    const n = l40sTimeSlicedNode('gpu-l40s-mps');
    n.labels['nvidia.com/gpu.sharing-strategy'] = 'mps';
    n.labels['nvidia.com/gpu.product'] = 'NVIDIA-L40S';
    n.allocatable = { 'nvidia.com/gpu.shared': '16' };
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical[0].count).toBe(4);
    expect(nvidia.groups).toEqual([
      expect.objectContaining({
        resourceName: 'nvidia.com/gpu.shared',
        kind: 'mps',
        replicas: 4,
        allocatable: 16,
        physicalGpus: 4,
      }),
    ]);
  });

  it('reads an 8×MI300X node: 192G of VRAM is 196608 MiB', () => {
    expect(detectDevicePluginAccelerators(mi300xNode('gpu-mi300x-01'))).toEqual(
      [
        {
          vendor: 'amd',
          physical: [
            {
              vendor: 'amd',
              product: 'AMD_Instinct_MI300X_OAM',
              memoryMiB: 196608,
              count: 8,
            },
          ],
          groups: [
            {
              resourceName: 'amd.com/gpu',
              kind: 'whole',
              dra: false,
              vendor: 'amd',
              product: 'AMD_Instinct_MI300X_OAM',
              memoryMiB: 196608,
              allocatable: 8,
              physicalGpus: 8,
            },
          ],
          driverVersion: '6.10.5',
        },
      ],
    );
  });

  it('counts AMD CPX partitions as hardware partitions of their GPUs', () => {
    const n = mi300xNode('gpu-mi300x-cpx');
    n.labels['amd.com/compute-memory-partition'] = 'cpx_nps4';
    n.allocatable = { 'amd.com/cpx_nps4': '64' };
    const [amd] = detectDevicePluginAccelerators(n);
    expect(amd.physical[0].count).toBe(8);
    expect(amd.groups).toEqual([
      expect.objectContaining({
        resourceName: 'amd.com/cpx_nps4',
        kind: 'mig',
        profile: 'cpx_nps4',
        memoryMiB: 24576,
        allocatable: 64,
        physicalGpus: 8,
      }),
    ]);
  });

  it('reads Intel Max GPUs: per-GPU memory from the node total', () => {
    const [intel] = detectDevicePluginAccelerators(intelMaxNode('gpu-max-01'));
    expect(intel.physical).toEqual([
      { vendor: 'intel', product: 'Max_1550', memoryMiB: 131072, count: 2 },
    ]);
    expect(intel.groups).toEqual([
      expect.objectContaining({
        resourceName: 'gpu.intel.com/i915',
        kind: 'whole',
        allocatable: 2,
      }),
    ]);
  });

  it('Intel shared-dev-num: more units than GPUs are shared replicas', () => {
    const n = intelMaxNode('gpu-flex-01');
    n.allocatable['gpu.intel.com/i915'] = '20';
    const [intel] = detectDevicePluginAccelerators(n);
    expect(intel.physical[0].count).toBe(2);
    expect(intel.groups[0]).toMatchObject({
      kind: 'time-slicing',
      replicas: 10,
      physicalGpus: 2,
    });
  });

  it('counts Gaudi, TPUs and unknown accelerators as other, product from the resource name', () => {
    const n = node('mixed', {
      labels: {
        'cloud.google.com/gke-tpu-accelerator': 'tpu-v5-lite-podslice',
      },
      allocatable: {
        'habana.ai/gaudi': '8',
        'google.com/tpu': '4',
        'example.ai/npu': '2',
        'example.ai/widget': '3',
      },
    });
    const found = detectDevicePluginAccelerators(n);
    expect(
      found.map(f => [f.vendor, f.physical.map(p => [p.product, p.count])]),
    ).toEqual([
      [
        'other',
        [
          ['example.ai/npu', 2],
          ['tpu-v5-lite-podslice', 4],
          ['habana.ai/gaudi', 8],
        ],
      ],
    ]);
  });

  it('finds nothing on a CPU node', () => {
    expect(detectDevicePluginAccelerators(node('cpu-01'))).toEqual([]);
  });

  it('keeps the physical count from gpu.count when the device plugin is not serving', () => {
    const n = h100DevicePluginNode('no-plugin', {
      allocatable: { 'nvidia.com/gpu': '0' },
    });
    const [nvidia] = detectDevicePluginAccelerators(n);
    expect(nvidia.physical[0].count).toBe(8);
    expect(nvidia.groups).toEqual([]);
  });
});
