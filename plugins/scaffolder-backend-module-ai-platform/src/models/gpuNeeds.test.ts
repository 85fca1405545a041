import { gpuNeeds } from './gpuNeeds';

describe('gpuNeeds', () => {
  it('spreads the model memory over the GPUs', () => {
    expect(
      gpuNeeds('Model x', { gpuMemoryGiB: 160, recommendedGpus: 2 }, {}),
    ).toEqual({
      count: 2,
      minMemoryGiBPerDevice: 80,
      totalMemoryGiB: 160,
      explanation:
        '2 GPUs per replica (as the model recommends), each with at least 80 GiB (160 GiB per replica over 2 GPUs)',
    });
  });

  it('lets the user choose the count and raises a too-small memory ask', () => {
    const needs = gpuNeeds(
      'Model x',
      { gpuMemoryGiB: 160, recommendedGpus: 2, minGpuMemoryGiBPerDevice: 24 },
      { gpuCount: 4, minGpuMemoryGiB: 16 },
    );
    expect(needs.count).toBe(4);
    expect(needs.minMemoryGiBPerDevice).toBe(40);
    expect(needs.explanation).toBe(
      '4 GPUs per replica (as entered), each with at least 40 GiB (160 GiB per replica over 4 GPUs)',
    );
    expect(
      gpuNeeds(
        'x',
        { gpuMemoryGiB: 160, recommendedGpus: 2, minGpuMemoryGiBPerDevice: 48 },
        { gpuCount: 4 },
      ).explanation,
    ).toMatch(/at least 48 GiB \(the model's minimum per device\)$/);
    expect(
      gpuNeeds(
        'x',
        { gpuMemoryGiB: 16, recommendedGpus: 1 },
        { minGpuMemoryGiB: 24 },
      ).explanation,
    ).toMatch(/at least 24 GiB \(the memory per GPU you asked for\)$/);
  });

  it('asks for a GPU count when the model does not say', () => {
    expect(() => gpuNeeds('The model at hf://a/b', undefined, {})).toThrow(
      'The model at hf://a/b does not say how many GPUs it needs (spec.resources.recommendedGpus); enter the GPU count in the form',
    );
    expect(gpuNeeds('x', undefined, { gpuCount: 1 }).explanation).toMatch(
      /any memory size/,
    );
  });
});
