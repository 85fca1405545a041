import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A small catalog with the relations the catalog module's processor would
// emit (the in-memory catalog does not process entities).

const rel = (type: string, targetRef: string) => ({ type, targetRef });

export const qwen: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'qwen3-32b',
    namespace: 'default',
    title: 'Qwen3 32B',
    description: 'General chat model',
    annotations: { 'ai-platform.dev/model-id': 'Qwen/Qwen3-32B' },
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/ml-platform',
    source: { uri: 'hf://Qwen/Qwen3-32B' },
    format: 'safetensors',
    architecture: 'transformer',
    parameters: '32B',
    precision: 'bf16',
    license: 'Apache-2.0',
    contextLength: 32768,
    resources: {
      gpuMemoryGiB: 160,
      recommendedGpus: 4,
      minGpuMemoryGiBPerDevice: 40,
    },
    capabilities: { toolUsage: true, reasoning: true, inputTypes: ['text'] },
    versions: [
      {
        name: 'v2',
        source: { uri: 'hf://Qwen/Qwen3-32B' },
        createdAt: '2026-05-01',
      },
      { name: 'v1', source: { uri: 'hf://Qwen/Qwen3-32B@old' } },
    ],
  },
  relations: [
    rel('ownedBy', 'group:default/ml-platform'),
    rel('dependencyOf', 'component:default/vllm-qwen3-32b-h100'),
    rel('dependencyOf', 'component:default/vllm-qwen3-32b-a100'),
    rel('dependencyOf', 'agent:default/cluster-doctor'),
  ],
};

export const discoveredLlama: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'llama-3-1-8b-instruct',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'ai-platform:h100-prod',
      'ai-platform.dev/model-id': 'meta-llama/Llama-3.1-8B-Instruct',
    },
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/platform-engineering',
  },
  relations: [rel('ownedBy', 'group:default/platform-engineering')],
};

export const embedder: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'bge-m3', namespace: 'research', title: 'BGE M3' },
  spec: {
    type: 'embedding',
    lifecycle: 'experimental',
    owner: 'group:research/embeddings',
    resources: { gpuMemoryGiB: 8, recommendedGpus: 1 },
  },
  relations: [rel('ownedBy', 'group:research/embeddings')],
};

function modelServer(name: string, cluster: string, annotate: boolean): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} title`,
      annotations: annotate
        ? {
            'ai-platform.dev/cluster': cluster,
            'ai-platform.dev/source-object': `apps/v1/Deployment/llm-serving/${name}`,
          }
        : {},
    },
    spec: {
      type: 'model-server',
      lifecycle: 'production',
      owner: 'group:default/ml-platform',
      model: 'qwen3-32b',
      cluster: `resource:default/${cluster}`,
    },
    relations: [
      rel('dependsOn', 'model:default/qwen3-32b'),
      rel('dependsOn', `resource:default/${cluster}`),
    ],
  };
}

export const agent: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Agent',
  metadata: {
    name: 'cluster-doctor',
    namespace: 'default',
    title: 'Cluster doctor',
  },
  spec: {
    type: 'chat',
    lifecycle: 'production',
    owner: 'group:default/platform-engineering',
    runtime: 'kagent',
    models: ['qwen3-32b'],
    tools: ['kagent-tool-server', 'api:default/not-registered'],
    description: 'Diagnoses failing workloads on the GPU clusters.',
  },
  relations: [
    rel('ownedBy', 'group:default/platform-engineering'),
    rel('dependsOn', 'model:default/qwen3-32b'),
    rel('consumesApi', 'api:default/kagent-tool-server'),
  ],
};

export const otherAgent: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Agent',
  metadata: { name: 'ticket-triage', namespace: 'default' },
  spec: {
    type: 'task',
    lifecycle: 'experimental',
    owner: 'group:default/support',
    runtime: 'langgraph',
    models: [],
    tools: [],
    description: 'Sorts tickets.',
  },
  relations: [rel('ownedBy', 'group:default/support')],
};

export const toolServer: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'kagent-tool-server',
    namespace: 'default',
    title: 'kagent tools',
    description: 'Kubernetes tools',
  },
  spec: {
    type: 'mcp-server',
    lifecycle: 'production',
    owner: 'group:default/platform-engineering',
    remotes: [
      { type: 'streamable-http', url: 'http://kagent-tools.kagent:8084/mcp' },
    ],
    definition: JSON.stringify({
      tools: ['k8s_get_resources', { name: 'k8s_get_pod_logs' }],
    }),
  },
};

export const catalogEntities = [
  qwen,
  discoveredLlama,
  embedder,
  modelServer('vllm-qwen3-32b-h100', 'h100-prod', true),
  modelServer('vllm-qwen3-32b-a100', 'a100-research', false),
  agent,
  otherAgent,
  toolServer,
];

export function fakeCatalog(entities: Entity[] = catalogEntities) {
  return catalogServiceMock({ entities });
}
