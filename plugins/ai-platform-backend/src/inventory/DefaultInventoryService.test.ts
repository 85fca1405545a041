import { InputError } from '@backstage/errors';
import { createInventoryService } from './createInventoryService';
import {
  FakeSnapshots,
  h100DevicePluginNode,
  mi300xNode,
  node,
  pod,
  snapshotOf,
} from './testFixtures';

function h100Prod(collectedAt = '2026-08-20T10:00:00.000Z', usedOnFirst = 2) {
  return snapshotOf(
    'h100-prod',
    {
      nodes: [
        h100DevicePluginNode('gpu-h100-01'),
        h100DevicePluginNode('gpu-h100-02'),
        h100DevicePluginNode('gpu-h100-03'),
        node('system-1'),
      ],
      pods: [
        pod('a', 'gpu-h100-01', { 'nvidia.com/gpu': usedOnFirst }),
        pod('b', 'gpu-h100-02', { 'nvidia.com/gpu': 7 }),
      ],
    },
    collectedAt,
  );
}

const mi300xLab = () =>
  snapshotOf('mi300x-lab', {
    nodes: [mi300xNode('gpu-mi300x-01'), mi300xNode('gpu-mi300x-02')],
  });

function setup() {
  const snapshots = new FakeSnapshots();
  snapshots.serve(h100Prod());
  snapshots.serve(mi300xLab(), true);
  snapshots.known('gb200-new', 'pending');
  snapshots.known('broken', 'failed', {
    cluster: 'broken',
    resource: '/version',
    reason: 'unauthorized',
    message: 'the API server rejected the token (401)',
    at: '2026-08-20T10:00:00.000Z',
  });
  return { snapshots, service: createInventoryService({ snapshots }) };
}

describe('DefaultInventoryService', () => {
  it('computes a cluster inventory once per snapshot and recomputes when a new one arrives', async () => {
    const { snapshots, service } = setup();
    const first = await service.getClusterInventory('h100-prod');
    expect(first).toMatchObject({
      cluster: 'h100-prod',
      stale: false,
      gpus: { physical: 24, allocated: 9 },
    });
    expect(await service.getClusterInventory('h100-prod')).toBe(first);
    await service.listNodes({});
    expect(await service.getClusterInventory('h100-prod')).toBe(first);

    snapshots.serve(h100Prod('2026-08-20T10:15:00.000Z', 8));
    const second = await service.getClusterInventory('h100-prod');
    expect(second).not.toBe(first);
    expect(second).toMatchObject({
      collectedAt: '2026-08-20T10:15:00.000Z',
      gpus: { allocated: 15 },
    });
  });

  it('marks inventories stale from the cluster status without recomputing', async () => {
    const { snapshots, service } = setup();
    expect(await service.getClusterInventory('mi300x-lab')).toMatchObject({
      stale: true,
    });
    const fresh = await service.getClusterInventory('h100-prod');
    const served = snapshots.served.get('h100-prod')!;
    served.status = { ...served.status, state: 'stale', stale: true };
    const stale = await service.getClusterInventory('h100-prod');
    expect(stale).toMatchObject({ stale: true, gpus: fresh!.gpus });
    expect(stale!.nodeInventory).toBe(fresh!.nodeInventory);
  });

  it('returns undefined for unknown and never-collected clusters', async () => {
    const { service } = setup();
    expect(await service.getClusterInventory('nope')).toBeUndefined();
    expect(await service.getClusterInventory('gb200-new')).toBeUndefined();
  });

  it('rolls up the fleet, listing clusters without a snapshot', async () => {
    const { service } = setup();
    const fleet = await service.getFleetInventory({});
    expect(
      fleet.clusters.map(c => [c.cluster, c.stale, c.gpus.physical]),
    ).toEqual([
      ['broken', false, 0],
      ['gb200-new', false, 0],
      ['h100-prod', false, 24],
      ['mi300x-lab', true, 16],
    ]);
    expect(fleet.gpus).toMatchObject({
      physical: 40,
      allocatable: 40,
      allocated: 9,
      free: 31,
    });
    expect(
      fleet.gpus.byProduct.map(p => [p.product, p.clusters, p.physical]),
    ).toEqual([
      ['NVIDIA-H100-80GB-HBM3', 1, 24],
      ['AMD_Instinct_MI300X_OAM', 1, 16],
    ]);
  });

  it('rolls up the fleet with filters', async () => {
    const { service } = setup();
    const amd = await service.getFleetInventory({ vendor: 'amd' });
    expect(amd.gpus).toMatchObject({ physical: 16, allocatable: 16 });
    expect(amd.gpus.byVendor.map(v => v.vendor)).toEqual(['amd']);

    const big = await service.getFleetInventory({ minMemoryGiB: 100 });
    expect(big.gpus.byProduct.map(p => p.product)).toEqual([
      'AMD_Instinct_MI300X_OAM',
    ]);

    const roomy = await service.getFleetInventory({
      clusters: ['h100-prod'],
      minFree: 6,
    });
    expect(roomy.clusters.map(c => [c.cluster, c.gpuNodes])).toEqual([
      ['h100-prod', 2],
    ]);
    expect(roomy.gpus).toMatchObject({ physical: 16, free: 14 });
  });

  it('lists GPU nodes by default, all nodes on request, with filters and pages', async () => {
    const { service } = setup();
    const gpuNodes = await service.listNodes({});
    expect(gpuNodes.items.map(n => `${n.cluster}/${n.name}`)).toEqual([
      'h100-prod/gpu-h100-01',
      'h100-prod/gpu-h100-02',
      'h100-prod/gpu-h100-03',
      'mi300x-lab/gpu-mi300x-01',
      'mi300x-lab/gpu-mi300x-02',
    ]);
    expect(gpuNodes).toMatchObject({ totalItems: 5 });
    expect(gpuNodes.nextOffset).toBeUndefined();

    expect((await service.listNodes({ gpuOnly: false })).totalItems).toBe(6);

    const page = await service.listNodes({ limit: 2, offset: 2 });
    expect(page.items.map(n => n.name)).toEqual([
      'gpu-h100-03',
      'gpu-mi300x-01',
    ]);
    expect(page).toMatchObject({ totalItems: 5, nextOffset: 4 });

    const free = await service.listNodes({ product: 'h100', minFree: 2 });
    expect(free.items.map(n => n.name)).toEqual(['gpu-h100-01', 'gpu-h100-03']);
    // Nodes are listed whole: the filter decides which, not what they show.
    expect(free.items[0].units).toHaveLength(1);

    expect(
      (await service.listNodes({ clusters: ['mi300x-lab'], vendor: 'nvidia' }))
        .items,
    ).toEqual([]);
  });

  it('rejects bad queries with errors that name the field', async () => {
    const { service } = setup();
    await expect(service.listNodes({ limit: 501 })).rejects.toThrow(InputError);
    await expect(service.listNodes({ limit: 501 })).rejects.toThrow(
      /'limit' must be a whole number from 1 to 500/,
    );
    await expect(
      service.getFleetInventory({ vendor: 'nvida' as never }),
    ).rejects.toThrow(/'vendor' must be one of nvidia, amd, intel, other/);
    await expect(service.fitCapacity({ count: 0 })).rejects.toThrow(
      /count must be/,
    );
  });

  it('fits capacity over current inventories, naming clusters it could not use', async () => {
    const { service } = setup();
    const fit = await service.fitCapacity({ count: 6 });
    expect(fit.fits.map(f => `${f.cluster}/${f.node}`)).toEqual([
      'h100-prod/gpu-h100-01',
      'h100-prod/gpu-h100-03',
    ]);
    expect(fit.skippedClusters).toEqual([
      {
        cluster: 'broken',
        reason:
          'collection failed (unauthorized): the API server rejected the token (401)',
      },
      { cluster: 'gb200-new', reason: 'not collected yet' },
      expect.objectContaining({
        cluster: 'mi300x-lab',
        reason: expect.stringMatching(/^stale/),
      }),
    ]);
  });

  it('answers a repeated fit or fleet roll-up from memory until the fleet changes', async () => {
    const { snapshots, service } = setup();
    const first = await service.fitCapacity({ count: 6 });
    expect(await service.fitCapacity({ count: 6 })).toBe(first);
    expect(await service.fitCapacity({ count: 5 })).not.toBe(first);

    const fleet = await service.getFleetInventory({});
    expect(await service.getFleetInventory({})).toBe(fleet);
    expect(await service.getFleetInventory({ vendor: 'amd' })).not.toBe(fleet);

    // A new snapshot with gpu-h100-01 fuller: both are computed again.
    snapshots.serve(h100Prod('2026-08-20T11:00:00.000Z', 4));
    const fleetAfter = await service.getFleetInventory({});
    expect(fleetAfter).not.toBe(fleet);
    expect(fleetAfter.gpus.allocated).toBe(fleet.gpus.allocated + 2);
    const after = await service.fitCapacity({ count: 6 });
    expect(after).not.toBe(first);
    expect(after.fits.map(f => `${f.cluster}/${f.node}`)).toEqual([
      'h100-prod/gpu-h100-03',
    ]);
  });

  it('computes inventory when a snapshot is stored, and forgets clusters that are gone', async () => {
    const { snapshots, service } = setup();
    snapshots.serve(h100Prod('2026-08-20T11:00:00.000Z'));
    const precomputed = await service.getClusterInventory('h100-prod');
    expect(precomputed?.collectedAt).toBe('2026-08-20T11:00:00.000Z');

    snapshots.served.delete('mi300x-lab');
    snapshots.statuses.delete('mi300x-lab');
    expect(
      (await service.getFleetInventory({})).clusters.map(c => c.cluster),
    ).not.toContain('mi300x-lab');
  });
});
