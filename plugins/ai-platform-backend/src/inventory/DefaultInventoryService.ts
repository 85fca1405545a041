import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  ClusterStatus,
  FleetInventory,
  InventoryQuery,
  NodeInventory,
  NodeQuery,
  Page,
} from '@ai-platform/plugin-ai-platform-common';
import { ServedSnapshot, SnapshotService } from '../snapshots/SnapshotService';
import { validateCapacityRequest } from './capacityRequest';
import { computeClusterInventory } from './computeClusterInventory';
import { fitCapacity, UnavailableCluster } from './fitCapacity';
import { filteredRollUp, matchingNodes } from './inventoryFilters';
import {
  DEFAULT_NODE_PAGE_SIZE,
  validateNodeQuery,
} from './inventoryQueryParams';
import { InventoryService } from './InventoryService';
import { fleetInventory } from './rollUps';

/** Capacity fits remembered per fleet state; agents ask the same few questions. */
const MAX_REMEMBERED_FITS = 64;

interface CachedInventory {
  collectedAt: string;
  inventory: ClusterInventory;
}

/**
 * Inventory computed from served snapshots. Each cluster's inventory is
 * computed once per snapshot (keyed by `collectedAt`) and reused until a
 * newer snapshot arrives, so requests only filter and page.
 */
export class DefaultInventoryService implements InventoryService {
  private readonly cache = new Map<string, CachedInventory>();
  private readonly fits = new Map<string, CapacityFit>();

  constructor(private readonly snapshots: SnapshotService) {
    // Compute new snapshots' inventory as they arrive, not on the next request.
    snapshots.onSnapshot(event => {
      this.inventoryOf(event);
    });
  }

  /** The served snapshot's inventory, from cache when the snapshot has not changed. */
  private inventoryOf(served: ServedSnapshot): ClusterInventory {
    const name = served.status.name;
    const { snapshot } = served;
    let cached = this.cache.get(name);
    if (!cached || cached.collectedAt !== snapshot.collectedAt) {
      const inventory = computeClusterInventory(snapshot, { stale: false });
      cached = {
        collectedAt: snapshot.collectedAt,
        inventory: { ...inventory, cluster: name },
      };
      this.cache.set(name, cached);
    }
    const stale = served.status.stale;
    return cached.inventory.stale === stale
      ? cached.inventory
      : { ...cached.inventory, stale };
  }

  private async allInventories(): Promise<ClusterInventory[]> {
    const served = await this.snapshots.listLatest();
    const names = new Set(served.map(s => s.status.name));
    for (const name of this.cache.keys()) {
      if (!names.has(name)) this.cache.delete(name);
    }
    return served
      .map(s => this.inventoryOf(s))
      .sort((a, b) => a.cluster.localeCompare(b.cluster));
  }

  /** Known clusters that have no snapshot to serve, with why. */
  private async clustersWithoutInventory(
    withInventory: ClusterInventory[],
  ): Promise<ClusterStatus[]> {
    const have = new Set(withInventory.map(i => i.cluster));
    const statuses = await this.snapshots.listClusters();
    return statuses.filter(s => !have.has(s.name));
  }

  async getClusterInventory(
    cluster: string,
  ): Promise<ClusterInventory | undefined> {
    const served = await this.snapshots.getLatest(cluster);
    return served ? this.inventoryOf(served) : undefined;
  }

  async getFleetInventory(query: InventoryQuery): Promise<FleetInventory> {
    const checked = validateNodeQuery(query);
    const wanted = checked.clusters ? new Set(checked.clusters) : undefined;
    const all = await this.allInventories();
    const inventories = all
      .filter(i => !wanted || wanted.has(i.cluster))
      .map(i => filteredRollUp(i, checked));
    const without = (await this.clustersWithoutInventory(all))
      .filter(s => !wanted || wanted.has(s.name))
      .map(s => ({ cluster: s.name, stale: s.stale }));
    return fleetInventory(inventories, without);
  }

  async listNodes(query: NodeQuery): Promise<Page<NodeInventory>> {
    const checked = validateNodeQuery(query);
    const wanted = checked.clusters ? new Set(checked.clusters) : undefined;
    const matches: NodeInventory[] = [];
    for (const inventory of await this.allInventories()) {
      if (wanted && !wanted.has(inventory.cluster)) continue;
      for (const node of matchingNodes(inventory, checked)) matches.push(node);
    }
    const offset = checked.offset ?? 0;
    const limit = checked.limit ?? DEFAULT_NODE_PAGE_SIZE;
    const items = matches.slice(offset, offset + limit);
    return {
      items,
      totalItems: matches.length,
      ...(offset + limit < matches.length
        ? { nextOffset: offset + limit }
        : {}),
    };
  }

  async fitCapacity(request: CapacityRequest): Promise<CapacityFit> {
    const checked = validateCapacityRequest(request);
    const inventories = await this.allInventories();
    const unavailable: UnavailableCluster[] = (
      await this.clustersWithoutInventory(inventories)
    ).map(s => ({ cluster: s.name, reason: whyNoInventory(s) }));
    // The fit is a pure function of the request and the fleet's state: the
    // same request on the same snapshots gets the same answer, so keep it
    // until any snapshot, staleness or unavailable cluster changes.
    const key = JSON.stringify([
      checked,
      inventories.map(i => [
        i.cluster,
        this.cache.get(i.cluster)?.collectedAt,
        i.stale,
      ]),
      unavailable,
    ]);
    const remembered = this.fits.get(key);
    if (remembered) return remembered;
    const fit = fitCapacity(inventories, checked, unavailable);
    this.fits.set(key, fit);
    if (this.fits.size > MAX_REMEMBERED_FITS) {
      this.fits.delete(this.fits.keys().next().value!);
    }
    return fit;
  }
}

function whyNoInventory(status: ClusterStatus): string {
  if (status.state === 'pending') return 'not collected yet';
  const error = status.lastError;
  return error
    ? `collection failed (${error.reason}): ${error.message}`
    : 'no successful collection yet';
}
