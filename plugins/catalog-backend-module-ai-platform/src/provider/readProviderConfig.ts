import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface ProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaultOwner: string;
  defaultSystem?: string;
}

export const DEFAULT_OWNER = 'group:default/platform-engineering';
const DEFAULT_FREQUENCY: HumanDuration = { minutes: 2 };
const DEFAULT_TIMEOUT: HumanDuration = { minutes: 5 };
const DEFAULT_INITIAL_DELAY: HumanDuration = { seconds: 20 };

const DURATION_KEYS = [
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
] as const;

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function readDuration(
  config: RootConfigService,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  const value = config.getOptional(key);
  if (value === undefined) return fallback;
  if (typeof value === 'string') {
    const iso = ISO_DURATION.exec(value.trim());
    if (iso && value.trim().length > 2) {
      const [, days, hours, minutes, seconds] = iso.map(Number);
      return Object.fromEntries(
        Object.entries({ days, hours, minutes, seconds }).filter(
          ([, v]) => Number.isFinite(v) && v > 0,
        ),
      ) as HumanDuration;
    }
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    const valid =
      entries.length > 0 &&
      entries.every(
        ([k, v]) =>
          (DURATION_KEYS as readonly string[]).includes(k) &&
          typeof v === 'number' &&
          v >= 0,
      );
    if (valid) return value as HumanDuration;
  }
  throw new Error(
    `Invalid config at ${key}: expected a duration such as { minutes: 2 } or an ISO 8601 duration such as PT2M`,
  );
}

/**
 * Reads `catalog.providers.aiPlatform`: `frequency` (a duration such as
 * `{ minutes: 2 }`, an ISO duration `PT2M`, or a cron expression),
 * `timeout`, `initialDelay`, `defaultOwner`, `defaultSystem`.
 */
export function readProviderConfig(root: RootConfigService): ProviderConfig {
  const base = 'catalog.providers.aiPlatform';
  const config = root.getOptionalConfig(base);
  const read = (key: string, fallback: HumanDuration) =>
    config ? readDuration(config, key, fallback) : fallback;

  // A cron expression, as a string or as { cron } like aiPlatform.collection.frequency.
  const rawFrequency = config?.getOptional('frequency');
  let cron: string | undefined;
  if (typeof rawFrequency === 'string') {
    if (rawFrequency.trim().split(/\s+/).length >= 5)
      cron = rawFrequency.trim();
  } else if (
    rawFrequency &&
    typeof rawFrequency === 'object' &&
    'cron' in rawFrequency
  ) {
    cron = config?.getString('frequency.cron');
  }
  const frequency = cron ? { cron } : read('frequency', DEFAULT_FREQUENCY);

  return {
    schedule: {
      frequency,
      timeout: read('timeout', DEFAULT_TIMEOUT),
      initialDelay: read('initialDelay', DEFAULT_INITIAL_DELAY),
      scope: 'global',
    },
    defaultOwner: config?.getOptionalString('defaultOwner') ?? DEFAULT_OWNER,
    defaultSystem: config?.getOptionalString('defaultSystem'),
  };
}
