import { CapacityRequest } from '@ai-platform/plugin-ai-platform-common';
import {
  capacityFit,
  fakeInventory,
  invoke,
  placement,
  registry,
} from './__testUtils__/fakes';
import { fakeCatalog } from './__testUtils__/catalogFixtures';
import {
  createRecommendModelPlacementAction,
  perDeviceMemoryGiB,
} from './createRecommendModelPlacementAction';

describe('perDeviceMemoryGiB', () => {
  it('splits the memory evenly, rounded up to 0.1 GiB, never below the minimum', () => {
    expect(perDeviceMemoryGiB(160, 4, 40)).toBe(40);
    expect(perDeviceMemoryGiB(160, 2, 40)).toBe(80);
    expect(perDeviceMemoryGiB(160, 8, 40)).toBe(40);
    expect(perDeviceMemoryGiB(70, 3, undefined)).toBe(23.4);
    expect(perDeviceMemoryGiB(undefined, 2, undefined)).toBe(0);
  });
});

describe('recommend-model-placement', () => {
  /** H100s have 4 free per node: 2 × 80 GiB fits, 4 × 40 GiB does too, 8 of anything does not. */
  function h100Fleet(request: CapacityRequest) {
    const minGiB = request.minMemoryGiB ?? 0;
    if (request.count <= 4 && minGiB <= 80) {
      return capacityFit(request, [
        placement('h100-prod', 'gpu-h100-03', {
          units: request.count,
          reasons: [`4 free NVIDIA-H100-80GB-HBM3, ${request.count} needed`],
        }),
      ]);
    }
    return capacityFit(
      request,
      [],
      [
        placement('h100-prod', 'gpu-h100-03', {
          units: request.count,
          reasons: [`4 free of ${request.count} needed`],
        }),
      ],
      `No node can take ${request.count} × GPU now; closest: h100-prod/gpu-h100-03`,
    );
  }

  function setup(
    fit: (
      request: CapacityRequest,
    ) => ReturnType<typeof capacityFit> = h100Fleet,
  ) {
    const fake = fakeInventory({ fit });
    const actions = registry();
    createRecommendModelPlacementAction({
      actionsRegistry: actions,
      catalog: fakeCatalog(),
      inventory: fake.service,
    });
    return { actions, calls: fake.calls };
  }

  it("turns the model's needs into a capacity request and ranks placements", async () => {
    const { actions, calls } = setup();
    const output = await invoke(actions, 'recommend-model-placement', {
      model: 'qwen3-32b',
      vendor: 'nvidia',
    });
    expect(calls.fit).toEqual([
      { vendor: 'nvidia', count: 4, minMemoryGiB: 40, limit: 5 },
    ]);
    expect(output.model).toEqual({
      ref: 'model:default/qwen3-32b',
      title: 'Qwen3 32B',
      gpuMemoryGiB: 160,
      recommendedGpus: 4,
      minGpuMemoryGiBPerDevice: 40,
    });
    expect(output.requirement).toEqual({
      gpus: 4,
      minMemoryGiBPerDevice: 40,
      request: '4 × NVIDIA ≥40 GiB',
    });
    expect(output.fits).toBe(true);
    expect(output.placements[0]).toMatchObject({
      cluster: 'h100-prod',
      node: 'gpu-h100-03',
      memoryGiB: 80,
    });
    expect(output.alternatives).toEqual([]);
    expect(output.reasoning).toEqual([
      'model:default/qwen3-32b needs 160 GiB of GPU memory per replica; its owners recommend 4 GPUs with at least 40 GiB each.',
      'Split over 4 devices, each must hold 40 GiB (the stated minimum); tensor parallelism keeps a replica on one node.',
      'service summary',
    ]);
    expect(output.summary).toBe(
      'Serve model:default/qwen3-32b on h100-prod/gpu-h100-03: 4 free NVIDIA-H100-80GB-HBM3 (80 GiB each), 4 needed of at least 40 GiB. 1 option in all.',
    );
  });

  it('offers other splits of the same memory when the recommended one does not fit', async () => {
    const { actions, calls } = setup();
    const output = await invoke(actions, 'recommend-model-placement', {
      model: 'qwen3-32b',
      gpus: 8,
    });
    // 8 × 20 GiB is below the stated minimum, so 8 × 40 GiB; then 4 and 2 devices, the closest splits first.
    expect(calls.fit.map(r => [r.count, r.minMemoryGiB])).toEqual([
      [8, 40],
      [4, 40],
      [2, 80],
    ]);
    expect(output.fits).toBe(false);
    expect(output.closest).toHaveLength(1);
    expect(
      output.alternatives.map(
        (a: { gpus: number; minMemoryGiBPerDevice: number }) => [
          a.gpus,
          a.minMemoryGiBPerDevice,
        ],
      ),
    ).toEqual([
      [4, 40],
      [2, 80],
    ]);
    expect(output.reasoning[1]).toBe(
      'Split over 8 devices (given), each must hold 40 GiB (the stated minimum); tensor parallelism keeps a replica on one node.',
    );
    expect(output.reasoning[3]).toBe(
      'Other splits that fit now: 4 × ≥40 GiB (best: h100-prod/gpu-h100-03, NVIDIA-H100-80GB-HBM3); 2 × ≥80 GiB (best: h100-prod/gpu-h100-03, NVIDIA-H100-80GB-HBM3).',
    );
    expect(output.summary).toBe(
      'model:default/qwen3-32b does not fit as 8 × ≥40 GiB now. It fits as 4 × ≥40 GiB on h100-prod/gpu-h100-03.',
    );
  });

  it('says so when no split fits', async () => {
    const { actions } = setup(request =>
      capacityFit(
        request,
        [],
        [],
        `No node can take ${request.count} × GPU now: no cluster with current inventory to search`,
      ),
    );
    const output = await invoke(actions, 'recommend-model-placement', {
      model: 'bge-m3',
    });
    expect(output.requirement).toMatchObject({
      gpus: 1,
      minMemoryGiBPerDevice: 8,
    });
    expect(output.alternatives).toEqual([]);
    expect(output.reasoning[3]).toBe(
      'No other split (2 devices, 4 devices, 8 devices) fits now either.',
    );
    expect(output.summary).toBe(
      'model:research/bge-m3 does not fit as 1 × ≥8 GiB now. Nothing fits. No node can take 1 × GPU now: no cluster with current inventory to search',
    );
  });

  it('needs explicit numbers for a model that declares no GPU needs', async () => {
    const { actions, calls } = setup();
    await expect(
      invoke(actions, 'recommend-model-placement', {
        model: 'llama-3-1-8b-instruct',
      }),
    ).rejects.toThrow(
      'Model model:default/llama-3-1-8b-instruct declares no spec.resources (gpuMemoryGiB, recommendedGpus); pass gpus and minMemoryGiBPerDevice to place it anyway',
    );
    const output = await invoke(actions, 'recommend-model-placement', {
      model: 'llama-3-1-8b-instruct',
      gpus: 1,
      minMemoryGiBPerDevice: 24,
    });
    expect(calls.fit).toEqual([{ count: 1, minMemoryGiB: 24, limit: 5 }]);
    expect(output.reasoning).toEqual([
      'Asked for 1 device of at least 24 GiB each (given).',
      'service summary',
    ]);
  });
});
