import {
  GpuVendor,
  InventoryQuery,
} from '@ai-platform/plugin-ai-platform-common';

/** The inventory filters a person sets; they map one to one onto `InventoryQuery`. */
export interface InventoryFilters {
  vendor?: GpuVendor;
  product?: string;
  minMemoryGiB?: number;
  minFree?: number;
}

const vendors: GpuVendor[] = ['nvidia', 'amd', 'intel', 'other'];

function positiveNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Reads the filters from the page URL; unknown or malformed values are ignored. */
export function readFilters(params: URLSearchParams): InventoryFilters {
  const vendor = params.get('vendor') as GpuVendor | null;
  const product = params.get('product')?.trim();
  return {
    vendor: vendor && vendors.includes(vendor) ? vendor : undefined,
    product: product ? product : undefined,
    minMemoryGiB: positiveNumber(params.get('minMemoryGiB')),
    minFree: positiveNumber(params.get('minFree')),
  };
}

/** Writes the filters into a copy of the URL parameters, leaving others alone. */
export function writeFilters(
  params: URLSearchParams,
  filters: InventoryFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: keyof InventoryFilters) => {
    const value = filters[key];
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  };
  set('vendor');
  set('product');
  set('minMemoryGiB');
  set('minFree');
  return next;
}

/** The query for the fleet and node endpoints, scoped to a cluster when one is chosen. */
export function toInventoryQuery(
  filters: InventoryFilters,
  cluster?: string,
): InventoryQuery {
  const query: InventoryQuery = {};
  if (cluster) query.clusters = [cluster];
  if (filters.vendor) query.vendor = filters.vendor;
  if (filters.product) query.product = filters.product;
  if (filters.minMemoryGiB !== undefined)
    query.minMemoryGiB = filters.minMemoryGiB;
  if (filters.minFree !== undefined) query.minFree = filters.minFree;
  return query;
}

export function hasFilters(filters: InventoryFilters): boolean {
  return Object.values(filters).some(v => v !== undefined);
}
