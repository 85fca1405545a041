import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterCollector } from '../collection/ClusterCollector';
import { mapWithConcurrency } from '../collection/Semaphore';
import {
  DatabaseSnapshotStore,
  LeaseLostError,
} from '../database/DatabaseSnapshotStore';
import { DefaultSnapshotService } from '../snapshots/DefaultSnapshotService';

export interface CollectionRunnerOptions {
  store: DatabaseSnapshotStore;
  registry: ClusterRegistry;
  collector: ClusterCollector;
  snapshots: DefaultSnapshotService;
  logger: LoggerService;
  clusterConcurrency: number;
  /** How long a collection lease lasts; longer than any collection can take. */
  leaseMs: number;
  historyIntervalMs: number;
  /** A scheduled run skips clusters attempted more recently than this. */
  minIntervalMs: number;
  /** How often this replica looks for refresh requests made on other replicas. */
  refreshPollMs?: number;
}

/**
 * Collects clusters under their database lease, so that across replicas a
 * cluster is never collected twice at once: the scheduled run (one replica
 * per interval, thanks to the global task) and refresh requests (picked up by
 * whichever replica takes the lease first) go through the same path.
 */
export class CollectionRunner {
  /** Identifies this replica in lease rows. */
  readonly instanceId = `${os.hostname().slice(0, 40)}-${
    process.pid
  }-${randomBytes(4).toString('hex')}`;
  private readonly running = new Set<string>();
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private readonly abort = new AbortController();

  constructor(private readonly options: CollectionRunnerOptions) {
    options.snapshots.setRefreshHandler(() => {
      this.processRefreshRequests().catch(error =>
        options.logger.warn(`Refresh failed: ${(error as Error).message}`),
      );
    });
  }

  /** Starts polling for refresh requests (made on any replica). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.processRefreshRequests().catch(error =>
        this.options.logger.warn(
          `Could not process refresh requests: ${(error as Error).message}`,
        ),
      );
    }, this.options.refreshPollMs ?? 2000);
    this.timer.unref();
  }

  /** Stops polling and aborts collections in progress (shutdown). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort(new Error('the backend is shutting down'));
  }

  /** The scheduled run: every cluster not attempted within the minimum interval. */
  async collectAll(signal?: AbortSignal): Promise<void> {
    const { clusters } = await this.options.registry.list({ fresh: true });
    const started = Date.now();
    const results = await mapWithConcurrency(
      clusters,
      this.options.clusterConcurrency,
      cluster =>
        this.collectIfLeased(
          cluster,
          { minIntervalMs: this.options.minIntervalMs },
          signal,
        ),
    );
    const attempted = results.filter(
      r => r.status === 'fulfilled' && r.value,
    ).length;
    const skipped = clusters.length - attempted;
    this.options.logger.info(
      `Collection run: ${attempted} of ${
        clusters.length
      } clusters attempted in ${Date.now() - started} ms${
        skipped
          ? ` (${skipped} collected recently or being collected by another replica)`
          : ''
      }`,
    );
  }

  /** Collects every cluster with a pending refresh request whose lease this replica can take. */
  processRefreshRequests(): Promise<void> {
    this.refreshing ??= this.doProcessRefreshRequests().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doProcessRefreshRequests(): Promise<void> {
    const now = Date.now();
    const requested = (await this.options.store.listClusterRows()).filter(
      r =>
        r.refreshRequestedAt !== undefined &&
        (!r.leaseOwner || (r.leaseExpiresAt ?? 0) < now),
    );
    if (requested.length === 0) return;
    const { clusters } = await this.options.registry.list();
    const targets = requested
      .map(r => clusters.find(c => c.name === r.name))
      .filter((c): c is ClusterDefinition => !!c);
    await mapWithConcurrency(
      targets,
      this.options.clusterConcurrency,
      cluster =>
        this.collectIfLeased(cluster, { onlyIfRefreshRequested: true }),
    );
  }

  /** Takes the lease, collects, stores. False when another collection holds the cluster. */
  private async collectIfLeased(
    cluster: ClusterDefinition,
    condition: { minIntervalMs?: number; onlyIfRefreshRequested?: boolean },
    signal?: AbortSignal,
  ): Promise<boolean> {
    const { store, collector, snapshots, logger } = this.options;
    if (this.running.has(cluster.name)) return false;
    this.running.add(cluster.name);
    const owner = this.instanceId;
    try {
      const startedAt = Date.now();
      const leased = await store.tryAcquireLease(cluster.name, owner, {
        leaseMs: this.options.leaseMs,
        now: startedAt,
        ...condition,
      });
      if (!leased) return false;
      try {
        const combined = signal
          ? AbortSignal.any([signal, this.abort.signal])
          : this.abort.signal;
        const outcome = await collector.collect(cluster, { signal: combined });
        if (outcome.ok) {
          const row = await store.storeSnapshot(outcome.snapshot, owner, {
            historyIntervalMs: this.options.historyIntervalMs,
          });
          await snapshots.recordCollected(outcome.snapshot, row);
        } else {
          const row = await store.recordFailure(
            cluster.name,
            owner,
            outcome.error,
            { startedAt },
          );
          if (row) snapshots.recordFailed(row);
        }
        return true;
      } catch (error) {
        if (error instanceof LeaseLostError) {
          logger.warn(
            `Collection of cluster ${cluster.name} not stored: ${error.message}`,
          );
        } else {
          logger.error(
            `Collection of cluster ${cluster.name} failed unexpectedly: ${
              (error as Error).message
            }`,
          );
        }
        await store.releaseLease(cluster.name, owner).catch(() => undefined);
        return false;
      }
    } finally {
      this.running.delete(cluster.name);
    }
  }
}
