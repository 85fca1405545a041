// The reliability matrix: faults and bad input driven against a real
// backend process (production configuration, PostgreSQL, kube-sim over
// HTTPS). For each case the backend must keep serving, lose no stored data
// and answer with a clear error. The restart case is restart.test.ts. The
// matrix is printed at the end and written to RELIABILITY.md.
import fs from 'node:fs';
import path from 'node:path';
import { generateSyntheticCluster } from '@ai-platform/kube-sim';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
} from './harness/BackendProcess';
import { api, ApiResponse } from './harness/http';
import { queryPluginDatabase } from './harness/infrastructure';
import {
  collectionStarts,
  kubeSimClusterSpec,
  kubernetesConfig,
  RecordedKubeSim,
  startRecordedKubeSim,
} from './harness/kubeSim';
import { callTool, INITIALIZE, mcpPost, rpc } from './harness/mcp';
import {
  clusterEnv,
  guestAuthConfig,
  guestToken,
  ProductionRun,
} from './harness/productionBackend';
import { ReliabilityMatrix } from './harness/ReliabilityMatrix';

jest.setTimeout(600_000);

/** The static token of app-config.yaml's demo, given as MCP_TOKEN. */
const MCP_TOKEN = 'demo-mcp-token-0123456789';
const SIM_TOKEN = 'reliability-collector-token-41d7';
const BIG = generateSyntheticCluster({
  name: 'big',
  nodes: 5000,
  podsPerNode: 4,
  seed: 7,
});

const ENTITIES = `
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata:
  name: good-model
spec:
  type: llm
  lifecycle: production
  owner: group:default/ml-platform
  source: { uri: hf://Qwen/Qwen3-8B }
  format: safetensors
  architecture: transformer
  parameters: 8B
  precision: bf16
  license: Apache-2.0
  resources: { gpuMemoryGiB: 24, recommendedGpus: 1 }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata:
  name: bad-model
spec:
  type: llm
  lifecycle: production
  source: { uri: 'not a uri' }
  format: safetensors
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata:
  name: bad-agent
spec:
  type: chat
  lifecycle: production
  owner: group:default/ml-platform
  runtime: kagent
  models: model:default/good-model
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: unaffected-service
spec:
  type: service
  lifecycle: production
  owner: group:default/ml-platform
`;

interface Status {
  name: string;
  state: string;
  stale: boolean;
  lastSuccessAt?: string;
  snapshotCollectedAt?: string;
  lastError?: {
    reason: string;
    message: string;
    httpStatus?: number;
    at: string;
    resource: string;
  };
  partErrors: {
    resource: string;
    reason: string;
    message: string;
    httpStatus?: number;
  }[];
}

describe('reliability matrix', () => {
  const matrix = new ReliabilityMatrix(
    'faults',
    'Faults and bad input (reliability.test.ts)',
  );
  let recorded: RecordedKubeSim;
  let run: ProductionRun;
  let backend: BackendProcess;
  let userToken: string;
  let entitiesDir: string;

  const aip = (
    method: string,
    p: string,
    body?: unknown,
  ): Promise<ApiResponse> =>
    api(backend.baseUrl, method, `/api/ai-platform${p}`, {
      token: MCP_TOKEN,
      body,
    });
  const status = async (cluster: string): Promise<Status> =>
    (await aip('GET', `/clusters/${cluster}`)).json;
  const verdicts = async (cluster: string) => {
    const res = await aip('GET', `/clusters/${cluster}/scorecard`);
    expect(res.status).toBe(200);
    return {
      stale: res.json.stale as boolean,
      byId: Object.fromEntries(
        (res.json.requirements as { id: string; verdict: string }[]).map(r => [
          r.id,
          r.verdict,
        ]),
      ),
    };
  };
  /** Verdicts that differ from the last good evaluation may only have become `unknown`. */
  const falseVerdicts = (
    before: Record<string, string>,
    after: Record<string, string>,
  ) =>
    Object.keys(before).filter(
      id => after[id] !== before[id] && after[id] !== 'unknown',
    );

  /** Asks one refresh and waits until that collection has finished, one way or the other. */
  async function refreshAndWait(
    cluster: string,
    timeoutMs = 90_000,
  ): Promise<Status> {
    const asked = Date.now();
    const res = await api(
      backend.baseUrl,
      'POST',
      `/api/ai-platform/clusters/${cluster}/refresh`,
      { token: userToken },
    );
    expect(res.status).toBe(202);
    return eventually(
      `the refresh of ${cluster}`,
      async () => {
        const s = await status(cluster);
        const done =
          Date.parse(s.lastSuccessAt ?? '') >= asked ||
          Date.parse(s.lastError?.at ?? '') >= asked;
        return done ? s : undefined;
      },
      timeoutMs,
      250,
    );
  }

  async function stillServing(): Promise<void> {
    const ready = await api(
      backend.baseUrl,
      'GET',
      '/.backstage/health/v1/readiness',
    );
    expect(ready.status).toBe(200);
    const clusters = await aip('GET', '/clusters');
    expect(clusters.status).toBe(200);
    expect((await status('steady')).state).toBe('fresh');
  }

  const snapshotRows = async () =>
    Object.fromEntries(
      (
        await queryPluginDatabase<{
          cluster_name: string;
          collected_at: string;
        }>(
          run.databasePrefix,
          'ai-platform',
          'SELECT cluster_name, collected_at FROM ai_platform_snapshots',
        )
      ).map(r => [r.cluster_name, Number(r.collected_at)]),
    );

  beforeAll(async () => {
    recorded = await startRecordedKubeSim({
      tls: true,
      clusters: [
        { ...kubeSimClusterSpec('h100-prod', SIM_TOKEN), name: 'steady' },
        { ...kubeSimClusterSpec('a100-research', SIM_TOKEN), name: 'flaky' },
        { ...kubeSimClusterSpec('mi300x-lab', SIM_TOKEN), name: 'vanishing' },
        {
          name: 'big',
          objects: BIG.objects,
          version: BIG.version,
          token: SIM_TOKEN,
        },
      ],
    });
    const sim = recorded.sim;
    run = new ProductionRun('rel');
    entitiesDir = fs.mkdtempSync(path.join(run.dir, 'entities-'));
    fs.writeFileSync(path.join(entitiesDir, 'entities.yaml'), ENTITIES);
    const steady = sim.cluster('steady');
    backend = await run.startBackend({
      name: 'reliability',
      env: {
        ...clusterEnv({
          name: 'steady',
          url: steady.url,
          token: SIM_TOKEN,
          caData: steady.caData!,
        }),
        MCP_TOKEN,
      },
      extraConfig: {
        ...guestAuthConfig('user:default/pat', [
          'group:default/platform-engineering',
        ]),
        catalog: {
          locations: [
            { type: 'file', target: path.join(entitiesDir, 'entities.yaml') },
            {
              type: 'file',
              target: path.join(
                REPO_ROOT,
                'templates/register-model/template.yaml',
              ),
            },
          ],
        },
        kubernetes: kubernetesConfig(sim.clusters, SIM_TOKEN),
        aiPlatform: {
          collection: {
            // One scheduled run at start; the cases ask for refreshes.
            frequency: { hours: 1 },
            initialDelay: { seconds: 1 },
            requestTimeout: { seconds: 3 },
            timeout: { seconds: 120 },
            syncInterval: { seconds: 1 },
          },
        },
      },
    });
    backend = await run.ready(backend);
    userToken = await guestToken(backend.baseUrl);
    await eventually(
      'the first collection of every cluster',
      async () => {
        const res = await aip('GET', '/clusters');
        const items: Status[] = res.json?.items ?? [];
        return items.length === 4 && items.every(c => c.state === 'fresh')
          ? items
          : undefined;
      },
      180_000,
      500,
    );
  });

  afterAll(async () => {
    matrix.report();
    await run?.cleanup();
    await recorded?.sim.stop();
  });

  describe('cluster faults (kube-sim)', () => {
    let baseline: Record<string, string>;
    beforeAll(async () => {
      baseline = (await verdicts('flaky')).byId;
    });
    afterEach(() => recorded.sim.clearFaults());

    it('slow API: collected, slower', () =>
      matrix.check(
        'cluster',
        'every request 300 ms slower',
        'collection completes; cluster fresh, no part errors',
        async () => {
          recorded.sim.addFault({
            cluster: 'flaky',
            kind: 'latency',
            latencyMs: 300,
          });
          const started = Date.now();
          const s = await refreshAndWait('flaky');
          expect(s.state).toBe('fresh');
          expect(s.partErrors).toEqual([]);
          await stillServing();
          return `fresh after ${((Date.now() - started) / 1000).toFixed(
            1,
          )} s, no part errors`;
        },
      ));

    const partFaults: {
      fault: string;
      rule: Record<string, unknown>;
      resource: RegExp;
      reason: string;
      httpStatus?: number;
    }[] = [
      {
        fault: '403 on listing pods',
        rule: { resource: 'pods', kind: 'status', status: 403 },
        resource: /^pods$/,
        reason: 'forbidden',
        httpStatus: 403,
      },
      {
        fault: '500 on listing nodes',
        rule: { resource: 'nodes', kind: 'status', status: 500 },
        resource: /^nodes$/,
        reason: 'server-error',
        httpStatus: 500,
      },
      {
        fault: 'pods list hangs (request timeout 3 s)',
        rule: { resource: 'pods', kind: 'hang' },
        resource: /^pods$/,
        reason: 'timeout',
      },
      {
        fault: 'broken JSON for nodes',
        rule: { resource: 'nodes', kind: 'invalid-json' },
        resource: /^nodes$/,
        reason: 'invalid-response',
      },
      {
        fault: 'deployments body cut in half',
        rule: { resource: 'deployments', kind: 'truncate' },
        resource: /deployments/,
        reason: 'invalid-response',
      },
    ];
    it.each(partFaults)(
      '$fault: the part is an error, the rest is collected',
      f =>
        matrix.check(
          'cluster',
          f.fault,
          `snapshot stored with that part in error (${f.reason}${
            f.httpStatus ? `, ${f.httpStatus}` : ''
          }), named; verdicts only turn unknown`,
          async () => {
            recorded.sim.addFault({ cluster: 'flaky', ...f.rule } as any);
            const s = await refreshAndWait('flaky');
            expect(s.state).toBe('fresh');
            expect(s.partErrors).toEqual([
              expect.objectContaining({
                resource: expect.stringMatching(f.resource),
                reason: f.reason,
                ...(f.httpStatus ? { httpStatus: f.httpStatus } : {}),
              }),
            ]);
            const after = await verdicts('flaky');
            expect(falseVerdicts(baseline, after.byId)).toEqual([]);
            await stillServing();
            const turned = Object.keys(baseline).filter(
              id => after.byId[id] !== baseline[id],
            );
            return `stored with ${s.partErrors[0].resource}: ${
              s.partErrors[0].reason
            } "${s.partErrors[0].message.slice(0, 80)}"; ${
              turned.length
            } verdicts now unknown`;
          },
        ),
    );

    it('429 with Retry-After twice: retried, then complete', () =>
      matrix.check(
        'cluster',
        '429 Too Many Requests (Retry-After 1 s) on nodes, twice',
        'retried after Retry-After; collection complete, no part errors',
        async () => {
          recorded.sim.addFault({
            cluster: 'flaky',
            resource: 'nodes',
            kind: 'status',
            status: 429,
            retryAfterSeconds: 1,
            times: 2,
          });
          const s = await refreshAndWait('flaky');
          expect(s.state).toBe('fresh');
          expect(s.partErrors).toEqual([]);
          expect(recorded.sim.faults()).toEqual([]);
          return 'fresh, no part errors; both 429s consumed';
        },
      ));

    const wholeFaults: {
      fault: string;
      rule: Record<string, unknown>;
      reason: RegExp;
    }[] = [
      {
        fault: '403 on everything (token revoked)',
        rule: { kind: 'status', status: 403 },
        reason: /forbidden/,
      },
      {
        fault: '500 on discovery and /version',
        rule: { kind: 'status', status: 500 },
        reason: /server-error/,
      },
      {
        fault: 'connection refused',
        rule: { kind: 'refuse' },
        reason: /unreachable|connection|other/,
      },
    ];
    it.each(wholeFaults)(
      '$fault: last good snapshot kept, stale, verdicts unknown',
      f =>
        matrix.check(
          'cluster',
          f.fault,
          'collection fails; last good snapshot still served, marked stale with the error; every verdict unknown',
          async () => {
            const before = await snapshotRows();
            recorded.sim.addFault({ cluster: 'flaky', ...f.rule } as any);
            await recorded.sim.settle();
            try {
              const s = await refreshAndWait('flaky');
              expect(s.state).toBe('stale');
              expect(s.stale).toBe(true);
              expect(s.lastError?.reason).toMatch(f.reason);
              expect(s.snapshotCollectedAt).toBeDefined();
              expect(Date.parse(s.snapshotCollectedAt!)).toBe(before.flaky);
              const inventory = await aip('GET', '/clusters/flaky/inventory');
              expect(inventory.status).toBe(200);
              const after = await verdicts('flaky');
              expect(after.stale).toBe(true);
              expect(falseVerdicts(baseline, after.byId)).toEqual([]);
              const known = Object.values(after.byId).filter(
                v => v !== 'unknown',
              );
              expect(known).toEqual([]);
              expect(await snapshotRows()).toEqual(before);
              await stillServing();
              return `stale, ${s.lastError!.reason}${
                s.lastError!.httpStatus ? ` ${s.lastError!.httpStatus}` : ''
              }: "${s.lastError!.message.slice(
                0,
                90,
              )}"; last snapshot served; all verdicts unknown`;
            } finally {
              recorded.sim.clearFaults();
              await recorded.sim.settle();
            }
          },
        ),
    );

    it('recovers once the faults are gone', () =>
      matrix.check(
        'cluster',
        'faults removed',
        'next collection fresh again, verdicts as before the faults',
        async () => {
          const s = await refreshAndWait('flaky');
          expect(s.state).toBe('fresh');
          expect(s.partErrors).toEqual([]);
          expect((await verdicts('flaky')).byId).toEqual(baseline);
          return 'fresh; verdicts identical to the first collection';
        },
      ));

    it('a cluster disappearing in the middle of a collection', () =>
      matrix.check(
        'cluster',
        'cluster removed (kube-sim removeCluster) while being collected',
        'no partial snapshot served as complete: previous snapshot kept (stale) or new one with its errors listed; backend serves',
        async () => {
          const before = await snapshotRows();
          recorded.sim.addFault({
            cluster: 'vanishing',
            kind: 'latency',
            latencyMs: 400,
          });
          const asked = Date.now();
          const seen = recorded.requests.length;
          const res = await api(
            backend.baseUrl,
            'POST',
            '/api/ai-platform/clusters/vanishing/refresh',
            {
              token: userToken,
            },
          );
          expect(res.status).toBe(202);
          await eventually(
            'the collection to be in flight',
            async () =>
              recorded.requests
                .slice(seen)
                .some(r => r.cluster === 'vanishing' && r.url === '/version')
                ? true
                : undefined,
            30_000,
            50,
          );
          await recorded.sim.removeCluster('vanishing');
          const s = await eventually(
            'the interrupted collection to end',
            async () => {
              const st = await status('vanishing');
              const done =
                Date.parse(st.lastSuccessAt ?? '') >= asked ||
                Date.parse(st.lastError?.at ?? '') >= asked;
              return done ? st : undefined;
            },
            60_000,
          );
          // Either the previous snapshot, untouched, or a new one that lists what it misses.
          const keptPrevious =
            s.state === 'stale' &&
            Date.parse(s.snapshotCollectedAt!) === before.vanishing;
          const listsErrors = s.state !== 'stale' && s.partErrors.length > 0;
          expect(keptPrevious || listsErrors).toBe(true);
          await stillServing();
          return s.state === 'stale'
            ? `stale, previous snapshot served; ${
                s.lastError!.reason
              }: "${s.lastError!.message.slice(0, 80)}"`
            : `stored with ${
                s.partErrors.length
              } part errors listed (${s.partErrors
                .map(e => e.resource)
                .join(', ')
                .slice(0, 80)})`;
        },
      ));

    it('a cluster of 5,000 nodes', () =>
      matrix.check(
        'cluster',
        `synthetic cluster: ${BIG.summary.nodes} nodes, ${BIG.summary.pods} pods, ${BIG.summary.gpus} GPUs`,
        'collected within the timeout; every node and GPU counted; inventory pages answer quickly',
        async () => {
          const s = await status('big');
          expect(s.state).toBe('fresh');
          expect(s.partErrors).toEqual([]);
          const inventory = await aip('GET', '/clusters/big/inventory');
          expect(inventory.json.gpus.physical).toBe(BIG.summary.gpus);
          const started = Date.now();
          const page = await aip(
            'GET',
            '/inventory/nodes?cluster=big&gpuOnly=false&limit=500',
          );
          const pageMs = Date.now() - started;
          expect(page.status).toBe(200);
          expect(page.json.totalItems).toBe(BIG.summary.nodes);
          expect(page.json.items).toHaveLength(500);
          const fleetStarted = Date.now();
          const fleet = await aip('GET', '/inventory');
          const fleetMs = Date.now() - fleetStarted;
          expect(fleet.status).toBe(200);
          expect(fleetMs).toBeLessThan(5000);
          const [row] = await queryPluginDatabase<{
            json_bytes: string;
            size: string;
          }>(
            run.databasePrefix,
            'ai-platform',
            "SELECT json_bytes, octet_length(data) AS size FROM ai_platform_snapshots WHERE cluster_name = 'big'",
          );
          const collections = collectionStarts(recorded.requests, 'big').length;
          return `fresh; ${BIG.summary.gpus} GPUs counted; snapshot ${(
            Number(row.json_bytes) / 1e6
          ).toFixed(1)} MB JSON, ${(Number(row.size) / 1e6).toFixed(
            1,
          )} MB stored; 500-node page ${pageMs} ms, fleet inventory ${fleetMs} ms; ${collections} collection(s)`;
        },
      ));
  });

  describe('bad MCP traffic (/api/mcp-actions/v1, demo static token)', () => {
    afterEach(stillServing);

    it('a body that is not JSON', () =>
      matrix.check(
        'mcp',
        'body that is not JSON',
        // mcp-actions parses the body with express.json before the MCP transport sees it.
        'HTTP 400 with the parse error (a Backstage error body, not JSON-RPC: upstream mcp-actions parses JSON first)',
        async () => {
          const res = await mcpPost(
            backend.baseUrl,
            MCP_TOKEN,
            '{"jsonrpc": "2.0", "method": ',
          );
          expect(res.status).toBe(400);
          expect(res.body.error).toMatchObject({
            name: 'SyntaxError',
            message: expect.stringMatching(/JSON/),
          });
          return `${res.status}, ${res.body.error.name} "${res.body.error.message}"`;
        },
      ));

    it('JSON that is not a JSON-RPC request', () =>
      matrix.check(
        'mcp',
        'JSON that is not JSON-RPC ({"hello": "world"})',
        'JSON-RPC invalid request error, HTTP 400',
        async () => {
          const res = await mcpPost(backend.baseUrl, MCP_TOKEN, {
            hello: 'world',
          });
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBeLessThan(-32000);
          return `${res.status}, ${
            res.body.error.code
          } "${res.body.error.message.slice(0, 80)}"`;
        },
      ));

    it('an unknown method', () =>
      matrix.check(
        'mcp',
        'unknown JSON-RPC method',
        'method not found (-32601)',
        async () => {
          const res = await mcpPost(
            backend.baseUrl,
            MCP_TOKEN,
            rpc('tools/destroy'),
          );
          expect(res.body.error.code).toBe(-32601);
          return `${res.status}, ${res.body.error.code} "${res.body.error.message}"`;
        },
      ));

    it('an unknown tool', () =>
      matrix.check(
        'mcp',
        'tools/call of a tool that does not exist',
        'tool error naming the tool',
        async () => {
          const res = await callTool(
            backend.baseUrl,
            MCP_TOKEN,
            'ai-platform.delete-cluster',
            {},
          );
          expect(res.body.result.isError).toBe(true);
          expect(res.body.result.content[0].text).toMatch(
            /ai-platform\.delete-cluster.*not found/,
          );
          return `isError: "${res.body.result.content[0].text.slice(0, 90)}"`;
        },
      ));

    it('arguments of the wrong type', () =>
      matrix.check(
        'mcp',
        'find-gpu-capacity with count "four", get-cluster with cluster 42',
        'tool errors naming the argument',
        async () => {
          const a = await callTool(
            backend.baseUrl,
            MCP_TOKEN,
            'ai-platform.find-gpu-capacity',
            { count: 'four' },
          );
          const b = await callTool(
            backend.baseUrl,
            MCP_TOKEN,
            'ai-platform.get-cluster',
            { cluster: 42 },
          );
          for (const [res, field] of [
            [a, 'count'],
            [b, 'cluster'],
          ] as const) {
            expect(res.body.result.isError).toBe(true);
            expect(res.body.result.content[0].text).toMatch(new RegExp(field));
          }
          const around = (text: string, field: string) =>
            text.slice(
              Math.max(0, text.indexOf(field) - 10),
              text.indexOf(field) + 70,
            );
          return `isError: "…${around(
            a.body.result.content[0].text,
            'count',
          )}" / "…${around(b.body.result.content[0].text, 'cluster')}"`;
        },
      ));

    it('an oversized payload', () =>
      matrix.check(
        'mcp',
        'tools/call with 2 MB of arguments',
        'refused with 413 before it is parsed',
        async () => {
          const res = await callTool(
            backend.baseUrl,
            MCP_TOKEN,
            'ai-platform.list-clusters',
            {
              padding: 'x'.repeat(2 * 1024 * 1024),
            },
          );
          expect(res.status).toBe(413);
          return `${res.status} "${(res.body?.error?.message ?? res.text).slice(
            0,
            80,
          )}"`;
        },
      ));

    it('200 concurrent sessions', () =>
      matrix.check(
        'mcp',
        '200 clients at once: initialize, tools/list, tools/call',
        'all answered correctly; backend stays ready',
        async () => {
          const times: number[] = [];
          const session = async () => {
            const started = Date.now();
            const init = await mcpPost(
              backend.baseUrl,
              MCP_TOKEN,
              rpc('initialize', INITIALIZE),
            );
            const list = await mcpPost(
              backend.baseUrl,
              MCP_TOKEN,
              rpc('tools/list'),
            );
            const call = await callTool(
              backend.baseUrl,
              MCP_TOKEN,
              'ai-platform.list-clusters',
              {},
            );
            times.push(Date.now() - started);
            return [
              init.status,
              list.status,
              call.status,
              call.body?.result
                ? Boolean(call.body.result.isError)
                : `no result: ${call.text.slice(0, 300)}`,
            ];
          };
          const started = Date.now();
          const results = await Promise.all(
            Array.from({ length: 200 }, session),
          );
          const wall = Date.now() - started;
          const failures = results.filter(
            r => r.join() !== '200,200,200,false',
          );
          expect([...new Set(failures.map(f => f.join(' ')))]).toEqual([]);
          times.sort((x, y) => x - y);
          const p = (q: number) =>
            times[Math.min(times.length - 1, Math.floor(q * times.length))];
          return `200 of 200 sessions answered (600 requests) in ${(
            wall / 1000
          ).toFixed(1)} s; per session p50 ${p(0.5)} ms, p95 ${p(
            0.95,
          )} ms, max ${times[times.length - 1]} ms`;
        },
      ));
  });

  describe('bad entities and template parameters', () => {
    afterEach(stillServing);

    it('an invalid Model and an invalid Agent in a catalog location', () =>
      matrix.check(
        'catalog',
        'a location with a valid Model, a Model without owner and with a bad source URI, an Agent whose models is not a list, and a Component',
        'invalid entities rejected with the field path in the catalog error; the others ingested',
        async () => {
          const get = (ref: string) =>
            api(
              backend.baseUrl,
              'GET',
              `/api/catalog/entities/by-name/${ref}`,
              { token: MCP_TOKEN },
            );
          await eventually(
            'the valid entities',
            async () =>
              (await get('model/default/good-model')).status === 200 &&
              (await get('component/default/unaffected-service')).status === 200
                ? true
                : undefined,
            120_000,
            1000,
          );
          const modelError = await backend.waitForLog(
            /model:default\/bad-model is invalid/,
            60_000,
          );
          const agentError = await backend.waitForLog(
            /agent:default\/bad-agent is invalid/,
            60_000,
          );
          expect(modelError).toMatch(/spec\.owner/);
          expect(modelError).toMatch(/spec\.source/);
          expect(agentError).toMatch(/spec\.models/);
          expect((await get('model/default/bad-model')).status).toBe(404);
          expect((await get('agent/default/bad-agent')).status).toBe(404);
          const reason = (line: string) => {
            const message = JSON.parse(line).message as string;
            return message
              .slice(message.indexOf('is invalid:') + 'is invalid:'.length)
              .trim()
              .slice(0, 110);
          };
          return `good-model and unaffected-service served; bad-model rejected: "${reason(
            modelError,
          )}"; bad-agent rejected: "${reason(agentError)}"`;
        },
      ));

    it('a scaffolder dry-run with bad parameters', () =>
      matrix.check(
        'scaffolder',
        'dry-run of register-model with name "Not Valid!", sourceUri ftp://…, type "huge"',
        '400 listing each bad field',
        async () => {
          const template = await eventually(
            'the register-model template in the catalog',
            async () => {
              const res = await api(
                backend.baseUrl,
                'GET',
                '/api/catalog/entities/by-name/template/default/register-model',
                {
                  token: MCP_TOKEN,
                },
              );
              return res.status === 200 ? res.json : undefined;
            },
            120_000,
            1000,
          );
          const res = await api(
            backend.baseUrl,
            'POST',
            '/api/scaffolder/v2/dry-run',
            {
              token: userToken,
              body: {
                template,
                values: {
                  name: 'Not Valid!',
                  type: 'huge',
                  sourceUri: 'ftp://example.com/model',
                },
                directoryContents: [],
              },
            },
          );
          expect(res.status).toBe(400);
          const fields = (res.json.errors as { property: string }[]).map(
            e => e.property,
          );
          expect(fields).toEqual(
            expect.arrayContaining([
              'instance.name',
              'instance.type',
              'instance.sourceUri',
            ]),
          );
          return `400: ${(
            res.json.errors as { property: string; message: string }[]
          )
            .map(e => `${e.property} ${e.message}`)
            .join('; ')
            .slice(0, 200)}`;
        },
      ));
  });

  describe('afterwards', () => {
    it('lost no stored data and still serves every cluster', () =>
      matrix.check(
        'all',
        'after every case above',
        'every cluster still has a snapshot; history kept; backend ready',
        async () => {
          const rows = await snapshotRows();
          expect(Object.keys(rows).sort()).toEqual([
            'big',
            'flaky',
            'steady',
            'vanishing',
          ]);
          const [{ n }] = await queryPluginDatabase<{ n: string }>(
            run.databasePrefix,
            'ai-platform',
            'SELECT count(*) AS n FROM ai_platform_snapshot_history',
          );
          expect(Number(n)).toBeGreaterThanOrEqual(4);
          await stillServing();
          const clusters: Status[] = (await aip('GET', '/clusters')).json.items;
          return clusters.map(c => `${c.name}: ${c.state}`).join(', ');
        },
      ));
  });
});
