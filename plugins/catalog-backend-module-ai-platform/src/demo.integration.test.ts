import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
// The end-to-end test runs the real ai-platform backend next to the catalog.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiPlatformPlugin from '@ai-platform/plugin-ai-platform-backend';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import path from 'node:path';
import { catalogModuleAiPlatform } from './module';
import {
  ALL_KINDS,
  CapturedError,
  errorCaptureModule,
  getEntity,
  queryEntities,
  relationsOf,
  waitFor,
} from './__testUtils__/catalogTestUtils';

/**
 * The whole path, for real: kube-sim serves the demo clusters over HTTP,
 * the ai-platform backend collects them into snapshots and discovers
 * workloads, this module's provider reads them over HTTP and the catalog
 * ingests them next to the example entities. Checked against the oracle
 * (packages/kube-sim/demo-expectations.json `discovery`).
 */
const ROOT = path.resolve(__dirname, '../../..');
const KUBE_SIM = path.join(ROOT, 'packages/kube-sim');
const oracle = JSON.parse(
  fs.readFileSync(path.join(KUBE_SIM, 'demo-expectations.json'), 'utf8'),
);
const CLUSTERS = ['h100-prod', 'a100-research', 'mi300x-lab'];
const TOKEN = 'demo-catalog-token-0123456789';
const COLLECT_TASK_ID = 'ai-platform-collect-clusters';
const PROVIDER_TASK_ID = 'AiPlatformDiscoveryProvider:refresh';

/**
 * Which Model each served model id lands on: a declared one from
 * examples/models.yaml (by hf:// source, version source or model-id
 * annotation), or one discovery creates, named after the id.
 */
const EXPECTED_MODEL: Record<string, string> = {
  'mistralai/Mistral-7B-Instruct-v0.3':
    'model:default/mistral-7b-instruct-v0.3',
  'Qwen/Qwen3-32B': 'model:default/qwen3-32b',
  'meta-llama/Llama-3.1-8B-Instruct': 'model:default/llama-3.1-8b-instruct',
  'meta-llama/Llama-3.3-70B-Instruct': 'model:default/llama-3.3-70b-instruct',
  'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8':
    'model:default/qwen-qwen3-coder-30b-a3b-instruct-fp8',
  'openai/gpt-oss-120b': 'model:default/openai-gpt-oss-120b',
  'Qwen/Qwen3-30B-A3B': 'model:default/qwen-qwen3-30b-a3b',
  'Qwen/Qwen2.5-1.5B-Instruct': 'model:default/qwen-qwen2.5-1.5b-instruct',
};
const DECLARED_MODELS = [
  'bge-m3',
  'bge-reranker-v2-m3',
  'llama-3.1-8b-instruct',
  'llama-3.3-70b-instruct',
  'mistral-7b-instruct-v0.3',
  'qwen2.5-1.5b-instruct-q4',
  'qwen3-32b',
];

interface ExpectedServer {
  source: string;
  namespace: string;
  name: string;
  modelId: string;
}

function expectedServerRef(cluster: string, s: ExpectedServer): string {
  const kind = s.source.replace(/\(.*\)$/, '');
  return `component:default/${cluster}-${s.namespace}-${s.name}${
    kind === 'InferencePool' ? '-pool' : ''
  }`;
}

describe('the demo clusters in the catalog', () => {
  let sim: KubeSim;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const errors: CapturedError[] = [];
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): any;
  };

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: CLUSTERS.map(name => ({
        name,
        dir: path.join(KUBE_SIM, oracle[name].folder),
        token: TOKEN,
      })),
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAiPlatform,
        aiPlatformPlugin,
        errorCaptureModule(errors),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: CLUSTERS.map(name => ({
                    name,
                    url: sim.cluster(name).url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                  })),
                },
              ],
            },
            aiPlatform: { catalogClusters: { enabled: false } },
            catalog: {
              rules: [{ allow: ALL_KINDS }],
              locations: [
                'org',
                'systems',
                'clusters',
                'models',
                'agents',
                'mcp-servers',
              ].map(f => ({
                type: 'file',
                target: path.join(ROOT, 'examples', `${f}.yaml`),
              })),
            },
          },
        }),
      ],
    });

    await scheduler.triggerTask(COLLECT_TASK_ID);
    // Discovery merges into the declared entities, so they come first.
    const { server } = backend;
    for (const ref of [
      ...DECLARED_MODELS.map(m => `model:default/${m}`),
      'api:default/kagent-tool-server',
      'agent:default/k8s-troubleshooter',
      ...CLUSTERS.map(c => `resource:default/${c}`),
    ]) {
      await waitFor(ref, () => getEntity(server, ref));
    }
    await scheduler.triggerTask(PROVIDER_TASK_ID);
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  async function entity(
    ref: string,
    relations: string[] = [],
  ): Promise<Entity> {
    return waitFor(
      `${ref} with ${relations.join(', ') || 'no relations'}`,
      async () => {
        const e = await getEntity(backend.server, ref);
        const r = relationsOf(e);
        return e && relations.every(x => r.includes(x)) ? e : undefined;
      },
    );
  }

  it.each(CLUSTERS)(
    '%s: every expected model server is a model-server Component on its cluster and Model',
    async cluster => {
      const expected: ExpectedServer[] = oracle[cluster].discovery.modelServers;
      expect(expected.length).toBeGreaterThan(0);
      for (const server of expected) {
        const model = EXPECTED_MODEL[server.modelId];
        expect({ modelId: server.modelId, known: Boolean(model) }).toEqual({
          modelId: server.modelId,
          known: true,
        });
        const component = await entity(expectedServerRef(cluster, server), [
          `dependsOn resource:default/${cluster}`,
          `dependsOn ${model}`,
        ]);
        expect(component.spec).toMatchObject({
          type: 'model-server',
          cluster: `resource:default/${cluster}`,
          model,
        });
        expect(component.metadata.annotations).toMatchObject({
          'ai-platform.dev/cluster': cluster,
          'backstage.io/managed-by-origin-location': `ai-platform:cluster/${cluster}`,
          'backstage.io/kubernetes-namespace': server.namespace,
        });
        expect(
          component.metadata.annotations![
            'backstage.io/kubernetes-label-selector'
          ],
        ).toBeTruthy();
        // The inverse relations land on the Model and the cluster.
        await entity(model, [
          `dependencyOf ${expectedServerRef(cluster, server)}`,
        ]);
        await entity(`resource:default/${cluster}`, [
          `dependencyOf ${expectedServerRef(cluster, server)}`,
        ]);
      }
      // Nothing else was discovered in the cluster.
      const found = await queryEntities(
        backend.server,
        `kind=component,spec.type=model-server,metadata.annotations.ai-platform.dev/cluster=${cluster}`,
      );
      expect(
        found.map(c => `component:default/${c.metadata.name}`).sort(),
      ).toEqual(expected.map(s => expectedServerRef(cluster, s)).sort());
    },
    120_000,
  );

  it('has one Model per model: declared ones where they match, discovered ones beside them', async () => {
    await entity('model:default/openai-gpt-oss-120b');
    const models = await queryEntities(backend.server, 'kind=model');
    expect(models.map(m => `model:default/${m.metadata.name}`).sort()).toEqual(
      [
        ...DECLARED_MODELS.map(m => `model:default/${m}`),
        ...Object.values(EXPECTED_MODEL),
      ]
        .filter((ref, i, all) => all.indexOf(ref) === i)
        .sort(),
    );
    const discovered = await entity('model:default/qwen-qwen2.5-1.5b-instruct');
    expect(discovered.spec).toMatchObject({
      type: 'llm',
      source: { uri: 'hf://Qwen/Qwen2.5-1.5B-Instruct' },
    });
    expect(discovered.metadata.annotations!['ai-platform.dev/model-id']).toBe(
      'Qwen/Qwen2.5-1.5B-Instruct',
    );
  }, 120_000);

  it('puts an llm-d pool in front of its prefill and decode servers', async () => {
    const pool = await entity(
      'component:default/h100-prod-llm-d-qwen3-30b-a3b-pool',
      [
        'dependsOn component:default/h100-prod-llm-d-qwen3-30b-a3b-prefill',
        'dependsOn component:default/h100-prod-llm-d-qwen3-30b-a3b-decode',
      ],
    );
    expect(pool.spec!.model).toBe('model:default/qwen-qwen3-30b-a3b');
  }, 120_000);

  it('turns kagent Agents into Agents with their Model and MCP tools, merging the declared ones', async () => {
    const expected = oracle['h100-prod'].discovery.agents as {
      name: string;
      model: string;
      tools: string[];
    }[];
    expect(expected.map(a => a.name).sort()).toEqual([
      'gpu-observability-agent',
      'k8s-agent',
    ]);
    // k8s-agent is claimed by the declared k8s-troubleshooter: no second entity.
    expect(
      await getEntity(
        backend.server,
        'agent:default/h100-prod-kagent-k8s-agent',
      ),
    ).toBeUndefined();
    const declared = await entity('agent:default/k8s-troubleshooter', [
      'dependsOn model:default/qwen3-32b',
      'consumesApi api:default/kagent-tool-server',
    ]);
    expect(
      declared.metadata.annotations!['ai-platform.dev/source-object'],
    ).toBe('kagent.dev/v1alpha2/Agent/kagent/k8s-agent');

    const observability = expected.find(
      a => a.name === 'gpu-observability-agent',
    )!;
    const agent = await entity(
      'agent:default/h100-prod-kagent-gpu-observability-agent',
      [
        `dependsOn ${EXPECTED_MODEL[observability.model]}`,
        'consumesApi api:default/kagent-tool-server',
        'consumesApi api:default/h100-prod-kagent-grafana-mcp',
        'ownedBy group:default/platform-engineering',
      ],
    );
    expect(agent.spec).toMatchObject({ runtime: 'kagent', type: 'chat' });
    expect(observability.tools.sort()).toEqual([
      'grafana-mcp',
      'kagent-tool-server',
    ]);

    const agents = await queryEntities(backend.server, 'kind=agent');
    expect(agents.map(a => a.metadata.name).sort()).toEqual([
      'capacity-planner',
      'eval-orchestrator',
      'h100-prod-kagent-gpu-observability-agent',
      'k8s-troubleshooter',
    ]);
  }, 120_000);

  it('creates MCP server APIs only for servers nobody declared', async () => {
    const expected = oracle['h100-prod'].discovery.mcpServers as {
      name: string;
      url: string;
    }[];
    expect(expected.map(m => m.name).sort()).toEqual([
      'grafana-mcp',
      'kagent-tool-server',
    ]);
    const grafana = await entity('api:default/h100-prod-kagent-grafana-mcp', [
      'apiConsumedBy agent:default/h100-prod-kagent-gpu-observability-agent',
    ]);
    expect(grafana.spec).toMatchObject({
      type: 'mcp-server',
      remotes: [
        {
          type: 'streamable-http',
          url: expected.find(m => m.name === 'grafana-mcp')!.url,
        },
      ],
    });
    await entity('api:default/kagent-tool-server', [
      'apiConsumedBy agent:default/h100-prod-kagent-gpu-observability-agent',
      'apiConsumedBy agent:default/k8s-troubleshooter',
    ]);
    const apis = await queryEntities(
      backend.server,
      'kind=api,spec.type=mcp-server',
    );
    expect(apis.map(a => a.metadata.name).sort()).toEqual([
      'ai-platform-portal-mcp',
      'h100-prod-kagent-grafana-mcp',
      'kagent-tool-server',
    ]);
  }, 120_000);

  it('ingests the examples and the discovered entities without processing errors', () => {
    expect(errors).toEqual([]);
  });
});
