import {
  ClusterInventory,
  DraInventory,
  FleetInventory,
  GpuCounts,
  GpuVendor,
  NodeInventory,
  PartitionInventory,
  ProductInventory,
  VendorInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { DraPoolCensus } from './draPools';

export function zeroCounts(): GpuCounts {
  return { physical: 0, allocatable: 0, allocated: 0, free: 0 };
}

export function addCounts(target: GpuCounts, add: GpuCounts): GpuCounts {
  target.physical += add.physical;
  target.allocatable += add.allocatable;
  target.allocated += add.allocated;
  target.free += add.free;
  return target;
}

export function sumCounts(items: GpuCounts[]): GpuCounts {
  return items.reduce((total, item) => addCounts(total, item), zeroCounts());
}

function countsOnly(c: GpuCounts): GpuCounts {
  return {
    physical: c.physical,
    allocatable: c.allocatable,
    allocated: c.allocated,
    free: c.free,
  };
}

const productKey = (vendor: GpuVendor, product: string) =>
  `${vendor}\u0000${product}`;

/** Physical devices by product, with the units carved from them. */
export function rollUpByProduct(nodes: NodeInventory[]): ProductInventory[] {
  const products = new Map<string, ProductInventory>();
  const entry = (vendor: GpuVendor, product: string) => {
    const key = productKey(vendor, product);
    let found = products.get(key);
    if (!found) {
      found = { vendor, product, nodes: 0, ...zeroCounts() };
      products.set(key, found);
    }
    return found;
  };
  for (const node of nodes) {
    const seen = new Set<string>();
    for (const p of node.physicalByProduct ?? []) {
      const e = entry(p.vendor, p.product);
      e.physical += p.count;
      if (p.memoryMiB !== undefined) {
        e.memoryMiB = Math.max(e.memoryMiB ?? 0, p.memoryMiB);
      }
      seen.add(productKey(p.vendor, p.product));
    }
    for (const u of node.units) {
      const e = entry(u.vendor, u.product);
      e.allocatable += u.allocatable;
      e.allocated += u.allocated;
      e.free += u.free;
      seen.add(productKey(u.vendor, u.product));
    }
    for (const key of seen) products.get(key)!.nodes++;
  }
  return [...products.values()].sort(
    (a, b) => b.physical - a.physical || a.product.localeCompare(b.product),
  );
}

/** Totals per vendor, from products (or from other clusters' vendor totals). */
export function rollUpByVendor(
  items: (GpuCounts & { vendor: GpuVendor })[],
): VendorInventory[] {
  const vendors = new Map<GpuVendor, VendorInventory>();
  for (const p of items) {
    let v = vendors.get(p.vendor);
    if (!v) {
      v = { vendor: p.vendor, ...zeroCounts() };
      vendors.set(p.vendor, v);
    }
    addCounts(v, p);
  }
  return [...vendors.values()].sort(
    (a, b) => b.physical - a.physical || a.vendor.localeCompare(b.vendor),
  );
}

/** Non-whole units (MIG profiles, shared GPUs) by resource name and shape. */
export function rollUpPartitions(nodes: NodeInventory[]): PartitionInventory[] {
  const partitions = new Map<string, PartitionInventory>();
  for (const node of nodes) {
    for (const u of node.units) {
      if (u.kind === 'whole') continue;
      const key = [
        u.resourceName,
        u.kind,
        u.vendor,
        u.product,
        u.profile,
        u.replicas,
        u.memoryMiB,
      ].join('\u0000');
      let p = partitions.get(key);
      if (!p) {
        p = {
          resourceName: u.resourceName,
          kind: u.kind,
          vendor: u.vendor,
          product: u.product,
          profile: u.profile,
          replicas: u.replicas,
          memoryMiB: u.memoryMiB,
          physicalGpus: 0,
          allocatable: 0,
          allocated: 0,
          free: 0,
        };
        partitions.set(key, p);
      }
      p.physicalGpus += u.physical;
      p.allocatable += u.allocatable;
      p.allocated += u.allocated;
      p.free += u.free;
    }
  }
  return [...partitions.values()].sort(
    (a, b) =>
      a.vendor.localeCompare(b.vendor) ||
      a.product.localeCompare(b.product) ||
      a.resourceName.localeCompare(b.resourceName) ||
      (a.profile ?? '').localeCompare(b.profile ?? '') ||
      (a.memoryMiB ?? 0) - (b.memoryMiB ?? 0),
  );
}

/** DRA devices by driver: pools, complete pools, devices of complete pools and how many claims hold. */
export function rollUpDra(
  census: DraPoolCensus,
  allocatedKeys: Set<string>,
): DraInventory {
  const byDriver: DraInventory['byDriver'] = {};
  for (const [driver, pools] of Object.entries(census.byDriver)) {
    byDriver[driver] = {
      pools: pools.pools,
      completePools: pools.completePools,
      incompletePools: [...pools.incompletePools],
      devices: 0,
      allocated: 0,
    };
  }
  let devices = 0;
  let allocated = 0;
  for (const device of census.devices) {
    const driver = byDriver[device.driver];
    driver.devices++;
    devices++;
    if (allocatedKeys.has(device.key)) {
      driver.allocated++;
      allocated++;
    }
  }
  return { devices, allocated, byDriver };
}

/** Summary entries for clusters that have no inventory (never collected or failed). */
export interface FleetClusterWithoutInventory {
  cluster: string;
  stale: boolean;
}

/** What the fleet roll-up needs of each cluster. */
export type ClusterRollUp = Pick<
  ClusterInventory,
  'cluster' | 'stale' | 'collectedAt' | 'gpuNodes' | 'gpus'
>;

/** Roll-up across clusters; `clusters` per product counts the clusters that have it. */
export function fleetInventory(
  inventories: ClusterRollUp[],
  withoutInventory: FleetClusterWithoutInventory[] = [],
): FleetInventory {
  const clusters: FleetInventory['clusters'] = [
    ...inventories.map(inv => ({
      cluster: inv.cluster,
      stale: inv.stale,
      collectedAt: inv.collectedAt,
      gpuNodes: inv.gpuNodes,
      gpus: countsOnly(inv.gpus),
    })),
    ...withoutInventory.map(c => ({
      cluster: c.cluster,
      stale: c.stale,
      gpuNodes: 0,
      gpus: zeroCounts(),
    })),
  ].sort((a, b) => a.cluster.localeCompare(b.cluster));

  const products = new Map<string, ProductInventory & { clusters: number }>();
  for (const inv of inventories) {
    for (const p of inv.gpus.byProduct) {
      const key = productKey(p.vendor, p.product);
      let e = products.get(key);
      if (!e) {
        e = {
          vendor: p.vendor,
          product: p.product,
          nodes: 0,
          clusters: 0,
          ...zeroCounts(),
        };
        products.set(key, e);
      }
      addCounts(e, p);
      e.nodes += p.nodes;
      e.clusters++;
      if (p.memoryMiB !== undefined) {
        e.memoryMiB = Math.max(e.memoryMiB ?? 0, p.memoryMiB);
      }
    }
  }
  const byProduct = [...products.values()].sort(
    (a, b) => b.physical - a.physical || a.product.localeCompare(b.product),
  );
  return {
    clusters,
    gpus: {
      ...sumCounts(inventories.map(inv => inv.gpus)),
      byProduct,
      byVendor: rollUpByVendor(inventories.flatMap(inv => inv.gpus.byVendor)),
    },
  };
}
