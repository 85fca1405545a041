/*
 * Test-only builders of realistic snapshots for the conformance checks: the
 * label keys, DRA shapes, operator names and namespaces of the reference
 * files (GFD and GPU Operator labels, NVIDIA DRA driver slices, ...).
 */
import {
  ChecklistRequirement,
  ClusterSnapshot,
  CrdSummary,
  NodeSummary,
  RequirementEvaluation,
  ResourceSliceSummary,
  SnapshotPartName,
  WorkloadSummary,
  emptySnapshot,
  getChecklist,
} from '@ai-platform/plugin-ai-platform-common';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';

const ALL_PARTS: SnapshotPartName[] = [
  'version',
  'discovery',
  'crds',
  'apiServices',
  'namespaces',
  'nodes',
  'pods',
  'draDeviceClasses',
  'draResourceSlices',
  'draResourceClaims',
  'daemonSets',
  'deployments',
  'services',
  'configMaps',
  'gatewayClasses',
  'gateways',
  'httpRoutes',
  'inferencePools',
  'inferenceServices',
  'llmInferenceServices',
  'servingRuntimes',
  'kagentAgents',
  'kagentModelConfigs',
  'kagentRemoteMcpServers',
  'kueue',
  'volcano',
  'runtimeClasses',
  'karpenterNodePools',
  'horizontalPodAutoscalers',
  'monitors',
  'validatingWebhooks',
  'operatorResources',
];

/** A readable cluster of the given minor version with nothing installed. */
export function cluster(minor = 35, name = 'test'): ClusterSnapshot {
  const s = emptySnapshot(
    { name, source: 'config' },
    '2026-11-21T10:00:00.000Z',
  );
  s.version = { gitVersion: `v1.${minor}.2`, major: 1, minor };
  for (const part of ALL_PARTS) s.parts[part] = { status: 'ok', count: 0 };
  s.discovery.groups[''] = { preferredVersion: 'v1', versions: ['v1'] };
  s.discovery.groups.apps = { preferredVersion: 'v1', versions: ['v1'] };
  s.discovery.groups.autoscaling = {
    preferredVersion: 'v2',
    versions: ['v2', 'v1'],
  };
  s.nodes.push({
    name: 'system-1',
    labels: {
      'kubernetes.io/hostname': 'system-1',
      'node.kubernetes.io/instance-type': 'm7i.2xlarge',
    },
    taints: [],
    unschedulable: false,
    ready: true,
    capacity: { cpu: '8', memory: '32Gi', pods: '110' },
    allocatable: { cpu: '7910m', memory: '31Gi', pods: '110' },
    nodeInfo: {
      kubeletVersion: `v1.${minor}.2`,
      containerRuntimeVersion: 'containerd://2.0.5',
    },
  });
  return s;
}

/** Marks a part unreadable, the way a 403 from the API server is recorded. */
export function forbid(
  s: ClusterSnapshot,
  part: SnapshotPartName,
  resource: string = part,
) {
  s.parts[part] = {
    status: 'error',
    error: {
      cluster: s.cluster.name,
      resource,
      reason: 'forbidden',
      httpStatus: 403,
      message: `${resource} is forbidden: User "system:serviceaccount:ai-platform:reader" cannot list resource "${resource}"`,
      at: '2026-11-21T10:00:01.000Z',
    },
  };
  return s;
}

export function serve(
  s: ClusterSnapshot,
  group: string,
  versions: string[],
  resources?: Record<string, string[]>,
) {
  s.discovery.groups[group] = { preferredVersion: versions[0], versions };
  for (const [version, names] of Object.entries(resources ?? {})) {
    s.discovery.resources[`${group}/${version}`] = names;
  }
  return s;
}

export function crd(
  s: ClusterSnapshot,
  plural: string,
  group: string,
  kind: string,
  options: {
    versions?: string[];
    established?: boolean;
    scope?: CrdSummary['scope'];
  } = {},
) {
  const versions = options.versions ?? ['v1'];
  s.crds.push({
    name: `${plural}.${group}`,
    group,
    kind,
    plural,
    scope: options.scope ?? 'Namespaced',
    versions: versions.map((v, i) => ({
      name: v,
      served: true,
      storage: i === 0,
    })),
    established: options.established ?? true,
  });
  if (options.established !== false && !s.discovery.groups[group]) {
    serve(s, group, versions);
  }
  return s;
}

export function workload(
  s: ClusterSnapshot,
  kind: 'Deployment' | 'DaemonSet',
  namespace: string,
  name: string,
  options: Partial<WorkloadSummary> = {},
): WorkloadSummary {
  const labels = options.templateLabels ?? { 'app.kubernetes.io/name': name };
  const w: WorkloadSummary = {
    kind,
    namespace,
    name,
    labels: options.labels ?? labels,
    desired: options.desired ?? 1,
    ready: options.ready ?? options.desired ?? 1,
    available: options.available ?? options.ready ?? options.desired ?? 1,
    selector: options.selector ?? labels,
    templateLabels: labels,
    images: options.images ?? [`registry.example.com/${name}:v1`],
    acceleratorRequests: options.acceleratorRequests ?? {},
  };
  if (options.containers) w.containers = options.containers;
  (kind === 'Deployment'
    ? s.workloads.deployments
    : s.workloads.daemonSets
  ).push(w);
  return w;
}

export function service(
  s: ClusterSnapshot,
  namespace: string,
  name: string,
  selector: Record<string, string>,
  ports: number[],
  labels: Record<string, string> = {},
) {
  s.services.push({
    namespace,
    name,
    selector,
    ports: ports.map(p => ({ port: p })),
    labels,
  });
  return s;
}

/** An H100 node as GPU Feature Discovery and the GPU Operator label it. */
export function h100Node(
  name: string,
  overrides: Partial<NodeSummary> = {},
): NodeSummary {
  return {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'node.kubernetes.io/instance-type': 'p5.48xlarge',
      'feature.node.kubernetes.io/pci-10de.present': 'true',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.deploy.dcgm-exporter': 'true',
      'nvidia.com/cuda.driver-version.full': '570.133.20',
      'nvidia.com/cuda.runtime-version.full': '12.8',
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
      'nvidia.com/gpu.memory': '81559',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.replicas': '1',
      'nvidia.com/gpu.sharing-strategy': 'none',
      'nvidia.com/mig.capable': 'true',
      'nvidia.com/mig.strategy': 'single',
      'nvidia.com/mig.config': 'all-disabled',
      'nvidia.com/mps.capable': 'false',
      ...overrides.labels,
    },
    taints: overrides.taints ?? [],
    unschedulable: overrides.unschedulable ?? false,
    ready: overrides.ready ?? true,
    capacity: {
      cpu: '192',
      memory: '2097152000Ki',
      'nvidia.com/gpu': '8',
      pods: '110',
      ...overrides.capacity,
    },
    allocatable: {
      cpu: '191450m',
      memory: '2085000000Ki',
      'nvidia.com/gpu': '8',
      pods: '110',
      ...overrides.allocatable,
    },
    nodeInfo: {
      kubeletVersion: 'v1.35.2',
      containerRuntimeVersion: 'containerd://2.0.5',
    },
  };
}

/** An MI300X node labelled by the ROCm labeller, GPUs through the device plugin. */
export function mi300xNode(name: string): NodeSummary {
  return {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
      'amd.com/gpu.family': 'AI',
      'amd.com/gpu.vram': '192G',
      'amd.com/gpu.driver-version': '6.10.5',
    },
    taints: [],
    unschedulable: false,
    ready: true,
    capacity: { cpu: '192', memory: '2Ti', 'amd.com/gpu': '8' },
    allocatable: { cpu: '190', memory: '2Ti', 'amd.com/gpu': '8' },
    nodeInfo: {
      kubeletVersion: 'v1.34.2',
      containerRuntimeVersion: 'containerd://1.7.27',
    },
  };
}

/** A ResourceSlice of the NVIDIA DRA driver (pool = node), devices with the driver's attributes. */
export function nvidiaSlice(
  node: string,
  devices = 8,
  options: {
    generation?: number;
    sliceCount?: number;
    suffix?: string;
    mig?: boolean;
  } = {},
): ResourceSliceSummary {
  return {
    name: `${node}-gpu.nvidia.com-${options.suffix ?? 'x7k2p'}`,
    driver: 'gpu.nvidia.com',
    nodeName: node,
    pool: {
      name: node,
      generation: options.generation ?? 1,
      resourceSliceCount: options.sliceCount ?? 1,
    },
    hasSharedCounters: false,
    devices: Array.from({ length: devices }, (_, i) => ({
      name: options.mig ? `gpu-${i}-mig-1g10gb-19-${i}` : `gpu-${i}`,
      attributes: {
        type: options.mig ? 'mig' : 'gpu',
        uuid: `GPU-4d5f0c1a-8e3b-2c7d-9f61-0a1b2c3d4e${i}f`,
        productName: 'NVIDIA H100 80GB HBM3',
        brand: 'Nvidia',
        architecture: 'Hopper',
        cudaComputeCapability: '9.0.0',
        driverVersion: '580.95.05',
        cudaDriverVersion: '13.0.0',
        'resource.kubernetes.io/pciBusID': `0000:1${i}:00.0`,
      },
      capacity: { memory: '81559Mi' },
    })),
  };
}

/** Serves resource.k8s.io/v1 with the four DRA kinds. */
export function serveDraV1(s: ClusterSnapshot) {
  s.dra.apiVersion = 'resource.k8s.io/v1';
  return serve(s, 'resource.k8s.io', ['v1', 'v1beta2', 'v1beta1'], {
    v1: [
      'deviceclasses',
      'resourceclaims',
      'resourceclaimtemplates',
      'resourceslices',
    ],
  });
}

export function gpuDeviceClass(name = 'gpu.nvidia.com') {
  return {
    name,
    selectors: [
      `device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == '${
        name.startsWith('mig') ? 'mig' : 'gpu'
      }'`,
    ],
  };
}

/** Runs a built-in check for a requirement the way the scorecard does. */
export function run(
  check: ConformanceCheck,
  s: ClusterSnapshot,
  version: '1.33' | '1.34' | '1.35' | '1.36' | '1.37' = '1.36',
): RequirementEvaluation {
  const requirement =
    getChecklist(version).requirements.find(
      r => r.id === check.requirementId,
    ) ??
    getChecklist('1.37').requirements.find(r => r.id === check.requirementId) ??
    getChecklist('1.35').requirements.find(r => r.id === check.requirementId)!;
  return check.evaluate(s, {
    checklistVersion: version,
    requirement: requirement as ChecklistRequirement,
  });
}

/** Every evidence item names its strength, and objects carry apiVersion, kind and name. */
export function expectWellFormed(e: RequirementEvaluation) {
  expect(e.reason).toBeTruthy();
  expect(e.reason).not.toMatch(/\n/);
  for (const item of e.evidence) {
    expect(['strong', 'medium', 'hint']).toContain(item.strength);
    expect(typeof item.supports).toBe('boolean');
    if (item.object) {
      expect(item.object.apiVersion).toBeTruthy();
      expect(item.object.kind).toBeTruthy();
      expect(item.object.name).toBeTruthy();
    }
  }
}
