import {
  ClusterSnapshot,
  DiscoveredAgent,
  DiscoveredMcpServer,
  DiscoveredModelServer,
  DiscoveredWorkloads,
  InferencePoolSummary,
  SnapshotPartName,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import { parseServingCommand, ServingCommand } from './parseServingCommand';

const KSERVE_ISVC_LABEL = 'serving.kserve.io/inferenceservice';
const LLMISVC_PART_OF = 'llminferenceservice';
const LLMD_ROLE = 'llm-d.ai/role';
const LLMD_SERVING = [
  'llm-d.ai/inference-serving',
  'llm-d.ai/inferenceServing',
];
const ENGINE_TYPE_LABEL = 'inference.networking.k8s.io/engine-type';
const KAGENT_API_VERSION = 'kagent.dev/v1alpha2';

/** Label prefixes the catalog reads (owner, system, kubernetes-id, app name). */
const CATALOG_LABEL_PREFIXES = [
  'backstage.io/',
  'ai-platform.dev/',
  'app.kubernetes.io/',
];

/** Which snapshot parts each list depends on. */
const PARTS_BEHIND: Record<
  'modelServers' | 'agents' | 'mcpServers',
  SnapshotPartName[]
> = {
  modelServers: [
    'inferenceServices',
    'llmInferenceServices',
    'deployments',
    'inferencePools',
  ],
  agents: ['kagentAgents', 'kagentModelConfigs'],
  mcpServers: ['kagentRemoteMcpServers'],
};

function catalogLabels(
  labels: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (CATALOG_LABEL_PREFIXES.some(prefix => key.startsWith(prefix))) {
      out[key] = value;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function selects(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function byNamespaceAndName<
  T extends { source: { namespace: string; name: string; kind: string } },
>(a: T, b: T): number {
  return (
    a.source.namespace.localeCompare(b.source.namespace) ||
    a.source.name.localeCompare(b.source.name) ||
    a.source.kind.localeCompare(b.source.kind)
  );
}

function modelIdFromUri(uri: string | undefined): string | undefined {
  const hf = uri ? /^hf:\/\/(.+?)\/*$/i.exec(uri) : null;
  return hf ? hf[1] : undefined;
}

/** Serving: at least one replica is available (a rollout or a lost node degrades, not stops). */
function deploymentReady(d: WorkloadSummary): boolean {
  return d.desired > 0 && d.available > 0;
}

function isKServeOwned(d: WorkloadSummary): boolean {
  const labels = { ...d.labels, ...d.templateLabels };
  return (
    KSERVE_ISVC_LABEL in labels ||
    labels['app.kubernetes.io/part-of'] === LLMISVC_PART_OF
  );
}

function isLlmd(labels: Record<string, string>): boolean {
  return (
    LLMD_ROLE in labels || LLMD_SERVING.some(key => labels[key] === 'true')
  );
}

/** The first container that looks like a model server, with what it says. */
function servingContainer(d: WorkloadSummary): ServingCommand | undefined {
  for (const container of d.containers ?? []) {
    const parsed = parseServingCommand(container);
    if (parsed) return parsed;
  }
  return undefined;
}

interface Candidate {
  server: DiscoveredModelServer;
  /** Labels the server's pods carry, for InferencePool matching. */
  podLabels: Record<string, string>;
}

function serviceUrl(
  snapshot: ClusterSnapshot,
  namespace: string,
  podLabels: Record<string, string>,
): string | undefined {
  const service = snapshot.services.find(
    s => s.namespace === namespace && selects(s.selector, podLabels),
  );
  if (!service || service.ports.length === 0) return undefined;
  const port =
    service.ports.find(p => p.name === 'http') ??
    service.ports.find(p => p.port === 8000) ??
    service.ports[0];
  return `http://${service.name}.${namespace}.svc.cluster.local:${port.port}`;
}

function fromInferenceServices(snapshot: ClusterSnapshot): Candidate[] {
  return snapshot.serving.inferenceServices.map(isvc => {
    const modelId =
      [...isvc.args].map(a => /^--model_id=(.+)$/.exec(a)?.[1]).find(Boolean) ??
      argAfter(isvc.args, '--model_id') ??
      modelIdFromUri(isvc.storageUri) ??
      [...isvc.args].map(a => /^--model_name=(.+)$/.exec(a)?.[1]).find(Boolean);
    const podSelector = { [KSERVE_ISVC_LABEL]: isvc.name };
    return {
      podLabels: { ...isvc.labels, ...podSelector },
      server: {
        source: {
          apiVersion: isvc.apiVersion,
          kind: 'InferenceService',
          namespace: isvc.namespace,
          name: isvc.name,
        },
        engine: 'kserve',
        ...(modelId ? { modelId } : {}),
        ...(isvc.storageUri ? { modelUri: isvc.storageUri } : {}),
        ready: isvc.ready,
        ...(isvc.url ? { url: isvc.url } : {}),
        acceleratorRequests: { ...isvc.acceleratorRequests },
        inferencePools: [],
        ...withLabels(isvc.labels),
        podSelector,
      },
    };
  });
}

function argAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
}

function withLabels(labels: Record<string, string> | undefined) {
  const filtered = catalogLabels(labels);
  return filtered ? { labels: filtered } : {};
}

function fromLlmInferenceServices(snapshot: ClusterSnapshot): Candidate[] {
  return snapshot.serving.llmInferenceServices.map(llm => {
    const modelId = llm.modelName ?? modelIdFromUri(llm.modelUri);
    // The selector KServe stamps on an LLMInferenceService's workload pods.
    const podSelector = {
      'app.kubernetes.io/part-of': LLMISVC_PART_OF,
      'app.kubernetes.io/name': llm.name,
      'kserve.io/component': 'workload',
    };
    return {
      podLabels: { ...llm.labels, ...podSelector },
      server: {
        source: {
          apiVersion: llm.apiVersion,
          kind: 'LLMInferenceService',
          namespace: llm.namespace,
          name: llm.name,
        },
        engine: 'kserve-llm',
        ...(modelId ? { modelId } : {}),
        ...(llm.modelUri ? { modelUri: llm.modelUri } : {}),
        ...(llm.replicas !== undefined ? { replicas: llm.replicas } : {}),
        ready: llm.ready,
        ...(llm.url ? { url: llm.url } : {}),
        acceleratorRequests: { ...llm.acceleratorRequests },
        inferencePools: [],
        disaggregated: llm.disaggregated,
        ...withLabels(llm.labels),
        podSelector,
      },
    };
  });
}

function deploymentServer(
  snapshot: ClusterSnapshot,
  d: WorkloadSummary,
  parsed: ServingCommand | undefined,
): Candidate {
  const podSelector =
    Object.keys(d.selector).length > 0 ? d.selector : d.templateLabels;
  const url = serviceUrl(snapshot, d.namespace, d.templateLabels);
  const role = d.templateLabels[LLMD_ROLE];
  return {
    podLabels: d.templateLabels,
    server: {
      source: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: d.namespace,
        name: d.name,
      },
      engine: isLlmd(d.templateLabels) ? 'llm-d' : parsed?.engine ?? 'other',
      ...(parsed?.modelId ? { modelId: parsed.modelId } : {}),
      ...(parsed?.modelUri ? { modelUri: parsed.modelUri } : {}),
      replicas: d.desired,
      ready: deploymentReady(d),
      ...(url ? { url } : {}),
      acceleratorRequests: { ...d.acceleratorRequests },
      inferencePools: [],
      // One half of an llm-d prefill/decode pair.
      ...(role === 'prefill' || role === 'decode'
        ? { disaggregated: true }
        : {}),
      ...withLabels({ ...d.templateLabels, ...d.labels }),
      podSelector: { ...podSelector },
    },
  };
}

function addRequests(
  into: Record<string, number>,
  requests: Record<string, number>,
  times = 1,
) {
  for (const [resource, count] of Object.entries(requests)) {
    into[resource] = (into[resource] ?? 0) + count * times;
  }
}

/**
 * An InferencePool is a model server too: the endpoint the gateway routes
 * to. Its model comes from the servers behind it; its replicas, readiness
 * and accelerators from the pods it selects (for a prefill/decode pair,
 * both halves).
 */
function poolServer(
  snapshot: ClusterSnapshot,
  pool: InferencePoolSummary,
  backends: Candidate[],
): Candidate | undefined {
  const podsByName = new Map<
    string,
    {
      labels: Record<string, string>;
      ready?: boolean;
      requests?: Record<string, number>;
    }
  >();
  for (const pod of snapshot.pods.inferencePods) {
    if (
      pod.namespace === pool.namespace &&
      selects(pool.selector, pod.labels)
    ) {
      podsByName.set(pod.name, { labels: pod.labels, ready: pod.ready });
    }
  }
  for (const pod of snapshot.pods.acceleratorPods) {
    if (
      pod.namespace === pool.namespace &&
      selects(pool.selector, pod.labels) &&
      (pod.phase === 'Running' || pod.phase === 'Pending')
    ) {
      const known = podsByName.get(pod.name);
      podsByName.set(pod.name, {
        labels: pod.labels,
        ready: known?.ready ?? pod.phase === 'Running',
        requests: pod.requests,
      });
    }
  }
  const pods = [...podsByName.values()];
  if (backends.length === 0 && pods.length === 0) return undefined;

  const withModel = backends.find(b => b.server.modelId || b.server.modelUri);
  const engines = new Set(backends.map(b => b.server.engine));
  const podLabels = pods[0]?.labels ?? backends[0].podLabels;
  let engine = podLabels[ENGINE_TYPE_LABEL] ?? 'other';
  if (engines.size === 1) engine = [...engines][0];
  else if (isLlmd(podLabels)) engine = 'llm-d';

  const acceleratorRequests: Record<string, number> = {};
  if (pods.some(p => p.requests)) {
    pods.forEach(p => addRequests(acceleratorRequests, p.requests ?? {}));
  } else {
    backends.forEach(b =>
      addRequests(
        acceleratorRequests,
        b.server.acceleratorRequests,
        b.server.replicas ?? 1,
      ),
    );
  }
  const roles = new Set(
    [...pods.map(p => p.labels), ...backends.map(b => b.podLabels)].map(
      l => l[LLMD_ROLE],
    ),
  );
  const ready =
    backends.length > 0
      ? backends.every(b => b.server.ready === true)
      : pods.every(p => p.ready === true);

  return {
    podLabels,
    server: {
      source: {
        apiVersion: pool.apiVersion,
        kind: 'InferencePool',
        namespace: pool.namespace,
        name: pool.name,
      },
      engine,
      ...(withModel?.server.modelId
        ? { modelId: withModel.server.modelId }
        : {}),
      ...(withModel?.server.modelUri
        ? { modelUri: withModel.server.modelUri }
        : {}),
      replicas:
        pods.length ||
        backends.reduce((sum, b) => sum + (b.server.replicas ?? 0), 0),
      ready,
      acceleratorRequests,
      inferencePools: [],
      ...(roles.has('prefill') && roles.has('decode')
        ? { disaggregated: true }
        : {}),
      ...withLabels(podLabels),
      podSelector: { ...pool.selector },
    },
  };
}

function discoverModelServers(
  snapshot: ClusterSnapshot,
): DiscoveredModelServer[] {
  const candidates: Candidate[] = [
    ...fromInferenceServices(snapshot),
    ...fromLlmInferenceServices(snapshot),
  ];
  for (const d of snapshot.workloads.deployments) {
    // KServe's own Deployments are already counted through their InferenceService.
    if (isKServeOwned(d)) continue;
    const parsed = servingContainer(d);
    if (parsed || isLlmd(d.templateLabels)) {
      candidates.push(deploymentServer(snapshot, d, parsed));
    }
  }

  const pools: Candidate[] = [];
  for (const pool of snapshot.networking.inferencePools) {
    const backends = candidates.filter(
      c =>
        c.server.source.namespace === pool.namespace &&
        selects(pool.selector, c.podLabels),
    );
    for (const backend of backends) {
      backend.server.inferencePools.push(`${pool.namespace}/${pool.name}`);
    }
    const server = poolServer(snapshot, pool, backends);
    if (server) pools.push(server);
  }
  for (const candidate of candidates) candidate.server.inferencePools.sort();

  return [...candidates, ...pools].map(c => c.server).sort(byNamespaceAndName);
}

function discoverAgents(snapshot: ClusterSnapshot): DiscoveredAgent[] {
  const { kagentAgents, kagentModelConfigs, kagentRemoteMcpServers } =
    snapshot.agents;
  return kagentAgents
    .map(agent => {
      const config = agent.modelConfig
        ? kagentModelConfigs.find(
            m =>
              m.namespace === agent.namespace && m.name === agent.modelConfig,
          )
        : undefined;
      const mcpServers = new Set<string>();
      const toolNames = new Set<string>();
      for (const tool of agent.tools) {
        if (tool.type !== 'McpServer' || !tool.mcpServer) continue;
        const [namespace, name] = tool.mcpServer.name.includes('/')
          ? tool.mcpServer.name.split('/', 2)
          : [agent.namespace, tool.mcpServer.name];
        const isRemote =
          tool.mcpServer.kind === 'RemoteMCPServer' ||
          (!tool.mcpServer.kind &&
            kagentRemoteMcpServers.some(
              s => s.namespace === namespace && s.name === name,
            ));
        if (isRemote) mcpServers.add(`${namespace}/${name}`);
        tool.mcpServer.toolNames.forEach(t => toolNames.add(t));
      }
      const discovered: DiscoveredAgent = {
        source: {
          apiVersion: agent.apiVersion,
          kind: 'Agent',
          namespace: agent.namespace,
          name: agent.name,
        },
        runtime: 'kagent',
        ...(agent.description ? { description: agent.description } : {}),
        ...(config
          ? {
              modelConfig: {
                name: config.name,
                provider: config.provider,
                model: config.model,
                ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
              },
            }
          : {}),
        mcpServers: [...mcpServers].sort(),
        toolNames: [...toolNames].sort(),
        skills: agent.skills.map(s => ({ id: s.id, name: s.name })),
        ready: agent.ready,
        ...withLabels(agent.labels),
      };
      return discovered;
    })
    .sort(byNamespaceAndName);
}

function discoverMcpServers(snapshot: ClusterSnapshot): DiscoveredMcpServer[] {
  return snapshot.agents.kagentRemoteMcpServers
    .map(server => ({
      source: {
        apiVersion: KAGENT_API_VERSION,
        kind: 'RemoteMCPServer',
        namespace: server.namespace,
        name: server.name,
      },
      url: server.url,
      ...(server.protocol ? { protocol: server.protocol } : {}),
      ...(server.description ? { description: server.description } : {}),
      tools: [...server.discoveredTools].sort(),
      ready: server.ready,
    }))
    .sort(byNamespaceAndName);
}

/**
 * Model servers, agents and MCP servers in one cluster's snapshot: KServe
 * InferenceServices and LLMInferenceServices, vLLM/SGLang/TGI/Triton
 * Deployments, llm-d prefill/decode Deployments and InferencePool-backed
 * pools; kagent Agents with their ModelConfig and RemoteMCPServer tools;
 * kagent RemoteMCPServers. A pure function of the snapshot.
 */
export function discoverWorkloads(
  snapshot: ClusterSnapshot,
): DiscoveredWorkloads {
  const unreadable = (
    Object.keys(PARTS_BEHIND) as (keyof typeof PARTS_BEHIND)[]
  ).filter(list =>
    PARTS_BEHIND[list].some(part => snapshot.parts[part]?.status === 'error'),
  );
  return {
    cluster: snapshot.cluster.name,
    collectedAt: snapshot.collectedAt,
    modelServers: discoverModelServers(snapshot),
    agents: discoverAgents(snapshot),
    mcpServers: discoverMcpServers(snapshot),
    ...(unreadable.length ? { unreadable } : {}),
  };
}
