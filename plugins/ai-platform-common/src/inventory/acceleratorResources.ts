/** Accelerators whose resource names do not say so (AWS Neuron: Inferentia, Trainium). */
const KNOWN_OTHER_ACCELERATORS = new Set([
  'habana.ai/gaudi',
  'google.com/tpu',
  'aws.amazon.com/neuron',
  'aws.amazon.com/neuroncore',
  'aws.amazon.com/neurondevice',
]);

/** Domains whose accelerator resources are read by vendor-specific rules. */
const VENDOR_DOMAINS = new Set(['nvidia.com', 'amd.com', 'gpu.intel.com']);

/**
 * An accelerator resource of a vendor without specific rules: Gaudi, TPUs,
 * AWS Neuron,
 * and any extended resource in a vendor domain whose name says gpu,
 * accelerator, tpu, npu or xpu (`example.com/accelerator`). Not: core
 * resources, `*.kubernetes.io`, NICs such as `vpc.amazonaws.com/efa`, and
 * NVIDIA/AMD/Intel resources (see {@link isAcceleratorResourceName}).
 *
 * @public
 */
export function isOtherAcceleratorResourceName(resourceName: string): boolean {
  if (KNOWN_OTHER_ACCELERATORS.has(resourceName)) return true;
  const slash = resourceName.indexOf('/');
  if (slash < 0) return false;
  const domain = resourceName.slice(0, slash).toLowerCase();
  const name = resourceName.slice(slash + 1).toLowerCase();
  if (!domain.includes('.') || VENDOR_DOMAINS.has(domain)) return false;
  if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) {
    return false;
  }
  if (/^(cpu|memory|pods|ephemeral-storage|hugepages-.*)$/.test(name)) {
    return false;
  }
  return /gpu|accelerator|tpu|npu|xpu/.test(name);
}

/**
 * Whether an extended resource is an accelerator unit that inventory counts:
 * `nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-<profile>`,
 * `amd.com/gpu` and AMD partitions (`amd.com/cpx_nps4`),
 * `gpu.intel.com/i915|xe`, and the others of
 * {@link isOtherAcceleratorResourceName}. NFD-extended Intel resources
 * (`gpu.intel.com/millicores|memory.max|tiles`) are not units.
 *
 * @public
 */
export function isAcceleratorResourceName(resourceName: string): boolean {
  return (
    resourceName === 'nvidia.com/gpu' ||
    resourceName === 'nvidia.com/gpu.shared' ||
    resourceName.startsWith('nvidia.com/mig-') ||
    resourceName === 'amd.com/gpu' ||
    /^amd\.com\/(spx|dpx|qpx|cpx)(_nps\d+)?$/.test(resourceName) ||
    resourceName === 'gpu.intel.com/i915' ||
    resourceName === 'gpu.intel.com/xe' ||
    isOtherAcceleratorResourceName(resourceName)
  );
}
