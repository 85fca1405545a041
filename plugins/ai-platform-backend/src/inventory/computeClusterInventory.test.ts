import { effectivePodRequests } from '@ai-platform/plugin-ai-platform-common';
import { computeClusterInventory } from './computeClusterInventory';
import {
  a100MigBalancedNode,
  claim,
  h100DevicePluginNode,
  h100DraDevice,
  h100DraNode,
  intelMaxNode,
  l40sTimeSlicedNode,
  mi300xNode,
  node,
  pod,
  slice,
  snapshotOf,
} from './testFixtures';

const h100Devices = (nodeName: string, from = 0, to = 8) =>
  Array.from({ length: to - from }, (_, i) =>
    h100DraDevice(from + i, nodeName),
  );

/** One cluster with every shape the inventory reads. */
function labSnapshot() {
  const draIncomplete = h100DraNode('gpu-dra-02');
  // GFD still labels the node, so its boards are known while the pool is incomplete.
  Object.assign(draIncomplete.labels, {
    'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
    'nvidia.com/gpu.count': '8',
    'nvidia.com/gpu.memory': '81559',
  });
  return snapshotOf('lab', {
    nodes: [
      h100DevicePluginNode('gpu-h100-01'),
      h100DevicePluginNode('gpu-h100-02'),
      h100DevicePluginNode('gpu-h100-03', { ready: false }),
      h100DevicePluginNode('gpu-h100-04', {
        unschedulable: true,
        taints: [
          { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
        ],
      }),
      h100DraNode('gpu-dra-01'),
      draIncomplete,
      a100MigBalancedNode('gpu-a100-01'),
      l40sTimeSlicedNode('gpu-l40s-01'),
      mi300xNode('gpu-mi300x-01'),
      intelMaxNode('gpu-max-01'),
      node('npu-01', { allocatable: { 'example.ai/npu': '4' } }),
      node('cpu-01'),
    ],
    pods: [
      pod('train-llama', 'gpu-h100-01', { 'nvidia.com/gpu': 4 }),
      // An init container asking for 2 GPUs outweighs the app container's 1 (max rule).
      pod(
        'prep-then-serve',
        'gpu-h100-01',
        effectivePodRequests({
          containers: [{ requests: { 'nvidia.com/gpu': '1' } }],
          initContainers: [{ requests: { 'nvidia.com/gpu': '2' } }],
        }),
        { phase: 'Pending' },
      ),
      pod(
        'done',
        'gpu-h100-01',
        { 'nvidia.com/gpu': 2 },
        { phase: 'Succeeded' },
      ),
      pod(
        'crashed',
        'gpu-h100-01',
        { 'nvidia.com/gpu': 1 },
        { phase: 'Failed' },
      ),
      pod('unbound', undefined, { 'nvidia.com/gpu': 8 }, { phase: 'Pending' }),
      pod('notebook', 'gpu-h100-02', { 'nvidia.com/gpu': 1 }),
      pod('vllm-dra', 'gpu-dra-01', {}, { claims: ['llm/vllm-gpu'] }),
      pod('mig-a', 'gpu-a100-01', { 'nvidia.com/mig-1g.10gb': 2 }),
      pod('mig-b', 'gpu-a100-01', { 'nvidia.com/mig-1g.10gb': 3 }),
      pod('mig-c', 'gpu-a100-01', { 'nvidia.com/mig-3g.40gb': 3 }),
      pod('ts-a', 'gpu-l40s-01', { 'nvidia.com/gpu': 3 }),
      pod('ts-b', 'gpu-l40s-01', { 'nvidia.com/gpu': 2 }),
      pod('rocm', 'gpu-mi300x-01', { 'amd.com/gpu': 4 }),
      pod('npu-job', 'npu-01', { 'example.ai/npu': 1 }),
    ],
    slices: [
      slice('gpu-dra-01', h100Devices('gpu-dra-01')),
      slice('gpu-dra-02', h100Devices('gpu-dra-02'), { generation: 1 }, 'old'),
      slice(
        'gpu-dra-02',
        h100Devices('gpu-dra-02', 0, 4),
        { generation: 2, resourceSliceCount: 2 },
        'a',
      ),
    ],
    claims: [
      claim('llm', 'vllm-gpu', [
        { pool: 'gpu-dra-01', device: 'gpu-0' },
        { pool: 'gpu-dra-01', device: 'gpu-1' },
      ]),
      claim('llm', 'shares-gpu-1', [{ pool: 'gpu-dra-01', device: 'gpu-1' }]),
      claim('llm', 'not-yet', [{ pool: 'gpu-dra-01', device: 'gpu-7' }], false),
    ],
  });
}

describe('computeClusterInventory', () => {
  const inventory = computeClusterInventory(labSnapshot(), { stale: false });
  const nodeNamed = (name: string) =>
    inventory.nodeInventory.find(n => n.name === name)!;

  it('counts nodes, physical GPUs, units, allocated and free for the cluster', () => {
    expect(inventory).toMatchObject({
      cluster: 'lab',
      collectedAt: '2026-08-20T10:00:00.000Z',
      stale: false,
      nodes: 12,
      gpuNodes: 11,
    });
    expect(inventory.gpus).toMatchObject({
      physical: 74,
      allocatable: 102,
      allocated: 27,
      free: 75,
    });
    expect(inventory.unreadableParts).toBeUndefined();
  });

  it('rolls up by product, merging DRA and device-plugin names of the same GPU', () => {
    expect(inventory.gpus.byProduct).toEqual([
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        nodes: 6,
        physical: 48,
        allocatable: 40,
        allocated: 9,
        free: 31,
      },
      {
        vendor: 'amd',
        product: 'AMD_Instinct_MI300X_OAM',
        memoryMiB: 196608,
        nodes: 1,
        physical: 8,
        allocatable: 8,
        allocated: 4,
        free: 4,
      },
      {
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        memoryMiB: 81920,
        nodes: 1,
        physical: 8,
        allocatable: 32,
        allocated: 8,
        free: 24,
      },
      {
        vendor: 'other',
        product: 'example.ai/npu',
        nodes: 1,
        physical: 4,
        allocatable: 4,
        allocated: 1,
        free: 3,
      },
      {
        vendor: 'nvidia',
        product: 'NVIDIA-L40S',
        memoryMiB: 46068,
        nodes: 1,
        physical: 4,
        allocatable: 16,
        allocated: 5,
        free: 11,
      },
      {
        vendor: 'intel',
        product: 'Max_1550',
        memoryMiB: 131072,
        nodes: 1,
        physical: 2,
        allocatable: 2,
        allocated: 0,
        free: 2,
      },
    ]);
  });

  it('rolls up by vendor', () => {
    expect(inventory.gpus.byVendor).toEqual([
      {
        vendor: 'nvidia',
        physical: 60,
        allocatable: 88,
        allocated: 22,
        free: 66,
      },
      { vendor: 'amd', physical: 8, allocatable: 8, allocated: 4, free: 4 },
      { vendor: 'other', physical: 4, allocatable: 4, allocated: 1, free: 3 },
      { vendor: 'intel', physical: 2, allocatable: 2, allocated: 0, free: 2 },
    ]);
  });

  it('lists MIG profiles and shared GPUs as partitions with the boards behind them', () => {
    expect(inventory.partitions).toEqual([
      {
        resourceName: 'nvidia.com/mig-1g.10gb',
        kind: 'mig',
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        profile: '1g.10gb',
        replicas: undefined,
        memoryMiB: 9728,
        physicalGpus: 8,
        allocatable: 16,
        allocated: 5,
        free: 11,
      },
      {
        resourceName: 'nvidia.com/mig-2g.20gb',
        kind: 'mig',
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        profile: '2g.20gb',
        replicas: undefined,
        memoryMiB: 19968,
        physicalGpus: 8,
        allocatable: 8,
        allocated: 0,
        free: 8,
      },
      {
        resourceName: 'nvidia.com/mig-3g.40gb',
        kind: 'mig',
        vendor: 'nvidia',
        product: 'NVIDIA-A100-SXM4-80GB',
        profile: '3g.40gb',
        replicas: undefined,
        memoryMiB: 40192,
        physicalGpus: 8,
        allocatable: 8,
        allocated: 3,
        free: 5,
      },
      {
        resourceName: 'nvidia.com/gpu',
        kind: 'time-slicing',
        vendor: 'nvidia',
        product: 'NVIDIA-L40S',
        profile: undefined,
        replicas: 4,
        memoryMiB: 46068,
        physicalGpus: 4,
        allocatable: 16,
        allocated: 5,
        free: 11,
      },
    ]);
  });

  it('counts DRA devices of complete pools only and names the incomplete ones', () => {
    expect(inventory.dra).toEqual({
      devices: 8,
      allocated: 2,
      byDriver: {
        'gpu.nvidia.com': {
          pools: 2,
          completePools: 1,
          incompletePools: ['gpu-dra-02'],
          devices: 8,
          allocated: 2,
        },
      },
    });
  });

  it('counts running and bound pending pods, not finished or unbound ones, with init containers by the max rule', () => {
    const h100 = nodeNamed('gpu-h100-01');
    expect(h100).toMatchObject({
      physical: 8,
      allocatable: 8,
      allocated: 6,
      free: 2,
    });
    expect(h100).toMatchObject({
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      memoryMiB: 81559,
      driverVersion: '570.133.20',
      cudaVersion: '12.8',
      instanceType: 'p5.48xlarge',
      zone: 'us-east-1a',
      ready: true,
      schedulable: true,
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    });
  });

  it('reads a DRA-only node from its complete pool and allocated claims (each device once)', () => {
    const dra = nodeNamed('gpu-dra-01');
    expect(dra).toMatchObject({
      physical: 8,
      allocatable: 8,
      allocated: 2,
      free: 6,
      product: 'NVIDIA-H100-80GB-HBM3',
      driverVersion: '570.133.20',
      cudaVersion: '12.8.0',
    });
    expect(dra.units).toEqual([
      expect.objectContaining({
        resourceName: 'dra:gpu.nvidia.com',
        dra: true,
        kind: 'whole',
        allocatable: 8,
        allocated: 2,
      }),
    ]);
    expect(dra.draDevices.filter(d => d.allocated).map(d => d.name)).toEqual([
      'gpu-0',
      'gpu-1',
    ]);
    expect(dra.draDevices[0]).toEqual({
      driver: 'gpu.nvidia.com',
      pool: 'gpu-dra-01',
      name: 'gpu-0',
      type: 'gpu',
      memoryMiB: 81559,
      allocated: true,
    });
  });

  it('keeps boards known from GFD on a node whose DRA pool is incomplete, with no units', () => {
    expect(nodeNamed('gpu-dra-02')).toMatchObject({
      physical: 8,
      allocatable: 0,
      units: [],
      draDevices: [],
    });
  });

  it('reports readiness and cordons as they are', () => {
    expect(nodeNamed('gpu-h100-03')).toMatchObject({
      ready: false,
      physical: 8,
      free: 8,
    });
    expect(nodeNamed('gpu-h100-04')).toMatchObject({
      schedulable: false,
      physical: 8,
    });
  });

  it('lists CPU nodes with zero counts', () => {
    const cpu = nodeNamed('cpu-01');
    expect(cpu).toMatchObject({ physical: 0, allocatable: 0, units: [] });
    expect(cpu.vendor).toBeUndefined();
  });

  it('sorts nodes by name and names unreadable parts', () => {
    expect(inventory.nodeInventory.map(n => n.name)).toEqual(
      [...inventory.nodeInventory.map(n => n.name)].sort(),
    );
    const snapshot = labSnapshot();
    snapshot.parts.pods = {
      status: 'error',
      error: {
        cluster: 'lab',
        resource: 'pods',
        reason: 'forbidden',
        message: 'pods is forbidden',
        at: '2026-08-20T10:00:00.000Z',
      },
    };
    expect(computeClusterInventory(snapshot, { stale: true })).toMatchObject({
      stale: true,
      unreadableParts: ['pods'],
    });
  });
});
