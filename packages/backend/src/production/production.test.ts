// The production configuration, started for real: packages/backend run as a
// process with app-config.yaml + app-config.production.yaml (+ the test's
// overrides), the environment deploy/backend.yaml gives it, PostgreSQL,
// Redis, and a kube-sim cluster over TLS read with a service-account token.
// On that backend: the permission policy, secrets that must never leave the
// backend, and input limits on every REST endpoint.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import nodePath from 'node:path';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
} from './harness/BackendProcess';
import {
  collectorGrants,
  loadDeployManifests,
} from './harness/deployManifests';
import { api, ApiResponse } from './harness/http';
import { queryPluginDatabase, withPostgres } from './harness/infrastructure';
import {
  kubeSimClusterSpec,
  RecordedKubeSim,
  startRecordedKubeSim,
} from './harness/kubeSim';
import { callTool, listToolNames, mcpPost, rpc } from './harness/mcp';
import {
  clusterEnv,
  guestAuthConfig,
  guestToken,
  ProductionRun,
} from './harness/productionBackend';
import { allowingRule, requestAttributes } from './rbac/kubeRbac';

jest.setTimeout(300_000);

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const CLUSTER = 'gpu-prod-1';
const CLUSTER_TOKEN = secret('cluster-sa-token');
const MCP_TOKEN = secret('mcp-token');
// PostgreSQL trusts local connections, so this is never checked, but it is
// in the config like a real one and must not leak either.
const POSTGRES_PASSWORD = secret('pg-password');
const SECRETS = { CLUSTER_TOKEN, MCP_TOKEN, POSTGRES_PASSWORD };
// A signed-in user in applied-ai; the test's policy lets only research (and
// platform engineers) read.
const DENIED_USER = 'user:default/ana';

const READ_ENDPOINTS = [
  '/clusters',
  `/clusters/${CLUSTER}`,
  '/inventory',
  `/clusters/${CLUSTER}/inventory`,
  '/inventory/nodes',
  '/checklists',
  `/clusters/${CLUSTER}/scorecard`,
  '/conformance/matrix',
  `/clusters/${CLUSTER}/conformance/history`,
  `/clusters/${CLUSTER}/conformance/product.yaml`,
  '/workloads',
];

describe('the production configuration', () => {
  let recorded: RecordedKubeSim;
  let run: ProductionRun;
  let backend: BackendProcess;
  let deniedToken: string;
  /** Every response body the tests saw, searched for secrets at the end. */
  const seen: string[] = [];

  const aip = async (
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse> => {
    const res = await api(backend.baseUrl, method, `/api/ai-platform${path}`, {
      token: MCP_TOKEN,
      ...options,
    });
    seen.push(res.text);
    return res;
  };

  beforeAll(async () => {
    recorded = await startRecordedKubeSim({
      tls: true,
      clusters: [
        { ...kubeSimClusterSpec('h100-prod', CLUSTER_TOKEN), name: CLUSTER },
      ],
    });
    const cluster = recorded.sim.cluster(CLUSTER);
    run = new ProductionRun('prod');
    backend = await run.startBackend({
      name: 'production',
      env: {
        ...clusterEnv({
          name: CLUSTER,
          url: cluster.url,
          token: CLUSTER_TOKEN,
          caData: cluster.caData!,
        }),
        MCP_TOKEN,
        POSTGRES_PASSWORD,
      },
      extraConfig: {
        ...guestAuthConfig(DENIED_USER, ['group:default/applied-ai']),
        aiPlatform: {
          permissionPolicy: { readGroups: ['group:default/research'] },
          collection: {
            frequency: { seconds: 20 },
            initialDelay: { seconds: 1 },
          },
        },
      },
    });
    await backend.waitReady();
    await eventually(
      'the cluster to be collected',
      async () => {
        const res = await aip('GET', `/clusters/${CLUSTER}`);
        return res.json?.state === 'fresh' ? true : undefined;
      },
      90_000,
    );
    deniedToken = await guestToken(backend.baseUrl);
  });

  afterAll(async () => {
    await run?.cleanup();
    await recorded?.sim.stop();
  });

  describe('starts and runs', () => {
    it('is ready and answers the probes of deploy/backend.yaml without credentials', async () => {
      const { objects } = await loadDeployManifests();
      const container = (objects.find(o => o.kind === 'Deployment') as any).spec
        .template.spec.containers[0];
      const paths = [
        container.startupProbe.httpGet.path,
        container.readinessProbe.httpGet.path,
        container.livenessProbe.httpGet.path,
      ];
      expect(paths).toEqual([
        '/.backstage/health/v1/readiness',
        '/.backstage/health/v1/readiness',
        '/api/ai-platform/health',
      ]);
      for (const path of paths) {
        const res = await api(backend.baseUrl, 'GET', path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it("keeps every plugin's data in PostgreSQL, in databases named by the run's prefix", async () => {
      const databases = await withPostgres(async client =>
        (
          await client.query<{ datname: string }>(
            'SELECT datname FROM pg_database WHERE datname LIKE $1',
            [`${run.databasePrefix}%`],
          )
        ).rows.map(r => r.datname.slice(run.databasePrefix.length)),
      );
      expect(databases).toEqual(
        expect.arrayContaining([
          'ai-platform',
          'app',
          'auth',
          'catalog',
          'scaffolder',
          'search',
        ]),
      );
      const rows = await queryPluginDatabase(
        run.databasePrefix,
        'ai-platform',
        'SELECT c.name, c.state, s.json_bytes FROM ai_platform_clusters c JOIN ai_platform_snapshots s ON s.cluster_name = c.name',
      );
      expect(rows).toEqual([
        { name: CLUSTER, state: 'fresh', json_bytes: expect.any(String) },
      ]);
    });

    it('collects the cluster with its service-account token, within the ClusterRole', async () => {
      const grants = await collectorGrants();
      const requests = recorded.requests.filter(r => r.cluster === CLUSTER);
      expect(requests.length).toBeGreaterThan(20);
      expect(
        requests.filter(r => r.status === 401 || r.status === 403),
      ).toEqual([]);
      const denied = requests.filter(
        r => !allowingRule(grants, requestAttributes(r.method, r.url)),
      );
      expect(denied.map(r => `${r.method} ${r.url}`)).toEqual([]);
      const inventory = await aip('GET', `/clusters/${CLUSTER}/inventory`);
      expect(inventory.status).toBe(200);
      expect(inventory.json.gpus.physical).toBeGreaterThan(0);
    });
  });

  describe('security: permissions (platform-teams policy)', () => {
    it('registers the AI Platform permissions with the permission framework', async () => {
      const res = await api(
        backend.baseUrl,
        'GET',
        '/api/ai-platform/.well-known/backstage/permissions/metadata',
        { token: MCP_TOKEN },
      );
      expect(res.status).toBe(200);
      expect(
        res.json.permissions.map((p: { name: string }) => p.name).sort(),
      ).toEqual([
        'ai-platform.cluster.read',
        'ai-platform.cluster.refresh',
        'ai-platform.inventory.read',
        'ai-platform.scorecard.read',
      ]);
    });

    it('answers 403 to a signed-in user outside the read groups, on every endpoint', async () => {
      for (const path of READ_ENDPOINTS) {
        const res = await aip('GET', path, { token: deniedToken });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(res.json.error.name).toBe('NotAllowedError');
      }
      const fit = await aip('POST', '/capacity/fit', {
        token: deniedToken,
        body: { count: 1 },
      });
      expect(fit.status).toBe(403);
      const refresh = await aip('POST', `/clusters/${CLUSTER}/refresh`, {
        token: deniedToken,
      });
      expect(refresh.status).toBe(403);
      expect(refresh.json.error.message).toMatch(
        /ai-platform\.cluster\.refresh/,
      );
    });

    it('hides the cluster, inventory and scorecard MCP tools from that user', async () => {
      const tools = await listToolNames(backend.baseUrl, deniedToken);
      // The model and agent tools read the catalog, under the catalog's own
      // permissions (which this policy leaves allowed).
      expect(tools.filter(t => t.startsWith('ai-platform.')).sort()).toEqual([
        'ai-platform.get-agent',
        'ai-platform.get-model',
        'ai-platform.list-agents',
        'ai-platform.list-models',
      ]);
      const call = await callTool(
        backend.baseUrl,
        deniedToken,
        'ai-platform.list-clusters',
        {},
      );
      seen.push(call.text);
      expect(call.body.result.isError).toBe(true);
      expect(call.body.result.content[0].text).toMatch(/not found/);
    });

    it('lets external MCP clients read, through REST and MCP, but not refresh', async () => {
      for (const path of READ_ENDPOINTS) {
        const res = await aip('GET', path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      const refresh = await aip('POST', `/clusters/${CLUSTER}/refresh`);
      expect(refresh.status).toBe(403);
      const tools = await listToolNames(backend.baseUrl, MCP_TOKEN);
      expect(tools).toEqual(
        expect.arrayContaining([
          'ai-platform.list-clusters',
          'ai-platform.get-gpu-inventory',
          'ai-platform.get-conformance-scorecard',
        ]),
      );
    });

    it('serves only read-only MCP tools in production', async () => {
      const res = await mcpPost(backend.baseUrl, MCP_TOKEN, rpc('tools/list'));
      seen.push(res.text);
      const tools: { name: string; annotations: Record<string, boolean> }[] =
        res.body.result.tools;
      expect(tools.length).toBeGreaterThan(5);
      expect(
        tools.filter(t => t.annotations.readOnlyHint !== true).map(t => t.name),
      ).toEqual([]);
      const names = tools.map(t => t.name);
      for (const writer of [
        'scaffolder.execute-template',
        'catalog.register-entity',
        'catalog.unregister-entity',
      ]) {
        expect(names).not.toContain(writer);
      }
      expect(names).toContain('scaffolder.dry-run-template');
    });
  });

  describe('security: secrets never leave the backend', () => {
    it('keeps them out of every REST and MCP response', async () => {
      const fit = await aip('POST', '/capacity/fit', {
        body: { count: 2, minMemoryGiB: 40 },
      });
      expect(fit.status).toBe(200);
      for (const path of [
        ...READ_ENDPOINTS,
        '/health',
        '/clusters/unknown-cluster',
      ]) {
        await aip('GET', path);
      }
      for (const [tool, args] of [
        ['ai-platform.list-clusters', {}],
        ['ai-platform.get-cluster', { cluster: CLUSTER }],
        ['ai-platform.get-gpu-inventory', { includeNodes: true, limit: 50 }],
        ['ai-platform.find-gpu-capacity', { count: 1 }],
        ['ai-platform.get-conformance-scorecard', { cluster: CLUSTER }],
        ['ai-platform.get-cluster', { cluster: 'nope' }],
      ] as const) {
        const res = await callTool(backend.baseUrl, MCP_TOKEN, tool, args);
        expect(res.status).toBe(200);
        seen.push(res.text);
      }
      // The upstream Kubernetes plugin reads the same cluster config.
      const k8s = await api(
        backend.baseUrl,
        'GET',
        '/api/kubernetes/clusters',
        {
          token: deniedToken,
        },
      );
      expect(k8s.status).toBe(200);
      expect(k8s.json.items.map((c: { name: string }) => c.name)).toEqual([
        CLUSTER,
      ]);
      seen.push(k8s.text);
      const joined = seen.join('\n');
      expect(joined.length).toBeGreaterThan(10_000);
      for (const [name, value] of Object.entries(SECRETS)) {
        expect({ name, leaked: joined.includes(value) }).toEqual({
          name,
          leaked: false,
        });
      }
    });

    it('keeps them out of the config the browser gets', async () => {
      const res = await api(backend.baseUrl, 'GET', '/');
      // The app-backend injects the frontend-visible config into index.html
      // when the app is built (CI builds it for the browser tests).
      const appBuilt = fs.existsSync(
        nodePath.join(REPO_ROOT, 'packages/app/dist/index.html'),
      );
      const injected = res.text
        .split('<script type="backstage.io/config">')
        .slice(1)
        .map(part => part.split('</script>')[0]);
      const data = injected.flatMap(json =>
        (JSON.parse(json) as { data: any }[]).map(c => c.data),
      );
      expect({
        status: res.status,
        injected: injected.length,
        baseUrl: data.some(d => d?.app?.baseUrl === backend.baseUrl),
      }).toEqual(
        appBuilt
          ? { status: 200, injected: 1, baseUrl: true }
          : { status: 404, injected: 0, baseUrl: false },
      );
      expect(injected.join('\n')).not.toMatch(
        /serviceAccountToken|externalAccess|password|caData/,
      );
      for (const [name, value] of Object.entries(SECRETS)) {
        expect({ name, leaked: res.text.includes(value) }).toEqual({
          name,
          leaked: false,
        });
      }
    });

    it('keeps them out of every log line, also when collections fail', async () => {
      // Failures log the cluster's errors: make the next collection fail in parts.
      const before = backend.lines.length;
      recorded.sim.addFault({
        cluster: CLUSTER,
        resource: 'pods',
        kind: 'status',
        status: 403,
      });
      recorded.sim.addFault({
        cluster: CLUSTER,
        resource: 'nodes',
        kind: 'status',
        status: 500,
      });
      try {
        await backend.waitForLog(/could not read (pods|nodes)/, 60_000, before);
      } finally {
        recorded.sim.clearFaults();
      }
      const logs = backend.logText();
      expect(backend.lines.length).toBeGreaterThan(50);
      for (const [name, value] of Object.entries(SECRETS)) {
        expect({ name, leaked: logs.includes(value) }).toEqual({
          name,
          leaked: false,
        });
      }
    });
  });

  describe('input limits: bad input gets a 400 naming the parameter, and nothing is lost', () => {
    const LONG = 'a'.repeat(300);
    const CASES: {
      what: string;
      method: string;
      path: string;
      body?: unknown;
      status: number;
      message: RegExp;
    }[] = [
      {
        what: 'cluster name with a space',
        method: 'GET',
        path: '/clusters/bad%20name',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'cluster name of 300 characters',
        method: 'GET',
        path: `/clusters/${LONG}`,
        status: 400,
        message: /\bname\b.*253/,
      },
      {
        what: 'refresh of a malformed name',
        method: 'POST',
        path: '/clusters/bad!name/refresh',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'inventory of a malformed name',
        method: 'GET',
        path: '/clusters/bad!name/inventory',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'inventory cluster selector',
        method: 'GET',
        path: '/inventory?cluster=bad!name',
        status: 400,
        message: /'cluster'/,
      },
      {
        what: 'inventory vendor',
        method: 'GET',
        path: '/inventory?vendor=acme',
        status: 400,
        message: /'vendor'/,
      },
      {
        what: 'inventory minFree negative',
        method: 'GET',
        path: '/inventory?minFree=-1',
        status: 400,
        message: /'minFree'/,
      },
      {
        what: 'inventory minMemoryGiB not a number',
        method: 'GET',
        path: '/inventory?minMemoryGiB=lots',
        status: 400,
        message: /'minMemoryGiB'/,
      },
      {
        what: 'inventory unknown parameter',
        method: 'GET',
        path: '/inventory?colour=red',
        status: 400,
        message: /'colour'/,
      },
      {
        what: 'nodes limit above the maximum',
        method: 'GET',
        path: '/inventory/nodes?limit=100000',
        status: 400,
        message: /'limit'.*500/,
      },
      {
        what: 'nodes offset negative',
        method: 'GET',
        path: '/inventory/nodes?offset=-5',
        status: 400,
        message: /'offset'/,
      },
      {
        what: 'nodes gpuOnly not a boolean',
        method: 'GET',
        path: '/inventory/nodes?gpuOnly=maybe',
        status: 400,
        message: /'gpuOnly'/,
      },
      {
        what: 'capacity count not a number',
        method: 'POST',
        path: '/capacity/fit',
        body: { count: 'four' },
        status: 400,
        message: /^count\b/,
      },
      {
        what: 'capacity count too large',
        method: 'POST',
        path: '/capacity/fit',
        body: { count: 100000 },
        status: 400,
        message: /^count\b.*64/,
      },
      {
        what: 'capacity limit above the maximum',
        method: 'POST',
        path: '/capacity/fit',
        body: { count: 1, limit: 100000 },
        status: 400,
        message: /^limit\b.*100/,
      },
      {
        what: 'capacity malformed cluster name',
        method: 'POST',
        path: '/capacity/fit',
        body: { count: 1, clusters: ['bad!name'] },
        status: 400,
        message: /^clusters\b/,
      },
      {
        what: 'capacity body not JSON',
        method: 'POST',
        path: '/capacity/fit',
        body: '{"count": 4,',
        status: 400,
        message: /not valid JSON/,
      },
      {
        what: 'capacity body of 100 kB',
        method: 'POST',
        path: '/capacity/fit',
        body: { count: 1, product: 'x'.repeat(100_000) },
        status: 413,
        message: /at most 65536 bytes/,
      },
      {
        what: 'scorecard checklist version',
        method: 'GET',
        path: `/clusters/${CLUSTER}/scorecard?checklist=9.99`,
        status: 400,
        message: /'checklist'/,
      },
      {
        what: 'scorecard of a malformed name',
        method: 'GET',
        path: '/clusters/bad!name/scorecard',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'matrix checklist version',
        method: 'GET',
        path: '/conformance/matrix?checklist=latest',
        status: 400,
        message: /'checklist'/,
      },
      {
        what: 'matrix checklist given twice',
        method: 'GET',
        path: '/conformance/matrix?checklist=1.35&checklist=1.34',
        status: 400,
        message: /'checklist'/,
      },
      {
        what: 'history since not a date',
        method: 'GET',
        path: `/clusters/${CLUSTER}/conformance/history?since=yesterday`,
        status: 400,
        message: /'since'/,
      },
      {
        what: 'history since an impossible date',
        method: 'GET',
        path: `/clusters/${CLUSTER}/conformance/history?since=2026-13-45`,
        status: 400,
        message: /'since'/,
      },
      {
        what: 'history limit above the maximum',
        method: 'GET',
        path: `/clusters/${CLUSTER}/conformance/history?limit=5000`,
        status: 400,
        message: /'limit'/,
      },
      {
        what: 'history limit zero',
        method: 'GET',
        path: `/clusters/${CLUSTER}/conformance/history?limit=0`,
        status: 400,
        message: /'limit'/,
      },
      {
        what: 'history of a malformed name',
        method: 'GET',
        path: '/clusters/bad!name/conformance/history',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'product.yaml of a malformed name',
        method: 'GET',
        path: '/clusters/bad!name/conformance/product.yaml',
        status: 400,
        message: /\bname\b/,
      },
      {
        what: 'workloads cluster selector',
        method: 'GET',
        path: '/workloads?cluster=bad!name',
        status: 400,
        message: /'cluster'/,
      },
      {
        what: 'workloads unknown parameter',
        method: 'GET',
        path: '/workloads?namespace=ml',
        status: 400,
        message: /'namespace'/,
      },
    ];

    it('rejects each bad input with a clear error, and keeps every stored row', async () => {
      const count = async (table: string) =>
        Number(
          (
            await queryPluginDatabase<{ n: string }>(
              run.databasePrefix,
              'ai-platform',
              `SELECT count(*) AS n FROM ${table}`,
            )
          )[0].n,
        );
      const tables = [
        'ai_platform_snapshots',
        'ai_platform_snapshot_history',
        'ai_platform_conformance_verdicts',
      ];
      const before = Object.fromEntries(
        await Promise.all(tables.map(async t => [t, await count(t)])),
      );
      const results = [];
      for (const c of CASES) {
        const res = await aip(c.method, c.path, { body: c.body });
        results.push({
          what: c.what,
          status: res.status,
          message: res.json?.error?.message ?? res.text.slice(0, 200),
        });
      }
      expect(results).toEqual(
        CASES.map(c => ({
          what: c.what,
          status: c.status,
          message: expect.stringMatching(c.message),
        })),
      );
      for (const table of tables) {
        expect({ table, rows: await count(table) }).toEqual({
          table,
          rows: expect.any(Number),
        });
        expect(await count(table)).toBeGreaterThanOrEqual(before[table]);
      }
      expect(before.ai_platform_snapshots).toBe(1);
      const status = await aip('GET', `/clusters/${CLUSTER}`);
      expect(status.status).toBe(200);
      expect(status.json.name).toBe(CLUSTER);
      const ready = await api(
        backend.baseUrl,
        'GET',
        '/.backstage/health/v1/readiness',
      );
      expect(ready.status).toBe(200);
    });
  });
});
