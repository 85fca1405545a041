import {
  ClusterSnapshot,
  ContainerSummary,
  emptySnapshot,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { discoverWorkloads } from './discoverWorkloads';

function snapshot(): ClusterSnapshot {
  return emptySnapshot(
    { name: 'h100-prod', source: 'config' },
    '2026-08-01T10:00:00.000Z',
  );
}

function vllmContainer(args: string[]): ContainerSummary {
  return {
    name: 'vllm',
    image: 'vllm/vllm-openai:v0.15.1',
    command: [],
    args,
    env: {},
    ports: [8000],
  };
}

function deployment(
  namespace: string,
  name: string,
  overrides: Partial<WorkloadSummary> = {},
): WorkloadSummary {
  const labels = { app: name };
  return {
    kind: 'Deployment',
    namespace,
    name,
    labels,
    desired: 1,
    ready: 1,
    available: 1,
    selector: labels,
    templateLabels: labels,
    images: ['vllm/vllm-openai:v0.15.1'],
    containers: [vllmContainer(['--model', 'Qwen/Qwen3-32B'])],
    acceleratorRequests: { 'nvidia.com/gpu': 1 },
    ...overrides,
  };
}

describe('discoverWorkloads', () => {
  it('finds nothing in an empty cluster', () => {
    expect(discoverWorkloads(snapshot())).toEqual({
      cluster: 'h100-prod',
      collectedAt: '2026-08-01T10:00:00.000Z',
      modelServers: [],
      agents: [],
      mcpServers: [],
    });
  });

  it('reads KServe InferenceServices, with the model id from args or the hf:// URI', () => {
    const s = snapshot();
    s.serving.inferenceServices.push(
      {
        apiVersion: 'serving.kserve.io/v1beta1',
        namespace: 'models',
        name: 'mistral-7b-instruct',
        modelFormat: 'huggingface',
        storageUri: 'hf://mistralai/Mistral-7B-Instruct-v0.3',
        args: ['--model_name=mistral'],
        ready: true,
        url: 'http://mistral-7b-instruct.models.example.com',
        acceleratorRequests: { 'nvidia.com/gpu': 1 },
        labels: { 'backstage.io/owner': 'applied-ai', team: 'x' },
      },
      {
        apiVersion: 'serving.kserve.io/v1beta1',
        namespace: 'models',
        name: 'llama',
        storageUri: 's3://models/llama-3.1-8b',
        args: ['--model_id=meta-llama/Llama-3.1-8B-Instruct'],
        ready: 'unknown',
        acceleratorRequests: {},
        labels: {},
      },
    );
    const [llama, mistral] = discoverWorkloads(s).modelServers;
    expect(mistral).toEqual({
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
      url: 'http://mistral-7b-instruct.models.example.com',
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      inferencePools: [],
      labels: { 'backstage.io/owner': 'applied-ai' },
      podSelector: {
        'serving.kserve.io/inferenceservice': 'mistral-7b-instruct',
      },
    });
    expect(llama).toMatchObject({
      modelId: 'meta-llama/Llama-3.1-8B-Instruct',
      modelUri: 's3://models/llama-3.1-8b',
      ready: 'unknown',
    });
  });

  it('reads LLMInferenceServices', () => {
    const s = snapshot();
    s.serving.llmInferenceServices.push({
      apiVersion: 'serving.kserve.io/v1alpha2',
      namespace: 'models',
      name: 'qwen3-coder',
      modelUri: 'hf://Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      replicas: 1,
      disaggregated: false,
      ready: true,
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      labels: {},
    });
    expect(discoverWorkloads(s).modelServers).toEqual([
      expect.objectContaining({
        source: expect.objectContaining({ kind: 'LLMInferenceService' }),
        engine: 'kserve-llm',
        modelId: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
        modelUri: 'hf://Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
        replicas: 1,
        disaggregated: false,
        podSelector: {
          'app.kubernetes.io/part-of': 'llminferenceservice',
          'app.kubernetes.io/name': 'qwen3-coder',
          'kserve.io/component': 'workload',
        },
      }),
    ]);
  });

  it('reads vLLM Deployments, their Service URL and the InferencePool in front of them', () => {
    const s = snapshot();
    s.workloads.deployments.push(
      deployment('llm-serving', 'vllm-qwen3-32b', {
        desired: 2,
        ready: 2,
        available: 2,
        acceleratorRequests: { 'nvidia.com/gpu': 2 },
      }),
      // Not a model server: no serving container.
      deployment('llm-serving', 'epp', {
        containers: [
          {
            name: 'epp',
            image: 'registry.k8s.io/gateway-api-inference-extension/epp:v1.6.0',
            command: [],
            args: ['--pool-name', 'qwen3-32b'],
            env: {},
            ports: [9002],
          },
        ],
      }),
    );
    s.services.push({
      namespace: 'llm-serving',
      name: 'vllm-qwen3-32b',
      selector: { app: 'vllm-qwen3-32b' },
      ports: [{ name: 'http', port: 8000 }],
      labels: {},
    });
    s.networking.inferencePools.push({
      apiVersion: 'inference.networking.k8s.io/v1',
      namespace: 'llm-serving',
      name: 'qwen3-32b',
      selector: { app: 'vllm-qwen3-32b' },
      targetPorts: [8000],
      parents: [],
    });
    for (const i of [0, 1]) {
      s.pods.acceleratorPods.push({
        namespace: 'llm-serving',
        name: `vllm-qwen3-32b-${i}`,
        phase: 'Running',
        requests: { 'nvidia.com/gpu': 2 },
        claims: [],
        labels: { app: 'vllm-qwen3-32b' },
      });
    }

    const servers = discoverWorkloads(s).modelServers;
    expect(servers.map(m => `${m.source.kind}/${m.source.name}`)).toEqual([
      'InferencePool/qwen3-32b',
      'Deployment/vllm-qwen3-32b',
    ]);
    expect(servers[1]).toEqual({
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
      url: 'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000',
      acceleratorRequests: { 'nvidia.com/gpu': 2 },
      inferencePools: ['llm-serving/qwen3-32b'],
      podSelector: { app: 'vllm-qwen3-32b' },
    });
    expect(servers[0]).toEqual({
      source: {
        apiVersion: 'inference.networking.k8s.io/v1',
        kind: 'InferencePool',
        namespace: 'llm-serving',
        name: 'qwen3-32b',
      },
      engine: 'vllm',
      modelId: 'Qwen/Qwen3-32B',
      replicas: 2,
      ready: true,
      acceleratorRequests: { 'nvidia.com/gpu': 4 },
      inferencePools: [],
      podSelector: { app: 'vllm-qwen3-32b' },
    });
  });

  it('reports Deployments owned by KServe only through their KServe object', () => {
    const s = snapshot();
    s.workloads.deployments.push(
      deployment('models', 'mistral-7b-instruct-predictor', {
        labels: { 'serving.kserve.io/inferenceservice': 'mistral-7b-instruct' },
      }),
      deployment('models', 'qwen3-coder-kserve', {
        templateLabels: {
          'app.kubernetes.io/part-of': 'llminferenceservice',
          'app.kubernetes.io/name': 'qwen3-coder',
        },
      }),
    );
    expect(discoverWorkloads(s).modelServers).toEqual([]);
  });

  it('reads llm-d prefill and decode Deployments and the pool that joins them', () => {
    const s = snapshot();
    const labels = (role: string) => ({
      'llm-d.ai/inference-serving': 'true',
      'llm-d.ai/model': 'qwen3-30b-a3b',
      'llm-d.ai/role': role,
    });
    const llmd = (role: string, replicas: number, gpus: number) =>
      deployment('llm-d', `qwen3-30b-a3b-${role}`, {
        labels: labels(role),
        selector: labels(role),
        templateLabels: labels(role),
        desired: replicas,
        ready: replicas,
        available: replicas,
        containers: [
          {
            name: 'vllm',
            image: 'ghcr.io/llm-d/llm-d-cuda:v0.4.0',
            command: ['vllm', 'serve'],
            args: ['Qwen/Qwen3-30B-A3B', '--port', '8000'],
            env: {},
            ports: [8000],
          },
        ],
        acceleratorRequests: { 'nvidia.com/gpu': gpus },
      });
    s.workloads.deployments.push(llmd('prefill', 2, 1), llmd('decode', 1, 2));
    s.networking.inferencePools.push({
      apiVersion: 'inference.networking.k8s.io/v1',
      namespace: 'llm-d',
      name: 'qwen3-30b-a3b',
      selector: {
        'llm-d.ai/inference-serving': 'true',
        'llm-d.ai/model': 'qwen3-30b-a3b',
      },
      targetPorts: [8000],
      parents: [],
    });
    const pods: [string, string, number][] = [
      ['prefill-a', 'prefill', 1],
      ['prefill-b', 'prefill', 1],
      ['decode-a', 'decode', 2],
    ];
    for (const [name, role, gpus] of pods) {
      s.pods.inferencePods.push({
        namespace: 'llm-d',
        name,
        ready: true,
        labels: labels(role),
      });
      s.pods.acceleratorPods.push({
        namespace: 'llm-d',
        name,
        phase: 'Running',
        requests: { 'nvidia.com/gpu': gpus },
        claims: [],
        labels: labels(role),
      });
    }

    const servers = discoverWorkloads(s).modelServers;
    expect(
      servers.map(m => [
        m.source.kind,
        m.source.name,
        m.engine,
        m.disaggregated,
      ]),
    ).toEqual([
      ['InferencePool', 'qwen3-30b-a3b', 'llm-d', true],
      ['Deployment', 'qwen3-30b-a3b-decode', 'llm-d', true],
      ['Deployment', 'qwen3-30b-a3b-prefill', 'llm-d', true],
    ]);
    expect(servers[0]).toMatchObject({
      modelId: 'Qwen/Qwen3-30B-A3B',
      replicas: 3,
      acceleratorRequests: { 'nvidia.com/gpu': 4 },
    });
    expect(servers[1].inferencePools).toEqual(['llm-d/qwen3-30b-a3b']);
  });

  it('reports an InferencePool whose pods no known workload explains', () => {
    const s = snapshot();
    s.networking.inferencePools.push({
      apiVersion: 'inference.networking.k8s.io/v1',
      namespace: 'serving',
      name: 'lws-pool',
      selector: { app: 'lws-llama' },
      targetPorts: [8000],
      parents: [],
    });
    s.pods.inferencePods.push({
      namespace: 'serving',
      name: 'lws-llama-0',
      ready: false,
      labels: {
        app: 'lws-llama',
        'inference.networking.k8s.io/engine-type': 'sglang',
      },
    });
    // A pool with no pods serves nothing.
    s.networking.inferencePools.push({
      apiVersion: 'inference.networking.k8s.io/v1',
      namespace: 'serving',
      name: 'empty-pool',
      selector: { app: 'nothing' },
      targetPorts: [8000],
      parents: [],
    });
    expect(discoverWorkloads(s).modelServers).toEqual([
      {
        source: {
          apiVersion: 'inference.networking.k8s.io/v1',
          kind: 'InferencePool',
          namespace: 'serving',
          name: 'lws-pool',
        },
        engine: 'sglang',
        replicas: 1,
        ready: false,
        acceleratorRequests: {},
        inferencePools: [],
        podSelector: { app: 'lws-llama' },
      },
    ]);
  });

  it('resolves kagent Agents to their ModelConfig and RemoteMCPServers', () => {
    const s = snapshot();
    s.agents.kagentModelConfigs.push({
      namespace: 'kagent',
      name: 'qwen3-32b-vllm',
      provider: 'OpenAI',
      model: 'Qwen/Qwen3-32B',
      baseUrl: 'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000/v1',
    });
    s.agents.kagentRemoteMcpServers.push({
      namespace: 'kagent',
      name: 'kagent-tool-server',
      url: 'http://kagent-tools.kagent:8084/mcp',
      protocol: 'STREAMABLE_HTTP',
      description: 'Official kagent tool server',
      discoveredTools: ['k8s_get_resources', 'helm_list_releases'],
      ready: true,
    });
    s.agents.kagentAgents.push({
      apiVersion: 'kagent.dev/v1alpha2',
      namespace: 'kagent',
      name: 'k8s-agent',
      type: 'Declarative',
      description: 'Troubleshoots workloads',
      modelConfig: 'qwen3-32b-vllm',
      tools: [
        {
          type: 'McpServer',
          mcpServer: {
            name: 'kagent-tool-server',
            kind: 'RemoteMCPServer',
            apiGroup: 'kagent.dev',
            toolNames: ['k8s_get_resources', 'k8s_get_pod_logs'],
          },
        },
        // kmcp MCPServers are not RemoteMCPServers and are not in the snapshot.
        {
          type: 'McpServer',
          mcpServer: { name: 'other', kind: 'MCPServer', toolNames: ['x'] },
        },
        { type: 'Agent', agent: { name: 'helper' } },
      ],
      skills: [{ id: 'cluster-diagnostics', name: 'Cluster Diagnostics' }],
      accepted: true,
      ready: true,
      labels: { 'backstage.io/owner': 'platform-engineering' },
    });
    const discovered = discoverWorkloads(s);
    expect(discovered.agents).toEqual([
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'Agent',
          namespace: 'kagent',
          name: 'k8s-agent',
        },
        runtime: 'kagent',
        description: 'Troubleshoots workloads',
        modelConfig: {
          name: 'qwen3-32b-vllm',
          provider: 'OpenAI',
          model: 'Qwen/Qwen3-32B',
          baseUrl:
            'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000/v1',
        },
        mcpServers: ['kagent/kagent-tool-server'],
        toolNames: ['k8s_get_pod_logs', 'k8s_get_resources', 'x'],
        skills: [{ id: 'cluster-diagnostics', name: 'Cluster Diagnostics' }],
        ready: true,
        labels: { 'backstage.io/owner': 'platform-engineering' },
      },
    ]);
    expect(discovered.mcpServers).toEqual([
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'RemoteMCPServer',
          namespace: 'kagent',
          name: 'kagent-tool-server',
        },
        url: 'http://kagent-tools.kagent:8084/mcp',
        protocol: 'STREAMABLE_HTTP',
        description: 'Official kagent tool server',
        tools: ['helm_list_releases', 'k8s_get_resources'],
        ready: true,
      },
    ]);
  });

  it('says which lists are incomplete when their snapshot parts failed', () => {
    const s = snapshot();
    const error = {
      cluster: 'h100-prod',
      resource: 'kagent.dev/v1alpha2 agents',
      reason: 'forbidden' as const,
      message: 'forbidden',
      at: '2026-08-01T10:00:00.000Z',
    };
    s.parts.kagentAgents = { status: 'error', error };
    s.parts.deployments = { status: 'ok', count: 0 };
    s.parts.kagentRemoteMcpServers = { status: 'not-served' };
    expect(discoverWorkloads(s).unreadable).toEqual(['agents']);
  });
});
