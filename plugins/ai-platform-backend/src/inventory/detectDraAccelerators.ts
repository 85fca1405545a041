import {
  GpuVendor,
  productNameMemoryGiB,
  quantityToMiB,
} from '@ai-platform/plugin-ai-platform-common';
import { DraDeviceRecord, draAttribute } from './draPools';
import { DetectedAccelerators, PhysicalGpus, UnitGroupDraft } from './model';
import { normalizeProductName, vendorOfDraDriver } from './productNames';

/** DRA accelerators of one vendor on a node, with what claims hold of them. */
export interface DraNodeAccelerators extends DetectedAccelerators {
  groups: (UnitGroupDraft & { allocated: number })[];
  /** Physical devices with at least one allocated device (whole or partition). */
  allocatedPhysical: number;
}

interface ClassifiedDevice {
  device: DraDeviceRecord;
  vendor: GpuVendor;
  kind: 'whole' | 'mig';
  /** The physical device it is, or is carved from. */
  physicalId: string;
  product: string;
  memoryMiB?: number;
  profile?: string;
  allocated: boolean;
}

/**
 * Whether a DRA device is an accelerator unit: NVIDIA's `type` attribute
 * says `gpu` or `mig` (not `vfio`, nor ComputeDomain channels/daemons);
 * drivers without a `type` count when their name says gpu/tpu/npu/accelerator.
 */
export function classifyDraDevice(
  device: DraDeviceRecord,
  allocated: boolean,
): ClassifiedDevice | undefined {
  const type = draAttribute(device, 'type');
  let kind: 'whole' | 'mig';
  if (type === 'gpu') kind = 'whole';
  else if (type === 'mig') kind = 'mig';
  else if (type !== undefined) return undefined;
  else if (/^(gpu|tpu|npu|accelerator)/i.test(device.driver)) kind = 'whole';
  else return undefined;

  const uuid = draAttribute(device, 'uuid');
  const parent = draAttribute(device, 'parentUUID');
  const physicalId =
    kind === 'mig'
      ? String(
          parent ?? `${device.pool}/${device.name.replace(/-mig-.*$/, '')}`,
        )
      : String(uuid ?? device.key);
  const productName = draAttribute(device, 'productName');
  const vendor = vendorOfDraDriver(device.driver);
  const profile = draAttribute(device, 'profile');
  return {
    device,
    vendor,
    kind,
    physicalId,
    product: draProductName(productName, vendor, device.driver),
    memoryMiB: quantityToMiB(device.capacity.memory),
    profile:
      kind === 'mig' && profile !== undefined ? String(profile) : undefined,
    allocated,
  };
}

function draProductName(
  productName: unknown,
  vendor: GpuVendor,
  driver: string,
): string {
  if (typeof productName === 'string' && productName) {
    return normalizeProductName(productName);
  }
  return vendor === 'nvidia' ? 'NVIDIA-GPU' : driver;
}

/** Memory of the board itself: a whole device's capacity, or what a MIG parent's product name promises. */
function boardMemoryMiB(c: ClassifiedDevice): number | undefined {
  if (c.kind === 'whole') return c.memoryMiB;
  const nominal = productNameMemoryGiB(c.product);
  return nominal ? nominal * 1024 : undefined;
}

/**
 * Accelerators a node publishes through DRA (devices of complete pools on
 * that node), one entry per vendor. Static MIG devices are units of their
 * own. When devices consume shared counters (partitionable devices, KEP-4815),
 * the MIG devices are alternatives to their whole GPU rather than extra
 * capacity, so only whole GPUs are units and a GPU with an allocated
 * partition counts as allocated.
 */
export function detectDraAccelerators(
  devices: DraDeviceRecord[],
  allocatedKeys: Set<string>,
): DraNodeAccelerators[] {
  const classified = devices
    .map(d => classifyDraDevice(d, allocatedKeys.has(d.key)))
    .filter((c): c is ClassifiedDevice => c !== undefined);
  const vendors = [...new Set(classified.map(c => c.vendor))].sort();
  return vendors.map(vendor =>
    draAcceleratorsOfVendor(
      vendor,
      classified.filter(c => c.vendor === vendor),
    ),
  );
}

function draAcceleratorsOfVendor(
  vendor: GpuVendor,
  devices: ClassifiedDevice[],
): DraNodeAccelerators {
  const partitionable = devices.some(c => c.device.consumesCounters);
  const allocatedPhysicalIds = new Set(
    devices.filter(c => c.allocated).map(c => c.physicalId),
  );

  // Physical devices: whole GPUs, plus parents of MIG devices.
  const physicalById = new Map<string, PhysicalGpus>();
  for (const c of [...devices].sort(byWholeFirst)) {
    if (physicalById.has(c.physicalId)) continue;
    physicalById.set(c.physicalId, {
      vendor,
      product: c.product,
      memoryMiB: boardMemoryMiB(c),
      count: 1,
    });
  }
  const physical = mergePhysical([...physicalById.values()]);

  const groups = new Map<
    string,
    UnitGroupDraft & { allocated: number; ids: Set<string> }
  >();
  for (const c of devices) {
    if (partitionable && c.kind !== 'whole') continue;
    const key = [
      c.device.driver,
      c.kind,
      c.product,
      c.memoryMiB,
      c.profile,
    ].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = {
        resourceName: `dra:${c.device.driver}`,
        kind: c.kind,
        dra: true,
        vendor,
        product: c.product,
        memoryMiB: c.memoryMiB,
        profile: c.profile,
        allocatable: 0,
        physicalGpus: 0,
        allocated: 0,
        ids: new Set(),
      };
      groups.set(key, group);
    }
    group.allocatable++;
    group.ids.add(c.physicalId);
    group.physicalGpus = group.ids.size;
    const taken = partitionable
      ? allocatedPhysicalIds.has(c.physicalId)
      : c.allocated;
    if (taken) group.allocated++;
  }

  const versions = devices.find(c =>
    draAttribute(c.device, 'driverVersion'),
  )?.device;
  return {
    vendor,
    physical,
    groups: [...groups.values()].map(({ ids: _ids, ...g }) => g),
    allocatedPhysical: allocatedPhysicalIds.size,
    driverVersion: versions
      ? String(draAttribute(versions, 'driverVersion'))
      : undefined,
    cudaVersion: versions
      ? optionalString(draAttribute(versions, 'cudaDriverVersion'))
      : undefined,
  };
}

function optionalString(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}

function byWholeFirst(a: ClassifiedDevice, b: ClassifiedDevice) {
  return (a.kind === 'whole' ? 0 : 1) - (b.kind === 'whole' ? 0 : 1);
}

/** Sums physical entries of the same vendor, product and memory. */
export function mergePhysical(entries: PhysicalGpus[]): PhysicalGpus[] {
  const merged = new Map<string, PhysicalGpus>();
  for (const e of entries) {
    const key = [e.vendor, e.product, e.memoryMiB].join('\u0000');
    const existing = merged.get(key);
    if (existing) existing.count += e.count;
    else merged.set(key, { ...e });
  }
  return [...merged.values()];
}
