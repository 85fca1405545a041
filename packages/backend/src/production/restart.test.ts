// Reliability: the backend restarted in the middle of a collection. A
// process killed outright (SIGKILL: OOM, node failure) leaves its lease in
// ai_platform_clusters; the restarted backend serves the last complete
// snapshot, never a partial one, and collects the cluster again once the
// lease expires. A graceful stop (SIGTERM, what Kubernetes sends) releases
// the lease, so the next collection needs no wait. Rows of the matrix in
// RELIABILITY.md.
import { BackendProcess, eventually, sleep } from './harness/BackendProcess';
import { api } from './harness/http';
import { freePort, queryPluginDatabase } from './harness/infrastructure';
import {
  collectionStarts,
  kubeSimClusterSpec,
  kubernetesConfig,
  RecordedKubeSim,
  startRecordedKubeSim,
} from './harness/kubeSim';
import {
  clusterEnv,
  guestAuthConfig,
  guestToken,
  ProductionRun,
} from './harness/productionBackend';
import { ReliabilityMatrix } from './harness/ReliabilityMatrix';

jest.setTimeout(600_000);

const SIM_TOKEN = 'restart-collector-token-9c3e';
const MCP_TOKEN = 'restart-mcp-token-7f1d2e3c4b5a6978';
const FREQUENCY_S = 20;
/** aiPlatform.collection.timeout; a lease lasts this plus one minute. */
const COLLECTION_TIMEOUT_S = 5;
const LEASE_MS = COLLECTION_TIMEOUT_S * 1000 + 60_000;

interface ClusterRow {
  name: string;
  state: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  snapshot_collected_at: string | null;
}

describe('a backend restarted in the middle of a collection', () => {
  const matrix = new ReliabilityMatrix(
    'restart',
    'Backend restarts (restart.test.ts)',
  );
  let recorded: RecordedKubeSim;
  let run: ProductionRun;
  let backend: BackendProcess;
  let start: () => Promise<BackendProcess>;

  const row = async (name: string): Promise<ClusterRow> =>
    (
      await queryPluginDatabase<ClusterRow>(
        run.databasePrefix,
        'ai-platform',
        'SELECT name, state, lease_owner, lease_expires_at, last_error, snapshot_collected_at FROM ai_platform_clusters WHERE name = $1',
        [name],
      )
    )[0];
  const storedAt = async (name: string) =>
    Number(
      (
        await queryPluginDatabase<{ collected_at: string }>(
          run.databasePrefix,
          'ai-platform',
          'SELECT collected_at FROM ai_platform_snapshots WHERE cluster_name = $1',
          [name],
        )
      )[0].collected_at,
    );
  const served = async (name: string) =>
    (
      await api(backend.baseUrl, 'GET', `/api/ai-platform/clusters/${name}`, {
        token: MCP_TOKEN,
      })
    ).json;
  /** Waits for the next collection of `cluster` to reach kube-sim, and a moment more. */
  const inFlight = async (cluster: string, after: number) => {
    await eventually(
      `a collection of ${cluster} in flight`,
      async () =>
        collectionStarts(recorded.requests, cluster).some(
          r => r.startedAt >= after,
        )
          ? true
          : undefined,
      FREQUENCY_S * 1000 + 15_000,
      50,
    );
    await sleep(1000);
  };

  beforeAll(async () => {
    recorded = await startRecordedKubeSim({
      tls: true,
      clusters: [
        { ...kubeSimClusterSpec('a100-research', SIM_TOKEN), name: 'slow' },
        { ...kubeSimClusterSpec('mi300x-lab', SIM_TOKEN), name: 'control' },
      ],
    });
    const sim = recorded.sim;
    run = new ProductionRun('restart');
    const slow = sim.cluster('slow');
    // The same port for every start, as a restarted container keeps its address.
    const options = {
      name: 'restart',
      port: await freePort(),
      env: {
        ...clusterEnv({
          name: 'slow',
          url: slow.url,
          token: SIM_TOKEN,
          caData: slow.caData!,
        }),
        MCP_TOKEN,
      },
      extraConfig: {
        ...guestAuthConfig('user:default/pat', [
          'group:default/platform-engineering',
        ]),
        kubernetes: kubernetesConfig(sim.clusters, SIM_TOKEN),
        aiPlatform: {
          collection: {
            frequency: { seconds: FREQUENCY_S },
            initialDelay: { seconds: 1 },
            timeout: { seconds: COLLECTION_TIMEOUT_S },
            requestTimeout: { seconds: 3 },
            // The scheduler's hold on a run of a killed process ends with it.
            // A string replaces the production file's PT10M (objects would merge).
            runTimeout: 'PT15S',
            syncInterval: { seconds: 1 },
          },
        },
      },
    };
    start = async () => run.ready(await run.startBackend(options));
    backend = await start();
    await eventually(
      'the first collection of both clusters',
      async () => {
        const items = (
          await api(backend.baseUrl, 'GET', '/api/ai-platform/clusters', {
            token: MCP_TOKEN,
          })
        ).json?.items;
        return items?.length === 2 &&
          items.every((c: { state: string }) => c.state === 'fresh')
          ? true
          : undefined;
      },
      120_000,
      500,
    );
  });

  afterAll(async () => {
    matrix.report();
    await run?.cleanup();
    await recorded?.sim.stop();
  });

  it('killed (SIGKILL) during a scheduled collection: the last complete snapshot is served, the lease recovered after expiry', () =>
    matrix.check(
      'restart',
      'SIGKILL while a slow cluster (1.5 s per request) is being collected by the scheduled run; restart',
      'no partial snapshot stored or served; the dead lease blocks only that cluster until it expires; then the next run collects it',
      async () => {
        const before = await storedAt('slow');
        recorded.sim.addFault({
          cluster: 'slow',
          kind: 'latency',
          latencyMs: 1500,
        });
        await inFlight('slow', Date.now());
        const killedAt = Date.now();
        await backend.kill();
        recorded.sim.clearFaults();

        // What the dead process left: its lease, and the previous snapshot untouched.
        const left = await row('slow');
        expect(left.lease_owner).toMatch(/\S/);
        expect(Number(left.lease_expires_at)).toBeGreaterThan(killedAt);
        expect(left.state).toBe('fresh');
        expect(await storedAt('slow')).toBe(before);

        const controlBefore = collectionStarts(
          recorded.requests,
          'control',
        ).length;
        backend = await start();
        const restartedMs = Date.now() - killedAt;
        const status = await served('slow');
        expect(Date.parse(status.snapshotCollectedAt)).toBe(before);
        expect(status.partErrors).toEqual([]);

        // Collected again once the lease has expired, by a scheduled run.
        await eventually(
          'the slow cluster to be collected again',
          async () => ((await storedAt('slow')) > before ? true : undefined),
          LEASE_MS + 60_000,
          500,
        );
        const recoveredMs = Date.now() - killedAt;
        const leaseExpiredMs = Number(left.lease_expires_at) - killedAt;
        expect(recoveredMs).toBeGreaterThanOrEqual(leaseExpiredMs);
        const after = await row('slow');
        expect(after).toMatchObject({
          state: 'fresh',
          lease_owner: null,
          last_error: null,
        });
        // Other clusters were not held up by the dead lease.
        const controlDuring =
          collectionStarts(recorded.requests, 'control').length - controlBefore;
        expect(controlDuring).toBeGreaterThan(0);
        return `lease of the dead process left until ${(
          leaseExpiredMs / 1000
        ).toFixed(
          0,
        )} s after the kill; restarted and serving the previous complete snapshot after ${(
          restartedMs / 1000
        ).toFixed(0)} s; collected again ${(recoveredMs / 1000).toFixed(
          0,
        )} s after the kill; control cluster collected ${controlDuring}× meanwhile`;
      },
    ));

  it('stopped gracefully (SIGTERM) during a collection: the lease is released, the next collection needs no wait', () =>
    matrix.check(
      'restart',
      'SIGTERM while a slow cluster is being collected (a refresh); restart; refresh',
      'the collection is aborted and recorded as failed, the lease released, the snapshot kept; after restart a refresh collects at once',
      async () => {
        const before = await storedAt('slow');
        const token = await guestToken(backend.baseUrl);
        recorded.sim.addFault({
          cluster: 'slow',
          kind: 'latency',
          latencyMs: 1500,
        });
        const asked = Date.now();
        const res = await api(
          backend.baseUrl,
          'POST',
          '/api/ai-platform/clusters/slow/refresh',
          { token },
        );
        expect(res.status).toBe(202);
        await inFlight('slow', asked);
        const stopping = Date.now();
        const exit = await backend.stop();
        const stopMs = Date.now() - stopping;
        recorded.sim.clearFaults();

        const left = await row('slow');
        expect(left.lease_owner).toBeNull();
        expect(await storedAt('slow')).toBe(before);
        expect(left.state).toBe('stale');
        expect(JSON.parse(left.last_error!).message).toMatch(
          /shutting down|abort/i,
        );

        backend = await start();
        const token2 = await guestToken(backend.baseUrl);
        const refreshed = Date.now();
        const again = await api(
          backend.baseUrl,
          'POST',
          '/api/ai-platform/clusters/slow/refresh',
          {
            token: token2,
          },
        );
        expect(again.status).toBe(202);
        await eventually(
          'the refresh after the restart',
          async () => ((await storedAt('slow')) > before ? true : undefined),
          30_000,
          250,
        );
        const tookMs = Date.now() - refreshed;
        expect(tookMs).toBeLessThan(LEASE_MS / 2);
        expect((await served('slow')).state).toBe('fresh');
        return `stopped in ${(stopMs / 1000).toFixed(
          1,
        )} s (exit ${exit}); lease released, attempt recorded: "${JSON.parse(
          left.last_error!,
        ).message.slice(0, 80)}"; after restart the refresh collected in ${(
          tookMs / 1000
        ).toFixed(1)} s`;
      },
    ));
});
