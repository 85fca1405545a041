// Test fixtures: nodes, pods, slices and claims shaped like real clusters
// (label keys and resource names from GFD, the GPU Operator, the ROCm
// labeller, Intel's NFD rules and the NVIDIA DRA driver).
import {
  AcceleratorPodSummary,
  ClusterSnapshot,
  ClusterStatus,
  DraDeviceSummary,
  emptySnapshot,
  NodeSummary,
  ResourceClaimSummary,
  ResourceSliceSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ServedSnapshot,
  SnapshotEvent,
  SnapshotService,
} from '../snapshots/SnapshotService';

export const COLLECTED_AT = '2026-08-20T10:00:00.000Z';

export function snapshotOf(
  name: string,
  parts: {
    nodes?: NodeSummary[];
    pods?: AcceleratorPodSummary[];
    slices?: ResourceSliceSummary[];
    claims?: ResourceClaimSummary[];
  },
  collectedAt = COLLECTED_AT,
): ClusterSnapshot {
  const snapshot = emptySnapshot({ name, source: 'config' }, collectedAt);
  snapshot.nodes = parts.nodes ?? [];
  snapshot.pods.acceleratorPods = parts.pods ?? [];
  snapshot.pods.total = snapshot.pods.acceleratorPods.length;
  snapshot.dra.resourceSlices = parts.slices ?? [];
  snapshot.dra.resourceClaims = parts.claims ?? [];
  if (parts.slices?.length) snapshot.dra.apiVersion = 'resource.k8s.io/v1';
  for (const part of [
    'nodes',
    'pods',
    'draResourceSlices',
    'draResourceClaims',
  ] as const) {
    snapshot.parts[part] = { status: 'ok' };
  }
  return snapshot;
}

export function node(
  name: string,
  options: {
    labels?: Record<string, string>;
    allocatable?: Record<string, string>;
    ready?: boolean | 'unknown';
    unschedulable?: boolean;
    taints?: NodeSummary['taints'];
  } = {},
): NodeSummary {
  const allocatable = {
    cpu: '191450m',
    memory: '2085000000Ki',
    'ephemeral-storage': '3454792185297',
    pods: '110',
    ...options.allocatable,
  };
  return {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/zone': 'us-east-1a',
      ...options.labels,
    },
    taints: options.taints ?? [],
    unschedulable: options.unschedulable ?? false,
    ready: options.ready ?? true,
    capacity: {
      ...allocatable,
      cpu: '192',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
    },
    allocatable,
    nodeInfo: { kubeletVersion: 'v1.34.1', architecture: 'amd64' },
  };
}

const NVIDIA_DRIVER_LABELS = {
  'nvidia.com/gfd.timestamp': '1755600000',
  'nvidia.com/cuda.driver-version.full': '570.133.20',
  'nvidia.com/cuda.driver-version.major': '570',
  'nvidia.com/cuda.driver-version.minor': '133',
  'nvidia.com/cuda.driver-version.revision': '20',
  'nvidia.com/cuda.runtime-version.full': '12.8',
  'nvidia.com/cuda.runtime-version.major': '12',
  'nvidia.com/cuda.runtime-version.minor': '8',
};

/** §1.7 of the reference: 8×H100 SXM through the device plugin, with the usual accelerator taint. */
export function h100DevicePluginNode(
  name: string,
  overrides: Parameters<typeof node>[1] = {},
): NodeSummary {
  return node(name, {
    ...overrides,
    labels: {
      'node.kubernetes.io/instance-type': 'p5.48xlarge',
      'feature.node.kubernetes.io/pci-10de.present': 'true',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.deploy.driver': 'true',
      'nvidia.com/gpu.deploy.device-plugin': 'true',
      ...NVIDIA_DRIVER_LABELS,
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
      'nvidia.com/gpu.family': 'hopper',
      'nvidia.com/gpu.memory': '81559',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.replicas': '1',
      'nvidia.com/gpu.sharing-strategy': 'none',
      'nvidia.com/gpu.mode': 'compute',
      'nvidia.com/mig.capable': 'true',
      'nvidia.com/mig.strategy': 'single',
      'nvidia.com/mig.config': 'all-disabled',
      'nvidia.com/mig.config.state': 'success',
      ...overrides.labels,
    },
    allocatable: { 'nvidia.com/gpu': '8', ...overrides.allocatable },
    taints: overrides.taints ?? [
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
    ],
  });
}

/** An H100 node whose GPUs are published by the NVIDIA DRA driver only. */
export function h100DraNode(name: string): NodeSummary {
  return node(name, {
    labels: {
      'node.kubernetes.io/instance-type': 'p5.48xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.deploy.device-plugin': 'false',
      'nvidia.com/gpu.deploy.dra-driver': 'true',
    },
  });
}

export function h100DraDevice(
  index: number,
  nodeName: string,
): DraDeviceSummary {
  return {
    name: `gpu-${index}`,
    attributes: {
      type: 'gpu',
      uuid: `GPU-${nodeName}-${index}`,
      productName: 'NVIDIA H100 80GB HBM3',
      brand: 'Nvidia',
      architecture: 'Hopper',
      cudaComputeCapability: '9.0.0',
      driverVersion: '570.133.20',
      cudaDriverVersion: '12.8.0',
      'resource.kubernetes.io/pciBusID': `0000:${(0x18 + index * 0x10).toString(
        16,
      )}:00.0`,
    },
    capacity: { memory: '81559Mi' },
  };
}

export function slice(
  nodeName: string,
  devices: DraDeviceSummary[],
  pool: Partial<ResourceSliceSummary['pool']> = {},
  suffix = 'x7k2p',
  driver = 'gpu.nvidia.com',
): ResourceSliceSummary {
  return {
    name: `${nodeName}-${driver}-${suffix}`,
    driver,
    nodeName,
    pool: { name: nodeName, generation: 1, resourceSliceCount: 1, ...pool },
    devices,
    hasSharedCounters: false,
  };
}

export function claim(
  namespace: string,
  name: string,
  results: { driver?: string; pool: string; device: string }[],
  allocated = true,
): ResourceClaimSummary {
  return {
    namespace,
    name,
    allocated,
    results: results.map(r => ({
      request: 'gpu',
      driver: r.driver ?? 'gpu.nvidia.com',
      pool: r.pool,
      device: r.device,
    })),
    reservedFor: [{ resource: 'pods', name: `${name}-pod` }],
    nodeName: results[0]?.pool,
  };
}

/** A100 80GB, MIG mixed with the all-balanced layout on every GPU: 2×1g.10gb + 1×2g.20gb + 1×3g.40gb. */
export function a100MigBalancedNode(name: string): NodeSummary {
  return node(name, {
    labels: {
      'node.kubernetes.io/instance-type': 'p4de.24xlarge',
      'nvidia.com/gpu.present': 'true',
      ...NVIDIA_DRIVER_LABELS,
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
      'nvidia.com/gpu.memory': '81920',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.replicas': '1',
      'nvidia.com/mig.capable': 'true',
      'nvidia.com/mig.strategy': 'mixed',
      'nvidia.com/mig.config': 'all-balanced',
      'nvidia.com/mig.config.state': 'success',
      'nvidia.com/mig-1g.10gb.count': '16',
      'nvidia.com/mig-1g.10gb.memory': '9728',
      'nvidia.com/mig-1g.10gb.product': 'NVIDIA-A100-SXM4-80GB-MIG-1g.10gb',
      'nvidia.com/mig-2g.20gb.count': '8',
      'nvidia.com/mig-2g.20gb.memory': '19968',
      'nvidia.com/mig-2g.20gb.product': 'NVIDIA-A100-SXM4-80GB-MIG-2g.20gb',
      'nvidia.com/mig-3g.40gb.count': '8',
      'nvidia.com/mig-3g.40gb.memory': '40192',
      'nvidia.com/mig-3g.40gb.product': 'NVIDIA-A100-SXM4-80GB-MIG-3g.40gb',
    },
    allocatable: {
      'nvidia.com/gpu': '0',
      'nvidia.com/mig-1g.10gb': '16',
      'nvidia.com/mig-2g.20gb': '8',
      'nvidia.com/mig-3g.40gb': '8',
    },
  });
}

/** Time-slicing: 4 L40S GPUs × 4 replicas; GFD renames the product with -SHARED. */
export function l40sTimeSlicedNode(name: string): NodeSummary {
  return node(name, {
    labels: {
      'nvidia.com/gpu.present': 'true',
      ...NVIDIA_DRIVER_LABELS,
      'nvidia.com/gpu.product': 'NVIDIA-L40S-SHARED',
      'nvidia.com/gpu.memory': '46068',
      'nvidia.com/gpu.count': '4',
      'nvidia.com/gpu.replicas': '4',
      'nvidia.com/gpu.sharing-strategy': 'time-slicing',
    },
    allocatable: { 'nvidia.com/gpu': '16' },
  });
}

/** ROCm device plugin + labeller, 8×MI300X (reference §1.4). */
export function mi300xNode(name: string): NodeSummary {
  return node(name, {
    labels: {
      'node.kubernetes.io/instance-type': 'Standard_ND96isr_MI300X_v5',
      'feature.node.kubernetes.io/pci-1002.present': 'true',
      'amd.com/gpu.cu-count': '304',
      'amd.com/gpu.device-id': '74a1',
      'amd.com/gpu.family': 'AI',
      'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
      'amd.com/gpu.simd-count': '1216',
      'amd.com/gpu.vram': '192G',
      'amd.com/gpu.driver-version': '6.10.5',
      'amd.com/compute-memory-partition': 'spx_nps1',
    },
    allocatable: { 'amd.com/gpu': '8' },
  });
}

/** Intel Data Center GPU Max 1550 ×2 (reference §1.5; memory.max sums both GPUs, in bytes). */
export function intelMaxNode(name: string): NodeSummary {
  return node(name, {
    labels: {
      'gpu.intel.com/device.count': '2',
      'gpu.intel.com/family': 'Max_Series',
      'gpu.intel.com/product': 'Max_1550',
      'gpu.intel.com/millicores': '2000',
      'gpu.intel.com/memory.max': String(2 * 128 * 2 ** 30),
      'gpu.intel.com/tiles': '4',
    },
    allocatable: {
      'gpu.intel.com/i915': '2',
      'gpu.intel.com/millicores': '2000',
      'gpu.intel.com/memory.max': String(2 * 128 * 2 ** 30),
      'gpu.intel.com/tiles': '4',
    },
  });
}

export function pod(
  name: string,
  nodeName: string | undefined,
  requests: Record<string, number>,
  options: { phase?: string; claims?: string[]; namespace?: string } = {},
): AcceleratorPodSummary {
  return {
    namespace: options.namespace ?? 'ml-team-01',
    name,
    nodeName,
    phase: options.phase ?? 'Running',
    requests,
    claims: options.claims ?? [],
    schedulerName: 'default-scheduler',
    labels: { app: name },
  };
}

/** Snapshots held in memory, as the real service serves them. */
export class FakeSnapshots implements SnapshotService {
  served = new Map<string, ServedSnapshot>();
  statuses = new Map<string, ClusterStatus>();
  private listeners: ((e: SnapshotEvent) => void | Promise<void>)[] = [];

  serve(snapshot: ClusterSnapshot, stale = false) {
    const status = statusOf(
      snapshot.cluster.name,
      stale ? 'stale' : 'fresh',
      snapshot.collectedAt,
    );
    this.statuses.set(status.name, status);
    const served = { status, snapshot };
    this.served.set(status.name, served);
    this.listeners.forEach(l => l(served));
  }
  known(
    name: string,
    state: ClusterStatus['state'],
    lastError?: ClusterStatus['lastError'],
  ) {
    this.statuses.set(name, { ...statusOf(name, state), lastError });
  }
  async listClusters() {
    return [...this.statuses.values()];
  }
  async getCluster(name: string) {
    return this.statuses.get(name);
  }
  async getLatest(name: string) {
    return this.served.get(name);
  }
  async listLatest() {
    return [...this.served.values()];
  }
  async requestRefresh() {}
  onSnapshot(listener: (e: SnapshotEvent) => void | Promise<void>) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter(l => l !== listener);
    };
  }
}

export function statusOf(
  name: string,
  state: ClusterStatus['state'],
  collectedAt?: string,
): ClusterStatus {
  return {
    name,
    source: 'config',
    state,
    stale: state === 'stale',
    snapshotCollectedAt: collectedAt,
    partErrors: [],
  };
}
