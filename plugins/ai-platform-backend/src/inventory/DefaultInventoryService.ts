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

/** Fleet answers kept at once (see `remember`); the oldest goes first. */
const MAX_REMEMBERED_ANSWERS = 128;

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
  private readonly answers = new Map<string, object>();

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
    const without = (await this.clustersWithoutInventory(all))
      .filter(s => !wanted || wanted.has(s.name))
      .map(s => ({ cluster: s.name, stale: s.stale }));
    return this.remember(['fleet', checked, without], all, () =>
      fleetInventory(
        all
          .filter(i => !wanted || wanted.has(i.cluster))
          .map(i => filteredRollUp(i, checked)),
        without,
      ),
    );
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
    return this.remember(['fit', checked, unavailable], inventories, () =>
      fitCapacity(inventories, checked, unavailable),
    );
  }

  /**
   * Fleet answers (roll-ups, fits) are pure functions of the question and
   * the fleet's state, and agents and dashboards ask the same few questions:
   * an answer is kept until a snapshot, a staleness or the question changes.
   */
  private remember<T extends object>(
    question: unknown[],
    inventories: ClusterInventory[],
    compute: () => T,
  ): T {
    const key = JSON.stringify([
      question,
      inventories.map(i => [i.cluster, i.collectedAt, i.stale]),
    ]);
    const remembered = this.answers.get(key);
    if (remembered) return remembered as T;
    const answer = compute();
    this.answers.set(key, answer);
    if (this.answers.size > MAX_REMEMBERED_ANSWERS) {
      this.answers.delete(this.answers.keys().next().value!);
    }
    return answer;
  }
}

function whyNoInventory(status: ClusterStatus): string {
  if (status.state === 'pending') return 'not collected yet';
  const error = status.lastError;
  return error
    ? `collection failed (${error.reason}): ${error.message}`
    : 'no successful collection yet';
}
