import { GpuUnitKind, GpuVendor } from '@ai-platform/plugin-ai-platform-common';

/** Physical accelerators of one product on one node. */
export interface PhysicalGpus {
  vendor: GpuVendor;
  product: string;
  /** Memory of one whole device. */
  memoryMiB?: number;
  count: number;
}

/** A group of identical schedulable units on a node, before allocation is known. */
export interface UnitGroupDraft {
  resourceName: string;
  kind: GpuUnitKind;
  dra: boolean;
  vendor: GpuVendor;
  /** The product of the physical device behind the units (without `-MIG-…`/`-SHARED`). */
  product: string;
  memoryMiB?: number;
  profile?: string;
  replicas?: number;
  allocatable: number;
  /** Physical devices these units are carved from. */
  physicalGpus: number;
}

/** What one path (device plugin or DRA) says about one vendor's accelerators on a node. */
export interface DetectedAccelerators {
  vendor: GpuVendor;
  physical: PhysicalGpus[];
  groups: UnitGroupDraft[];
  driverVersion?: string;
  cudaVersion?: string;
}

/** `driver/pool/device`: one DRA device, the unit a claim allocates. */
export function draDeviceKey(driver: string, pool: string, device: string) {
  return `${driver}/${pool}/${device}`;
}
