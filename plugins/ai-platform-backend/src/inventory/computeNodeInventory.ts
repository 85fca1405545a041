import {
  GpuUnitGroup,
  GpuVendor,
  NodeInventory,
  NodeSummary,
  quantityToMiB,
} from '@ai-platform/plugin-ai-platform-common';
import {
  acceleratorPresenceVendor,
  detectDevicePluginAccelerators,
} from './detectDevicePluginAccelerators';
import {
  detectDraAccelerators,
  DraNodeAccelerators,
  mergePhysical,
} from './detectDraAccelerators';
import { DraDeviceRecord, draAttribute } from './draPools';
import { DetectedAccelerators, PhysicalGpus, UnitGroupDraft } from './model';

export interface NodeInventoryContext {
  cluster: string;
  /** DRA devices of complete pools published for this node. */
  draDevices: DraDeviceRecord[];
  allocatedDraKeys: Set<string>;
  /** Extended-resource requests of the node's running pods. */
  podRequests: Record<string, number>;
}

type AllocatedDraft = UnitGroupDraft & { allocated: number };

/**
 * Which path publishes a vendor's accelerators on a node when both the
 * device plugin and a DRA driver may: returns the unit groups to count and
 * the physical devices, so no GPU is counted twice.
 */
export function choosePublishingPath(
  node: NodeSummary,
  devicePlugin: DetectedAccelerators | undefined,
  dra: DraNodeAccelerators | undefined,
  podRequests: Record<string, number>,
): {
  path: 'device-plugin' | 'dra' | 'both';
  groups: AllocatedDraft[];
  physical: PhysicalGpus[];
  driverVersion?: string;
  cudaVersion?: string;
} {
  const withPodAllocation = (groups: UnitGroupDraft[]) =>
    groups.map(g => ({ ...g, allocated: podRequests[g.resourceName] ?? 0 }));
  const versions = {
    driverVersion: devicePlugin?.driverVersion ?? dra?.driverVersion,
    cudaVersion: devicePlugin?.cudaVersion ?? dra?.cudaVersion,
  };
  if (!dra) {
    return {
      path: 'device-plugin',
      groups: withPodAllocation(devicePlugin?.groups ?? []),
      physical: devicePlugin?.physical ?? [],
      ...versions,
    };
  }
  const labelPhysical = (devicePlugin?.physical ?? []).filter(p => p.count > 0);
  const devicePluginServes =
    (devicePlugin?.groups ?? []).some(g => g.allocatable > 0) &&
    !(
      dra.vendor === 'nvidia' &&
      node.labels['nvidia.com/gpu.deploy.device-plugin'] === 'false'
    );
  if (!devicePluginServes) {
    // DRA only. GFD's gpu.count, when present, stays the physical count.
    return {
      path: 'dra',
      groups: dra.groups,
      physical: labelPhysical.length ? labelPhysical : dra.physical,
      ...versions,
    };
  }
  // Both paths advertise the same boards (a migration in progress). Units
  // come from the device plugin: that is what the node's allocatable
  // reports and what extended-resource pods consume. DRA devices stay listed
  // in draDevices and the cluster's DRA counts, and GPUs held by claims are
  // added to the whole-GPU group's allocation, since they are the same GPUs.
  const groups = withPodAllocation(devicePlugin!.groups);
  const whole = groups.find(g => g.kind === 'whole');
  if (whole) whole.allocated += dra.allocatedPhysical;
  return {
    path: 'both',
    groups,
    physical: labelPhysical.length ? labelPhysical : dra.physical,
    ...versions,
  };
}

function toUnitGroup(draft: AllocatedDraft): GpuUnitGroup {
  const { physicalGpus, ...rest } = draft;
  return {
    ...rest,
    physical: physicalGpus,
    free: Math.max(0, draft.allocatable - draft.allocated),
  };
}

/** The node's main accelerator: the product with the most physical devices (or units). */
function primaryProduct(
  physical: PhysicalGpus[],
  groups: UnitGroupDraft[],
): { vendor?: GpuVendor; product?: string; memoryMiB?: number } {
  const best = [...physical].sort(
    (a, b) => b.count - a.count || a.product.localeCompare(b.product),
  )[0];
  if (best) {
    return {
      vendor: best.vendor,
      product: best.product,
      memoryMiB: best.memoryMiB,
    };
  }
  const group = [...groups].sort((a, b) => b.allocatable - a.allocatable)[0];
  return group
    ? {
        vendor: group.vendor,
        product: group.product,
        memoryMiB: group.memoryMiB,
      }
    : {};
}

/**
 * A node with accelerators: countable devices or units, or a vendor's
 * presence labels (a GPU node whose devices cannot be counted right now).
 */
export function isGpuNode(node: NodeInventory): boolean {
  return node.physical > 0 || node.allocatable > 0 || node.vendor !== undefined;
}

/** One node's accelerators: physical devices, units by group, allocation and free. */
export function computeNodeInventory(
  node: NodeSummary,
  context: NodeInventoryContext,
): NodeInventory {
  const devicePlugin = detectDevicePluginAccelerators(node);
  const dra = detectDraAccelerators(
    context.draDevices,
    context.allocatedDraKeys,
  );
  const vendors = [
    ...new Set([...devicePlugin, ...dra].map(d => d.vendor)),
  ].sort();

  const drafts: AllocatedDraft[] = [];
  const physical: PhysicalGpus[] = [];
  let driverVersion: string | undefined;
  let cudaVersion: string | undefined;
  for (const vendor of vendors) {
    const chosen = choosePublishingPath(
      node,
      devicePlugin.find(d => d.vendor === vendor),
      dra.find(d => d.vendor === vendor),
      context.podRequests,
    );
    drafts.push(...chosen.groups);
    physical.push(...chosen.physical);
    driverVersion ??= chosen.driverVersion;
    cudaVersion ??= chosen.cudaVersion;
  }

  const units = drafts
    .filter(d => d.allocatable > 0 || d.allocated > 0)
    .map(toUnitGroup);
  const merged = mergePhysical(physical.filter(p => p.count > 0));
  const primary = primaryProduct(merged, drafts);
  primary.vendor ??= acceleratorPresenceVendor(node.labels);
  const physicalCount = merged.reduce((s, p) => s + p.count, 0);
  const allocatable = units.reduce((s, u) => s + u.allocatable, 0);
  const allocated = units.reduce((s, u) => s + u.allocated, 0);
  const free = units.reduce((s, u) => s + u.free, 0);

  return {
    cluster: context.cluster,
    name: node.name,
    ready: node.ready,
    schedulable: !node.unschedulable,
    taints: node.taints,
    ...primary,
    driverVersion,
    cudaVersion,
    physical: physicalCount,
    allocatable,
    allocated,
    free,
    units,
    draDevices: context.draDevices.map(d => {
      const type = draAttribute(d, 'type');
      return {
        driver: d.driver,
        pool: d.pool,
        name: d.name,
        type: type === undefined ? undefined : String(type),
        memoryMiB: quantityToMiB(d.capacity.memory),
        allocated: context.allocatedDraKeys.has(d.key),
      };
    }),
    instanceType:
      node.labels['node.kubernetes.io/instance-type'] ??
      node.labels['beta.kubernetes.io/instance-type'],
    zone:
      node.labels['topology.kubernetes.io/zone'] ??
      node.labels['failure-domain.beta.kubernetes.io/zone'],
    physicalByProduct: merged,
  };
}
