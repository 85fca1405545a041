import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { Knex } from 'knex';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';
import { cpuNode, h100Node } from '../collection/__testUtils__/objects';
import {
  DatabaseSnapshotStore,
  migrateSnapshotDatabase,
} from '../database/DatabaseSnapshotStore';
import {
  createTestDatabases,
  DATABASE_IDS,
} from '../database/__testUtils__/testDatabases';
import { DefaultSnapshotService } from '../snapshots/DefaultSnapshotService';
import { CollectionRunner } from './CollectionRunner';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const TOKEN = 'runner-test-token-77aa88bb';
const CLUSTERS = ['c1', 'c2', 'c3'];

/** One backend replica: its own registry, collector, cache and runner over the shared database. */
const active = new Map<string, number>();
const maxActive = new Map<string, number>();

function replica(sim: KubeSim, knex: Knex, name: string) {
  const logger = mockServices.logger.mock();
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: CLUSTERS.map(c => ({
            name: c,
            url: sim.cluster(c).url,
            authProvider: 'serviceAccount',
            serviceAccountToken: TOKEN,
          })),
        },
      ],
    },
  });
  const store = new DatabaseSnapshotStore(knex);
  const registry = new ClusterRegistry({ config, logger });
  const collector = new ClusterCollector({
    settings: DEFAULT_COLLECTION_SETTINGS,
    logger,
  });
  const collections: string[] = [];
  const collect = collector.collect.bind(collector);
  jest
    .spyOn(collector, 'collect')
    .mockImplementation(async (cluster, options) => {
      collections.push(cluster.name);
      const now = (active.get(cluster.name) ?? 0) + 1;
      active.set(cluster.name, now);
      maxActive.set(
        cluster.name,
        Math.max(maxActive.get(cluster.name) ?? 0, now),
      );
      try {
        return await collect(cluster, options);
      } finally {
        active.set(cluster.name, active.get(cluster.name)! - 1);
      }
    });
  const snapshots = new DefaultSnapshotService({
    store,
    registry,
    logger,
    syncIntervalMs: 100,
  });
  const runner = new CollectionRunner({
    store,
    registry,
    collector,
    snapshots,
    logger,
    clusterConcurrency: 2,
    leaseMs: 60_000,
    historyIntervalMs: 0,
    minIntervalMs: 60_000,
    refreshPollMs: 100,
  });
  return { name, snapshots, runner, collections };
}

async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('CollectionRunner with two replicas on one database', () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: CLUSTERS.map(name => ({
        name,
        objects: [h100Node(`${name}-gpu`), cpuNode(`${name}-cpu`)],
        token: TOKEN,
      })),
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it.each(DATABASE_IDS)(
    'collects each cluster once per interval and writes no duplicate rows (%s)',
    async id => {
      const knex = await databases.init(id);
      await migrateSnapshotDatabase(knex);
      const a = replica(sim, knex, 'a');
      const b = replica(sim, knex, 'b');

      // Both replicas run a collection at the same moment (as if the schedule fired twice).
      maxActive.clear();
      await Promise.all([a.runner.collectAll(), b.runner.collectAll()]);
      expect([...maxActive.values()].every(n => n === 1)).toBe(true);
      expect([...a.collections, ...b.collections].sort()).toEqual(CLUSTERS);

      // Within the interval, further runs collect nothing.
      await Promise.all([a.runner.collectAll(), b.runner.collectAll()]);
      expect(a.collections.length + b.collections.length).toBe(3);

      const history = await knex('ai_platform_snapshot_history').select(
        'cluster_name',
      );
      expect(history.map(r => r.cluster_name).sort()).toEqual(CLUSTERS);
      expect(
        Number((await knex('ai_platform_snapshots').count({ n: '*' }))[0].n),
      ).toBe(3);

      // Each replica serves every cluster, including those the other one collected.
      a.snapshots.start();
      b.snapshots.start();
      try {
        await waitFor(
          async () => (await b.snapshots.listLatest()).length === 3,
          'replica b to see all snapshots',
        );
        await waitFor(
          async () => (await a.snapshots.listLatest()).length === 3,
          'replica a to see all snapshots',
        );
        for (const r of [a, b]) {
          const statuses = await r.snapshots.listClusters();
          expect(statuses.map(s => [s.name, s.state])).toEqual(
            CLUSTERS.map(c => [c, 'fresh']),
          );
        }
        const seenByB = (await b.snapshots.getLatest('c1'))!.snapshot;
        expect(seenByB.nodes.map(n => n.name).sort()).toEqual([
          'c1-cpu',
          'c1-gpu',
        ]);
      } finally {
        a.snapshots.stop();
        b.snapshots.stop();
      }
    },
  );

  it.each(DATABASE_IDS)(
    'serves refresh requests from any replica, never collecting a cluster twice at once (%s)',
    async id => {
      const knex = await databases.init(id);
      await migrateSnapshotDatabase(knex);
      const a = replica(sim, knex, 'a');
      const b = replica(sim, knex, 'b');
      await a.runner.collectAll();
      const before = (await a.snapshots.getLatest('c2'))!.snapshot.collectedAt;

      for (const r of [a, b]) {
        r.runner.start();
        r.snapshots.start();
      }
      try {
        sim.cluster('c2').upsert(h100Node('c2-gpu-new'));
        maxActive.clear();
        // Requests on both replicas at once, then another while it may be collecting.
        await Promise.all([
          a.snapshots.requestRefresh('c2'),
          b.snapshots.requestRefresh('c2'),
        ]);
        await b.snapshots.requestRefresh('c2');
        await waitFor(async () => {
          const latest = await a.snapshots.getLatest('c2');
          return !!latest && latest.snapshot.collectedAt !== before;
        }, 'the refreshed snapshot on replica a');
        await waitFor(async () => {
          const row = await knex('ai_platform_clusters')
            .where('name', 'c2')
            .first();
          return row.refresh_requested_at === null && row.lease_owner === null;
        }, 'every refresh request to be served');
        // Never two collections of one cluster at once, across replicas.
        expect(maxActive.get('c2')).toBe(1);
        const refreshes =
          [...a.collections, ...b.collections].filter(c => c === 'c2').length -
          1;
        expect(refreshes).toBeGreaterThanOrEqual(1);
        expect(refreshes).toBeLessThanOrEqual(2);
        const latest = (await a.snapshots.getLatest('c2'))!.snapshot;
        expect(latest.nodes.map(n => n.name)).toContain('c2-gpu-new');
      } finally {
        for (const r of [a, b]) {
          r.runner.stop();
          r.snapshots.stop();
        }
        sim.cluster('c2').remove('v1', 'Node', 'c2-gpu-new');
      }
    },
  );
});
