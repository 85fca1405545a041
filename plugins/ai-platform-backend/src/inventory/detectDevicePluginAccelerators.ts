import {
  GpuUnitKind,
  isOtherAcceleratorResourceName,
  migInstancesPerGpu,
  NodeSummary,
  parseCount,
  parseLabelMemoryMiB,
  parseMigProfile,
  parseQuantity,
  productNameMemoryGiB,
} from '@ai-platform/plugin-ai-platform-common';
import { GpuVendor } from '@ai-platform/plugin-ai-platform-common';
import { DetectedAccelerators, PhysicalGpus, UnitGroupDraft } from './model';
import { parseNvidiaProductLabel } from './productNames';

// Read from node labels and allocatable extended resources: what device
// plugins advertise. DRA devices are read separately (detectDraAccelerators).

const NVIDIA_GPU = 'nvidia.com/gpu';
const NVIDIA_SHARED = 'nvidia.com/gpu.shared';
const NVIDIA_MIG_RESOURCE = /^nvidia\.com\/mig-(.+)$/;
const AMD_GPU = 'amd.com/gpu';
const AMD_PARTITION_RESOURCE = /^amd\.com\/((spx|dpx|qpx|cpx)(?:_nps\d+)?)$/;
const INTEL_RESOURCES = ['gpu.intel.com/i915', 'gpu.intel.com/xe'];
const GOOGLE_TPU = 'google.com/tpu';

/** Accelerators that device plugins advertise on a node, one entry per vendor found. */
export function detectDevicePluginAccelerators(
  node: NodeSummary,
): DetectedAccelerators[] {
  return [
    detectNvidiaDevicePlugin(node),
    detectAmdDevicePlugin(node),
    detectIntelDevicePlugin(node),
    detectOtherAccelerators(node),
  ].filter((d): d is DetectedAccelerators => d !== undefined);
}

function optionalCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parseQuantity(value);
  return n === undefined || n < 0 ? undefined : Math.floor(n);
}

function positiveResources(node: NodeSummary, pattern: RegExp) {
  return Object.keys(node.allocatable)
    .map(name => ({ name, match: pattern.exec(name) }))
    .filter(r => r.match && parseCount(node.allocatable[r.name]) > 0)
    .map(r => ({
      name: r.name,
      suffix: r.match![1],
      units: parseCount(node.allocatable[r.name]),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Time-slicing or MPS settings GFD labels under a resource prefix. */
export function nvidiaSharing(
  labels: Record<string, string>,
  prefix: string,
  sharedSuffix = false,
):
  | { kind: Extract<GpuUnitKind, 'time-slicing' | 'mps'>; replicas?: number }
  | undefined {
  const replicas = optionalCount(labels[`${prefix}.replicas`]);
  const strategy = labels[`${prefix}.sharing-strategy`];
  const shared =
    (replicas !== undefined && replicas > 1) ||
    strategy === 'time-slicing' ||
    strategy === 'mps' ||
    sharedSuffix;
  if (!shared) return undefined;
  return {
    kind: strategy === 'mps' ? 'mps' : 'time-slicing',
    replicas: replicas !== undefined && replicas > 1 ? replicas : undefined,
  };
}

function nvidiaVersions(labels: Record<string, string>) {
  const legacy = (keys: string[]) => {
    const parts = keys.map(k => labels[k]);
    return parts.every(p => p !== undefined) ? parts.join('.') : undefined;
  };
  return {
    driverVersion:
      labels['nvidia.com/cuda.driver-version.full'] ??
      legacy([
        'nvidia.com/cuda.driver.major',
        'nvidia.com/cuda.driver.minor',
        'nvidia.com/cuda.driver.rev',
      ]),
    cudaVersion:
      labels['nvidia.com/cuda.runtime-version.full'] ??
      legacy([
        'nvidia.com/cuda.runtime.major',
        'nvidia.com/cuda.runtime.minor',
      ]),
  };
}

/** A count of physical GPUs from cloud provider labels, when GFD's count cannot be used. */
function cloudGpuCount(labels: Record<string, string>): number | undefined {
  return (
    optionalCount(labels['cloud.google.com/gke-accelerator-count']) ??
    optionalCount(labels['karpenter.k8s.aws/instance-gpu-count'])
  );
}

/**
 * NVIDIA through the device plugin and GFD labels. Every physical GPU is in
 * one mode, so its units are counted once: whole (`nvidia.com/gpu`), shared
 * replicas (`nvidia.com/gpu` with replicas > 1, or `nvidia.com/gpu.shared`),
 * or MIG instances (`nvidia.com/mig-<profile>` in mixed strategy; in single
 * strategy `nvidia.com/gpu` itself, with the product label ending in
 * `-MIG-<profile>` and `gpu.count` counting MIG devices, not boards).
 */
export function detectNvidiaDevicePlugin(
  node: NodeSummary,
): DetectedAccelerators | undefined {
  const { labels, allocatable } = node;
  const gpuUnits = parseCount(allocatable[NVIDIA_GPU]);
  const sharedUnits = parseCount(allocatable[NVIDIA_SHARED]);
  const migResources = positiveResources(node, NVIDIA_MIG_RESOURCE);
  const countLabel = optionalCount(labels['nvidia.com/gpu.count']);
  const productLabel = labels['nvidia.com/gpu.product'];
  if (
    !gpuUnits &&
    !sharedUnits &&
    migResources.length === 0 &&
    !countLabel &&
    !productLabel
  ) {
    return undefined;
  }

  const parsed = parseNvidiaProductLabel(
    productLabel ??
      labels['cloud.google.com/gke-accelerator'] ??
      labels['karpenter.k8s.aws/instance-gpu-name'] ??
      'NVIDIA-GPU',
  );
  const product = parsed.product;
  const labelMemoryMiB =
    parseLabelMemoryMiB(labels['nvidia.com/gpu.memory']) ??
    parseLabelMemoryMiB(labels['karpenter.k8s.aws/instance-gpu-memory']);
  const nominalGiB = productNameMemoryGiB(product);
  const versions = nvidiaVersions(labels);

  const migSingle = parsed.migProfile
    ? parseMigProfile(parsed.migProfile)
    : undefined;
  if (migSingle) {
    // MIG single: gpu.memory and gpu.count describe the MIG devices.
    const sharing = nvidiaSharing(labels, NVIDIA_GPU, parsed.shared);
    const replicas = sharing?.replicas ?? 1;
    const instances = countLabel ?? Math.ceil(gpuUnits / replicas);
    const profileMiB = migSingle.memoryGiB * 1024;
    const unitMemoryMiB =
      labelMemoryMiB !== undefined && labelMemoryMiB <= profileMiB * 1.05
        ? labelMemoryMiB
        : profileMiB;
    const physicalCount =
      cloudGpuCount(labels) ??
      Math.ceil(instances / migInstancesPerGpu(migSingle, nominalGiB));
    const groups: UnitGroupDraft[] = [];
    if (gpuUnits > 0) {
      groups.push({
        resourceName: NVIDIA_GPU,
        kind: sharing?.kind ?? 'mig',
        dra: false,
        vendor: 'nvidia',
        product,
        memoryMiB: unitMemoryMiB,
        profile: migSingle.profile,
        replicas: sharing?.replicas,
        allocatable: gpuUnits,
        physicalGpus: physicalCount,
      });
    }
    return {
      vendor: 'nvidia',
      physical: physicalCount
        ? [
            {
              vendor: 'nvidia',
              product,
              memoryMiB: nominalGiB ? nominalGiB * 1024 : undefined,
              count: physicalCount,
            },
          ]
        : [],
      groups,
      ...versions,
    };
  }

  const groups: UnitGroupDraft[] = [];
  let nonMigGpus = 0;
  if (gpuUnits > 0) {
    // With renamed shared resources, plain nvidia.com/gpu stays unshared.
    const sharing =
      sharedUnits > 0
        ? undefined
        : nvidiaSharing(labels, NVIDIA_GPU, parsed.shared);
    const replicas =
      sharing &&
      (sharing.replicas ??
        (countLabel ? Math.max(1, Math.round(gpuUnits / countLabel)) : 1));
    const backing = replicas ? Math.ceil(gpuUnits / replicas) : gpuUnits;
    nonMigGpus += backing;
    groups.push({
      resourceName: NVIDIA_GPU,
      kind: sharing?.kind ?? 'whole',
      dra: false,
      vendor: 'nvidia',
      product,
      memoryMiB: labelMemoryMiB,
      replicas: sharing ? replicas : undefined,
      allocatable: gpuUnits,
      physicalGpus: backing,
    });
  }
  if (sharedUnits > 0) {
    const sharing = nvidiaSharing(labels, NVIDIA_GPU, true)!;
    const replicas = sharing.replicas ?? 1;
    const backing = Math.ceil(sharedUnits / replicas);
    nonMigGpus += backing;
    groups.push({
      resourceName: NVIDIA_SHARED,
      kind: sharing.kind,
      dra: false,
      vendor: 'nvidia',
      product,
      memoryMiB: labelMemoryMiB,
      replicas: sharing.replicas,
      allocatable: sharedUnits,
      physicalGpus: backing,
    });
  }

  const migGroups = nvidiaMigMixedGroups(
    node,
    migResources,
    product,
    (labelMemoryMiB ? labelMemoryMiB / 1024 : undefined) ?? nominalGiB,
    countLabel === undefined ? undefined : Math.max(0, countLabel - nonMigGpus),
  );
  groups.push(...migGroups.groups);

  const physicalCount = countLabel ?? nonMigGpus + migGroups.minimumGpus;
  const physical: PhysicalGpus[] = physicalCount
    ? [
        {
          vendor: 'nvidia',
          product,
          memoryMiB:
            labelMemoryMiB ?? (nominalGiB ? nominalGiB * 1024 : undefined),
          count: physicalCount,
        },
      ]
    : [];
  return { vendor: 'nvidia', physical, groups, ...versions };
}

/**
 * MIG mixed strategy: one resource per profile. The device plugin does not
 * say which GPU hosts which instance, so the GPUs behind each profile are
 * estimated: when the profiles' minimum GPU counts add up to no more than
 * the MIG-enabled GPUs, each GPU is taken to hold one profile (exact for
 * `all-<profile>` layouts); otherwise GPUs mix profiles (e.g.
 * `all-balanced`) and each profile is backed by up to every MIG GPU.
 */
function nvidiaMigMixedGroups(
  node: NodeSummary,
  resources: { name: string; suffix: string; units: number }[],
  product: string,
  gpuMemoryGiB: number | undefined,
  migGpus: number | undefined,
): { groups: UnitGroupDraft[]; minimumGpus: number } {
  const drafts = resources.map(resource => {
    const prefix = `nvidia.com/mig-${resource.suffix}`;
    const profile = parseMigProfile(resource.suffix);
    const sharing = nvidiaSharing(node.labels, prefix);
    const replicas = sharing?.replicas ?? 1;
    const instances = Math.ceil(resource.units / replicas);
    const minimum = profile
      ? Math.ceil(instances / migInstancesPerGpu(profile, gpuMemoryGiB))
      : instances;
    const memoryMiB =
      parseLabelMemoryMiB(node.labels[`${prefix}.memory`]) ??
      (profile ? profile.memoryGiB * 1024 : undefined);
    return { resource, sharing, instances, minimum, memoryMiB };
  });
  const minimumGpus = drafts.reduce((sum, d) => sum + d.minimum, 0);
  const oneProfilePerGpu = migGpus === undefined || minimumGpus <= migGpus;
  const groups = drafts.map(
    (d): UnitGroupDraft => ({
      resourceName: d.resource.name,
      kind: d.sharing?.kind ?? 'mig',
      dra: false,
      vendor: 'nvidia',
      product,
      memoryMiB: d.memoryMiB,
      profile: d.resource.suffix,
      replicas: d.sharing?.replicas,
      allocatable: d.resource.units,
      physicalGpus: oneProfilePerGpu
        ? d.minimum
        : Math.min(migGpus!, d.instances),
    }),
  );
  return { groups, minimumGpus };
}

function labelSuffix(labels: Record<string, string>, prefix: string) {
  const key = Object.keys(labels).find(k => k.startsWith(prefix));
  return key ? key.slice(prefix.length) : undefined;
}

/** Compute partitions per GPU for AMD Instinct partition modes (MI300X: CPX = 8 XCDs). */
const AMD_PARTITIONS_PER_GPU: Record<string, number> = {
  spx: 1,
  dpx: 2,
  qpx: 4,
  cpx: 8,
};

/**
 * AMD through the ROCm device plugin and labeller. Partitioned GPUs appear
 * either as `amd.com/<mode>_<nps>` resources or, with the single naming
 * strategy, as `amd.com/gpu` on a node whose `compute-memory-partition`
 * is not SPX; partitions are hardware-isolated, so they count like MIG.
 */
export function detectAmdDevicePlugin(
  node: NodeSummary,
): DetectedAccelerators | undefined {
  const { labels, allocatable } = node;
  const gpuUnits = parseCount(allocatable[AMD_GPU]);
  const partitions = positiveResources(node, AMD_PARTITION_RESOURCE);
  if (!gpuUnits && partitions.length === 0) return undefined;
  const product =
    labels['amd.com/gpu.product-name'] ??
    labelSuffix(labels, 'beta.amd.com/gpu.product-name.') ??
    'AMD-GPU';
  const memoryMiB =
    parseLabelMemoryMiB(labels['amd.com/gpu.vram']) ??
    parseLabelMemoryMiB(labelSuffix(labels, 'beta.amd.com/gpu.vram.'));
  const groups: UnitGroupDraft[] = [];
  let physicalCount = 0;

  const partitionGroup = (
    resourceName: string,
    mode: string,
    units: number,
  ): UnitGroupDraft => {
    const perGpu = AMD_PARTITIONS_PER_GPU[mode.slice(0, 3).toLowerCase()] ?? 1;
    const backing = Math.ceil(units / perGpu);
    physicalCount += backing;
    return {
      resourceName,
      kind: 'mig',
      dra: false,
      vendor: 'amd',
      product,
      memoryMiB: memoryMiB ? Math.floor(memoryMiB / perGpu) : undefined,
      profile: mode,
      allocatable: units,
      physicalGpus: backing,
    };
  };

  if (gpuUnits > 0) {
    const mode = labels['amd.com/compute-memory-partition'];
    if (
      mode &&
      (AMD_PARTITIONS_PER_GPU[mode.slice(0, 3).toLowerCase()] ?? 1) > 1
    ) {
      groups.push(partitionGroup(AMD_GPU, mode, gpuUnits));
    } else {
      physicalCount += gpuUnits;
      groups.push({
        resourceName: AMD_GPU,
        kind: 'whole',
        dra: false,
        vendor: 'amd',
        product,
        memoryMiB,
        allocatable: gpuUnits,
        physicalGpus: gpuUnits,
      });
    }
  }
  for (const p of partitions) {
    groups.push(partitionGroup(p.name, p.suffix, p.units));
  }
  return {
    vendor: 'amd',
    physical: [{ vendor: 'amd', product, memoryMiB, count: physicalCount }],
    groups,
    driverVersion: labels['amd.com/gpu.driver-version'],
  };
}

/**
 * Intel GPUs (`gpu.intel.com/i915`, `gpu.intel.com/xe`). With
 * `shared-dev-num` the GPU plugin advertises several units per GPU; NFD's
 * `device.count` (or `millicores` / 1000) tells the boards apart from the
 * units. (Gaudi, `habana.ai/gaudi`, is its own resource: vendor `other`.)
 */
export function detectIntelDevicePlugin(
  node: NodeSummary,
): DetectedAccelerators | undefined {
  const { labels, allocatable } = node;
  const groups: UnitGroupDraft[] = [];
  const physical: PhysicalGpus[] = [];
  const gpuResources = INTEL_RESOURCES.map(name => ({
    name,
    units: parseCount(allocatable[name]),
  })).filter(r => r.units > 0);
  if (gpuResources.length > 0) {
    const product =
      labels['gpu.intel.com/product'] ??
      labels['gpu.intel.com/family'] ??
      'Intel-GPU';
    const millicores = optionalCount(labels['gpu.intel.com/millicores']);
    const deviceCount =
      optionalCount(labels['gpu.intel.com/device.count']) ??
      (millicores ? Math.round(millicores / 1000) : undefined);
    const totalUnits = gpuResources.reduce((s, r) => s + r.units, 0);
    const boards = deviceCount || totalUnits;
    const memoryTotal = parseQuantity(labels['gpu.intel.com/memory.max']);
    // memory.max is the sum over the node's GPUs, in bytes.
    const memoryMiB =
      memoryTotal && boards
        ? Math.round(memoryTotal / boards / 2 ** 20)
        : undefined;
    const replicas =
      deviceCount && totalUnits > deviceCount
        ? Math.round(totalUnits / deviceCount)
        : undefined;
    for (const r of gpuResources) {
      groups.push({
        resourceName: r.name,
        kind: replicas ? 'time-slicing' : 'whole',
        dra: false,
        vendor: 'intel',
        product,
        memoryMiB,
        replicas,
        allocatable: r.units,
        physicalGpus: replicas ? Math.ceil(r.units / replicas) : r.units,
      });
    }
    physical.push({ vendor: 'intel', product, memoryMiB, count: boards });
  }
  if (groups.length === 0) return undefined;
  return { vendor: 'intel', physical, groups };
}

/**
 * Accelerators without a vendor-specific reader: Gaudi, Google TPUs and any
 * extended resource in a vendor domain whose name says gpu, accelerator,
 * tpu, npu or xpu. Vendor `other`, product = the resource name (for TPUs,
 * GKE's accelerator label when there is one).
 */
export function detectOtherAccelerators(
  node: NodeSummary,
): DetectedAccelerators | undefined {
  const groups: UnitGroupDraft[] = [];
  const physical: PhysicalGpus[] = [];
  for (const name of Object.keys(node.allocatable).sort()) {
    const units = parseCount(node.allocatable[name]);
    if (units <= 0 || !isOtherAcceleratorResourceName(name)) continue;
    const product =
      name === GOOGLE_TPU
        ? node.labels['cloud.google.com/gke-tpu-accelerator'] ?? name
        : name;
    groups.push({
      resourceName: name,
      kind: 'whole',
      dra: false,
      vendor: 'other',
      product,
      allocatable: units,
      physicalGpus: units,
    });
    physical.push({ vendor: 'other', product, count: units });
  }
  return groups.length ? { vendor: 'other', physical, groups } : undefined;
}

/**
 * The vendor whose presence labels a node carries (GPU Operator, NFD PCI
 * vendor ids, AMD and Intel labellers), even when no device is countable,
 * e.g. while its DRA pool is incomplete.
 */
export function acceleratorPresenceVendor(
  labels: Record<string, string>,
): GpuVendor | undefined {
  const keys = Object.keys(labels);
  const nfdPci = (vendorId: string) =>
    keys.some(
      k =>
        new RegExp(
          `^feature\\.node\\.kubernetes\\.io/pci-(0300_|0302_|0380_)?${vendorId}\\.present$`,
        ).test(k) && labels[k] === 'true',
    );
  if (labels['nvidia.com/gpu.present'] === 'true' || nfdPci('10de')) {
    return 'nvidia';
  }
  if (
    keys.some(
      k => k.startsWith('amd.com/gpu.') || k.startsWith('beta.amd.com/gpu.'),
    )
  ) {
    return 'amd';
  }
  if (keys.some(k => k.startsWith('gpu.intel.com/'))) return 'intel';
  return undefined;
}
