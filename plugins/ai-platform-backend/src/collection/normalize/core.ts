import {
  ApiServiceSummary,
  CrdSummary,
  DiscoveryInfo,
  KubernetesVersionInfo,
  NamespaceSummary,
  NodeSummary,
  ServiceSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  arr,
  bool,
  conditions,
  conditionState,
  meta,
  num,
  obj,
  quantityMap,
  spec,
  status,
  str,
  strMap,
  strings,
} from './common';

/**
 * `/version`. Managed clusters decorate it (`minor: "34+"`,
 * `v1.34.3-gke.1200000`), so the numbers come from whichever field parses.
 */
export function normalizeVersion(
  raw: unknown,
): KubernetesVersionInfo | undefined {
  const v = obj(raw);
  const gitVersion = str(v.gitVersion);
  const fromGit = gitVersion ? /^v?(\d+)\.(\d+)/.exec(gitVersion) : null;
  const major =
    leadingInt(v.major) ?? (fromGit ? Number(fromGit[1]) : undefined);
  const minor =
    leadingInt(v.minor) ?? (fromGit ? Number(fromGit[2]) : undefined);
  if (major === undefined || minor === undefined) {
    return undefined;
  }
  const info: KubernetesVersionInfo = {
    gitVersion: gitVersion ?? `v${major}.${minor}.0`,
    major,
    minor,
  };
  if (str(v.platform)) info.platform = str(v.platform);
  return info;
}

function leadingInt(value: unknown): number | undefined {
  const m = /^(\d+)/.exec(
    typeof value === 'number' ? String(value) : str(value) ?? '',
  );
  return m ? Number(m[1]) : undefined;
}

/** Served groups from `/api` (core) and `/apis` (APIGroupList). */
export function normalizeGroups(
  apiRaw: unknown,
  apisRaw: unknown,
): DiscoveryInfo['groups'] {
  const groups: DiscoveryInfo['groups'] = {};
  const coreVersions = strings(obj(apiRaw).versions);
  if (coreVersions.length > 0) {
    groups[''] = { preferredVersion: coreVersions[0], versions: coreVersions };
  }
  for (const g of arr(obj(apisRaw).groups)) {
    const group = obj(g);
    const name = str(group.name);
    if (!name) continue;
    const versions = arr(group.versions)
      .map(v => str(obj(v).version))
      .filter((v): v is string => !!v);
    const preferred = str(obj(group.preferredVersion).version) ?? versions[0];
    if (!preferred) continue;
    // Preferred first, then the others in the order the server gave.
    const ordered = [preferred, ...versions.filter(v => v !== preferred)];
    groups[name] = { preferredVersion: preferred, versions: ordered };
  }
  return groups;
}

/**
 * Resource names of one APIResourceList, without subresources
 * (`deployments/status`). The custom and external metrics APIs list their
 * metrics as `pods/<metric>`: those are kept, they are what readers need.
 */
export function normalizeResourceList(raw: unknown): string[] {
  const metricsApi = /^(custom|external)\.metrics\.k8s\.io\//.test(
    str(obj(raw).groupVersion) ?? '',
  );
  return arr(obj(raw).resources)
    .map(r => str(obj(r).name))
    .filter((n): n is string => !!n && (metricsApi || !n.includes('/')));
}

export function normalizeCrd(raw: unknown): CrdSummary {
  const s = spec(raw);
  const names = obj(s.names);
  return {
    name: meta(raw).name,
    group: str(s.group) ?? '',
    kind: str(names.kind) ?? '',
    plural: str(names.plural) ?? '',
    scope: str(s.scope) === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: arr(s.versions).map(v => {
      const version = obj(v);
      return {
        name: str(version.name) ?? '',
        served: bool(version.served) ?? false,
        storage: bool(version.storage) ?? false,
      };
    }),
    established:
      conditionState(conditions(status(raw)), 'Established') === true,
  };
}

export function normalizeApiService(raw: unknown): ApiServiceSummary {
  const s = spec(raw);
  const conds = conditions(status(raw));
  const cond = conds.find(c => c.type === 'Available');
  const summary: ApiServiceSummary = {
    name: meta(raw).name,
    group: str(s.group) ?? '',
    version: str(s.version) ?? '',
    available: conditionState(conds, 'Available'),
  };
  const service = obj(s.service);
  if (str(service.name)) {
    summary.service = {
      namespace: str(service.namespace) ?? '',
      name: str(service.name)!,
    };
  }
  if (cond?.reason) summary.availableReason = cond.reason;
  return summary;
}

const NAMESPACE_LABEL_PREFIXES = ['pod-security.kubernetes.io/'];

export function normalizeNamespace(raw: unknown): NamespaceSummary {
  const m = meta(raw);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.labels)) {
    if (NAMESPACE_LABEL_PREFIXES.some(p => k.startsWith(p))) {
      labels[k] = v;
    }
  }
  return { name: m.name, labels };
}

/**
 * Node Feature Discovery publishes a hundred CPU-flag and kernel-config
 * labels per node that no reader uses; dropping them keeps a 5,000-node
 * snapshot small.
 */
const DROPPED_NODE_LABEL_PREFIXES = [
  'feature.node.kubernetes.io/cpu-',
  'feature.node.kubernetes.io/kernel-config.',
  'feature.node.kubernetes.io/kernel-selinux.',
];

export function normalizeNode(raw: unknown): NodeSummary {
  const m = meta(raw);
  const s = spec(raw);
  const st = status(raw);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.labels)) {
    if (!DROPPED_NODE_LABEL_PREFIXES.some(p => k.startsWith(p))) {
      labels[k] = v;
    }
  }
  const conds = conditions(st);
  const ready = conds.find(c => c.type === 'Ready');
  const info = obj(st.nodeInfo);
  const nodeInfo: NodeSummary['nodeInfo'] = {};
  for (const key of [
    'kubeletVersion',
    'containerRuntimeVersion',
    'osImage',
    'kernelVersion',
    'architecture',
  ] as const) {
    if (str(info[key])) nodeInfo[key] = str(info[key]);
  }
  const node: NodeSummary = {
    name: m.name,
    labels,
    taints: arr(s.taints).map(t => {
      const taint = obj(t);
      const out: NodeSummary['taints'][number] = {
        key: str(taint.key) ?? '',
        effect: str(taint.effect) ?? '',
      };
      if (str(taint.value) !== undefined) out.value = str(taint.value);
      return out;
    }),
    unschedulable: bool(s.unschedulable) ?? false,
    ready: conditionState(conds, 'Ready'),
    capacity: quantityMap(st.capacity),
    allocatable: quantityMap(st.allocatable),
    nodeInfo,
  };
  if (ready?.reason) node.readyReason = ready.reason;
  if (m.creationTimestamp) node.createdAt = m.creationTimestamp;
  return node;
}

export function normalizeService(raw: unknown): ServiceSummary {
  const m = meta(raw);
  const s = spec(raw);
  const summary: ServiceSummary = {
    namespace: m.namespace ?? '',
    name: m.name,
    selector: strMap(s.selector),
    ports: arr(s.ports)
      .map(p => obj(p))
      .filter(p => num(p.port) !== undefined)
      .map(p => {
        const port: ServiceSummary['ports'][number] = { port: num(p.port)! };
        if (str(p.name)) port.name = str(p.name);
        return port;
      }),
    labels: m.labels,
  };
  if (str(s.type)) summary.type = str(s.type);
  return summary;
}
