import { ConfigReader } from '@backstage/config';
import { readPipelineSettings } from './readPipelineSettings';

describe('readPipelineSettings', () => {
  it('has defaults for everything', () => {
    const s = readPipelineSettings(new ConfigReader({}));
    expect(s).toEqual({
      collection: {
        pageSize: 500,
        concurrency: 4,
        requestTimeoutMs: 20_000,
        collectionTimeoutMs: 180_000,
      },
      clusterConcurrency: 4,
      frequency: { minutes: 5 },
      initialDelay: { milliseconds: 3000 },
      runTimeoutMs: 30 * 60_000,
      minIntervalMs: 150_000,
      historyRetentionMs: 30 * 24 * 3_600_000,
      historyIntervalMs: 3_600_000,
      syncIntervalMs: 2000,
    });
  });

  it('reads durations in every config form, and cron schedules', () => {
    const s = readPipelineSettings(
      new ConfigReader({
        aiPlatform: {
          collection: {
            frequency: { cron: '*/10 * * * *' },
            timeout: 'PT5M',
            requestTimeout: '30s',
            initialDelay: { seconds: 10 },
            pageSize: 250,
            concurrency: 8,
            clusterConcurrency: 2,
          },
          history: {
            retention: { days: 7 },
            snapshotInterval: { minutes: 15 },
          },
        },
      }),
    );
    expect(s.frequency).toEqual({ cron: '*/10 * * * *' });
    expect(s.collection).toMatchObject({
      collectionTimeoutMs: 300_000,
      requestTimeoutMs: 30_000,
      pageSize: 250,
      concurrency: 8,
    });
    expect(s.initialDelay).toEqual({ milliseconds: 10_000 });
    expect(s.clusterConcurrency).toBe(2);
    expect(s.historyRetentionMs).toBe(7 * 24 * 3_600_000);
    expect(s.historyIntervalMs).toBe(15 * 60_000);
    expect(s.minIntervalMs).toBe(30_000);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readPipelineSettings(
        new ConfigReader({ aiPlatform: { collection: { pageSize: 0 } } }),
      ),
    ).toThrow(
      'aiPlatform.collection.pageSize must be an integer between 1 and 10000, got 0',
    );
    expect(() =>
      readPipelineSettings(
        new ConfigReader({ aiPlatform: { collection: { concurrency: 2.5 } } }),
      ),
    ).toThrow(/aiPlatform.collection.concurrency/);
    expect(() =>
      readPipelineSettings(
        new ConfigReader({ aiPlatform: { collection: { timeout: 'soon' } } }),
      ),
    ).toThrow(/aiPlatform.collection.timeout/);
  });
});
