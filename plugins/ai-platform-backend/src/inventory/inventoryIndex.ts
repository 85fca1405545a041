import {
  ClusterInventory,
  GpuUnitGroup,
  InventoryQuery,
  NodeInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { nodeExclusions, unitFacts } from './placementRules';
import { ClusterRollUp } from './rollUps';

export function productKey(vendor: string, product: string): string {
  return `${vendor}\u0000${product}`;
}

export interface IndexedUnit {
  unit: GpuUnitGroup;
  /** `vendor` and `product` joined, for roll-ups. */
  productKey: string;
  nominalGiB?: number;
  /** Lower-case names a product filter matches. */
  names: string[];
}

export interface IndexedNode {
  node: NodeInventory;
  /** Why the node cannot take new pods (empty when it can). */
  exclusions: string[];
  units: IndexedUnit[];
  physical: (NonNullable<NodeInventory['physicalByProduct']>[number] & {
    productKey: string;
    nominalGiB?: number;
    names: string[];
  })[];
}

/**
 * What requests ask of a cluster's inventory again and again (each unit's
 * nominal memory and names, each node's exclusions, filtered roll-ups),
 * worked out once per snapshot: inventories are immutable until the next
 * snapshot, so requests only compare numbers.
 */
export interface InventoryIndex {
  nodes: IndexedNode[];
  /** Filtered roll-ups by query, most recent last. */
  filtered: Map<string, ClusterRollUp>;
}

const MAX_FILTERED = 16;

// Keyed by the node list, which stays the same object when only `stale` changes.
const indexes = new WeakMap<NodeInventory[], InventoryIndex>();

export function inventoryIndex(inventory: ClusterInventory): InventoryIndex {
  let index = indexes.get(inventory.nodeInventory);
  if (!index) {
    index = {
      nodes: inventory.nodeInventory.map(node => ({
        node,
        exclusions: nodeExclusions(node),
        units: node.units.map(unit => ({
          unit,
          productKey: productKey(unit.vendor, unit.product),
          ...unitFacts(unit),
        })),
        physical: (node.physicalByProduct ?? []).map(p => ({
          ...p,
          productKey: productKey(p.vendor, p.product),
          ...unitFacts(p),
        })),
      })),
      filtered: new Map(),
    };
    indexes.set(inventory.nodeInventory, index);
  }
  return index;
}

/** A filtered roll-up from the index's memo, computed on first use. */
export function memoizedFilter(
  inventory: ClusterInventory,
  query: InventoryQuery,
  compute: () => ClusterRollUp,
): ClusterRollUp {
  const { filtered } = inventoryIndex(inventory);
  const key = JSON.stringify([
    query.vendor,
    query.product?.toLowerCase(),
    query.minMemoryGiB,
    query.minFree,
  ]);
  let result = filtered.get(key);
  if (result) {
    filtered.delete(key);
  } else {
    result = compute();
    if (filtered.size >= MAX_FILTERED) {
      filtered.delete(filtered.keys().next().value as string);
    }
  }
  filtered.set(key, result);
  return result.stale === inventory.stale
    ? result
    : { ...result, stale: inventory.stale };
}
