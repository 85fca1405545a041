import {
  ClusterInventory,
  GpuVendor,
  InventoryQuery,
  NodeInventory,
  ProductInventory,
} from '@ai-platform/plugin-ai-platform-common';
import { isGpuNode } from './computeNodeInventory';
import { IndexedNode, inventoryIndex, memoizedFilter } from './inventoryIndex';
import { unitFacts } from './placementRules';
import {
  ClusterRollUp,
  rollUpByProduct,
  rollUpByVendor,
  rollUpPartitions,
  sumCounts,
  zeroCounts,
} from './rollUps';

/** Whether a query narrows anything below the cluster level. */
export function hasDeviceFilters(query: InventoryQuery): boolean {
  return (
    query.vendor !== undefined ||
    query.product !== undefined ||
    (query.minMemoryGiB ?? 0) > 0 ||
    (query.minFree ?? 0) > 0
  );
}

type Matcher = (
  vendor: string,
  nominalGiB: number | undefined,
  names: string[],
) => boolean;

/** The device filters as one predicate over precomputed unit facts. */
function deviceMatcher(query: InventoryQuery): Matcher {
  const needle = query.product?.toLowerCase();
  const minGiB = query.minMemoryGiB ?? 0;
  return (vendor, nominalGiB, names) =>
    (!query.vendor || vendor === query.vendor) &&
    (!needle || names.some(n => n.includes(needle))) &&
    (minGiB <= 0 || (nominalGiB !== undefined && nominalGiB >= minGiB));
}

/** Whether the query's device filters keep an indexed node, without building the filtered view. */
export function indexedNodeMatches(
  indexed: IndexedNode,
  query: InventoryQuery,
  matches: Matcher = deviceMatcher(query),
): boolean {
  let matched = false;
  let free = 0;
  for (const u of indexed.units) {
    if (!matches(u.unit.vendor, u.nominalGiB, u.names)) continue;
    matched = true;
    free += u.unit.free;
  }
  if (!matched) {
    matched = indexed.physical.some(p =>
      matches(p.vendor, p.nominalGiB, p.names),
    );
  }
  return matched && free >= (query.minFree ?? 0);
}

/**
 * Nodes of a cluster the query keeps, whole (the filters decide which nodes,
 * not what they show).
 */
export function matchingNodes(
  inventory: ClusterInventory,
  query: InventoryQuery & { gpuOnly?: boolean },
): NodeInventory[] {
  const gpuOnly = query.gpuOnly ?? true;
  if (!hasDeviceFilters(query)) {
    return gpuOnly
      ? inventory.nodeInventory.filter(isGpuNode)
      : inventory.nodeInventory;
  }
  const matches = deviceMatcher(query);
  return inventoryIndex(inventory)
    .nodes.filter(n => indexedNodeMatches(n, query, matches))
    .map(n => n.node);
}

/**
 * A node seen through the query's device filters: only the unit groups and
 * physical products of the wanted vendor/product/memory, with counts
 * recomputed. Undefined when nothing on the node matches, or fewer than
 * `minFree` matching units are free.
 */
export function filterNodeInventory(
  node: NodeInventory,
  query: InventoryQuery,
): NodeInventory | undefined {
  if (!hasDeviceFilters(query)) return node;
  const matches = deviceMatcher(query);
  const keep = (e: Parameters<typeof unitFacts>[0] & { vendor: string }) => {
    const facts = unitFacts(e);
    return matches(e.vendor, facts.nominalGiB, facts.names);
  };
  const units = node.units.filter(keep);
  const physicalByProduct = (node.physicalByProduct ?? []).filter(keep);
  if (units.length === 0 && physicalByProduct.length === 0) return undefined;
  const counts = sumCounts(units);
  if ((query.minFree ?? 0) > 0 && counts.free < query.minFree!)
    return undefined;
  return {
    ...node,
    ...counts,
    physical: physicalByProduct.reduce((s, p) => s + p.count, 0),
    units,
    physicalByProduct,
  };
}

/** A cluster's inventory restricted to the query's devices, rolled up again. */
export function filterClusterInventory(
  inventory: ClusterInventory,
  query: InventoryQuery,
): ClusterInventory {
  if (!hasDeviceFilters(query)) return inventory;
  const nodes = inventory.nodeInventory
    .map(n => filterNodeInventory(n, query))
    .filter((n): n is NodeInventory => n !== undefined)
    .filter(isGpuNode);
  const byProduct = rollUpByProduct(nodes);
  return {
    ...inventory,
    gpuNodes: nodes.length,
    gpus: {
      ...sumCounts(nodes),
      byProduct,
      byVendor: rollUpByVendor(byProduct),
    },
    partitions: rollUpPartitions(nodes),
    nodeInventory: nodes,
  };
}

/**
 * The same totals as {@link filterClusterInventory} for the fleet roll-up,
 * straight from the index without building filtered nodes, memoized per
 * snapshot and query: this is what `GET /inventory?…` runs.
 */
export function filteredRollUp(
  inventory: ClusterInventory,
  query: InventoryQuery,
): ClusterRollUp {
  if (!hasDeviceFilters(query)) return inventory;
  return memoizedFilter(inventory, query, () => {
    const matches = deviceMatcher(query);
    const minFree = query.minFree ?? 0;
    const totals = zeroCounts();
    const products = new Map<string, ProductInventory>();
    const product = (key: string, vendor: GpuVendor, name: string) => {
      let p = products.get(key);
      if (!p) {
        p = { vendor, product: name, nodes: 0, ...zeroCounts() };
        products.set(key, p);
      }
      return p;
    };
    let gpuNodes = 0;
    const nodeProducts = new Set<string>();
    for (const indexed of inventoryIndex(inventory).nodes) {
      let free = 0;
      let matchedUnits = 0;
      for (const u of indexed.units) {
        if (matches(u.unit.vendor, u.nominalGiB, u.names)) {
          matchedUnits++;
          free += u.unit.free;
        }
      }
      if (free < minFree) continue;
      nodeProducts.clear();
      for (const p of indexed.physical) {
        if (!matches(p.vendor, p.nominalGiB, p.names)) continue;
        const e = product(p.productKey, p.vendor, p.product);
        e.physical += p.count;
        totals.physical += p.count;
        if (p.memoryMiB !== undefined) {
          e.memoryMiB = Math.max(e.memoryMiB ?? 0, p.memoryMiB);
        }
        nodeProducts.add(p.productKey);
      }
      if (matchedUnits === 0 && nodeProducts.size === 0) continue;
      for (const u of indexed.units) {
        if (!matches(u.unit.vendor, u.nominalGiB, u.names)) continue;
        const e = product(u.productKey, u.unit.vendor, u.unit.product);
        e.allocatable += u.unit.allocatable;
        e.allocated += u.unit.allocated;
        e.free += u.unit.free;
        nodeProducts.add(u.productKey);
      }
      for (const key of nodeProducts) products.get(key)!.nodes++;
      gpuNodes++;
    }
    const byProduct = [...products.values()].sort(
      (a, b) => b.physical - a.physical || a.product.localeCompare(b.product),
    );
    for (const p of byProduct) {
      totals.allocatable += p.allocatable;
      totals.allocated += p.allocated;
      totals.free += p.free;
    }
    return {
      cluster: inventory.cluster,
      stale: inventory.stale,
      collectedAt: inventory.collectedAt,
      gpuNodes,
      gpus: { ...totals, byProduct, byVendor: rollUpByVendor(byProduct) },
    };
  });
}
