import { Entity } from '@backstage/catalog-model';

export const clusterEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'h100-prod',
    namespace: 'default',
    title: 'H100 production (us-east-1)',
    annotations: { 'ai-platform.dev/cluster-name': 'h100-prod' },
  },
  spec: {
    type: 'kubernetes-cluster',
    owner: 'group:default/platform-engineering',
  },
};

export const llamaModel: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: {
    name: 'llama-3-1-70b-instruct',
    namespace: 'default',
    title: 'Llama 3.1 70B Instruct',
  },
  spec: {
    type: 'llm',
    lifecycle: 'production',
    owner: 'group:default/applied-ai',
    source: { uri: 'hf://meta-llama/Llama-3.1-70B-Instruct' },
    format: 'safetensors',
    architecture: 'transformer',
    parameters: '70B',
    precision: 'bf16',
    license: 'llama3.1',
    contextLength: 131072,
    resources: { gpuMemoryGiB: 320, recommendedGpus: 4 },
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/applied-ai' },
    {
      type: 'dependencyOf',
      targetRef: 'component:default/llama-3-70b-h100-prod',
    },
  ],
};

export const embeddingModel: Entity = {
  apiVersion: 'ai-platform.dev/v1alpha1',
  kind: 'Model',
  metadata: { name: 'bge-m3', namespace: 'default' },
  spec: {
    type: 'embedding',
    lifecycle: 'experimental',
    owner: 'group:default/ml-research',
    parameters: '568M',
  },
};

export const llamaServer: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'llama-3-70b-h100-prod',
    namespace: 'default',
    annotations: {
      'ai-platform.dev/cluster': 'h100-prod',
      'ai-platform.dev/source-object':
        'serving.kserve.io/v1beta1/InferenceService/llm/llama-3-70b',
    },
  },
  spec: {
    type: 'model-server',
    lifecycle: 'production',
    owner: 'group:default/applied-ai',
    model: 'model:default/llama-3-1-70b-instruct',
    cluster: 'resource:default/h100-prod',
  },
  relations: [
    { type: 'dependsOn', targetRef: 'model:default/llama-3-1-70b-instruct' },
    { type: 'dependsOn', targetRef: 'resource:default/h100-prod' },
  ],
};

export const doctorAgent: Entity = {
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
    models: ['model:default/llama-3-1-70b-instruct'],
    tools: ['api:default/kagent-tool-server'],
    a2aCard:
      'https://agents.example.com/cluster-doctor/.well-known/agent-card.json',
    description: 'Diagnoses failing workloads on the GPU clusters.',
  },
};

export const aiEntities = [
  clusterEntity,
  llamaModel,
  embeddingModel,
  llamaServer,
  doctorAgent,
];
