import {
  migInstancesPerGpu,
  parseMigProfile,
  productNameMemoryGiB,
} from './migProfile';

describe('parseMigProfile', () => {
  it('reads compute slices and memory', () => {
    expect(parseMigProfile('3g.40gb')).toEqual({
      profile: '3g.40gb',
      computeSlices: 3,
      memoryGiB: 40,
    });
    expect(parseMigProfile('1g.10gb+me')?.memoryGiB).toBe(10);
    expect(parseMigProfile('gpu')).toBeUndefined();
  });
});

describe('migInstancesPerGpu', () => {
  it.each([
    ['1g.10gb', 80, 7],
    ['1g.20gb', 80, 4],
    ['2g.20gb', 80, 3],
    ['3g.40gb', 80, 2],
    ['4g.40gb', 80, 1],
    ['7g.80gb', 80, 1],
    ['1g.5gb', 40, 7],
    ['3g.71gb', 141, 2],
    ['1g.20gb', undefined, 7],
  ])('%s on a %s GB GPU: %i', (profile, memory, expected) => {
    expect(migInstancesPerGpu(parseMigProfile(profile)!, memory)).toBe(
      expected,
    );
  });
});

describe('productNameMemoryGiB', () => {
  it('reads the memory a product name promises', () => {
    expect(productNameMemoryGiB('NVIDIA-H100-80GB-HBM3')).toBe(80);
    expect(productNameMemoryGiB('NVIDIA-A100-SXM4-40GB')).toBe(40);
    expect(productNameMemoryGiB('NVIDIA H100 80GB HBM3')).toBe(80);
    expect(productNameMemoryGiB('NVIDIA-L40S')).toBeUndefined();
  });
});
