import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterSource,
  SnapshotCollector,
} from '@ai-platform/plugin-ai-platform-node';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterCollector } from '../collection/ClusterCollector';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { DefaultSnapshotService } from '../snapshots/DefaultSnapshotService';
import { CollectionRunner } from './CollectionRunner';
import { readPipelineSettings } from './readPipelineSettings';

export const COLLECT_TASK_ID = 'ai-platform-collect-clusters';
export const RETENTION_TASK_ID = 'ai-platform-snapshot-retention';

export interface SnapshotPipelineDeps {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  auth: AuthService;
  catalog: CatalogService;
  /** Adopters' cluster sources and collectors (extension points). */
  clusterSources: ClusterSource[];
  collectors: SnapshotCollector[];
}

export interface SnapshotPipeline {
  snapshots: DefaultSnapshotService;
  /** Schedules the collection and retention tasks and starts the sync loops. */
  start(): Promise<void>;
}

/**
 * Clusters → collector → database → served snapshots, and the schedule that
 * drives it. Running migrations here, before other services are created,
 * keeps one migration runner for the plugin's database.
 */
export async function createSnapshotPipeline(
  deps: SnapshotPipelineDeps,
): Promise<SnapshotPipeline> {
  const { config, logger, database, scheduler, lifecycle } = deps;
  const settings = readPipelineSettings(config);
  const store = await DatabaseSnapshotStore.create({ database });
  const registry = new ClusterRegistry({
    config,
    logger,
    catalog: deps.catalog,
    auth: deps.auth,
    sources: deps.clusterSources,
  });
  const collector = new ClusterCollector({
    settings: settings.collection,
    logger,
    extensions: deps.collectors,
    catalogAllowedHosts: registry.allowedCatalogHosts,
  });
  const snapshots = new DefaultSnapshotService({
    store,
    registry,
    logger,
    syncIntervalMs: settings.syncIntervalMs,
  });
  const runner = new CollectionRunner({
    store,
    registry,
    collector,
    snapshots,
    logger,
    clusterConcurrency: settings.clusterConcurrency,
    leaseMs: settings.collection.collectionTimeoutMs + 60_000,
    historyIntervalMs: settings.historyIntervalMs,
    minIntervalMs: settings.minIntervalMs,
    refreshPollMs: settings.syncIntervalMs,
  });

  return {
    snapshots,
    async start() {
      await scheduler.scheduleTask({
        id: COLLECT_TASK_ID,
        scope: 'global',
        frequency: settings.frequency,
        timeout: { milliseconds: settings.runTimeoutMs },
        initialDelay: settings.initialDelay,
        fn: signal => runner.collectAll(signal),
      });
      await scheduler.scheduleTask({
        id: RETENTION_TASK_ID,
        scope: 'global',
        frequency: { hours: 24 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 10 },
        fn: async () => {
          const { clusters, skipped } = await registry.list({ fresh: true });
          const removed = await store.deleteOlderThan(
            Date.now() - settings.historyRetentionMs,
            [...clusters.map(c => c.name), ...skipped.map(s => s.name)],
          );
          logger.info(
            `Snapshot retention: removed ${removed.history} history entries and ${removed.clusters} unconfigured clusters`,
          );
        },
      });
      snapshots.start();
      runner.start();
      lifecycle.addShutdownHook(() => {
        runner.stop();
        snapshots.stop();
      });
    },
  };
}
