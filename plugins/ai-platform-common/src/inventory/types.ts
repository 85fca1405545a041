/** @public */
export type GpuVendor = 'nvidia' | 'amd' | 'intel' | 'other';

/**
 * How a schedulable unit maps to hardware. A physical GPU is in exactly one
 * mode, so units are never counted twice.
 *
 * @public
 */
export type GpuUnitKind = 'whole' | 'mig' | 'time-slicing' | 'mps';

/** @public */
export interface GpuCounts {
  /** Physical boards. */
  physical: number;
  /** Schedulable units of every kind (whole GPUs, MIG instances, shared replicas, DRA devices). */
  allocatable: number;
  /** Units in use by pods and allocated ResourceClaims. */
  allocated: number;
  /** `allocatable - allocated`, never negative. */
  free: number;
}

/**
 * One group of identical schedulable units on one node: e.g. 8 whole H100s
 * through the device plugin, 14 `mig-1g.10gb` instances, or 8 DRA devices.
 *
 * @public
 */
export interface GpuUnitGroup extends GpuCounts {
  /** Extended resource name (`nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`, `amd.com/gpu`) or `dra:<driver>` for DRA devices. */
  resourceName: string;
  kind: GpuUnitKind;
  /** Reached through DRA ResourceSlices rather than the device plugin. */
  dra: boolean;
  vendor: GpuVendor;
  product: string;
  /** Memory of one unit (a MIG instance's own memory; a shared replica reports the whole GPU's). */
  memoryMiB?: number;
  /** MIG profile like `1g.10gb`. */
  profile?: string;
  /** Shared units per GPU for time-slicing/MPS. */
  replicas?: number;
}

/** @public */
export interface NodeInventory extends GpuCounts {
  cluster: string;
  name: string;
  ready: boolean | 'unknown';
  schedulable: boolean;
  taints: { key: string; value?: string; effect: string }[];
  vendor?: GpuVendor;
  product?: string;
  memoryMiB?: number;
  driverVersion?: string;
  cudaVersion?: string;
  units: GpuUnitGroup[];
  draDevices: {
    driver: string;
    pool: string;
    name: string;
    type?: string;
    memoryMiB?: number;
    allocated: boolean;
  }[];
  instanceType?: string;
  zone?: string;
  /** Physical GPUs by product (a node can hold more than one kind). */
  physicalByProduct?: {
    vendor: GpuVendor;
    product: string;
    memoryMiB?: number;
    count: number;
  }[];
}

/** @public */
export interface ProductInventory extends GpuCounts {
  vendor: GpuVendor;
  product: string;
  memoryMiB?: number;
  nodes: number;
}

/** @public */
export interface VendorInventory extends GpuCounts {
  vendor: GpuVendor;
}

/** Non-whole units, by resource name: MIG profiles and shared GPUs. @public */
export interface PartitionInventory {
  resourceName: string;
  kind: Exclude<GpuUnitKind, 'whole'>;
  vendor: GpuVendor;
  product: string;
  profile?: string;
  replicas?: number;
  memoryMiB?: number;
  /** Physical GPUs that back these units. */
  physicalGpus: number;
  allocatable: number;
  allocated: number;
  free: number;
}

/** @public */
export interface DraInventory {
  devices: number;
  allocated: number;
  byDriver: Record<
    string,
    {
      pools: number;
      completePools: number;
      incompletePools: string[];
      devices: number;
      allocated: number;
    }
  >;
}

/** @public */
export interface ClusterInventory {
  cluster: string;
  collectedAt: string;
  stale: boolean;
  gpuNodes: number;
  nodes: number;
  gpus: GpuCounts & {
    byProduct: ProductInventory[];
    byVendor: VendorInventory[];
  };
  partitions: PartitionInventory[];
  dra: DraInventory;
  nodeInventory: NodeInventory[];
  /**
   * Snapshot parts the inventory depends on that could not be read
   * (`nodes`, `pods`, `draResourceSlices`, `draResourceClaims`): counts
   * from them are incomplete, and capacity fit does not trust free units.
   */
  unreadableParts?: string[];
}

/** Roll-up over several clusters. @public */
export interface FleetInventory {
  clusters: {
    cluster: string;
    stale: boolean;
    collectedAt?: string;
    gpuNodes: number;
    gpus: GpuCounts;
  }[];
  gpus: GpuCounts & {
    byProduct: (ProductInventory & { clusters: number })[];
    byVendor: VendorInventory[];
  };
}

/**
 * "N devices of at least M GiB on one node", optionally of a product or vendor.
 *
 * @public
 */
export interface CapacityRequest {
  count: number;
  minMemoryGiB?: number;
  vendor?: GpuVendor;
  /** Case-insensitive substring of the product name, e.g. `H100`. */
  product?: string;
  clusters?: string[];
  /** Accept MIG instances as devices when their memory is enough. Default true. */
  allowMig?: boolean;
  /** Accept time-sliced/MPS replicas (no memory isolation). Default false. */
  allowShared?: boolean;
  /** Accept stale clusters. Default false: stale capacity may be gone. */
  includeStale?: boolean;
  limit?: number;
}

/** @public */
export interface Placement {
  cluster: string;
  node: string;
  vendor: GpuVendor;
  product: string;
  resourceName: string;
  kind: GpuUnitKind;
  dra: boolean;
  memoryMiB?: number;
  freeUnits: number;
  /** Units the request would use. */
  units: number;
  stale: boolean;
  /** Higher is better. */
  score: number;
  /** Why it fits, or for near misses what is missing. */
  reasons: string[];
  taints: string[];
}

/** @public */
export interface CapacityFit {
  request: CapacityRequest;
  fits: Placement[];
  /** When nothing fits: the closest options and what each lacks. */
  closest: Placement[];
  summary: string;
  /** Clusters left out because they are stale or failed, with why. */
  skippedClusters: { cluster: string; reason: string }[];
}
