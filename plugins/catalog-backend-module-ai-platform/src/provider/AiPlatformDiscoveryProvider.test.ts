import { DiscoveredWorkloads } from '@ai-platform/plugin-ai-platform-common';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleAiPlatform } from '../module';
import {
  aiPlatformApiFactory,
  ALL_KINDS,
  getEntity,
  queryEntities,
  relationsOf,
  waitFor,
} from '../__testUtils__/catalogTestUtils';

const TASK_ID = 'AiPlatformDiscoveryProvider:refresh';

const DECLARED = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-engineering }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: h100-prod, annotations: { ai-platform.dev/cluster-name: h100-prod } }
spec: { type: kubernetes-cluster, owner: platform-engineering }
---
apiVersion: ai-platform.dev/v1alpha1
kind: Model
metadata: { name: qwen3-32b }
spec:
  type: llm
  lifecycle: production
  owner: platform-engineering
  source: { uri: "hf://Qwen/Qwen3-32B" }
  format: safetensors
  architecture: transformer
  parameters: 32B
  precision: bf16
  license: Apache-2.0
  resources: { gpuMemoryGiB: 80, recommendedGpus: 1 }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: kagent-tools }
spec:
  type: mcp-server
  lifecycle: production
  owner: platform-engineering
  remotes: [{ type: streamable-http, url: "http://kagent-tools.kagent:8084/mcp" }]
  definition: "remotes: [{type: streamable-http, url: http://kagent-tools.kagent:8084/mcp}]"
---
apiVersion: ai-platform.dev/v1alpha1
kind: Agent
metadata:
  name: cluster-doctor
  annotations:
    ai-platform.dev/cluster: h100-prod
    ai-platform.dev/source-object: kagent.dev/v1alpha2/Agent/kagent/k8s-agent
spec:
  type: chat
  lifecycle: production
  owner: platform-engineering
  runtime: kagent
  models: [qwen3-32b]
  tools: [kagent-tools]
  description: The declared face of the kagent k8s-agent.
`;

function workloads(): DiscoveredWorkloads {
  return {
    cluster: 'h100-prod',
    modelServers: [
      {
        source: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'llm-serving',
          name: 'vllm-qwen3-32b',
        },
        engine: 'vllm',
        modelId: 'Qwen/Qwen3-32B',
        replicas: 2,
        ready: true,
        acceleratorRequests: { 'nvidia.com/gpu': 2 },
        inferencePools: [],
        podSelector: { app: 'vllm-qwen3-32b' },
      },
      {
        source: {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          namespace: 'models',
          name: 'mistral-7b-instruct',
        },
        engine: 'kserve',
        modelId: 'mistralai/Mistral-7B-Instruct-v0.3',
        modelUri: 'hf://mistralai/Mistral-7B-Instruct-v0.3',
        ready: true,
        acceleratorRequests: { 'nvidia.com/gpu': 1 },
        inferencePools: [],
      },
    ],
    agents: [
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'Agent',
          namespace: 'kagent',
          name: 'k8s-agent',
        },
        runtime: 'kagent',
        modelConfig: {
          name: 'qwen',
          provider: 'OpenAI',
          model: 'Qwen/Qwen3-32B',
        },
        mcpServers: ['kagent/kagent-tool-server'],
        toolNames: [],
        skills: [],
        ready: true,
      },
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'Agent',
          namespace: 'kagent',
          name: 'gpu-observability-agent',
        },
        runtime: 'kagent',
        description: 'Answers questions about GPU utilisation',
        modelConfig: {
          name: 'qwen',
          provider: 'OpenAI',
          model: 'Qwen/Qwen3-32B',
        },
        mcpServers: ['kagent/kagent-tool-server', 'kagent/grafana-mcp'],
        toolNames: [],
        skills: [],
        ready: true,
      },
    ],
    mcpServers: [
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'RemoteMCPServer',
          namespace: 'kagent',
          name: 'kagent-tool-server',
        },
        url: 'http://kagent-tools.kagent:8084/mcp',
        tools: [],
        ready: true,
      },
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'RemoteMCPServer',
          namespace: 'kagent',
          name: 'grafana-mcp',
        },
        url: 'http://grafana-mcp.kagent:8000/mcp',
        tools: ['query_prometheus'],
        ready: true,
      },
    ],
  };
}

describe('AiPlatformDiscoveryProvider with the real catalog backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let dir: string;
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): any;
  };
  let current: DiscoveredWorkloads[] | Error = [workloads()];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-platform-provider-'));
    const file = path.join(dir, 'declared.yaml');
    fs.writeFileSync(file, DECLARED);
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAiPlatform,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        aiPlatformApiFactory({
          listDiscoveredWorkloads: async () => {
            if (current instanceof Error) throw current;
            return { items: current };
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ALL_KINDS }],
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    });
    // Discovery merges into what is declared, so let that arrive first.
    const { server } = backend;
    for (const ref of [
      'model:default/qwen3-32b',
      'api:default/kagent-tools',
      'agent:default/cluster-doctor',
      'resource:default/h100-prod',
    ]) {
      await waitFor(ref, () => getEntity(server, ref));
    }
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const discovered = async () =>
    (
      await queryEntities(
        backend.server,
        'metadata.annotations.ai-platform.dev/cluster=h100-prod',
      )
    )
      .filter(e =>
        e.metadata.annotations?.[
          'backstage.io/managed-by-origin-location'
        ]?.startsWith('ai-platform:'),
      )
      .map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
      )
      .sort();

  it('creates discovered entities merged with the declared ones', async () => {
    await scheduler.triggerTask(TASK_ID);
    const server = await waitFor(
      'the discovered model server, related',
      async () => {
        const e = await getEntity(
          backend.server,
          'component:default/h100-prod-llm-serving-vllm-qwen3-32b',
        );
        return relationsOf(e).includes('dependsOn resource:default/h100-prod')
          ? e
          : undefined;
      },
    );
    expect(relationsOf(server)).toEqual([
      'dependsOn model:default/qwen3-32b',
      'dependsOn resource:default/h100-prod',
      'ownedBy group:default/platform-engineering',
    ]);
    expect(await discovered()).toEqual([
      'agent:default/h100-prod-kagent-gpu-observability-agent',
      'api:default/h100-prod-kagent-grafana-mcp',
      'component:default/h100-prod-llm-serving-vllm-qwen3-32b',
      'component:default/h100-prod-models-mistral-7b-instruct',
    ]);
    // One Model per model: the declared qwen3-32b, and a new one for Mistral.
    const models = (await queryEntities(backend.server, 'kind=model'))
      .map(m => m.metadata.name)
      .sort();
    expect(models).toEqual(['mistralai-mistral-7b-instruct-v0.3', 'qwen3-32b']);

    const declaredModel = await waitFor(
      'the declared Model related to the discovered server and agent',
      async () => {
        const e = await getEntity(backend.server, 'model:default/qwen3-32b');
        const r = relationsOf(e);
        return r.includes(
          'dependencyOf component:default/h100-prod-llm-serving-vllm-qwen3-32b',
        ) &&
          r.includes(
            'dependencyOf agent:default/h100-prod-kagent-gpu-observability-agent',
          )
          ? e
          : undefined;
      },
    );
    expect(relationsOf(declaredModel)).toContain(
      'dependencyOf agent:default/cluster-doctor',
    );

    // The discovered agent uses the declared MCP server (same URL) and the discovered one.
    const agent = await waitFor('the discovered agent', () =>
      getEntity(
        backend.server,
        'agent:default/h100-prod-kagent-gpu-observability-agent',
      ),
    );
    expect(agent.spec?.tools).toEqual([
      'api:default/kagent-tools',
      'api:default/h100-prod-kagent-grafana-mcp',
    ]);
    await waitFor(
      'the declared MCP API consumed by the discovered agent',
      async () => {
        const e = await getEntity(backend.server, 'api:default/kagent-tools');
        return relationsOf(e).includes(
          'apiConsumedBy agent:default/h100-prod-kagent-gpu-observability-agent',
        )
          ? e
          : undefined;
      },
    );
  }, 90_000);

  it('keeps a cluster list it could not read, and everything when the backend fails', async () => {
    current = [{ ...workloads(), agents: [], unreadable: ['agents'] }];
    await scheduler.triggerTask(TASK_ID);
    current = new Error('ai-platform backend unavailable');
    await scheduler.triggerTask(TASK_ID);
    // Give the catalog time to act on a mutation, had one been applied.
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect(await discovered()).toContain(
      'agent:default/h100-prod-kagent-gpu-observability-agent',
    );
  }, 90_000);

  it('removes entities when their objects disappear', async () => {
    const next = workloads();
    next.modelServers = next.modelServers.filter(
      s => s.source.kind !== 'InferenceService',
    );
    next.agents = [];
    current = [next];
    await scheduler.triggerTask(TASK_ID);
    const remaining = await waitFor('the removals', async () => {
      const refs = await discovered();
      return refs.includes(
        'component:default/h100-prod-models-mistral-7b-instruct',
      )
        ? undefined
        : refs;
    });
    expect(remaining).toEqual([
      'api:default/h100-prod-kagent-grafana-mcp',
      'component:default/h100-prod-llm-serving-vllm-qwen3-32b',
    ]);
    await waitFor('the discovered Mistral Model to go', async () =>
      (await getEntity(
        backend.server,
        'model:default/mistralai-mistral-7b-instruct-v0.3',
      ))
        ? undefined
        : true,
    );
  }, 90_000);
});
