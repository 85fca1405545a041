import { computeClusterInventory } from './computeClusterInventory';
import { fleetInventory } from './rollUps';
import {
  h100DevicePluginNode,
  mi300xNode,
  pod,
  snapshotOf,
} from './testFixtures';

describe('fleetInventory', () => {
  it('adds clusters up and counts the clusters that have each product', () => {
    const a = computeClusterInventory(
      snapshotOf('h100-prod', {
        nodes: [
          h100DevicePluginNode('gpu-h100-01'),
          h100DevicePluginNode('gpu-h100-02'),
        ],
        pods: [pod('p', 'gpu-h100-01', { 'nvidia.com/gpu': 5 })],
      }),
      { stale: false },
    );
    const b = computeClusterInventory(
      snapshotOf('mixed-lab', {
        nodes: [
          h100DevicePluginNode('gpu-h100-09'),
          mi300xNode('gpu-mi300x-01'),
        ],
      }),
      { stale: true },
    );
    const fleet = fleetInventory(
      [b, a],
      [{ cluster: 'never-seen', stale: false }],
    );
    expect(fleet.clusters).toEqual([
      {
        cluster: 'h100-prod',
        stale: false,
        collectedAt: a.collectedAt,
        gpuNodes: 2,
        gpus: { physical: 16, allocatable: 16, allocated: 5, free: 11 },
      },
      {
        cluster: 'mixed-lab',
        stale: true,
        collectedAt: b.collectedAt,
        gpuNodes: 2,
        gpus: { physical: 16, allocatable: 16, allocated: 0, free: 16 },
      },
      {
        cluster: 'never-seen',
        stale: false,
        gpuNodes: 0,
        gpus: { physical: 0, allocatable: 0, allocated: 0, free: 0 },
      },
    ]);
    expect(fleet.gpus).toMatchObject({
      physical: 32,
      allocatable: 32,
      allocated: 5,
      free: 27,
    });
    expect(fleet.gpus.byProduct).toEqual([
      {
        vendor: 'nvidia',
        product: 'NVIDIA-H100-80GB-HBM3',
        memoryMiB: 81559,
        nodes: 3,
        clusters: 2,
        physical: 24,
        allocatable: 24,
        allocated: 5,
        free: 19,
      },
      {
        vendor: 'amd',
        product: 'AMD_Instinct_MI300X_OAM',
        memoryMiB: 196608,
        nodes: 1,
        clusters: 1,
        physical: 8,
        allocatable: 8,
        allocated: 0,
        free: 8,
      },
    ]);
    expect(fleet.gpus.byVendor).toEqual([
      {
        vendor: 'nvidia',
        physical: 24,
        allocatable: 24,
        allocated: 5,
        free: 19,
      },
      { vendor: 'amd', physical: 8, allocatable: 8, allocated: 0, free: 8 },
    ]);
  });
});
