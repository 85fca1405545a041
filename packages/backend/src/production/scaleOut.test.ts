// Two replicas of the real backend (two processes of packages/backend with
// the production config) on one PostgreSQL and one Redis, collecting the
// demo clusters served by kube-sim every 15 seconds, behave as one: each
// cluster is collected once per interval (the scheduler's global task plus
// the per-cluster lease in ai_platform_clusters), no snapshot or verdict is
// stored twice, both replicas serve the same data, and a refresh asked on
// one replica is served once.
import { BackendProcess, eventually, sleep } from './harness/BackendProcess';
import { api } from './harness/http';
import { queryPluginDatabase } from './harness/infrastructure';
import {
  collectionStarts,
  DEMO_CLUSTERS,
  kubeSimClusterSpec,
  kubernetesConfig,
  RecordedKubeSim,
  SimRequest,
  startRecordedKubeSim,
} from './harness/kubeSim';
import {
  clusterEnv,
  guestAuthConfig,
  guestToken,
  ProductionRun,
} from './harness/productionBackend';

jest.setTimeout(300_000);

const SIM_TOKEN = 'scale-out-collector-token-6f2a1c9d';
const MCP_TOKEN = 'scale-out-mcp-token-0d9e8f7a6b5c4d3e';
const FREQUENCY_S = 15;
/** A scheduled run skips clusters attempted within half the frequency. */
const MIN_GAP_MS = (FREQUENCY_S * 1000) / 2;
const COLLECTED = /Collected cluster (\S+) in \d+ ms/;

describe('two replicas on one PostgreSQL', () => {
  let recorded: RecordedKubeSim;
  let run: ProductionRun;
  let replicas: BackendProcess[];

  const collectedLines = (cluster: string) =>
    replicas.flatMap(r =>
      r.lines.filter(l => COLLECTED.exec(l)?.[1] === cluster),
    );
  const byCluster = (requests: SimRequest[]) =>
    Object.fromEntries(
      DEMO_CLUSTERS.map(c => [c, collectionStarts(requests, c).length]),
    );
  const historyCounts = async () =>
    Object.fromEntries(
      (
        await queryPluginDatabase<{ cluster_name: string; n: string }>(
          run.databasePrefix,
          'ai-platform',
          'SELECT cluster_name, count(*) AS n FROM ai_platform_snapshot_history GROUP BY cluster_name',
        )
      ).map(r => [r.cluster_name, Number(r.n)]),
    );

  beforeAll(async () => {
    recorded = await startRecordedKubeSim({
      tls: true,
      clusters: DEMO_CLUSTERS.map(name => kubeSimClusterSpec(name, SIM_TOKEN)),
    });
    const sim = recorded.sim;
    run = new ProductionRun('scale');
    const firstCluster = sim.cluster(DEMO_CLUSTERS[0]);
    const extraConfig = {
      ...guestAuthConfig('user:default/pat', [
        'group:default/platform-engineering',
      ]),
      kubernetes: kubernetesConfig(sim.clusters, SIM_TOKEN),
      aiPlatform: {
        collection: {
          frequency: { seconds: FREQUENCY_S },
          initialDelay: { seconds: 2 },
          syncInterval: { seconds: 1 },
        },
        // Every collection goes to the history, so rows count collections.
        history: { snapshotInterval: { milliseconds: 1 } },
      },
    };
    const env = {
      ...clusterEnv({
        name: firstCluster.name,
        url: firstCluster.url,
        token: SIM_TOKEN,
        caData: firstCluster.caData!,
      }),
      MCP_TOKEN,
    };
    // The first replica migrates the empty databases, as the first rollout
    // does; the second then joins it, and from there both run the scheduler,
    // the leases and the API against the same database. (Two replicas
    // migrating an empty database at once is not safe upstream: knex fails
    // the loser with MigrationLocked instead of waiting, and a process
    // stopped while holding a migration lock leaves it locked.)
    const first = await run.ready(
      await run.startBackend({ name: 'replica-a', env, extraConfig }),
    );
    const second = await run.ready(
      await run.startBackend({ name: 'replica-b', env, extraConfig }),
    );
    replicas = [first, second];
  });

  afterAll(async () => {
    await run?.cleanup();
    await recorded?.sim.stop();
  });

  it('starts the second replica on the databases the first migrated', () => {
    for (const replica of replicas) expect(replica.running).toBe(true);
    expect(run.startupRestarts).toEqual([]);
  });

  it('collects each cluster once per interval, across both replicas', async () => {
    // Three scheduled runs or more.
    await eventually(
      'three collections of every cluster',
      async () =>
        Object.values(byCluster(recorded.requests)).every(n => n >= 3)
          ? true
          : undefined,
      100_000,
      500,
    );
    // Let collections in flight finish and be stored.
    await sleep(3000);
    const requests = [...recorded.requests];
    const first = Math.min(...collectionStarts(requests).map(r => r.startedAt));
    const elapsedS = (Date.now() - first) / 1000;
    for (const cluster of DEMO_CLUSTERS) {
      const starts = collectionStarts(requests, cluster).map(r => r.startedAt);
      const gaps = starts.slice(1).map((t, i) => t - starts[i]);
      // Never two collections of a cluster within half an interval.
      expect({
        cluster,
        shortGaps: gaps.filter(g => g < MIN_GAP_MS - 500),
      }).toEqual({
        cluster,
        shortGaps: [],
      });
      // At most one per interval (runs start within 5 s of their slot).
      expect(starts.length).toBeLessThanOrEqual(
        Math.floor(elapsedS / FREQUENCY_S) + 2,
      );
      // Each attempt was stored exactly once, by one replica.
      expect({ cluster, logged: collectedLines(cluster).length }).toEqual({
        cluster,
        logged: starts.length,
      });
    }
    const history = await historyCounts();
    expect(history).toEqual(byCluster(requests));
  });

  it('records each verdict change once', async () => {
    const duplicates = await queryPluginDatabase(
      run.databasePrefix,
      'ai-platform',
      `SELECT cluster, checklist_version, requirement_id, from_verdict, to_verdict, count(*) AS n
         FROM ai_platform_conformance_changes
        GROUP BY cluster, checklist_version, requirement_id, from_verdict, to_verdict
       HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const [{ n }] = await queryPluginDatabase<{ n: string }>(
      run.databasePrefix,
      'ai-platform',
      'SELECT count(DISTINCT cluster) AS n FROM ai_platform_conformance_verdicts',
    );
    expect(Number(n)).toBe(DEMO_CLUSTERS.length);
  });

  it('serves the same clusters and inventory from both replicas', async () => {
    const sameOnBoth = (path: string) =>
      eventually(
        `the same ${path} on both replicas`,
        async () => {
          const answers = await Promise.all(
            replicas.map(r =>
              api(r.baseUrl, 'GET', `/api/ai-platform${path}`, {
                token: MCP_TOKEN,
              }),
            ),
          );
          return answers[0].text === answers[1].text ? answers : undefined;
        },
        20_000,
        300,
      );
    for (const path of ['/clusters', '/inventory', '/conformance/matrix']) {
      const [a, b] = await sameOnBoth(path);
      expect(a.status).toBe(200);
      expect(b.json).toEqual(a.json);
    }
    const clusters = (
      await api(replicas[1].baseUrl, 'GET', '/api/ai-platform/clusters', {
        token: MCP_TOKEN,
      })
    ).json.items;
    expect(
      clusters.map((c: { name: string; state: string }) => [c.name, c.state]),
    ).toEqual([...DEMO_CLUSTERS].sort().map(name => [name, 'fresh']));
  });

  it('serves a refresh asked on one replica once, and both replicas show it', async () => {
    const cluster = 'a100-research';
    const token = await guestToken(replicas[0].baseUrl);
    // Between scheduled runs: right after one has collected the cluster.
    /** Waits for the next scheduled collection of the cluster to be stored; when it started. */
    const nextCollection = async () => {
      const runsBefore = collectionStarts(recorded.requests, cluster).length;
      const logsBefore = collectedLines(cluster).length;
      const next = await eventually(
        'the next scheduled collection',
        async () => collectionStarts(recorded.requests, cluster)[runsBefore],
        40_000,
        100,
      );
      await eventually(
        'it to be stored',
        async () =>
          collectedLines(cluster).length > logsBefore ? true : undefined,
        20_000,
        100,
      );
      return next.startedAt;
    };
    let refreshAt = 0;
    for (let attempt = 0; attempt < 4 && !refreshAt; attempt++) {
      const started = await nextCollection();
      if (Date.now() - started < 5000) refreshAt = Date.now();
    }
    expect(refreshAt).toBeGreaterThan(0);
    const before = collectionStarts(recorded.requests).filter(
      r => r.startedAt >= refreshAt,
    );
    expect(before).toEqual([]);
    const res = await api(
      replicas[0].baseUrl,
      'POST',
      `/api/ai-platform/clusters/${cluster}/refresh`,
      { token },
    );
    expect(res.status).toBe(202);
    // Before the next scheduled run can start (at least 10 s after the last).
    await sleep(4500);
    const after = collectionStarts(recorded.requests).filter(
      r => r.startedAt >= refreshAt,
    );
    expect(after.map(r => r.cluster)).toEqual([cluster]);
    const [row] = await queryPluginDatabase<{
      refresh_requested_at: string | null;
      lease_owner: string | null;
    }>(
      run.databasePrefix,
      'ai-platform',
      'SELECT refresh_requested_at, lease_owner FROM ai_platform_clusters WHERE name = $1',
      [cluster],
    );
    expect(row).toEqual({ refresh_requested_at: null, lease_owner: null });
    for (const replica of replicas) {
      const status = await eventually(
        `${replica.options.name} to serve the refreshed snapshot`,
        async () => {
          const r = await api(
            replica.baseUrl,
            'GET',
            `/api/ai-platform/clusters/${cluster}`,
            { token: MCP_TOKEN },
          );
          return Date.parse(r.json.snapshotCollectedAt) >= refreshAt
            ? r.json
            : undefined;
        },
        10_000,
        200,
      );
      expect(status.state).toBe('fresh');
    }
  });
});
