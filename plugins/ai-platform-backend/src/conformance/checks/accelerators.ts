import {
  ClusterSnapshot,
  EvidenceItem,
  isAcceleratorResourceName,
  NodeSummary,
  RequirementEvaluation,
} from '@ai-platform/plugin-ai-platform-common';
import {
  draPools,
  evidence,
  isAcceleratorDriver,
  isReadable,
  joinNames,
  ref,
  result,
  unreadable,
} from './helpers';

/** Node labels that say the node has accelerators. */
const PRESENCE_LABELS: { key: string; matches: (v: string) => boolean }[] = [
  { key: 'nvidia.com/gpu.present', matches: v => v === 'true' },
  { key: 'nvidia.com/gpu.product', matches: v => v !== '' },
  { key: 'nvidia.com/gpu.count', matches: v => Number(v) > 0 },
  { key: 'nvidia.com/gpu.memory', matches: v => Number(v) > 0 },
  {
    key: 'feature.node.kubernetes.io/pci-10de.present',
    matches: v => v === 'true',
  },
  {
    key: 'feature.node.kubernetes.io/pci-0302_10de.present',
    matches: v => v === 'true',
  },
  {
    key: 'feature.node.kubernetes.io/pci-0300_10de.present',
    matches: v => v === 'true',
  },
  { key: 'cloud.google.com/gke-accelerator', matches: v => v !== '' },
  { key: 'amd.com/gpu.product-name', matches: v => v !== '' },
  { key: 'gpu.intel.com/device.count', matches: v => Number(v) > 0 },
];

export interface AcceleratorNode {
  name: string;
  node?: NodeSummary;
  /** Accelerator extended resources with a positive allocatable count. */
  resources: Record<string, number>;
  /** Presence labels or taints seen. */
  markers: string[];
  /** Accelerator devices published through DRA on this node. */
  draDevices: number;
  draDrivers: string[];
}

/** The node's accelerators are NVIDIA's (resources, labels, PCI vendor 10de, DRA driver). */
export function isNvidiaNode(n: AcceleratorNode): boolean {
  return (
    Object.keys(n.resources).some(r => r.startsWith('nvidia.com/')) ||
    n.markers.some(
      m =>
        m.startsWith('nvidia.com/') ||
        m.includes('10de') ||
        m === 'taint nvidia.com/gpu',
    ) ||
    n.draDrivers.some(d => d.endsWith('nvidia.com'))
  );
}

export interface AcceleratorPresence {
  state: 'present' | 'absent' | 'unknown';
  nodes: AcceleratorNode[];
  evidence: EvidenceItem[];
  /** Why `absent` or `unknown`. */
  reason: string;
}

/**
 * Whether the cluster has accelerators, from node allocatable, presence
 * labels, the `nvidia.com/gpu` taint and DRA devices (the prerequisite of
 * the accelerator requirements).
 */
export function detectAccelerators(s: ClusterSnapshot): AcceleratorPresence {
  const byName = new Map<string, AcceleratorNode>();
  const entry = (name: string, node?: NodeSummary) => {
    let e = byName.get(name);
    if (!e) {
      e = { name, resources: {}, markers: [], draDevices: 0, draDrivers: [] };
      if (node) e.node = node;
      byName.set(name, e);
    }
    return e;
  };

  for (const node of s.nodes) {
    const resources: Record<string, number> = {};
    for (const [key, value] of Object.entries(node.allocatable)) {
      const n = Number(value);
      if (isAcceleratorResourceName(key) && Number.isFinite(n) && n > 0) {
        resources[key] = n;
      }
    }
    const markers = PRESENCE_LABELS.filter(l => {
      const v = node.labels[l.key];
      return v !== undefined && l.matches(v);
    }).map(l => `${l.key}=${node.labels[l.key]}`);
    if (node.taints.some(t => t.key === 'nvidia.com/gpu')) {
      markers.push('taint nvidia.com/gpu');
    }
    if (Object.keys(resources).length || markers.length) {
      const e = entry(node.name, node);
      e.resources = resources;
      e.markers = markers;
    }
  }
  for (const pool of draPools(s)) {
    if (!isAcceleratorDriver(pool.driver) || !pool.devices || !pool.nodeName) {
      continue;
    }
    const e = entry(
      pool.nodeName,
      s.nodes.find(n => n.name === pool.nodeName),
    );
    e.draDevices += pool.devices;
    if (!e.draDrivers.includes(pool.driver)) e.draDrivers.push(pool.driver);
  }

  const nodes = [...byName.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  if (nodes.length) {
    const resources = new Set(nodes.flatMap(n => Object.keys(n.resources)));
    const dra = nodes.filter(n => n.draDevices > 0).length;
    const parts = [
      resources.size
        ? `extended resources ${[...resources].sort().join(', ')}`
        : '',
      dra ? `DRA devices on ${dra} node${dra === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    return {
      state: 'present',
      nodes,
      reason: `${nodes.length} accelerator node${
        nodes.length === 1 ? '' : 's'
      } (${joinNames(
        nodes.map(n => n.name),
        3,
      )})${parts.length ? `: ${parts.join('; ')}` : ''}`,
      evidence: [],
    };
  }
  if (!isReadable(s, 'nodes') || !isReadable(s, 'draResourceSlices')) {
    return {
      state: 'unknown',
      nodes: [],
      evidence: [],
      reason: 'whether the cluster has accelerators',
    };
  }
  return {
    state: 'absent',
    nodes: [],
    evidence: [
      evidence(
        'strong',
        false,
        `None of ${s.nodes.length} nodes has accelerator extended resources, presence labels or DRA devices`,
      ),
    ],
    reason:
      'no accelerators at all (no GPU extended resources, presence labels or DRA devices on any node)',
  };
}

/**
 * For requirements that only apply with accelerators: the `not-applicable` or
 * `unknown` verdict when there are none or we cannot tell; undefined when
 * there are accelerators and the check should go on.
 */
export function requireAccelerators(
  s: ClusterSnapshot,
  presence: AcceleratorPresence = detectAccelerators(s),
): RequirementEvaluation | undefined {
  if (presence.state === 'absent') {
    return result(
      'not-applicable',
      `Not applicable: ${presence.reason}`,
      presence.evidence,
    );
  }
  if (presence.state === 'unknown') {
    return unreadable(
      s,
      ['nodes', 'draResourceSlices'],
      [],
      'whether the cluster has accelerators',
    );
  }
  return undefined;
}

export function nodeRef(name: string) {
  return ref('v1', 'Node', name);
}
