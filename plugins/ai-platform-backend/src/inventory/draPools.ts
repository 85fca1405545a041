import {
  DraDeviceSummary,
  ResourceClaimSummary,
  ResourceSliceSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { draDeviceKey } from './model';

/** A DRA device from a complete pool, with where it lives. */
export interface DraDeviceRecord extends DraDeviceSummary {
  driver: string;
  pool: string;
  nodeName?: string;
  key: string;
}

export interface DraDriverPools {
  pools: number;
  completePools: number;
  /** Pools whose current generation is missing slices, by pool name. */
  incompletePools: string[];
}

export interface DraPoolCensus {
  /** Devices of complete pools only, each once. */
  devices: DraDeviceRecord[];
  byDriver: Record<string, DraDriverPools>;
}

/**
 * Reads ResourceSlices the way the scheduler does: per driver and pool,
 * only the newest generation counts, and a pool is usable only when all
 * `resourceSliceCount` slices of that generation are there. Devices of
 * older generations and of incomplete pools are left out.
 */
export function collectCompleteDraPools(
  slices: ResourceSliceSummary[],
): DraPoolCensus {
  const pools = new Map<string, ResourceSliceSummary[]>();
  for (const slice of slices) {
    const key = `${slice.driver}\u0000${slice.pool.name}`;
    const list = pools.get(key);
    if (list) list.push(slice);
    else pools.set(key, [slice]);
  }

  const byDriver: Record<string, DraDriverPools> = {};
  const devices: DraDeviceRecord[] = [];
  const seen = new Set<string>();
  for (const poolSlices of pools.values()) {
    const { driver, pool } = poolSlices[0];
    const stats = (byDriver[driver] ??= {
      pools: 0,
      completePools: 0,
      incompletePools: [],
    });
    stats.pools++;
    const generation = Math.max(...poolSlices.map(s => s.pool.generation));
    const current = poolSlices.filter(s => s.pool.generation === generation);
    const expected = Math.max(...current.map(s => s.pool.resourceSliceCount));
    if (current.length !== expected) {
      stats.incompletePools.push(pool.name);
      continue;
    }
    stats.completePools++;
    for (const slice of current) {
      for (const device of slice.devices) {
        const key = draDeviceKey(driver, pool.name, device.name);
        if (seen.has(key)) continue;
        seen.add(key);
        devices.push({
          ...device,
          driver,
          pool: pool.name,
          nodeName: slice.nodeName,
          key,
        });
      }
    }
  }
  for (const stats of Object.values(byDriver)) stats.incompletePools.sort();
  return { devices, byDriver };
}

/** Devices allocated by ResourceClaims, as `driver/pool/device` keys; a device shared by several claims counts once. */
export function allocatedDraDeviceKeys(
  claims: ResourceClaimSummary[],
): Set<string> {
  const keys = new Set<string>();
  for (const claim of claims) {
    if (!claim.allocated) continue;
    for (const result of claim.results) {
      keys.add(draDeviceKey(result.driver, result.pool, result.device));
    }
  }
  return keys;
}

/** An attribute by its bare name or qualified with the driver's domain. */
export function draAttribute(
  device: DraDeviceRecord,
  name: string,
): string | number | boolean | undefined {
  return (
    device.attributes[name] ?? device.attributes[`${device.driver}/${name}`]
  );
}
