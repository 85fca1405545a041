// The MCP endpoint end to end: the official MCP TypeScript SDK client over
// Streamable HTTP against a started backend (real mcp-actions, actions
// registry, auth with the static external-access token, permission backend
// with a policy, catalog with the AI Platform module, scaffolder, and the
// ai-platform plugin collecting the demo clusters served by kube-sim over
// real HTTP). Numbers come from packages/kube-sim/demo-expectations.json.
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { guardedRootHttpRouter } from './mcp/guardedRootHttpRouter';
import { cachingActionsServiceFactory } from './mcp/cachingActionsServiceFactory';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleAiPlatform from '@ai-platform/plugin-catalog-backend-module-ai-platform';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import aiPlatformPlugin from '@ai-platform/plugin-ai-platform-backend';

jest.setTimeout(240_000);

const MCP_TOKEN = 'mcp-e2e-token-5d1c0a8f7e6b4c3a';
const SIM_TOKEN = 'mcp-e2e-sim-token-9a8b7c6d5e4f';
const DENIED_USER = 'user:default/no-gpu-access';
const KUBE_SIM = path.resolve(__dirname, '../../kube-sim');
const DEMO = ['h100-prod', 'a100-research', 'mi300x-lab'];
const COLLECT_TASK_ID = 'ai-platform-collect-clusters';
const DISCOVERY_TASK_ID = 'AiPlatformDiscoveryProvider:refresh';

interface OracleCluster {
  folder: string;
  kubernetesVersion: string;
  checklistVersion: string;
  gpuNodes: number;
  gpus: {
    physical: number;
    allocatable: number;
    allocated: number;
    free: number;
  };
  fit: { maxWholeGpusFreeOnOneNode: number };
  byProduct: { product: string; memoryMiB: number | null; physical: number }[];
  conformance: Record<string, { level: 'MUST' | 'SHOULD'; verdict: string }>;
}
const oracle: Record<string, OracleCluster> = JSON.parse(
  fs.readFileSync(path.join(KUBE_SIM, 'demo-expectations.json'), 'utf8'),
);

const AI_PLATFORM_TOOLS = [
  'ai-platform.list-clusters',
  'ai-platform.get-cluster',
  'ai-platform.get-gpu-inventory',
  'ai-platform.find-gpu-capacity',
  'ai-platform.get-conformance-scorecard',
  'ai-platform.explain-conformance-requirement',
  'ai-platform.list-models',
  'ai-platform.get-model',
  'ai-platform.list-agents',
  'ai-platform.get-agent',
  'ai-platform.recommend-model-placement',
];
const INVENTORY_TOOLS = [
  'ai-platform.get-gpu-inventory',
  'ai-platform.find-gpu-capacity',
  'ai-platform.recommend-model-placement',
];

// Catalog entities of the test: two declared models (one that fits the
// demo fleet, one that cannot), an agent, its MCP server, a model server.
const CATALOG = `
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata:
  name: qwen3-32b
  title: Qwen3 32B
  annotations:
    ai-platform.dev/model-id: Qwen/Qwen3-32B
spec:
  type: llm
  lifecycle: production
  owner: group:default/ml-platform
  source: { uri: hf://Qwen/Qwen3-32B }
  format: safetensors
  architecture: transformer
  parameters: 32B
  precision: bf16
  license: Apache-2.0
  contextLength: 32768
  resources: { gpuMemoryGiB: 80, recommendedGpus: 1 }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata:
  name: llama-3-1-405b
  title: Llama 3.1 405B
spec:
  type: llm
  lifecycle: experimental
  owner: group:default/ml-platform
  source: { uri: hf://meta-llama/Llama-3.1-405B-Instruct }
  format: safetensors
  architecture: transformer
  parameters: 405B
  precision: bf16
  license: llama3.1
  resources: { gpuMemoryGiB: 810, recommendedGpus: 8, minGpuMemoryGiBPerDevice: 80 }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: qwen3-32b-serving
  annotations:
    ai-platform.dev/cluster: h100-prod
spec:
  type: model-server
  lifecycle: production
  owner: group:default/ml-platform
  model: model:default/qwen3-32b
  cluster: resource:default/h100-prod
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: kagent-tool-server
  description: Kubernetes tools for agents
spec:
  type: mcp-server
  lifecycle: production
  owner: group:default/platform-engineering
  definition: '{"tools": ["k8s_get_resources", "k8s_get_pod_logs"]}'
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata:
  name: cluster-doctor
  title: Cluster doctor
spec:
  type: chat
  lifecycle: production
  owner: group:default/platform-engineering
  runtime: kagent
  models: [model:default/qwen3-32b]
  tools: [api:default/kagent-tool-server]
  description: Diagnoses failing workloads on the GPU clusters.
`;

/** The permission policy of the test: one user may not read GPU inventory; everything else is allowed. */
const testPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mcp-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const denied =
              req.permission.name === 'ai-platform.inventory.read' &&
              user?.info.userEntityRef === DENIED_USER;
            return {
              result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            };
          },
        });
      },
    });
  },
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface TestScheduler {
  factory(options?: {
    skipTaskRunOnStartup?: boolean;
  }): ReturnType<typeof mockServices.scheduler.factory>;
  triggerTask(id: string): Promise<void>;
}

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, any>;
};

describe('MCP endpoint (official SDK client over Streamable HTTP)', () => {
  let sim: KubeSim;
  let backend: ReturnType<typeof createBackend> | undefined;
  let baseUrl: string;
  let catalogDir: string;
  const clients: Client[] = [];

  async function connect(token: string, server = ''): Promise<Client> {
    const client = new Client({
      name: 'ai-platform-mcp-e2e',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${baseUrl}/api/mcp-actions/v1${server}`),
        {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        },
      ),
    );
    clients.push(client);
    return client;
  }

  async function call(
    client: Client,
    name: string,
    args: Record<string, unknown> = {},
  ) {
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  async function output(
    client: Client,
    name: string,
    args: Record<string, unknown> = {},
  ) {
    const result = await call(client, name, args);
    if (result.isError) {
      throw new Error(
        `${name} failed: ${result.content.map(c => c.text).join(' ')}`,
      );
    }
    // The text content is the same JSON, for clients that ignore structuredContent.
    expect(JSON.parse(result.content[0].text!)).toEqual(
      result.structuredContent,
    );
    return result.structuredContent!;
  }

  async function eventually<T>(
    what: string,
    fn: () => Promise<T | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const value = await fn();
        if (value !== undefined) return value;
      } catch (e) {
        last = e;
      }
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`Timed out waiting for ${what}${last ? `: ${last}` : ''}`);
  }

  /** A raw JSON-RPC POST, for requests the SDK client would never send. */
  async function rawRpc(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        Accept: 'application/json, text/event-stream',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${MCP_TOKEN}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text
      .split('\n')
      .filter(line => line.startsWith('data: '))
      .map(line => line.slice('data: '.length));
    let parsed: any;
    try {
      parsed = JSON.parse(data.length ? data[0] : text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: DEMO.map(name => ({
        name,
        dir: path.join(KUBE_SIM, oracle[name].folder),
        token: SIM_TOKEN,
      })),
    });
    catalogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-e2e-catalog-'));
    fs.writeFileSync(path.join(catalogDir, 'entities.yaml'), CATALOG);
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;

    const scheduler = mockServices.scheduler() as unknown as TestScheduler;
    // createBackend() rather than startTestBackend: the test needs the root
    // HTTP router index.ts installs (with the MCP request guard), which
    // startTestBackend cannot take; every other service is the production
    // default, with config and the scheduler replaced.
    backend = createBackend();
    for (const feature of [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl },
          backend: {
            baseUrl,
            listen: { port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: MCP_TOKEN, subject: 'mcp-clients' },
                  accessRestrictions: [
                    { plugin: 'mcp-actions' },
                    { plugin: 'catalog' },
                    { plugin: 'scaffolder' },
                    { plugin: 'ai-platform' },
                  ],
                },
              ],
            },
            actions: {
              pluginSources: ['catalog', 'scaffolder', 'ai-platform'],
            },
          },
          auth: {
            providers: {
              guest: {
                userEntityRef: DENIED_USER,
                dangerouslyAllowOutsideDevelopment: true,
              },
            },
          },
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'API',
                  'Resource',
                  'Location',
                  'Group',
                  'User',
                  'Template',
                  'Model',
                  'Agent',
                ],
              },
            ],
            locations: [
              { type: 'file', target: path.join(catalogDir, 'entities.yaml') },
            ],
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: DEMO.map(name => ({
                  name,
                  url: sim.cluster(name).url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: SIM_TOKEN,
                  skipMetricsLookup: true,
                })),
              },
            ],
          },
          aiPlatform: { collection: { requestTimeout: { seconds: 20 } } },
          mcpActions: {
            name: 'AI Platform Portal',
            servers: {
              'ai-platform': {
                name: 'AI Platform',
                description: 'GPU capacity, AI conformance, models and agents',
                instructions: 'Start with ai-platform.list-clusters.',
                filter: { include: [{ id: 'ai-platform:*' }] },
              },
            },
          },
        },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      guardedRootHttpRouter,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      authPlugin,
      guestProviderModule,
      permissionPlugin,
      testPolicyModule,
      catalogPlugin,
      catalogModuleAiPlatform,
      scaffolderPlugin,
      mcpActionsPlugin,
      cachingActionsServiceFactory,
      aiPlatformPlugin,
    ]) {
      backend.add(feature);
    }
    await backend.start();

    await scheduler.triggerTask(COLLECT_TASK_ID);
    const client = await connect(MCP_TOKEN);
    await eventually('the demo clusters to be collected', async () => {
      const { clusters } = await output(client, 'ai-platform.list-clusters');
      return clusters.every((c: { state: string }) => c.state === 'fresh')
        ? true
        : undefined;
    });
    await eventually('the test entities in the catalog', async () => {
      const { models } = await output(client, 'ai-platform.list-models', {
        search: 'qwen3-32b',
      });
      const qwen = models.find((m: { name: string }) => m.name === 'qwen3-32b');
      return qwen?.servedOn.includes('h100-prod') ? true : undefined;
    });
    // Then what discovery finds in the clusters, linked to the declared
    // models (as in a running portal, where discovery runs every few minutes).
    await scheduler.triggerTask(DISCOVERY_TASK_ID).catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close().catch(() => undefined)));
    await backend?.stop();
    await sim?.stop();
    if (catalogDir) fs.rmSync(catalogDir, { recursive: true, force: true });
  });

  describe('protocol', () => {
    it('initializes with the server name and tools capability', async () => {
      const client = await connect(MCP_TOKEN);
      expect(client.getServerVersion()).toMatchObject({
        name: 'AI Platform Portal',
      });
      expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
      const named = await connect(MCP_TOKEN, '/ai-platform');
      expect(named.getServerVersion()).toMatchObject({ name: 'AI Platform' });
      expect(named.getInstructions()).toBe(
        'Start with ai-platform.list-clusters.',
      );
      await expect(client.ping()).resolves.toEqual({});
    });

    it('lists every AI Platform tool, the catalog tools and the scaffolder dry-run', async () => {
      const client = await connect(MCP_TOKEN);
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name);
      expect(names).toEqual(expect.arrayContaining(AI_PLATFORM_TOOLS));
      expect(names).toEqual(
        expect.arrayContaining([
          'catalog.get-catalog-entity',
          'catalog.query-catalog-entities',
          'scaffolder.dry-run-template',
        ]),
      );
      for (const tool of tools.filter(t => t.name.startsWith('ai-platform.'))) {
        expect({ name: tool.name, annotations: tool.annotations }).toEqual({
          name: tool.name,
          annotations: expect.objectContaining({
            readOnlyHint: true,
            destructiveHint: false,
            idempotentHint: true,
          }),
        });
        expect(tool.inputSchema.type).toBe('object');
      }
    });

    it('serves only the AI Platform tools on the named server', async () => {
      const client = await connect(MCP_TOKEN, '/ai-platform');
      const { tools } = await client.listTools();
      expect(tools.map(t => t.name).sort()).toEqual(
        [...AI_PLATFORM_TOOLS].sort(),
      );
    });

    it('answers 401 without a token or with a wrong one', async () => {
      const initialize = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'x', version: '1' },
        },
      };
      expect((await rawRpc(initialize, { Authorization: '' })).status).toBe(
        401,
      );
      expect(
        (
          await rawRpc(initialize, {
            Authorization: 'Bearer not-the-token-0123456789',
          })
        ).status,
      ).toBe(401);
      await expect(connect('not-the-token-0123456789')).rejects.toThrow();
      expect((await rawRpc(initialize)).status).toBe(200);
    });

    it('rejects a rebinding Host or a foreign Origin with 403 and a JSON-RPC error', async () => {
      const rebinding = await request(baseUrl)
        .post('/api/mcp-actions/v1')
        .set('Host', 'evil.example.com')
        .set('Origin', 'http://evil.example.com')
        .set('Authorization', `Bearer ${MCP_TOKEN}`)
        .send({ jsonrpc: '2.0', id: 1, method: 'ping' });
      expect(rebinding.status).toBe(403);
      expect(rebinding.body).toEqual({
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: 'Forbidden: Host "evil.example.com" is not allowed',
        },
        id: null,
      });
      const foreignOrigin = await request(baseUrl)
        .post('/api/mcp-actions/v1/ai-platform')
        .set('Origin', 'https://evil.example.com')
        .set('Authorization', `Bearer ${MCP_TOKEN}`)
        .send({ jsonrpc: '2.0', id: 1, method: 'ping' });
      expect(foreignOrigin.status).toBe(403);
      // Other paths are not the guard's business.
      const health = await request(baseUrl)
        .get('/.backstage/health/v1/liveness')
        .set('Host', 'evil.example.com');
      expect(health.status).toBe(200);
    });

    it('gives a JSON-RPC protocol error for malformed requests', async () => {
      const notAnObject = await rawRpc({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: {
          name: 'ai-platform.list-clusters',
          arguments: 'not an object',
        },
      });
      // A protocol error, not a tool result. The spec's code for invalid
      // params is -32602; the MCP SDK server mcp-actions uses (1.32) answers
      // -32603 with the validation issue, which names params.arguments.
      expect(notAnObject.body).toMatchObject({
        jsonrpc: '2.0',
        id: 7,
        error: { code: expect.any(Number) },
      });
      expect([-32602, -32603]).toContain(notAnObject.body.error.code);
      expect(notAnObject.body.error.message).toMatch(/"arguments"/);
      expect(notAnObject.body.result).toBeUndefined();

      const noName = await rawRpc({
        jsonrpc: '2.0',
        id: 8,
        method: 'tools/call',
        params: { arguments: {} },
      });
      expect(noName.body).toMatchObject({
        id: 8,
        error: { code: expect.any(Number) },
      });

      expect(noName.body.error.message).toMatch(/"name"/);

      const unknownMethod = await rawRpc({
        jsonrpc: '2.0',
        id: 9,
        method: 'resources/list',
        params: {},
      });
      expect(unknownMethod.body).toMatchObject({
        id: 9,
        error: { code: -32601, message: 'Method not found' },
      });

      const notJsonRpc = await rawRpc({ id: 10, method: 'ping' });
      expect(notJsonRpc).toEqual({
        status: 400,
        body: {
          jsonrpc: '2.0',
          error: {
            code: -32700,
            message: 'Parse error: Invalid JSON-RPC message',
          },
          id: null,
        },
      });

      // Broken JSON never reaches the MCP transport: mcp-actions' body parser answers 400 first.
      const brokenJson = await rawRpc(
        '{"jsonrpc": "2.0", "id": 11, "method": ',
      );
      expect(brokenJson.status).toBe(400);
    });

    it('answers an unknown tool with an error naming it (mcp-actions reports it as a tool error, not a protocol error)', async () => {
      const client = await connect(MCP_TOKEN);
      const result = await call(client, 'ai-platform.no-such-tool', {});
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toBe(
        'NotFoundError: Action "ai-platform.no-such-tool" not found',
      );
    });
  });

  describe('input validation errors are tool execution errors the model can act on', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'ai-platform.find-gpu-capacity',
        { count: 'four' },
        'count',
        /Expected number, received string/,
      ],
      [
        'ai-platform.find-gpu-capacity',
        { count: 0 },
        'count',
        /greater than or equal to 1/,
      ],
      [
        'ai-platform.find-gpu-capacity',
        { count: 2, minMemoryGiB: -5 },
        'minMemoryGiB',
        /greater than or equal to 0/,
      ],
      [
        'ai-platform.get-gpu-inventory',
        { includeNodes: true, limit: 1000 },
        'limit',
        /less than or equal to 100/,
      ],
      [
        'ai-platform.get-conformance-scorecard',
        { cluster: 'h100-prod', checklistVersion: '2.0' },
        'checklistVersion',
        /Invalid enum value/,
      ],
      [
        'ai-platform.get-cluster',
        { cluster: 'no such cluster!' },
        'cluster',
        /cluster name uses letters/,
      ],
    ];
    it.each(cases)(
      '%s %j names the argument',
      async (tool, args, argument, problem) => {
        const client = await connect(MCP_TOKEN);
        const result = await call(client, tool, args);
        expect(result.isError).toBe(true);
        const text = result.content.map(c => c.text).join('\n');
        expect(text).toMatch(
          /^InputError: Invalid input to action "ai-platform:/,
        );
        expect(text).toMatch(new RegExp(`"path": \\[\\s*"${argument}"`));
        expect(text).toMatch(problem);
      },
    );

    it('reports an unknown cluster as a tool error too', async () => {
      const client = await connect(MCP_TOKEN);
      const result = await call(client, 'ai-platform.get-cluster', {
        cluster: 'nope',
      });
      expect(result).toMatchObject({
        isError: true,
        content: [
          {
            type: 'text',
            text: 'NotFoundError: No cluster named "nope"; list-clusters lists the known clusters',
          },
        ],
      });
    });
  });

  describe('tools on the demo clusters', () => {
    let client: Client;
    beforeAll(async () => {
      client = await connect(MCP_TOKEN, '/ai-platform');
    });

    it('list-clusters: every demo cluster, fresh, with its Kubernetes version', async () => {
      const out = await output(client, 'ai-platform.list-clusters');
      expect(out.clusters.map((c: { name: string }) => c.name).sort()).toEqual(
        [...DEMO].sort(),
      );
      for (const c of out.clusters) {
        expect({
          name: c.name,
          state: c.state,
          stale: c.stale,
          version: c.kubernetesVersion,
        }).toEqual({
          name: c.name,
          state: 'fresh',
          stale: false,
          version: oracle[c.name].kubernetesVersion,
        });
        expect(c.lastSuccessAt).toEqual(expect.any(String));
      }
      expect(out.summary).toMatch(/^3 clusters: 3 fresh/);
    });

    it('get-cluster: the H100 cluster’s physical GPUs and MUSTs passed', async () => {
      const h100 = oracle['h100-prod'];
      const out = await output(client, 'ai-platform.get-cluster', {
        cluster: 'h100-prod',
      });
      expect(out.gpus).toMatchObject({
        gpuNodes: h100.gpuNodes,
        physical: h100.gpus.physical,
        allocatable: h100.gpus.allocatable,
        allocated: h100.gpus.allocated,
        free: h100.gpus.free,
      });
      const mustsPassed = Object.values(h100.conformance).filter(
        r => r.level === 'MUST' && r.verdict === 'pass',
      ).length;
      expect(out.conformance).toMatchObject({
        checklistVersion: h100.checklistVersion,
      });
      expect(out.conformance.must.pass).toBe(mustsPassed);
      expect(out.summary).toContain(`${h100.gpus.physical} physical GPUs`);
      expect(out.omitted).toBeUndefined();
    });

    it('get-gpu-inventory: fleet totals, a filter, and paged nodes', async () => {
      const fleet = await output(client, 'ai-platform.get-gpu-inventory');
      const physical = DEMO.reduce((n, c) => n + oracle[c].gpus.physical, 0);
      expect(fleet.totals.physical).toBe(physical);
      for (const name of DEMO) {
        expect(
          fleet.byCluster.find((c: { cluster: string }) => c.cluster === name),
        ).toMatchObject({
          physical: oracle[name].gpus.physical,
          free: oracle[name].gpus.free,
        });
      }
      const amd = await output(client, 'ai-platform.get-gpu-inventory', {
        vendor: 'amd',
      });
      expect(amd.totals.physical).toBe(oracle['mi300x-lab'].gpus.physical);
      const nodes = await output(client, 'ai-platform.get-gpu-inventory', {
        cluster: 'h100-prod',
        includeNodes: true,
        limit: 2,
      });
      expect(nodes.nodes).toMatchObject({
        totalItems: oracle['h100-prod'].gpuNodes,
        limit: 2,
        offset: 0,
        nextOffset: 2,
      });
      expect(nodes.nodes.items).toHaveLength(2);
    });

    it('find-gpu-capacity: a request that fits and one that does not', async () => {
      const h100Max = oracle['h100-prod'].fit.maxWholeGpusFreeOnOneNode;
      const fits = await output(client, 'ai-platform.find-gpu-capacity', {
        count: h100Max,
        minMemoryGiB: 80,
      });
      expect(fits.fits).toBe(true);
      expect(fits.placements[0]).toMatchObject({
        cluster: 'h100-prod',
        freeUnits: h100Max,
        memoryGiB: 80,
      });

      const fleetMax = Math.max(
        ...DEMO.map(c => oracle[c].fit.maxWholeGpusFreeOnOneNode),
      );
      const tooBig = await output(client, 'ai-platform.find-gpu-capacity', {
        count: fleetMax + 1,
        minMemoryGiB: 80,
      });
      expect(tooBig.fits).toBe(false);
      expect(tooBig.placements).toEqual([]);
      expect(tooBig.closest.length).toBeGreaterThan(0);
      expect(tooBig.closest[0].freeUnits).toBe(fleetMax);
      expect(tooBig.summary).toMatch(
        new RegExp(
          `^Nothing fits ${
            fleetMax + 1
          } × ≥80 GiB now\\. Closest options are 1\\) `,
        ),
      );
    });

    it('get-conformance-scorecard: verdicts agree with the oracle', async () => {
      for (const name of DEMO) {
        const out = await output(
          client,
          'ai-platform.get-conformance-scorecard',
          { cluster: name },
        );
        expect(out.checklistVersion).toBe(oracle[name].checklistVersion);
        const verdicts = Object.fromEntries(
          out.requirements.map((r: { id: string; verdict: string }) => [
            r.id,
            r.verdict,
          ]),
        );
        const expected = Object.fromEntries(
          Object.entries(oracle[name].conformance).map(([id, r]) => [
            id,
            r.verdict,
          ]),
        );
        expect({ cluster: name, verdicts }).toEqual({
          cluster: name,
          verdicts: expect.objectContaining(expected),
        });
        expect(out.requirements.every((r: object) => !('evidence' in r))).toBe(
          true,
        );
      }
      const withEvidence = await output(
        client,
        'ai-platform.get-conformance-scorecard',
        {
          cluster: 'h100-prod',
          includeEvidence: true,
        },
      );
      const dra = withEvidence.requirements.find(
        (r: { id: string }) => r.id === 'dra_support',
      );
      expect(dra.evidence.length).toBeGreaterThan(0);
    });

    it('explain-conformance-requirement: what it asks and how the H100 cluster stands', async () => {
      const out = await output(
        client,
        'ai-platform.explain-conformance-requirement',
        {
          requirement: 'KAR-0051',
          cluster: 'h100-prod',
        },
      );
      expect(out.requirement).toMatchObject({
        id: 'dra_support',
        kar: 'KAR-0051',
      });
      expect(out.requirement.signals.length).toBeGreaterThan(0);
      expect(out.cluster).toMatchObject({
        name: 'h100-prod',
        verdict: oracle['h100-prod'].conformance.dra_support.verdict,
      });
      expect(out.cluster.evidence.length).toBeGreaterThan(0);
      expect(out.cluster.cannotProve).toEqual(expect.any(String));
    });

    it('list-models and get-model: catalog models with where each is served', async () => {
      const list = await output(client, 'ai-platform.list-models');
      const names = list.models.map((m: { name: string }) => m.name);
      expect(names).toEqual(
        expect.arrayContaining(['qwen3-32b', 'llama-3-1-405b']),
      );
      const model = await output(client, 'ai-platform.get-model', {
        model: 'Qwen/Qwen3-32B',
      });
      expect(model.model).toMatchObject({
        ref: 'model:default/qwen3-32b',
        resources: { gpuMemoryGiB: 80, recommendedGpus: 1 },
      });
      expect(model.servedBy).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ref: 'component:default/qwen3-32b-serving',
            cluster: 'h100-prod',
          }),
        ]),
      );
      // The demo's kagent agent, discovered in h100-prod, uses the same model.
      expect(model.usedByAgents).toEqual(
        expect.arrayContaining(['agent:default/cluster-doctor']),
      );
    });

    it('list-agents and get-agent: agents with their models and MCP tools', async () => {
      const list = await output(client, 'ai-platform.list-agents', {
        model: 'qwen3-32b',
      });
      expect(list.agents.map((a: { ref: string }) => a.ref)).toContain(
        'agent:default/cluster-doctor',
      );
      const agent = await output(client, 'ai-platform.get-agent', {
        agent: 'cluster-doctor',
      });
      expect(agent.models).toEqual([
        expect.objectContaining({
          ref: 'model:default/qwen3-32b',
          found: true,
          gpuMemoryGiB: 80,
        }),
      ]);
      expect(agent.tools).toEqual([
        expect.objectContaining({
          ref: 'api:default/kagent-tool-server',
          found: true,
          toolNames: ['k8s_get_resources', 'k8s_get_pod_logs'],
        }),
      ]);
    });

    it('recommend-model-placement: a model that fits and one that cannot', async () => {
      const qwen = await output(
        client,
        'ai-platform.recommend-model-placement',
        { model: 'qwen3-32b' },
      );
      expect(qwen.requirement).toMatchObject({
        gpus: 1,
        minMemoryGiBPerDevice: 80,
      });
      expect(qwen.fits).toBe(true);
      expect(qwen.placements[0]).toMatchObject({
        cluster: 'h100-prod',
        memoryGiB: 80,
      });
      expect(qwen.summary).toMatch(
        /^Serve model:default\/qwen3-32b on h100-prod\//,
      );

      const llama = await output(
        client,
        'ai-platform.recommend-model-placement',
        { model: 'llama-3-1-405b' },
      );
      expect(llama.requirement).toMatchObject({
        gpus: 8,
        minMemoryGiBPerDevice: 101.3,
      });
      expect(llama.fits).toBe(false);
      expect(llama.closest.length).toBeGreaterThan(0);
      expect(llama.reasoning.length).toBeGreaterThanOrEqual(3);
      expect(llama.summary).toMatch(
        /^model:default\/llama-3-1-405b does not fit as 8 × ≥101\.3 GiB now\./,
      );
    });

    it('the catalog tools answer too', async () => {
      const all = await connect(MCP_TOKEN);
      const result = await call(all, 'catalog.get-catalog-entity', {
        kind: 'Model',
        name: 'qwen3-32b',
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({
        kind: 'Model',
        metadata: { name: 'qwen3-32b' },
      });
    });

    it('never returns a cluster or MCP token', async () => {
      const texts: string[] = [];
      for (const [tool, args] of [
        ['ai-platform.list-clusters', {}],
        ['ai-platform.get-cluster', { cluster: 'h100-prod' }],
        ['ai-platform.get-gpu-inventory', { includeNodes: true, limit: 100 }],
      ] as const) {
        texts.push(JSON.stringify(await call(client, tool, args)));
      }
      for (const text of texts) {
        expect(text).not.toContain(SIM_TOKEN);
        expect(text).not.toContain(MCP_TOKEN);
      }
    });
  });

  describe('permissions apply to the caller', () => {
    let denied: Client;
    beforeAll(async () => {
      const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!response.ok) {
        throw new Error(
          `Guest sign-in failed: ${response.status} ${await response.text()}`,
        );
      }
      const { backstageIdentity } = await response.json();
      denied = await connect(backstageIdentity.token);
    });

    it('hides the inventory tools from a user the policy denies ai-platform.inventory.read', async () => {
      const { tools } = await denied.listTools();
      const names = tools.map(t => t.name);
      for (const tool of INVENTORY_TOOLS) expect(names).not.toContain(tool);
      expect(names).toEqual(
        expect.arrayContaining(
          AI_PLATFORM_TOOLS.filter(t => !INVENTORY_TOOLS.includes(t)),
        ),
      );
      const result = await call(denied, 'ai-platform.find-gpu-capacity', {
        count: 1,
      });
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toMatch(
        /^NotFoundError: Action "ai-platform.find-gpu-capacity" not found/,
      );
    });

    it('leaves GPU totals out of get-cluster for that user, and says why', async () => {
      const out = await output(denied, 'ai-platform.get-cluster', {
        cluster: 'h100-prod',
      });
      expect(out.gpus).toBeUndefined();
      expect(out.conformance).toBeDefined();
      expect(out.omitted).toEqual([
        'gpus: not allowed (ai-platform.inventory.read)',
      ]);
    });
  });
});
