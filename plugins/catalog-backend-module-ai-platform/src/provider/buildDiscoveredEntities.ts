import {
  AGENT_KIND,
  AI_PLATFORM_ANNOTATIONS,
  AI_PLATFORM_API_VERSION,
  DiscoveredAgent,
  DiscoveredMcpServer,
  DiscoveredModelServer,
  DiscoveredObjectRef,
  DiscoveredWorkloads,
  MCP_SERVER_API_TYPE,
  MODEL_KIND,
  MODEL_SERVER_COMPONENT_TYPE,
  ModelType,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
} from '@backstage/catalog-model';
import {
  DeclaredEntityIndex,
  modelIdFromUri,
  normalizeModelId,
  normalizeModelUri,
} from './DeclaredEntityIndex';
import {
  discoveredObjectName,
  modelEntityName,
  NameAllocator,
} from './entityNames';

/** Which part of one cluster's discovery an entity stands for. */
export type DiscoveredCategory =
  | 'modelServers'
  | 'agents'
  | 'mcpServers'
  | 'models';

export interface BuiltEntity {
  entity: Entity;
  category: DiscoveredCategory;
  /** The cluster it came from; for Models, the first cluster that serves or uses them. */
  cluster: string;
}

export interface BuildOptions {
  /** Owner of discovered entities whose object has no owner label. */
  defaultOwner: string;
  /** System of discovered entities whose object has no system label. */
  defaultSystem?: string;
}

/** Annotations the upstream Kubernetes plugin reads. */
const K8S = {
  cluster: 'backstage.io/kubernetes-cluster',
  id: 'backstage.io/kubernetes-id',
  labelSelector: 'backstage.io/kubernetes-label-selector',
  namespace: 'backstage.io/kubernetes-namespace',
};
const MODEL_PROVIDER_ANNOTATION = 'ai-platform.dev/model-provider';
const ENGINE_LABEL = 'ai-platform.dev/engine';
const OWNER_LABELS = ['backstage.io/owner', 'ai-platform.dev/owner'];
const SYSTEM_LABELS = ['backstage.io/system', 'ai-platform.dev/system'];

const ENGINE_TITLES: Record<string, string> = {
  kserve: 'KServe InferenceService',
  'kserve-llm': 'KServe LLMInferenceService',
  vllm: 'vLLM',
  'llm-d': 'llm-d',
  sglang: 'SGLang',
  tgi: 'Text Generation Inference',
  triton: 'Triton Inference Server',
};

export function sourceObjectOf(ref: DiscoveredObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function clusterLocation(cluster: string): string {
  return `ai-platform:cluster/${cluster}`;
}

/** The identity of a served model: its id when known, else its URI. */
function modelKey(served: {
  modelId?: string;
  modelUri?: string;
}): string | undefined {
  const id = served.modelId ?? modelIdFromUri(served.modelUri);
  if (id) return `id:${normalizeModelId(id)}`;
  if (served.modelUri) return `uri:${normalizeModelUri(served.modelUri)}`;
  return undefined;
}

/** Where a discovered model's weights are, when the cluster says so. */
function modelSourceUri(model: {
  modelUri?: string;
  modelId?: string;
  served: boolean;
}): string | undefined {
  if (
    model.modelUri &&
    /^(oci|hf|s3|gs|pvc|https):\/\/\S+$/i.test(model.modelUri)
  ) {
    return model.modelUri;
  }
  // vLLM, SGLang and TGI read an "org/name" model from the Hugging Face Hub.
  if (
    model.served &&
    model.modelId &&
    /^[\w.-]+\/[\w.-]+$/.test(model.modelId)
  ) {
    return `hf://${model.modelId}`;
  }
  return undefined;
}

/** A best guess from the model's name; discovery does not know more. */
export function guessModelType(name: string): ModelType {
  if (/rerank/i.test(name)) return 'reranker';
  if (/embed|(^|[/-])(bge|e5|gte|minilm|nomic-embed)([-.]|$)/i.test(name)) {
    return 'embedding';
  }
  if (/whisper|(^|[/-])tts([-.]|$)|speech|parakeet/i.test(name)) {
    return 'speech';
  }
  if (/(^|[-_])vl([-_.]|$)|vision|llava|pixtral/i.test(name)) return 'vision';
  return 'llm';
}

function toTag(value: string): string | undefined {
  const tag = value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return tag || undefined;
}

function firstLabel(
  labels: Record<string, string> | undefined,
  keys: string[],
): string | undefined {
  for (const key of keys) {
    const value = labels?.[key];
    if (value) return value;
  }
  return undefined;
}

interface PlannedModel {
  key: string;
  name: string;
  modelId?: string;
  modelUri?: string;
  /** The model provider an agent reaches it through, for models no cluster serves. */
  provider?: string;
  /** Some cluster serves it (else only agents use it). */
  served: boolean;
  firstCluster: string;
  usedBy: string[];
}

/**
 * Turns discovered workloads into catalog entities, merging them with what
 * is declared: a served model that matches a declared Model links to it
 * (else one Model per model id is created), an MCP server whose URL a
 * declared `mcp-server` API lists is not created again, and an object a
 * declared entity claims (through `ai-platform.dev/cluster` and
 * `ai-platform.dev/source-object`) is represented by that entity.
 * A pure function: the same input gives the same entities and names.
 */
export function buildDiscoveredEntities(
  workloads: DiscoveredWorkloads[],
  declared: DeclaredEntityIndex,
  options: BuildOptions,
): BuiltEntity[] {
  const names = new NameAllocator();
  const clusters = [...workloads].sort((a, b) =>
    a.cluster.localeCompare(b.cluster),
  );
  const out: BuiltEntity[] = [];
  const planned = new Map<string, PlannedModel>();

  const ownerOf = (labels?: Record<string, string>) =>
    firstLabel(labels, OWNER_LABELS) ?? options.defaultOwner;
  const systemOf = (labels?: Record<string, string>) =>
    firstLabel(labels, SYSTEM_LABELS) ?? options.defaultSystem;

  /** Resolves a model to an entity ref, planning a discovered Model when nothing declared matches. */
  function modelRef(
    served: { modelId?: string; modelUri?: string },
    cluster: string,
    usedBy: string,
    provider?: string,
  ): string | undefined {
    const declaredRef = declared.findModel(served);
    if (declaredRef) return declaredRef;
    const key = modelKey(served);
    if (!key) return undefined;
    let model = planned.get(key);
    if (!model) {
      const label =
        served.modelId ?? modelIdFromUri(served.modelUri) ?? served.modelUri!;
      const name = modelEntityName(label);
      // A declared Model that already has this name is the same model.
      const sameName = `model:${DEFAULT_NAMESPACE}/${name}`;
      if (declared.hasModelRef(sameName)) return sameName;
      model = {
        key,
        name: names.allocate(name, key),
        modelId: served.modelId ?? modelIdFromUri(served.modelUri),
        modelUri: served.modelUri,
        served: false,
        firstCluster: cluster,
        usedBy: [],
      };
      planned.set(key, model);
    }
    model.modelUri ??= served.modelUri;
    if (provider) model.provider ??= provider;
    else model.served = true;
    model.usedBy.push(usedBy);
    return `model:${DEFAULT_NAMESPACE}/${model.name}`;
  }

  function baseAnnotations(cluster: string, source: DiscoveredObjectRef) {
    const location = clusterLocation(cluster);
    return {
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
      [AI_PLATFORM_ANNOTATIONS.cluster]: cluster,
      [AI_PLATFORM_ANNOTATIONS.sourceObject]: sourceObjectOf(source),
    };
  }

  for (const workload of clusters) {
    const { cluster } = workload;
    const clusterRef =
      declared.findCluster(cluster) ??
      `resource:${DEFAULT_NAMESPACE}/${cluster}`;

    // MCP servers first: agents refer to them.
    const mcpRefs = new Map<string, string>();
    for (const server of workload.mcpServers) {
      const key = `${server.source.namespace}/${server.source.name}`;
      const existing =
        declared.findClaim(cluster, sourceObjectOf(server.source)) ??
        declared.findMcpServer(server.url);
      if (existing) {
        mcpRefs.set(key, existing);
        continue;
      }
      const name = names.allocate(
        discoveredObjectName(
          cluster,
          server.source.namespace,
          server.source.name,
        ),
        `${cluster}|${sourceObjectOf(server.source)}`,
      );
      const entity = mcpServerEntity(cluster, server, name);
      mcpRefs.set(key, `api:${DEFAULT_NAMESPACE}/${name}`);
      out.push({ entity, category: 'mcpServers', cluster });
    }

    // Model servers: names first, so pools can depend on their backends.
    const serverRefs = new Map<DiscoveredModelServer, string>();
    const toEmit: DiscoveredModelServer[] = [];
    for (const server of workload.modelServers) {
      const claimed = declared.findClaim(
        cluster,
        sourceObjectOf(server.source),
      );
      if (claimed) {
        serverRefs.set(server, claimed);
        continue;
      }
      const name = names.allocate(
        discoveredObjectName(
          cluster,
          server.source.namespace,
          server.source.name,
          server.source.kind === 'InferencePool' ? 'pool' : undefined,
        ),
        `${cluster}|${sourceObjectOf(server.source)}`,
      );
      serverRefs.set(server, `component:${DEFAULT_NAMESPACE}/${name}`);
      toEmit.push(server);
    }
    for (const server of toEmit) {
      const ref = serverRefs.get(server)!;
      const pool = `${server.source.namespace}/${server.source.name}`;
      const backends =
        server.source.kind === 'InferencePool'
          ? workload.modelServers
              .filter(
                s =>
                  s.source.kind !== 'InferencePool' &&
                  s.inferencePools.includes(pool),
              )
              .map(s => serverRefs.get(s)!)
          : [];
      out.push({
        entity: modelServerEntity(
          cluster,
          server,
          ref.split('/')[1],
          modelRef(server, cluster, ref),
          clusterRef,
          backends,
        ),
        category: 'modelServers',
        cluster,
      });
    }

    for (const agent of workload.agents) {
      if (declared.findClaim(cluster, sourceObjectOf(agent.source))) continue;
      const name = names.allocate(
        discoveredObjectName(
          cluster,
          agent.source.namespace,
          agent.source.name,
        ),
        `${cluster}|${sourceObjectOf(agent.source)}`,
      );
      const ref = `agent:${DEFAULT_NAMESPACE}/${name}`;
      const model = agent.modelConfig
        ? modelRef(
            { modelId: agent.modelConfig.model },
            cluster,
            ref,
            agent.modelConfig.provider,
          )
        : undefined;
      const tools = agent.mcpServers
        .map(key => mcpRefs.get(key))
        .filter((r): r is string => Boolean(r));
      out.push({
        entity: agentEntity(cluster, agent, name, model, tools),
        category: 'agents',
        cluster,
      });
    }
  }

  for (const model of [...planned.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    out.push({
      entity: modelEntity(model),
      category: 'models',
      cluster: model.firstCluster,
    });
  }
  return out;

  function kubernetesAnnotations(
    cluster: string,
    namespace: string,
    labels: Record<string, string> | undefined,
    podSelector: Record<string, string> | undefined,
  ): Record<string, string> {
    const annotations: Record<string, string> = {
      [K8S.cluster]: cluster,
      [K8S.namespace]: namespace,
    };
    const id = labels?.[K8S.id];
    if (id) annotations[K8S.id] = id;
    if (podSelector && Object.keys(podSelector).length) {
      annotations[K8S.labelSelector] = Object.entries(podSelector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
    }
    return annotations;
  }

  function modelServerEntity(
    cluster: string,
    server: DiscoveredModelServer,
    name: string,
    model: string | undefined,
    clusterRef: string,
    backends: string[],
  ): Entity {
    const { source } = server;
    const served = server.modelId ?? server.modelUri;
    const engine = ENGINE_TITLES[server.engine] ?? 'Model server';
    const system = systemOf(server.labels);
    const links =
      server.url && /^https?:\/\//.test(server.url)
        ? [{ url: server.url, title: 'Endpoint' }]
        : undefined;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        title: `${source.name} (${cluster})`,
        description: `${engine} serving ${served ?? 'an unidentified model'}: ${
          source.kind
        } ${source.namespace}/${source.name} in cluster ${cluster}.`,
        annotations: {
          ...baseAnnotations(cluster, source),
          ...kubernetesAnnotations(
            cluster,
            source.namespace,
            server.labels,
            server.podSelector,
          ),
          ...(server.modelId
            ? { [AI_PLATFORM_ANNOTATIONS.modelId]: server.modelId }
            : {}),
        },
        labels: { [ENGINE_LABEL]: toTag(server.engine) ?? 'other' },
        tags: [
          ...new Set(
            ['model-server', toTag(server.engine)].filter((t): t is string =>
              Boolean(t),
            ),
          ),
        ],
        ...(links ? { links } : {}),
      },
      spec: {
        type: MODEL_SERVER_COMPONENT_TYPE,
        lifecycle: 'production',
        owner: ownerOf(server.labels),
        ...(system ? { system } : {}),
        ...(model ? { model } : {}),
        cluster: clusterRef,
        ...(backends.length ? { dependsOn: backends } : {}),
      },
    };
  }

  function mcpServerEntity(
    cluster: string,
    server: DiscoveredMcpServer,
    name: string,
  ): Entity {
    const transport =
      server.protocol?.toUpperCase() === 'SSE' ? 'sse' : 'streamable-http';
    const remotes = [{ type: transport, url: server.url }];
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name,
        title: `${server.source.name} (${cluster})`,
        description:
          server.description ??
          `MCP server ${server.source.namespace}/${server.source.name} in cluster ${cluster}.`,
        annotations: baseAnnotations(cluster, server.source),
        tags: ['mcp'],
      },
      spec: {
        type: MCP_SERVER_API_TYPE,
        lifecycle: 'production',
        owner: options.defaultOwner,
        ...(options.defaultSystem ? { system: options.defaultSystem } : {}),
        remotes,
        // The built-in API validator still requires a definition; this one
        // says where the server is and which tools it offered when last seen.
        definition: JSON.stringify(
          { remotes, tools: server.tools },
          undefined,
          2,
        ),
      },
    };
  }

  function agentEntity(
    cluster: string,
    agent: DiscoveredAgent,
    name: string,
    model: string | undefined,
    tools: string[],
  ): Entity {
    const { source } = agent;
    const system = systemOf(agent.labels);
    const description =
      agent.description?.trim() ||
      `kagent Agent ${source.namespace}/${source.name} in cluster ${cluster}.`;
    return {
      apiVersion: AI_PLATFORM_API_VERSION,
      kind: AGENT_KIND,
      metadata: {
        name,
        title: `${source.name} (${cluster})`,
        description,
        annotations: {
          ...baseAnnotations(cluster, source),
          ...kubernetesAnnotations(
            cluster,
            source.namespace,
            agent.labels,
            undefined,
          ),
        },
        tags: ['kagent'],
      },
      spec: {
        type: 'chat',
        lifecycle: 'production',
        owner: ownerOf(agent.labels),
        ...(system ? { system } : {}),
        runtime: agent.runtime,
        models: model ? [model] : [],
        tools,
        description,
      },
    };
  }

  function modelEntity(model: PlannedModel): Entity {
    const label = model.modelId ?? model.modelUri ?? model.name;
    const location = clusterLocation(model.firstCluster);
    const source = modelSourceUri(model);
    return {
      apiVersion: AI_PLATFORM_API_VERSION,
      kind: MODEL_KIND,
      metadata: {
        name: model.name,
        title: label,
        description: `Discovered ${
          model.served
            ? 'on a model server'
            : `in use by an agent through ${
                model.provider ?? 'a model provider'
              }`
        }; no Model in the catalog declares it.`,
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          ...(model.modelId
            ? { [AI_PLATFORM_ANNOTATIONS.modelId]: model.modelId }
            : {}),
          ...(model.provider && !model.served
            ? { [MODEL_PROVIDER_ANNOTATION]: model.provider }
            : {}),
        },
        tags: ['discovered'],
      },
      spec: {
        type: guessModelType(label),
        lifecycle: 'production',
        owner: options.defaultOwner,
        ...(options.defaultSystem ? { system: options.defaultSystem } : {}),
        ...(source ? { source: { uri: source } } : {}),
      },
    };
  }
}
