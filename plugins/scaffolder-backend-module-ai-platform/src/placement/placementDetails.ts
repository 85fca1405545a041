import { Placement } from '@ai-platform/plugin-ai-platform-common';

/** Node label that carries the GPU product name, by vendor (GFD, the AMD node labeller, Intel NFD rules). */
const PRODUCT_LABEL: Record<string, string> = {
  nvidia: 'nvidia.com/gpu.product',
  amd: 'amd.com/gpu.product-name',
  intel: 'gpu.intel.com/product',
};

/** Taint keys GPU nodes carry to keep other pods away, by vendor. */
const VENDOR_TAINT_KEY: Record<string, string> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
};

const ACCELERATOR_TAINT =
  /^(nvidia\.com\/gpu|amd\.com\/gpu|gpu\.intel\.com\/[^=:]+|habana\.ai\/gaudi|google\.com\/tpu)(=[^:]*)?:(NoSchedule|NoExecute|PreferNoSchedule)$/;

export interface Toleration {
  key: string;
  operator: 'Exists';
  effect: string;
}

/**
 * Where pods should go for a placement. A whole-GPU placement pins the
 * product through its node label, so replicas land on the same kind of GPU
 * anywhere in the cluster; MIG, shared and DRA units are already specific
 * through their resource name or device class.
 */
export function nodeSelectorFor(placement: Placement): Record<string, string> {
  const label = PRODUCT_LABEL[placement.vendor];
  if (!label || placement.kind !== 'whole' || placement.dra) return {};
  return { [label]: placement.product };
}

/** Tolerations for the vendor's usual GPU taint and the accelerator taints of the chosen node. */
export function tolerationsFor(placement: Placement): Toleration[] {
  const out = new Map<string, Toleration>();
  const vendorKey = VENDOR_TAINT_KEY[placement.vendor];
  if (vendorKey) {
    out.set(`${vendorKey}:NoSchedule`, {
      key: vendorKey,
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  }
  for (const taint of placement.taints) {
    const match = ACCELERATOR_TAINT.exec(taint);
    if (!match) continue;
    out.set(`${match[1]}:${match[3]}`, {
      key: match[1],
      operator: 'Exists',
      effect: match[3],
    });
  }
  return [...out.values()];
}

/**
 * The DeviceClass a ResourceClaim asks for when the placement uses DRA
 * devices (`dra:gpu.nvidia.com`): the NVIDIA and AMD drivers name their
 * whole-GPU class after the driver, and NVIDIA's MIG class `mig.nvidia.com`.
 */
export function deviceClassFor(placement: Placement): string | undefined {
  if (!placement.dra) return undefined;
  const driver = placement.resourceName.replace(/^dra:/, '');
  if (placement.kind === 'mig' && driver === 'gpu.nvidia.com') {
    return 'mig.nvidia.com';
  }
  return driver;
}

export function gibOf(placement: Placement): number | undefined {
  return placement.memoryMiB === undefined
    ? undefined
    : Math.round((placement.memoryMiB / 1024) * 10) / 10;
}

/** `h100-prod/gpu-h100-03: 4 free NVIDIA-H100-80GB-HBM3 (79.6 GiB each)` */
export function describePlacement(placement: Placement): string {
  const memory = gibOf(placement);
  const unit =
    placement.kind === 'whole'
      ? placement.product
      : `${placement.product} ${placement.kind} units (${placement.resourceName})`;
  return `${placement.cluster}/${placement.node}: ${
    placement.freeUnits
  } free ${unit}${memory !== undefined ? ` (${memory} GiB each)` : ''}${
    placement.dra ? ' through DRA' : ''
  }`;
}

/** A near miss and what it lacks. */
export function describeOption(placement: Placement): string {
  return `${describePlacement(placement)}; ${placement.reasons.join('; ')}`;
}
