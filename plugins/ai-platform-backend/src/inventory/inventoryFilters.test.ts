import { computeClusterInventory } from './computeClusterInventory';
import {
  filterClusterInventory,
  filteredRollUp,
  filterNodeInventory,
} from './inventoryFilters';
import {
  a100MigBalancedNode,
  h100DevicePluginNode,
  mi300xNode,
  pod,
  snapshotOf,
} from './testFixtures';

const inventory = computeClusterInventory(
  snapshotOf('mixed', {
    nodes: [
      a100MigBalancedNode('gpu-a100-01'),
      h100DevicePluginNode('gpu-h100-01'),
      mi300xNode('gpu-mi300x-01'),
    ],
    pods: [
      pod('p', 'gpu-h100-01', { 'nvidia.com/gpu': 7 }),
      pod('m', 'gpu-a100-01', { 'nvidia.com/mig-3g.40gb': 8 }),
    ],
  }),
  { stale: false },
);
const byName = (name: string) =>
  inventory.nodeInventory.find(n => n.name === name)!;

describe('filterNodeInventory', () => {
  it('keeps only the unit groups that meet the memory floor', () => {
    const a100 = filterNodeInventory(byName('gpu-a100-01'), {
      minMemoryGiB: 20,
    })!;
    expect(a100.units.map(u => u.profile)).toEqual(['2g.20gb', '3g.40gb']);
    expect(a100).toMatchObject({
      physical: 8,
      allocatable: 16,
      allocated: 8,
      free: 8,
    });
  });

  it('matches products by board name or MIG profile', () => {
    expect(
      filterNodeInventory(byName('gpu-a100-01'), { product: '1g.10gb' })?.units,
    ).toHaveLength(1);
    expect(
      filterNodeInventory(byName('gpu-a100-01'), {
        product: 'A100-SXM4-80GB-MIG-3g',
      })?.units,
    ).toHaveLength(1);
    expect(
      filterNodeInventory(byName('gpu-h100-01'), { product: 'a100' }),
    ).toBeUndefined();
  });

  it('drops nodes with fewer free units than minFree', () => {
    expect(
      filterNodeInventory(byName('gpu-h100-01'), { minFree: 2 }),
    ).toBeUndefined();
    expect(
      filterNodeInventory(byName('gpu-h100-01'), { minFree: 1 }),
    ).toBeDefined();
  });
});

describe('filterClusterInventory', () => {
  it('rolls a cluster up again over the matching devices only', () => {
    const amd = filterClusterInventory(inventory, { vendor: 'amd' });
    expect(amd).toMatchObject({
      gpuNodes: 1,
      gpus: { physical: 8, allocatable: 8 },
      partitions: [],
    });
    const big = filterClusterInventory(inventory, { minMemoryGiB: 80 });
    expect(
      big.gpus.byProduct.map(p => [p.product, p.physical, p.allocatable]),
    ).toEqual([
      ['AMD_Instinct_MI300X_OAM', 8, 8],
      ['NVIDIA-A100-SXM4-80GB', 8, 0],
      ['NVIDIA-H100-80GB-HBM3', 8, 8],
    ]);
    expect(filterClusterInventory(inventory, {})).toBe(inventory);
  });
});

describe('filteredRollUp', () => {
  it.each([
    [{ vendor: 'amd' as const }],
    [{ minMemoryGiB: 80 }],
    [{ minMemoryGiB: 20, product: 'a100' }],
    [{ minFree: 2 }],
    [{ vendor: 'nvidia' as const, minFree: 12 }],
    [{ product: 'nothing-like-this' }],
  ])('gives the same totals as the filtered inventory for %j', query => {
    const full = filterClusterInventory(inventory, query);
    const fast = filteredRollUp(inventory, query);
    expect(fast.gpuNodes).toBe(full.gpuNodes);
    expect(fast.gpus).toEqual(full.gpus);
    // Memoized: the same object for the same query.
    expect(filteredRollUp(inventory, query)).toBe(fast);
  });
});
