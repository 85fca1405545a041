import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ClusterSnapshot,
  ClusterStatus,
} from '@ai-platform/plugin-ai-platform-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterList } from '../clusters/types';
import {
  ClusterRow,
  DatabaseSnapshotStore,
} from '../database/DatabaseSnapshotStore';
import { buildClusterStatus } from './buildClusterStatus';
import {
  ServedSnapshot,
  SnapshotEvent,
  SnapshotService,
} from './SnapshotService';

export interface DefaultSnapshotServiceOptions {
  store: DatabaseSnapshotStore;
  registry: ClusterRegistry;
  logger: LoggerService;
  /** How often the cache is checked against the database (other replicas' collections). */
  syncIntervalMs?: number;
}

interface Served {
  row?: ClusterRow;
  snapshot?: ClusterSnapshot;
}

/**
 * Serves snapshots from memory. A background loop asks the database every
 * couple of seconds for each cluster's status row (a cheap query without the
 * snapshot blobs) and reloads only the snapshots whose collected-at time
 * changed, so collections made by other replicas show up quickly while
 * requests never wait for the database or parse a snapshot.
 */
export class DefaultSnapshotService implements SnapshotService {
  private readonly served = new Map<string, Served>();
  private clusters: ClusterList = { clusters: [], skipped: [] };
  private statuses: ClusterStatus[] = [];
  private readonly statusByName = new Map<string, ClusterStatus>();
  private readonly listeners = new Set<
    (event: SnapshotEvent) => Promise<void> | void
  >();
  private refreshHandler?: (name: string) => void;
  private lastSync = 0;
  private syncing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly syncIntervalMs: number;

  constructor(private readonly options: DefaultSnapshotServiceOptions) {
    this.syncIntervalMs = options.syncIntervalMs ?? 2000;
  }

  /** Starts the background sync with the database. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sync().catch(error =>
        this.options.logger.warn(
          `Could not sync cluster snapshots from the database: ${
            (error as Error).message
          }`,
        ),
      );
    }, this.syncIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Called by the collection runner: who handles refresh requests in this replica. */
  setRefreshHandler(handler: (name: string) => void): void {
    this.refreshHandler = handler;
  }

  async listClusters(): Promise<ClusterStatus[]> {
    await this.ready();
    return [...this.statuses];
  }

  async getCluster(name: string): Promise<ClusterStatus | undefined> {
    await this.ready();
    return this.statusByName.get(name);
  }

  async getLatest(name: string): Promise<ServedSnapshot | undefined> {
    await this.ready();
    const snapshot = this.served.get(name)?.snapshot;
    const status = this.statusByName.get(name);
    return snapshot && status ? { status, snapshot } : undefined;
  }

  async listLatest(): Promise<ServedSnapshot[]> {
    await this.ready();
    const out: ServedSnapshot[] = [];
    for (const status of this.statuses) {
      const snapshot = this.served.get(status.name)?.snapshot;
      if (snapshot) out.push({ status, snapshot });
    }
    return out;
  }

  async requestRefresh(name: string): Promise<void> {
    await this.ready();
    const skipped = this.clusters.skipped.find(s => s.name === name);
    if (skipped) {
      throw new ConflictError(
        `Cluster ${name} is not collected: ${skipped.reason}`,
      );
    }
    if (!this.clusters.clusters.some(c => c.name === name)) {
      // The catalog may have added it since the last listing.
      this.clusters = await this.options.registry.list({ fresh: true });
      if (!this.clusters.clusters.some(c => c.name === name)) {
        throw new NotFoundError(`No cluster named ${name} is configured`);
      }
    }
    await this.options.store.requestRefresh(name);
    this.refreshHandler?.(name);
  }

  onSnapshot(
    listener: (event: SnapshotEvent) => Promise<void> | void,
  ): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A collection in this replica stored a snapshot: serve it now and tell
   * the listeners (conformance history), after storing, in this replica only.
   */
  async recordCollected(
    snapshot: ClusterSnapshot,
    row: ClusterRow,
  ): Promise<void> {
    const name = snapshot.cluster.name;
    const previous = this.served.get(name)?.snapshot;
    this.served.set(name, { row, snapshot });
    this.rebuildStatuses();
    const status =
      this.statusByName.get(name) ??
      buildClusterStatus({ name, row, snapshot });
    const event: SnapshotEvent = previous
      ? { status, snapshot, previous }
      : { status, snapshot };
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.options.logger.error(
          `A snapshot listener failed for cluster ${name}: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  /** A collection in this replica failed: the status changes, the served snapshot stays. */
  recordFailed(row: ClusterRow): void {
    const entry = this.served.get(row.name) ?? {};
    this.served.set(row.name, { ...entry, row });
    this.rebuildStatuses();
  }

  /** Brings the cache in step with the database; concurrent callers share one run. */
  sync(): Promise<void> {
    this.syncing ??= this.doSync().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async ready(): Promise<void> {
    // The background loop keeps it current; only wait when it never ran or has stalled.
    if (Date.now() - this.lastSync > this.syncIntervalMs * 3) {
      await this.sync();
    }
  }

  private async doSync(): Promise<void> {
    const [clusters, rows] = await Promise.all([
      this.options.registry.list(),
      this.options.store.listClusterRows(),
    ]);
    this.clusters = clusters;
    const changed: string[] = [];
    for (const row of rows) {
      const entry = this.served.get(row.name);
      const servedAt = entry?.snapshot
        ? Date.parse(entry.snapshot.collectedAt)
        : undefined;
      if (
        row.snapshotCollectedAt !== undefined &&
        row.snapshotCollectedAt !== servedAt
      ) {
        changed.push(row.name);
      }
      this.served.set(row.name, { ...entry, row });
    }
    // Rows removed by retention on any replica.
    const present = new Set(rows.map(r => r.name));
    for (const name of [...this.served.keys()]) {
      if (!present.has(name)) this.served.delete(name);
    }
    if (changed.length > 0) {
      const loaded = await this.options.store.loadLatest(changed);
      for (const [name, snapshot] of loaded) {
        this.served.get(name)!.snapshot = snapshot;
      }
    }
    this.lastSync = Date.now();
    this.rebuildStatuses();
  }

  private rebuildStatuses(): void {
    const statuses: ClusterStatus[] = [];
    const seen = new Set<string>();
    for (const definition of this.clusters.clusters) {
      const served = this.served.get(definition.name);
      statuses.push(
        buildClusterStatus({ name: definition.name, definition, ...served }),
      );
      seen.add(definition.name);
    }
    for (const skipped of this.clusters.skipped) {
      if (seen.has(skipped.name)) continue;
      statuses.push(buildClusterStatus({ name: skipped.name, skipped }));
      seen.add(skipped.name);
    }
    // Stored clusters no longer configured still show their last snapshot until retention removes them.
    for (const [name, served] of this.served) {
      if (seen.has(name) || !served.snapshot) continue;
      statuses.push(buildClusterStatus({ name, ...served }));
    }
    statuses.sort((a, b) => a.name.localeCompare(b.name));
    this.statuses = statuses;
    this.statusByName.clear();
    for (const s of statuses) this.statusByName.set(s.name, s);
  }
}
