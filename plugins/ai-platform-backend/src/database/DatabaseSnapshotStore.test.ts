import { emptySnapshot } from '@ai-platform/plugin-ai-platform-common';
import { Knex } from 'knex';
import { bigSnapshot } from '../collection/__testUtils__/bigSnapshot';
import {
  DatabaseSnapshotStore,
  LeaseLostError,
  migrateSnapshotDatabase,
} from './DatabaseSnapshotStore';
import {
  createTestDatabases,
  DATABASE_IDS,
  POSTGRES_ENV,
} from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const LEASE = { leaseMs: 60_000 };

async function storeFor(
  id: (typeof DATABASE_IDS)[number],
): Promise<{ store: DatabaseSnapshotStore; knex: Knex }> {
  const knex = await databases.init(id);
  await migrateSnapshotDatabase(knex);
  return { store: new DatabaseSnapshotStore(knex), knex };
}

function snapshotOf(name: string, collectedAt: number) {
  const s = emptySnapshot(
    { name, source: 'config' },
    new Date(collectedAt).toISOString(),
  );
  s.nodes.push({
    name: 'n1',
    labels: {},
    taints: [],
    unschedulable: false,
    ready: true,
    capacity: { 'nvidia.com/gpu': '8' },
    allocatable: { 'nvidia.com/gpu': '8' },
    nodeInfo: {},
  });
  return s;
}

describe('DatabaseSnapshotStore', () => {
  it('runs on PostgreSQL as well as SQLite', () => {
    expect(process.env[POSTGRES_ENV]).toBeTruthy();
    expect(databases.supports('POSTGRES_15')).toBe(true);
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  it.each(DATABASE_IDS)(
    'stores and loads a 5,000-node snapshot compactly (%s)',
    async id => {
      const { store, knex } = await storeFor(id);
      const snapshot = bigSnapshot('big');
      expect(await store.tryAcquireLease('big', 'replica-a', LEASE)).toBe(true);
      const started = Date.now();
      await store.storeSnapshot(snapshot, 'replica-a', {
        historyIntervalMs: 0,
      });
      const storeMs = Date.now() - started;

      const loadStart = Date.now();
      const loaded = await store.loadLatest(['big']);
      const loadMs = Date.now() - loadStart;
      expect(loaded.get('big')).toEqual(snapshot);

      const row = await knex('ai_platform_snapshots')
        .where('cluster_name', 'big')
        .first();
      const jsonBytes = Number(row.json_bytes);
      const storedBytes = Buffer.from(row.data).length;
      expect(jsonBytes).toBeGreaterThan(10_000_000);
      // gzip keeps it to a fraction of the JSON.
      expect(storedBytes).toBeLessThan(jsonBytes / 8);
      expect(storeMs + loadMs).toBeLessThan(20_000);
      expect(await store.getClusterRow('big')).toMatchObject({
        state: 'fresh',
        snapshotCollectedAt: Date.parse(snapshot.collectedAt),
      });
    },
  );

  it.each(DATABASE_IDS)(
    'lets exactly one of several replicas take a cluster lease (%s)',
    async id => {
      const { store, knex } = await storeFor(id);
      const other = new DatabaseSnapshotStore(knex);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? other : store).tryAcquireLease('c1', `replica-${i}`, LEASE),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = `replica-${results.indexOf(true)}`;
      expect((await store.getClusterRow('c1'))!.leaseOwner).toBe(winner);

      // Taken until released...
      expect(await store.tryAcquireLease('c1', 'late', LEASE)).toBe(false);
      await store.releaseLease('c1', winner);
      expect(await store.tryAcquireLease('c1', 'late', LEASE)).toBe(true);
      // ...or expired.
      const later = Date.now() + LEASE.leaseMs + 1;
      expect(
        await other.tryAcquireLease('c1', 'thief', { ...LEASE, now: later }),
      ).toBe(true);
    },
  );

  it.each(DATABASE_IDS)(
    'refuses to store a snapshot after the lease was lost (%s)',
    async id => {
      const { store, knex } = await storeFor(id);
      const now = Date.now();
      expect(
        await store.tryAcquireLease('c1', 'slow', { leaseMs: 10, now }),
      ).toBe(true);
      expect(
        await store.tryAcquireLease('c1', 'fast', {
          leaseMs: 60_000,
          now: now + 20,
        }),
      ).toBe(true);
      await expect(
        store.storeSnapshot(snapshotOf('c1', now), 'slow', {
          historyIntervalMs: 0,
        }),
      ).rejects.toThrow(LeaseLostError);
      expect(
        Number((await knex('ai_platform_snapshots').count({ n: '*' }))[0].n),
      ).toBe(0);
      expect(
        Number(
          (await knex('ai_platform_snapshot_history').count({ n: '*' }))[0].n,
        ),
      ).toBe(0);
    },
  );

  it.each(DATABASE_IDS)(
    'marks a cluster failed, then fresh, then stale with the last error (%s)',
    async id => {
      const { store } = await storeFor(id);
      const error = {
        cluster: 'c1',
        resource: '/version',
        reason: 'unreachable' as const,
        message: 'GET /version: cannot connect',
        at: new Date().toISOString(),
      };
      const t0 = Date.now();
      await store.tryAcquireLease('c1', 'r', { ...LEASE, now: t0 });
      expect(
        await store.recordFailure('c1', 'r', error, { startedAt: t0 }),
      ).toMatchObject({ state: 'failed', lastError: error, lastAttemptAt: t0 });

      await store.tryAcquireLease('c1', 'r', { ...LEASE, now: t0 + 1 });
      const stored = await store.storeSnapshot(snapshotOf('c1', t0 + 1), 'r', {
        historyIntervalMs: 0,
      });
      expect(stored).toMatchObject({
        state: 'fresh',
        snapshotCollectedAt: t0 + 1,
      });
      expect(stored.lastError).toBeUndefined();
      expect(stored.leaseOwner).toBeUndefined();

      await store.tryAcquireLease('c1', 'r', { ...LEASE, now: t0 + 2 });
      const stale = await store.recordFailure('c1', 'r', error, {
        startedAt: t0 + 2,
      });
      expect(stale).toMatchObject({
        state: 'stale',
        snapshotCollectedAt: t0 + 1,
        lastError: error,
        lastAttemptAt: t0 + 2,
      });
      expect(stale!.lastSuccessAt).toBeGreaterThanOrEqual(t0);
      // The last good snapshot is still there.
      expect((await store.loadLatest(['c1'])).get('c1')!.collectedAt).toBe(
        new Date(t0 + 1).toISOString(),
      );
    },
  );

  it.each(DATABASE_IDS)(
    'keeps a refresh request until a collection started after it (%s)',
    async id => {
      const { store } = await storeFor(id);
      const t0 = Date.now();
      expect(
        await store.tryAcquireLease('c1', 'r', {
          ...LEASE,
          now: t0,
          onlyIfRefreshRequested: true,
        }),
      ).toBe(false);
      await store.requestRefresh('c1', t0);
      expect(
        await store.tryAcquireLease('c1', 'r', {
          ...LEASE,
          now: t0 + 5,
          onlyIfRefreshRequested: true,
        }),
      ).toBe(true);
      // A second request arrives while collecting: it must survive this collection.
      await store.requestRefresh('c1', t0 + 10);
      await store.storeSnapshot(snapshotOf('c1', t0 + 5), 'r', {
        historyIntervalMs: 0,
      });
      expect((await store.getClusterRow('c1'))!.refreshRequestedAt).toBe(
        t0 + 10,
      );
      expect(
        await store.tryAcquireLease('c1', 'r', {
          ...LEASE,
          now: t0 + 20,
          onlyIfRefreshRequested: true,
        }),
      ).toBe(true);
      await store.storeSnapshot(snapshotOf('c1', t0 + 20), 'r', {
        historyIntervalMs: 0,
      });
      expect(
        (await store.getClusterRow('c1'))!.refreshRequestedAt,
      ).toBeUndefined();
    },
  );

  it.each(DATABASE_IDS)(
    'spaces history entries and applies retention (%s)',
    async id => {
      const { store } = await storeFor(id);
      const hour = 3_600_000;
      const t0 = Date.now() - 48 * hour;
      for (const offset of [0, 10 * 60_000, 2 * hour, 40 * hour]) {
        await store.tryAcquireLease('c1', 'r', { ...LEASE, now: t0 + offset });
        await store.storeSnapshot(snapshotOf('c1', t0 + offset), 'r', {
          historyIntervalMs: hour,
        });
      }
      // The 10-minute one falls inside the hour after the first.
      expect(
        (await store.listHistory('c1')).map(
          s => Date.parse(s.collectedAt) - t0,
        ),
      ).toEqual([40 * hour, 2 * hour, 0]);

      await store.tryAcquireLease('gone', 'r', { ...LEASE, now: t0 });
      await store.storeSnapshot(snapshotOf('gone', t0), 'r', {
        historyIntervalMs: hour,
        now: t0,
      });
      const removed = await store.deleteOlderThan(t0 + 24 * hour, ['c1']);
      expect(removed).toEqual({ history: 3, clusters: 1 });
      expect(
        (await store.listHistory('c1')).map(
          s => Date.parse(s.collectedAt) - t0,
        ),
      ).toEqual([40 * hour]);
      expect(await store.getClusterRow('gone')).toBeUndefined();
      expect((await store.loadLatest(['c1'])).size).toBe(1);
    },
  );
});
