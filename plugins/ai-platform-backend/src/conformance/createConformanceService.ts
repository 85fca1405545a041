import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { ChecklistRequirement } from '@ai-platform/plugin-ai-platform-common';
import { SnapshotService } from '../snapshots/SnapshotService';
import { ConformanceService } from './ConformanceService';
import {
  ConformanceHistoryStore,
  migrateDatabase,
} from './ConformanceHistoryStore';
import { DefaultConformanceService } from './DefaultConformanceService';

const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** `aiPlatform.history.retention` (shared with snapshots), default 30 days. */
export function readHistoryRetentionMs(config?: RootConfigService): number {
  const key = 'aiPlatform.history.retention';
  if (!config?.has(key)) return DEFAULT_RETENTION_MS;
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/**
 * The conformance service: runs the migrations, subscribes to new snapshots
 * to record verdict history and, with a scheduler, deletes history past the
 * retention every few hours (once across replicas).
 */
export async function createConformanceService(deps: {
  snapshots: SnapshotService;
  database: DatabaseService;
  logger: LoggerService;
  /** Checks added or replaced through the conformance extension point. */
  extraChecks: ConformanceCheck[];
  extraRequirements: {
    requirement: ChecklistRequirement;
    check: ConformanceCheck;
  }[];
  config?: RootConfigService;
  scheduler?: SchedulerService;
}): Promise<ConformanceService> {
  const knex = await migrateDatabase(deps.database);
  const service = new DefaultConformanceService({
    snapshots: deps.snapshots,
    store: new ConformanceHistoryStore(knex),
    logger: deps.logger,
    checks: deps.extraChecks,
    extraRequirements: deps.extraRequirements,
    retentionMs: readHistoryRetentionMs(deps.config),
  });
  service.start();
  if (deps.scheduler) {
    await deps.scheduler.scheduleTask({
      id: 'ai-platform-conformance-history-retention',
      frequency: { hours: 6 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 5 },
      scope: 'global',
      fn: async () => {
        await service.cleanupHistory();
      },
    });
  }
  return service;
}
