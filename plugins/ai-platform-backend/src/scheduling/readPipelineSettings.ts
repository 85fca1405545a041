import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  CollectionSettings,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';

/** Everything `aiPlatform.collection` and `aiPlatform.history` configure. */
export interface PipelineSettings {
  collection: CollectionSettings;
  /** Clusters collected at once by one run. */
  clusterConcurrency: number;
  frequency: HumanDuration | { cron: string };
  initialDelay: HumanDuration;
  /** Upper bound for one scheduled run over every cluster (the scheduler's task timeout). */
  runTimeoutMs: number;
  /** A scheduled run skips clusters attempted more recently than this (e.g. refreshed by hand). */
  minIntervalMs: number;
  historyRetentionMs: number;
  /** At most one history entry per cluster per this interval. */
  historyIntervalMs: number;
  /** How often replicas check the database for each other's collections. */
  syncIntervalMs: number;
}

/** Reads and validates the settings; errors name the key. */
export function readPipelineSettings(config: Config): PipelineSettings {
  const duration = (key: string, fallback: HumanDuration): number =>
    config.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : durationToMilliseconds(fallback);
  const positiveInt = (key: string, fallback: number, max: number): number => {
    const value = config.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(
        `${key} must be an integer between 1 and ${max}, got ${value}`,
      );
    }
    return value;
  };

  const frequencyKey = 'aiPlatform.collection.frequency';
  let frequency: HumanDuration | { cron: string } = { minutes: 5 };
  if (config.has(`${frequencyKey}.cron`)) {
    frequency = { cron: config.getString(`${frequencyKey}.cron`) };
  } else if (config.has(frequencyKey)) {
    frequency = readDurationFromConfig(config, { key: frequencyKey });
  }
  const frequencyMs =
    'cron' in frequency ? undefined : durationToMilliseconds(frequency);

  const collectionTimeoutMs = duration('aiPlatform.collection.timeout', {
    minutes: 3,
  });
  const requestTimeoutMs = duration('aiPlatform.collection.requestTimeout', {
    seconds: 20,
  });
  if (requestTimeoutMs <= 0 || collectionTimeoutMs <= 0) {
    throw new Error(
      'aiPlatform.collection.timeout and requestTimeout must be positive durations',
    );
  }
  const initialDelayMs = duration('aiPlatform.collection.initialDelay', {
    seconds: 3,
  });

  return {
    collection: {
      ...DEFAULT_COLLECTION_SETTINGS,
      pageSize: positiveInt(
        'aiPlatform.collection.pageSize',
        DEFAULT_COLLECTION_SETTINGS.pageSize,
        10_000,
      ),
      concurrency: positiveInt(
        'aiPlatform.collection.concurrency',
        DEFAULT_COLLECTION_SETTINGS.concurrency,
        64,
      ),
      requestTimeoutMs,
      collectionTimeoutMs,
    },
    clusterConcurrency: positiveInt(
      'aiPlatform.collection.clusterConcurrency',
      4,
      64,
    ),
    frequency,
    initialDelay: { milliseconds: initialDelayMs },
    runTimeoutMs: duration('aiPlatform.collection.runTimeout', { minutes: 30 }),
    // Half an interval: a cluster refreshed by hand just before the scheduled run is not collected twice.
    minIntervalMs:
      frequencyMs !== undefined ? Math.floor(frequencyMs / 2) : 30_000,
    historyRetentionMs: duration('aiPlatform.history.retention', { days: 30 }),
    historyIntervalMs: duration('aiPlatform.history.snapshotInterval', {
      hours: 1,
    }),
    syncIntervalMs: duration('aiPlatform.collection.syncInterval', {
      seconds: 2,
    }),
  };
}
