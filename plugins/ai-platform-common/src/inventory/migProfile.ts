/**
 * A MIG profile such as `3g.40gb` or `1g.10gb+me`: compute slices (GPCs) and
 * the memory the profile name promises.
 *
 * @public
 */
export interface MigProfile {
  profile: string;
  computeSlices: number;
  memoryGiB: number;
}

const MIG_PROFILE = /^(\d+)g\.(\d+)gb(?:[+.-][a-z.]+)?$/i;

/** @public */
export function parseMigProfile(profile: string): MigProfile | undefined {
  const match = MIG_PROFILE.exec(profile.trim());
  if (!match) return undefined;
  return {
    profile: profile.trim(),
    computeSlices: Number(match[1]),
    memoryGiB: Number(match[2]),
  };
}

/**
 * Memory a GPU product name promises, e.g. `NVIDIA-H100-80GB-HBM3` → 80.
 *
 * @public
 */
export function productNameMemoryGiB(product: string): number | undefined {
  const match = /(?:^|[-_ ])(\d{1,4})\s?GB(?:$|[-_ ])/i.exec(product);
  return match ? Number(match[1]) : undefined;
}

/**
 * How many instances of one MIG profile fit on one GPU when the GPU is fully
 * split into that profile: limited by the 7 compute slices and by the GPU's
 * memory (A100/H100 80GB: `1g.10gb` → 7, `1g.20gb` → 4, `2g.20gb` → 3,
 * `3g.40gb` → 2, `4g.40gb` and `7g.80gb` → 1). Without the GPU's memory only
 * the compute limit is known.
 *
 * @public
 */
export function migInstancesPerGpu(
  profile: MigProfile,
  gpuMemoryGiB?: number,
): number {
  const byCompute = Math.max(1, Math.floor(7 / profile.computeSlices));
  if (!gpuMemoryGiB || profile.memoryGiB <= 0) return byCompute;
  // Profile names round memory (3g.71gb on a 141 GB H200 is half of it), hence the slack.
  const byMemory = Math.max(
    1,
    Math.floor(gpuMemoryGiB / profile.memoryGiB + 0.1),
  );
  return Math.min(byCompute, byMemory);
}
