import { JsonObject } from '@backstage/types';
import {
  capacityFit,
  validationError,
  fakeInventory,
  invoke,
  placement,
  registry,
} from './__testUtils__/fakes';
import { createFindGpuCapacityAction } from './createFindGpuCapacityAction';

describe('find-gpu-capacity', () => {
  function setup(fit: Parameters<typeof fakeInventory>[0]['fit']) {
    const fake = fakeInventory({ fit });
    const actions = registry();
    createFindGpuCapacityAction({
      actionsRegistry: actions,
      inventory: fake.service,
    });
    return { actions, calls: fake.calls };
  }

  it('returns ranked placements with the request in words', async () => {
    const { actions, calls } = setup(request =>
      capacityFit(
        request,
        [
          placement('h100-prod', 'gpu-h100-03'),
          placement('h100-prod', 'gpu-h100-04', { score: 0 }),
        ],
        [],
        '3 nodes in 1 cluster can take 4 × ≥80 GiB now; best: h100-prod/gpu-h100-03 (4 free NVIDIA-H100-80GB-HBM3)',
      ),
    );
    const output = await invoke(actions, 'find-gpu-capacity', {
      count: 4,
      minMemoryGiB: 80,
      vendor: 'nvidia',
      clusters: ['h100-prod'],
      allowShared: false,
    });
    expect(calls.fit).toEqual([
      {
        count: 4,
        minMemoryGiB: 80,
        vendor: 'nvidia',
        clusters: ['h100-prod'],
        allowShared: false,
        limit: 5,
      },
    ]);
    expect(output.fits).toBe(true);
    expect(output.request).toBe('4 × NVIDIA ≥80 GiB');
    expect(output.summary).toBe(
      '3 nodes in 1 cluster can take 4 × ≥80 GiB now; best: h100-prod/gpu-h100-03 (4 free NVIDIA-H100-80GB-HBM3)',
    );
    expect(output.placements).toHaveLength(2);
    expect(output.placements[0]).toEqual({
      cluster: 'h100-prod',
      node: 'gpu-h100-03',
      vendor: 'nvidia',
      product: 'NVIDIA-H100-80GB-HBM3',
      resourceName: 'nvidia.com/gpu',
      kind: 'whole',
      dra: false,
      memoryGiB: 80,
      freeUnits: 4,
      units: 4,
      stale: false,
      score: 1,
      reasons: ['4 free NVIDIA-H100-80GB-HBM3, 4 needed', '80 GiB per device'],
      taints: [],
    });
    expect(output.closest).toEqual([]);
  });

  it('says clearly that nothing fits and names the closest options', async () => {
    const { actions } = setup(request =>
      capacityFit(
        request,
        [],
        [
          placement('h100-prod', 'gpu-h100-03', {
            reasons: ['4 free of 8 needed'],
          }),
          placement('mi300x-lab', 'mi300x-01', {
            vendor: 'amd',
            product: 'AMD_Instinct_MI300X_OAM',
            memoryMiB: 196608,
            freeUnits: 6,
            reasons: ['6 free of 8 needed'],
          }),
        ],
      ),
    );
    const output = await invoke(actions, 'find-gpu-capacity', {
      count: 8,
      minMemoryGiB: 80,
    });
    expect(output.fits).toBe(false);
    expect(output.placements).toEqual([]);
    expect(output.closest.map((p: { node: string }) => p.node)).toEqual([
      'gpu-h100-03',
      'mi300x-01',
    ]);
    expect(output.closest[1].memoryGiB).toBe(192);
    expect(output.summary).toBe(
      'Nothing fits 8 × ≥80 GiB now. Closest options are 1) h100-prod/gpu-h100-03: 4 free of 8 needed; 2) mi300x-lab/mi300x-01: 6 free of 8 needed.',
    );
  });

  it('passes the service summary on when there is nothing close either', async () => {
    const { actions } = setup(request => ({
      ...capacityFit(
        request,
        [],
        [],
        'No node can take 1 × Intel GPU now: no Intel GPUs in 3 clusters searched',
      ),
      skippedClusters: [{ cluster: 'old', reason: 'stale' }],
    }));
    const output = await invoke(actions, 'find-gpu-capacity', {
      count: 1,
      vendor: 'intel',
    });
    expect(output.summary).toBe(
      'Nothing fits. No node can take 1 × Intel GPU now: no Intel GPUs in 3 clusters searched',
    );
    expect(output.skippedClusters).toEqual([
      { cluster: 'old', reason: 'stale' },
    ]);
  });

  it('rejects wrong types and out-of-range numbers, naming the argument', async () => {
    const { actions, calls } = setup(request => capacityFit(request, []));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ count: 'four' }, 'count', /Expected number, received string/],
      [{ count: 0 }, 'count', /greater than or equal to 1/],
      [{ count: 65 }, 'count', /less than or equal to 64/],
      [{ count: 1.5 }, 'count', /Expected integer/],
      [{}, 'count', /Required/],
      [{ count: 1, clusters: 'h100-prod' }, 'clusters', /Expected array/],
      [
        { count: 1, minMemoryGiB: -1 },
        'minMemoryGiB',
        /greater than or equal to 0/,
      ],
      [{ count: 1, limit: 21 }, 'limit', /less than or equal to 20/],
    ];
    for (const [input, argument, problem] of cases) {
      expect({
        input,
        error: await validationError(
          invoke(actions, 'find-gpu-capacity', input as JsonObject),
        ),
      }).toEqual({
        input,
        error: {
          arguments: [argument],
          problems: [expect.stringMatching(problem)],
        },
      });
    }
    expect(calls.fit).toEqual([]);
  });
});
