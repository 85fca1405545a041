import {
  DiscoveredWorkloads,
  validateAgentEntity,
  validateModelEntity,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mcpServerApiEntityValidator } from '@backstage/catalog-model/alpha';
import {
  buildDiscoveredEntities,
  guessModelType,
} from './buildDiscoveredEntities';
import { DeclaredEntityIndex } from './DeclaredEntityIndex';

const OPTIONS = { defaultOwner: 'group:default/platform-engineering' };

function h100(): DiscoveredWorkloads {
  return {
    cluster: 'h100-prod',
    collectedAt: '2026-08-01T10:00:00Z',
    modelServers: [
      {
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
      },
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
        url: 'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000',
        acceleratorRequests: { 'nvidia.com/gpu': 2 },
        inferencePools: ['llm-serving/qwen3-32b'],
        labels: {
          'backstage.io/owner': 'applied-ai',
          'backstage.io/kubernetes-id': 'qwen3-32b',
        },
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
        description: 'Troubleshoots workloads',
        modelConfig: {
          name: 'qwen3-32b-vllm',
          provider: 'OpenAI',
          model: 'Qwen/Qwen3-32B',
          baseUrl:
            'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000/v1',
        },
        mcpServers: ['kagent/kagent-tool-server', 'kagent/grafana-mcp'],
        toolNames: [],
        skills: [],
        ready: true,
      },
      {
        source: {
          apiVersion: 'kagent.dev/v1alpha2',
          kind: 'Agent',
          namespace: 'kagent',
          name: 'helper',
        },
        runtime: 'kagent',
        modelConfig: {
          name: 'openai',
          provider: 'OpenAI',
          model: 'gpt-4.1-mini',
        },
        mcpServers: [],
        toolNames: [],
        skills: [],
        ready: 'unknown',
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
        protocol: 'STREAMABLE_HTTP',
        description: 'Official kagent tool server',
        tools: ['k8s_get_resources'],
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
        protocol: 'SSE',
        tools: [],
        ready: true,
      },
    ],
  };
}

function a100(): DiscoveredWorkloads {
  return {
    cluster: 'a100-research',
    modelServers: [
      {
        source: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'research-serving',
          name: 'vllm-qwen3-32b',
        },
        engine: 'vllm',
        modelId: 'qwen/qwen3-32b',
        replicas: 1,
        ready: true,
        acceleratorRequests: {},
        inferencePools: [],
      },
    ],
    agents: [],
    mcpServers: [],
  };
}

/** Built entities by ref; specs are always there on what the builder makes. */
function byRef(entities: Entity[]) {
  return new Map(
    entities.map(e => [stringifyEntityRef(e), e as Entity & { spec: any }]),
  );
}

function declaredModel(
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'ai-platform.dev/v1alpha1',
    kind: 'Model',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-origin-location': 'file:/examples/models.yaml',
        ...annotations,
      },
    },
    spec: { type: 'llm', ...spec },
  };
}

const build = (items: DiscoveredWorkloads[], declared: Entity[] = []) =>
  buildDiscoveredEntities(
    items,
    DeclaredEntityIndex.fromEntities(declared),
    OPTIONS,
  ).map(b => b.entity);

describe('buildDiscoveredEntities', () => {
  it('creates model servers, one Model per model, agents and MCP servers', () => {
    const entities = byRef(build([h100(), a100()]));
    expect([...entities.keys()].sort()).toEqual([
      'agent:default/h100-prod-kagent-helper',
      'agent:default/h100-prod-kagent-k8s-agent',
      'api:default/h100-prod-kagent-grafana-mcp',
      'api:default/h100-prod-kagent-kagent-tool-server',
      'component:default/a100-research-research-serving-vllm-qwen3-32b',
      'component:default/h100-prod-llm-serving-qwen3-32b-pool',
      'component:default/h100-prod-llm-serving-vllm-qwen3-32b',
      'component:default/h100-prod-models-mistral-7b-instruct',
      'model:default/gpt-4.1-mini',
      'model:default/mistralai-mistral-7b-instruct-v0.3',
      'model:default/qwen-qwen3-32b',
    ]);

    const server = entities.get(
      'component:default/h100-prod-llm-serving-vllm-qwen3-32b',
    )!;
    expect(server.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'ai-platform:cluster/h100-prod',
      'backstage.io/managed-by-origin-location':
        'ai-platform:cluster/h100-prod',
      'ai-platform.dev/cluster': 'h100-prod',
      'ai-platform.dev/source-object':
        'apps/v1/Deployment/llm-serving/vllm-qwen3-32b',
      'ai-platform.dev/model-id': 'Qwen/Qwen3-32B',
      'backstage.io/kubernetes-cluster': 'h100-prod',
      'backstage.io/kubernetes-namespace': 'llm-serving',
      'backstage.io/kubernetes-id': 'qwen3-32b',
      'backstage.io/kubernetes-label-selector': 'app=vllm-qwen3-32b',
    });
    expect(server.spec).toEqual({
      type: 'model-server',
      lifecycle: 'production',
      owner: 'applied-ai',
      model: 'model:default/qwen-qwen3-32b',
      cluster: 'resource:default/h100-prod',
    });
    expect(server.metadata.links).toEqual([
      {
        url: 'http://vllm-qwen3-32b.llm-serving.svc.cluster.local:8000',
        title: 'Endpoint',
      },
    ]);

    // The pool in front of the Deployment depends on it.
    expect(
      entities.get('component:default/h100-prod-llm-serving-qwen3-32b-pool')!
        .spec,
    ).toMatchObject({
      model: 'model:default/qwen-qwen3-32b',
      dependsOn: ['component:default/h100-prod-llm-serving-vllm-qwen3-32b'],
      owner: 'group:default/platform-engineering',
    });

    // Served in two clusters (ids differ in case only), used by an agent:
    // still one Model, with its Hub source as the first cluster names it.
    expect(entities.get('model:default/qwen-qwen3-32b')!.spec).toEqual({
      type: 'llm',
      lifecycle: 'production',
      owner: 'group:default/platform-engineering',
      source: { uri: 'hf://qwen/qwen3-32b' },
    });
    expect(
      entities.get(
        'component:default/a100-research-research-serving-vllm-qwen3-32b',
      )!.spec.model,
    ).toBe('model:default/qwen-qwen3-32b');

    const agent = entities.get('agent:default/h100-prod-kagent-k8s-agent')!;
    expect(agent.spec).toEqual({
      type: 'chat',
      lifecycle: 'production',
      owner: 'group:default/platform-engineering',
      runtime: 'kagent',
      models: ['model:default/qwen-qwen3-32b'],
      tools: [
        'api:default/h100-prod-kagent-kagent-tool-server',
        'api:default/h100-prod-kagent-grafana-mcp',
      ],
      description: 'Troubleshoots workloads',
    });

    // A model only reached through a provider: no source, provider noted.
    const external = entities.get('model:default/gpt-4.1-mini')!;
    expect(external.spec.source).toBeUndefined();
    expect(
      external.metadata.annotations!['ai-platform.dev/model-provider'],
    ).toBe('OpenAI');

    expect(
      entities.get('api:default/h100-prod-kagent-grafana-mcp')!.spec,
    ).toMatchObject({
      type: 'mcp-server',
      remotes: [{ type: 'sse', url: 'http://grafana-mcp.kagent:8000/mcp' }],
    });
  });

  it('produces entities the catalog accepts', async () => {
    const rejected: string[] = [];
    for (const entity of build([h100(), a100()])) {
      const ref = stringifyEntityRef(entity);
      const checks: Record<string, () => Promise<boolean>> = {
        Model: async () => validateModelEntity(entity).length === 0,
        Agent: async () => validateAgentEntity(entity).length === 0,
        Component: () => componentEntityV1alpha1Validator.check(entity),
        API: async () =>
          (await apiEntityV1alpha1Validator.check(entity)) &&
          (await mcpServerApiEntityValidator.check(entity)),
      };
      const check = checks[entity.kind];
      if (!check || !(await check())) rejected.push(ref);
    }
    expect(rejected).toEqual([]);
  });

  it('gives the same names on every run', () => {
    expect(build([a100(), h100()])).toEqual(build([h100(), a100()]));
  });

  it.each<[string, Entity]>([
    [
      'source URI',
      declaredModel('mistral-7b', {
        source: { uri: 'hf://mistralai/Mistral-7B-Instruct-v0.3' },
      }),
    ],
    [
      'a version source URI',
      declaredModel('mistral-7b', {
        source: { uri: 'oci://registry.example.com/mistral:awq' },
        versions: [
          {
            name: 'upstream',
            source: { uri: 'hf://MistralAI/Mistral-7B-Instruct-v0.3/' },
          },
        ],
      }),
    ],
    [
      'model-id annotation',
      declaredModel(
        'mistral-7b',
        { source: { uri: 's3://models/mistral' } },
        { 'ai-platform.dev/model-id': 'mistralai/Mistral-7B-Instruct-v0.3' },
      ),
    ],
  ])(
    'links a served model to the declared Model with the same %s',
    (_what, declared) => {
      const entities = byRef(build([h100()], [declared]));
      expect(
        entities.get('component:default/h100-prod-models-mistral-7b-instruct')!
          .spec.model,
      ).toBe('model:default/mistral-7b');
      expect(
        entities.has('model:default/mistralai-mistral-7b-instruct-v0.3'),
      ).toBe(false);
    },
  );

  it('links agents and servers to a declared Model found through hf:// and the model id', () => {
    const qwen = declaredModel('qwen3-32b', {
      source: { uri: 'hf://Qwen/Qwen3-32B' },
    });
    const entities = byRef(build([h100(), a100()], [qwen]));
    expect(entities.has('model:default/qwen-qwen3-32b')).toBe(false);
    expect(
      entities.get('agent:default/h100-prod-kagent-k8s-agent')!.spec.models,
    ).toEqual(['model:default/qwen3-32b']);
    expect(
      entities.get(
        'component:default/a100-research-research-serving-vllm-qwen3-32b',
      )!.spec.model,
    ).toBe('model:default/qwen3-32b');
  });

  it('does not duplicate a declared MCP server with the same URL and points agents at it', () => {
    const declared: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'kagent-tools', namespace: 'default' },
      spec: {
        type: 'mcp-server',
        remotes: [
          {
            type: 'streamable-http',
            url: 'HTTP://kagent-tools.kagent:8084/mcp/',
          },
        ],
      },
    };
    const entities = byRef(build([h100()], [declared]));
    expect(
      entities.has('api:default/h100-prod-kagent-kagent-tool-server'),
    ).toBe(false);
    expect(
      entities.get('agent:default/h100-prod-kagent-k8s-agent')!.spec.tools,
    ).toEqual([
      'api:default/kagent-tools',
      'api:default/h100-prod-kagent-grafana-mcp',
    ]);
  });

  it('leaves objects claimed by declared entities to them', () => {
    const claim = (
      kind: string,
      name: string,
      sourceObject: string,
    ): Entity => ({
      apiVersion:
        kind === 'Agent' ? 'ai-platform.dev/v1alpha1' : 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'ai-platform.dev/cluster': 'h100-prod',
          'ai-platform.dev/source-object': sourceObject,
        },
      },
      spec: {},
    });
    const entities = byRef(
      build(
        [h100()],
        [
          claim(
            'Agent',
            'cluster-doctor',
            'kagent.dev/v1alpha2/Agent/kagent/k8s-agent',
          ),
          claim(
            'Component',
            'qwen-serving',
            'apps/v1/Deployment/llm-serving/vllm-qwen3-32b',
          ),
        ],
      ),
    );
    expect(entities.has('agent:default/h100-prod-kagent-k8s-agent')).toBe(
      false,
    );
    expect(
      entities.has('component:default/h100-prod-llm-serving-vllm-qwen3-32b'),
    ).toBe(false);
    expect(
      entities.get('component:default/h100-prod-llm-serving-qwen3-32b-pool')!
        .spec.dependsOn,
    ).toEqual(['component:default/qwen-serving']);
  });

  it('ignores entities it emitted itself when indexing what is declared', () => {
    const [ours] = build([a100()]).filter(e => e.kind === 'Model');
    const entities = byRef(build([a100()], [ours]));
    expect(entities.has('model:default/qwen-qwen3-32b')).toBe(true);
  });

  it('links to the declared cluster Resource', () => {
    const cluster: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'research-a100',
        namespace: 'default',
        annotations: { 'ai-platform.dev/cluster-name': 'a100-research' },
      },
      spec: { type: 'kubernetes-cluster' },
    };
    const [server] = build([a100()], [cluster]).filter(
      e => e.kind === 'Component',
    );
    expect(server.spec!.cluster).toBe('resource:default/research-a100');
  });
});

describe('guessModelType', () => {
  it.each([
    ['BAAI/bge-m3', 'embedding'],
    ['BAAI/bge-reranker-v2-m3', 'reranker'],
    ['nomic-ai/nomic-embed-text-v1.5', 'embedding'],
    ['openai/whisper-large-v3', 'speech'],
    ['Qwen/Qwen2.5-VL-7B-Instruct', 'vision'],
    ['Qwen/Qwen3-32B', 'llm'],
  ])('%s is %s', (id, type) => {
    expect(guessModelType(id)).toBe(type);
  });
});
