/**
 * Synthetic clusters for benchmarks and demos: N GPU nodes with a seeded mix of SKUs, real label
 * keys (GPU Operator / GFD, AMD labeller, NFD, cloud), pods requesting GPUs, and DRA ResourceSlices
 * for a fraction of the NVIDIA nodes. Objects are produced lazily (an iterable), deterministically.
 */
import type { KubeObject, KubeVersionInfo } from '../types';
import {
  nameSuffix,
  pickWeighted,
  randomHex,
  Rng,
  rngFor,
  uniqueSuffix,
} from './random';

export interface SyntheticClusterOptions {
  name: string;
  nodes: number;
  /** GPUs per node (default 8). */
  gpusPerNode?: number;
  /** Pods bound to each node (default 10): GPU workloads, GPU daemons and CPU pods. */
  podsPerNode?: number;
  /** Fraction (0..1) of NVIDIA nodes that publish GPUs through DRA instead of the device plugin (default 0). */
  draFraction?: number;
  /** PRNG seed (default 1): the same options always give the same objects. */
  seed?: number;
  /** Kubernetes minor (default 34). DRA uses resource.k8s.io/v1 from 34, v1beta2 on 33, v1beta1 on 32. */
  kubernetesMinor?: number;
  /** Pending (unschedulable) GPU pods; default 0.5% of the bound pods, at least 1 when there are pods. */
  pendingPods?: number;
  /** Team namespaces the workloads spread over (default 8). */
  namespaces?: number;
  /** Reference "now" for creation timestamps (default: today 00:00 UTC, so a day's runs are identical). */
  referenceTime?: Date;
}

export interface SyntheticClusterSummary {
  nodes: number;
  gpus: number;
  gpusByProduct: Record<string, number>;
  nodesByProduct: Record<string, number>;
  draNodes: number;
  resourceSlices: number;
  resourceClaims: number;
  pods: number;
  gpuPods: number;
  runningPods: number;
  pendingPods: number;
  requestedGpus: number;
  namespaces: number;
  /** Every object the iterable yields. */
  objects: number;
  draApiVersion?: string;
}

export interface SyntheticCluster {
  name: string;
  objects: Iterable<KubeObject>;
  version: KubeVersionInfo;
  summary: SyntheticClusterSummary;
}

interface Sku {
  id: string;
  vendor: 'nvidia' | 'amd';
  weight: number;
  product: string;
  /** DRA productName / NVML name. */
  productName: string;
  memoryMiB: number;
  family: string;
  architecture: string;
  compute: [number, number];
  instanceType: string;
  cpu: number;
  memoryKi: number;
}

export const GPU_SKUS: Sku[] = [
  {
    id: 'h100',
    vendor: 'nvidia',
    weight: 40,
    product: 'NVIDIA-H100-80GB-HBM3',
    productName: 'NVIDIA H100 80GB HBM3',
    memoryMiB: 81559,
    family: 'hopper',
    architecture: 'Hopper',
    compute: [9, 0],
    instanceType: 'p5.48xlarge',
    cpu: 192,
    memoryKi: 2097152000,
  },
  {
    id: 'a100',
    vendor: 'nvidia',
    weight: 25,
    product: 'NVIDIA-A100-SXM4-80GB',
    productName: 'NVIDIA A100-SXM4-80GB',
    memoryMiB: 81920,
    family: 'ampere',
    architecture: 'Ampere',
    compute: [8, 0],
    instanceType: 'p4de.24xlarge',
    cpu: 96,
    memoryKi: 1195487232,
  },
  {
    id: 'l40s',
    vendor: 'nvidia',
    weight: 20,
    product: 'NVIDIA-L40S',
    productName: 'NVIDIA L40S',
    memoryMiB: 46068,
    family: 'ada-lovelace',
    architecture: 'Ada Lovelace',
    compute: [8, 9],
    instanceType: 'g6e.48xlarge',
    cpu: 192,
    memoryKi: 1610612736,
  },
  {
    id: 'mi300x',
    vendor: 'amd',
    weight: 15,
    product: 'AMD_Instinct_MI300X_OAM',
    productName: 'AMD Instinct MI300X OAM',
    memoryMiB: 196608,
    family: 'AI',
    architecture: 'CDNA3',
    compute: [9, 4],
    instanceType: 'Standard_ND96isr_MI300X_v5',
    cpu: 96,
    memoryKi: 1992294400,
  },
];

const NVIDIA_DRIVER = {
  full: '570.133.20',
  major: '570',
  minor: '133',
  revision: '20',
};
const CUDA = { full: '12.8', major: '12', minor: '8' };
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const GPU_POD_SIZES = [8, 4, 2, 1];
const WORKLOADS = [
  'train-llama',
  'finetune-qwen',
  'vllm-qwen3-32b',
  'vllm-llama-70b',
  'embed-bge',
  'batch-eval',
  'notebook',
];
const CPU_APPS = [
  'api',
  'worker',
  'etl',
  'redis',
  'prometheus-agent',
  'fluent-bit',
];

interface GpuPodPlan {
  gpus: number;
  workload: string;
  namespaceIdx: number;
}

interface NodePlan {
  index: number;
  name: string;
  sku: Sku;
  dra: boolean;
  ready: boolean;
  gpuPods: GpuPodPlan[];
  daemonPods: { name: string; namespace: string; app: string }[];
  cpuPods: number;
}

function uuid(rng: Rng): string {
  const h = randomHex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20)}`;
}

function pad(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function draApiVersion(minor: number): string | undefined {
  if (minor >= 34) return 'resource.k8s.io/v1';
  if (minor === 33) return 'resource.k8s.io/v1beta2';
  if (minor === 32) return 'resource.k8s.io/v1beta1';
  return undefined;
}

interface Resolved {
  name: string;
  nodes: number;
  gpusPerNode: number;
  podsPerNode: number;
  draFraction: number;
  seed: number;
  minor: number;
  namespaces: number;
  pendingPods: number;
  refMs: number;
  draApi?: string;
}

function startOfTodayUtc(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function resolve(o: SyntheticClusterOptions): Resolved {
  const num = (v: number | undefined, d: number, name: string, min = 0) => {
    const x = v ?? d;
    if (!Number.isFinite(x) || x < min)
      throw new Error(
        `generateSyntheticCluster: ${name} must be a number >= ${min}, got ${v}`,
      );
    return x;
  };
  if (!o?.name) throw new Error('generateSyntheticCluster: name is required');
  const nodes = Math.floor(num(o.nodes, 0, 'nodes'));
  const podsPerNode = Math.floor(num(o.podsPerNode, 10, 'podsPerNode'));
  const draFraction = num(o.draFraction, 0, 'draFraction');
  if (draFraction > 1)
    throw new Error(
      `generateSyntheticCluster: draFraction must be between 0 and 1, got ${draFraction}`,
    );
  const minor = Math.floor(num(o.kubernetesMinor, 34, 'kubernetesMinor', 20));
  const pendingDefault =
    nodes * podsPerNode > 0
      ? Math.max(1, Math.round(nodes * podsPerNode * 0.005))
      : 0;
  return {
    name: o.name,
    nodes,
    gpusPerNode: Math.floor(num(o.gpusPerNode, 8, 'gpusPerNode', 1)),
    podsPerNode,
    draFraction,
    seed: Math.floor(num(o.seed, 1, 'seed')),
    minor,
    namespaces: Math.max(1, Math.floor(num(o.namespaces, 8, 'namespaces', 1))),
    pendingPods: Math.floor(num(o.pendingPods, pendingDefault, 'pendingPods')),
    refMs: o.referenceTime ? o.referenceTime.getTime() : startOfTodayUtc(),
    draApi: draApiVersion(minor),
  };
}

function planNode(r: Resolved, i: number): NodePlan {
  const rng = rngFor(r.seed, i);
  const sku = pickWeighted(rng, GPU_SKUS);
  const dra =
    sku.vendor === 'nvidia' && r.draApi !== undefined && rng() < r.draFraction;
  const ready = rng() >= 0.004;
  const name = `gpu-${sku.id}-${pad(i + 1)}`;
  const daemonPods: NodePlan['daemonPods'] = [];
  const budget = r.podsPerNode;
  const daemon = (app: string, namespace: string) => {
    if (daemonPods.length < budget)
      // At most one pod per app and node (and < 8 per node): node index and position make the name unique.
      daemonPods.push({
        name: `${app}-${uniqueSuffix(i * 8 + daemonPods.length)}`,
        namespace,
        app,
      });
  };
  daemon('kube-proxy', 'kube-system');
  if (sku.vendor === 'amd') {
    daemon('amdgpu-device-plugin', 'kube-amd-gpu');
  } else if (dra) {
    daemon('nvidia-dra-driver-gpu-kubelet-plugin', 'nvidia-dra-driver-gpu');
    daemon('nvidia-dcgm-exporter', 'gpu-operator');
  } else {
    daemon('nvidia-device-plugin-daemonset', 'gpu-operator');
    daemon('gpu-feature-discovery', 'gpu-operator');
    daemon('nvidia-dcgm-exporter', 'gpu-operator');
  }
  // Fill a random share of the GPUs with workloads of 8/4/2/1 GPUs.
  const target = ready ? Math.floor(rng() * (r.gpusPerNode + 1)) : 0;
  const gpuPods: GpuPodPlan[] = [];
  let used = 0;
  const largestFitting = (free: number) =>
    GPU_POD_SIZES.find(s => s <= free && s <= r.gpusPerNode) ?? 1;
  while (used < target && daemonPods.length + gpuPods.length < budget) {
    const size = largestFitting(target - used);
    gpuPods.push({
      gpus: size,
      workload: WORKLOADS[Math.floor(rng() * WORKLOADS.length)],
      namespaceIdx: Math.floor(rng() * r.namespaces),
    });
    used += size;
  }
  return {
    index: i,
    name,
    sku,
    dra,
    ready,
    gpuPods,
    daemonPods,
    cpuPods: Math.max(0, budget - daemonPods.length - gpuPods.length),
  };
}

function teamNamespace(idx: number): string {
  return `ml-team-${String(idx + 1).padStart(2, '0')}`;
}

function nodeObject(r: Resolved, p: NodePlan): KubeObject {
  const rng = rngFor(r.seed, p.index, 1);
  const { sku } = p;
  const zone = ZONES[p.index % ZONES.length];
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': p.name,
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': sku.instanceType,
    'topology.kubernetes.io/region': 'us-east-1',
    'topology.kubernetes.io/zone': zone,
    'feature.node.kubernetes.io/kernel-version.full': '6.8.0-1024-aws',
    'feature.node.kubernetes.io/system-os_release.ID': 'ubuntu',
    'feature.node.kubernetes.io/system-os_release.VERSION_ID': '22.04',
  };
  const gpuResource = sku.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu';
  const count = String(r.gpusPerNode);
  if (sku.vendor === 'nvidia') {
    Object.assign(labels, {
      'feature.node.kubernetes.io/pci-10de.present': 'true',
      'feature.node.kubernetes.io/pci-0302_10de.present': 'true',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.deploy.operands': 'true',
      'nvidia.com/gpu.deploy.driver': 'true',
      'nvidia.com/gpu.deploy.container-toolkit': 'true',
      'nvidia.com/gpu.deploy.device-plugin': p.dra ? 'false' : 'true',
      'nvidia.com/gpu.deploy.gpu-feature-discovery': 'true',
      'nvidia.com/gpu.deploy.dcgm': 'true',
      'nvidia.com/gpu.deploy.dcgm-exporter': 'true',
      'nvidia.com/gpu.deploy.operator-validator': 'true',
      'nvidia.com/gfd.timestamp': String(Math.floor(r.refMs / 1000) - 3600),
      'nvidia.com/cuda.driver-version.full': NVIDIA_DRIVER.full,
      'nvidia.com/cuda.driver-version.major': NVIDIA_DRIVER.major,
      'nvidia.com/cuda.driver-version.minor': NVIDIA_DRIVER.minor,
      'nvidia.com/cuda.driver-version.revision': NVIDIA_DRIVER.revision,
      'nvidia.com/cuda.driver.major': NVIDIA_DRIVER.major,
      'nvidia.com/cuda.driver.minor': NVIDIA_DRIVER.minor,
      'nvidia.com/cuda.driver.rev': NVIDIA_DRIVER.revision,
      'nvidia.com/cuda.runtime-version.full': CUDA.full,
      'nvidia.com/cuda.runtime-version.major': CUDA.major,
      'nvidia.com/cuda.runtime-version.minor': CUDA.minor,
      'nvidia.com/cuda.runtime.major': CUDA.major,
      'nvidia.com/cuda.runtime.minor': CUDA.minor,
      'nvidia.com/gpu.product': sku.product,
      'nvidia.com/gpu.family': sku.family,
      'nvidia.com/gpu.compute.major': String(sku.compute[0]),
      'nvidia.com/gpu.compute.minor': String(sku.compute[1]),
      'nvidia.com/gpu.memory': String(sku.memoryMiB),
      'nvidia.com/gpu.count': count,
      'nvidia.com/gpu.replicas': '1',
      'nvidia.com/gpu.sharing-strategy': 'none',
      'nvidia.com/gpu.mode': 'compute',
      'nvidia.com/gpu.machine': sku.instanceType,
      'nvidia.com/mig.capable': sku.id === 'l40s' ? 'false' : 'true',
      'nvidia.com/mps.capable': 'false',
    });
    if (sku.id !== 'l40s') {
      labels['nvidia.com/mig.strategy'] = 'single';
      labels['nvidia.com/mig.config'] = 'all-disabled';
      labels['nvidia.com/mig.config.state'] = 'success';
    }
    if (p.dra) {
      labels['nvidia.com/gpu.deploy.dra-driver'] = 'true';
    }
  } else {
    Object.assign(labels, {
      'feature.node.kubernetes.io/pci-1002.present': 'true',
      'amd.com/gpu.cu-count': '304',
      'amd.com/gpu.device-id': '74a1',
      'amd.com/gpu.family': sku.family,
      'amd.com/gpu.product-name': sku.product,
      'amd.com/gpu.simd-count': '1216',
      'amd.com/gpu.vram': '192G',
      'amd.com/gpu.driver-version': '6.10.5',
      'amd.com/compute-partitioning-supported': 'true',
      'amd.com/memory-partitioning-supported': 'true',
      'amd.com/compute-memory-partition': 'spx_nps1',
    });
  }
  const capacity: Record<string, string> = {
    cpu: String(sku.cpu),
    memory: `${sku.memoryKi}Ki`,
    'ephemeral-storage': '3749998588Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    pods: '110',
  };
  const allocatable: Record<string, string> = {
    cpu: `${sku.cpu * 1000 - 550}m`,
    memory: `${sku.memoryKi - 12152000}Ki`,
    'ephemeral-storage': '3454792185297',
    pods: '110',
  };
  if (!p.dra) {
    capacity[gpuResource] = count;
    allocatable[gpuResource] = count;
  }
  const created = r.refMs - Math.floor(rng() * 90 * 86400_000) - 86400_000;
  const heartbeat = iso(r.refMs - 10_000);
  const readyCondition = p.ready
    ? {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: heartbeat,
        lastTransitionTime: iso(created + 60_000),
      }
    : {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: iso(r.refMs - 3600_000),
        lastTransitionTime: iso(r.refMs - 3000_000),
      };
  const spec: Record<string, unknown> = {
    providerID: `aws:///${zone}/i-${randomHex(rng, 17)}`,
  };
  if (sku.vendor === 'nvidia' && p.index % 2 === 0) {
    spec.taints = [
      { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' },
    ];
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: p.name,
      uid: uuid(rngFor(r.seed, p.index, 5)),
      labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      creationTimestamp: iso(created),
    },
    spec,
    status: {
      capacity,
      allocatable,
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(created + 60_000),
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(created + 60_000),
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(created + 60_000),
        },
        readyCondition,
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIp(p.index) },
        { type: 'Hostname', address: p.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        kernelVersion: '6.8.0-1024-aws',
        kubeletVersion: `v1.${r.minor}.2`,
        kubeProxyVersion: `v1.${r.minor}.2`,
        containerRuntimeVersion: 'containerd://2.0.5',
        machineID: randomHex(rng, 32),
        systemUUID: randomHex(rng, 32),
        bootID: randomHex(rng, 32),
      },
    },
  };
}

function nodeIp(i: number): string {
  // 250 hosts per /24 (.2 - .251), so no network or broadcast addresses.
  const subnet = Math.floor(i / 250);
  return `10.${16 + ((subnet >> 8) & 0x0f)}.${subnet & 0xff}.${(i % 250) + 2}`;
}

function podIp(nodeIndex: number, j: number): string {
  return `10.${64 + ((nodeIndex >> 8) & 0x3f)}.${nodeIndex & 0xff}.${
    (j % 250) + 2
  }`;
}

function gpuUuid(r: Resolved, node: number, gpu: number): string {
  const h = randomHex(rngFor(r.seed, node, 100 + gpu), 32);
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20)}`;
}

function resourceSlice(r: Resolved, p: NodePlan, nodeUid: string): KubeObject {
  const rng = rngFor(r.seed, p.index, 2);
  const v1beta1 = r.draApi === 'resource.k8s.io/v1beta1';
  const devices = [];
  for (let g = 0; g < r.gpusPerNode; g++) {
    const attributes = {
      type: { string: 'gpu' },
      uuid: { string: gpuUuid(r, p.index, g) },
      productName: { string: p.sku.productName },
      brand: { string: 'Nvidia' },
      architecture: { string: p.sku.architecture },
      cudaComputeCapability: {
        version: `${p.sku.compute[0]}.${p.sku.compute[1]}.0`,
      },
      driverVersion: { version: NVIDIA_DRIVER.full },
      cudaDriverVersion: { version: `${CUDA.full}.0` },
      'resource.kubernetes.io/pciBusID': {
        string: `0000:${(0x18 + g * 0x10).toString(16).padStart(2, '0')}:00.0`,
      },
      'resource.kubernetes.io/pcieRoot': {
        string: `pci0000:${(0x15 + Math.floor(g / 2) * 0x10)
          .toString(16)
          .padStart(2, '0')}`,
      },
    };
    const capacity = { memory: { value: `${p.sku.memoryMiB}Mi` } };
    devices.push(
      v1beta1
        ? { name: `gpu-${g}`, basic: { attributes, capacity } }
        : { name: `gpu-${g}`, attributes, capacity },
    );
  }
  return {
    apiVersion: r.draApi!,
    kind: 'ResourceSlice',
    metadata: {
      name: `${p.name}-gpu.nvidia.com-${nameSuffix(rng)}`,
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          name: p.name,
          uid: nodeUid,
          controller: true,
        },
      ],
    },
    spec: {
      driver: 'gpu.nvidia.com',
      nodeName: p.name,
      pool: { name: p.name, generation: 1, resourceSliceCount: 1 },
      devices,
    },
  };
}

function deviceClass(r: Resolved): KubeObject {
  const spec: Record<string, unknown> = {
    selectors: [
      {
        cel: {
          expression:
            "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
        },
      },
    ],
  };
  if (r.minor >= 34) spec.extendedResourceName = 'nvidia.com/gpu';
  return {
    apiVersion: r.draApi!,
    kind: 'DeviceClass',
    metadata: { name: 'gpu.nvidia.com' },
    spec,
  };
}

interface PodInput {
  name: string;
  uid: string;
  namespace: string;
  app: string;
  nodeName?: string;
  nodeIndex: number;
  j: number;
  image: string;
  requests: Record<string, string>;
  limits?: Record<string, string>;
  claim?: string;
  created: number;
  pending?: boolean;
  restarts: number;
  tolerations?: unknown[];
  nodeSelector?: Record<string, string>;
}

function pod(r: Resolved, p: PodInput): KubeObject {
  const container: Record<string, unknown> = {
    name: p.app,
    image: p.image,
    resources: p.limits
      ? { requests: p.requests, limits: p.limits }
      : { requests: p.requests },
  };
  if (p.claim)
    (container.resources as Record<string, unknown>).claims = [{ name: 'gpu' }];
  const spec: Record<string, unknown> = {
    containers: [container],
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
  };
  if (p.nodeName) spec.nodeName = p.nodeName;
  if (p.tolerations) spec.tolerations = p.tolerations;
  if (p.nodeSelector) spec.nodeSelector = p.nodeSelector;
  if (p.claim)
    spec.resourceClaims = [{ name: 'gpu', resourceClaimName: p.claim }];
  const start = iso(p.created + 5000);
  const status: Record<string, unknown> = p.pending
    ? {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: `0/${r.nodes} nodes are available: ${r.nodes} Insufficient nvidia.com/gpu.`,
            lastTransitionTime: iso(p.created),
          },
        ],
        qosClass: 'Burstable',
      }
    : {
        phase: 'Running',
        hostIP: nodeIp(p.nodeIndex),
        podIP: podIp(p.nodeIndex, p.j),
        startTime: start,
        conditions: [
          {
            type: 'PodScheduled',
            status: 'True',
            lastTransitionTime: iso(p.created),
          },
          { type: 'Initialized', status: 'True', lastTransitionTime: start },
          {
            type: 'ContainersReady',
            status: 'True',
            lastTransitionTime: start,
          },
          { type: 'Ready', status: 'True', lastTransitionTime: start },
        ],
        containerStatuses: [
          {
            name: p.app,
            image: p.image,
            ready: true,
            started: true,
            restartCount: p.restarts,
            state: { running: { startedAt: start } },
          },
        ],
        qosClass: p.limits ? 'Burstable' : 'BestEffort',
      };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: p.uid,
      labels: { app: p.app },
      creationTimestamp: iso(p.created),
    },
    spec,
    status,
  };
}

const IMAGES: Record<string, string> = {
  'kube-proxy': 'registry.k8s.io/kube-proxy:v1.34.2',
  'amdgpu-device-plugin': 'rocm/k8s-device-plugin:1.31.0.6',
  'nvidia-dra-driver-gpu-kubelet-plugin':
    'nvcr.io/nvidia/k8s-dra-driver-gpu:v25.8.0',
  'nvidia-device-plugin-daemonset': 'nvcr.io/nvidia/k8s-device-plugin:v0.17.2',
  'gpu-feature-discovery': 'nvcr.io/nvidia/k8s-device-plugin:v0.17.2',
  'nvidia-dcgm-exporter':
    'nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.1.3-ubuntu22.04',
};

function* nodeObjects(
  r: Resolved,
  p: NodePlan,
  summary: { claims: number },
): Generator<KubeObject> {
  const node = nodeObject(r, p);
  yield node;
  const nodeUid = node.metadata.uid as string;
  if (p.dra) yield resourceSlice(r, p, nodeUid);
  const rng = rngFor(r.seed, p.index, 3);
  const nodeCreated = Date.parse(node.metadata.creationTimestamp as string);
  const gpuResource = p.sku.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu';
  const tolerations = [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ];
  let j = 0;
  for (const d of p.daemonPods) {
    yield pod(r, {
      name: d.name,
      uid: uuid(rng),
      namespace: d.namespace,
      app: d.app,
      nodeName: p.name,
      nodeIndex: p.index,
      j: j++,
      image: IMAGES[d.app] ?? 'busybox',
      requests: { cpu: '50m', memory: '64Mi' },
      created: nodeCreated + 60_000,
      restarts: 0,
      tolerations,
    });
  }
  let gpuCursor = 0;
  for (const g of p.gpuPods) {
    const name = `${g.workload}-${uniqueSuffix(p.index * r.podsPerNode + j)}`;
    const namespace = teamNamespace(g.namespaceIdx);
    const created =
      nodeCreated +
      120_000 +
      Math.floor(rng() * Math.max(1, r.refMs - nodeCreated - 120_000));
    const gpus = String(g.gpus);
    const uid = uuid(rng);
    if (p.dra) {
      const claimName = `${name}-gpu`;
      summary.claims++;
      const results = [];
      for (let k = 0; k < g.gpus; k++) {
        results.push({
          request: 'gpu',
          driver: 'gpu.nvidia.com',
          pool: p.name,
          device: `gpu-${gpuCursor + k}`,
        });
      }
      gpuCursor += g.gpus;
      const exactly = {
        deviceClassName: 'gpu.nvidia.com',
        allocationMode: 'ExactCount',
        count: g.gpus,
      };
      const request =
        r.draApi === 'resource.k8s.io/v1beta1'
          ? { name: 'gpu', ...exactly }
          : { name: 'gpu', exactly };
      yield {
        apiVersion: r.draApi!,
        kind: 'ResourceClaim',
        metadata: {
          name: claimName,
          namespace,
          creationTimestamp: iso(created),
        },
        spec: { devices: { requests: [request] } },
        status: {
          allocation: {
            devices: { results },
            nodeSelector: {
              nodeSelectorTerms: [
                {
                  matchFields: [
                    { key: 'metadata.name', operator: 'In', values: [p.name] },
                  ],
                },
              ],
            },
          },
          reservedFor: [{ resource: 'pods', name, uid }],
        },
      };
      yield pod(r, {
        name,
        uid,
        namespace,
        app: g.workload,
        nodeName: p.name,
        nodeIndex: p.index,
        j: j++,
        image: 'vllm/vllm-openai:v0.15.1',
        requests: { cpu: '8', memory: '64Gi' },
        claim: claimName,
        created,
        restarts: Math.floor(rng() * 1.2),
        tolerations,
      });
    } else {
      yield pod(r, {
        name,
        uid,
        namespace,
        app: g.workload,
        nodeName: p.name,
        nodeIndex: p.index,
        j: j++,
        image: 'vllm/vllm-openai:v0.15.1',
        requests: { cpu: '8', memory: '64Gi', [gpuResource]: gpus },
        limits: { [gpuResource]: gpus },
        created,
        restarts: Math.floor(rng() * 1.2),
        tolerations,
      });
    }
  }
  for (let c = 0; c < p.cpuPods; c++) {
    const app = CPU_APPS[Math.floor(rng() * CPU_APPS.length)];
    yield pod(r, {
      name: `${app}-${uniqueSuffix(p.index * r.podsPerNode + j)}`,
      uid: uuid(rng),
      namespace: teamNamespace(Math.floor(rng() * r.namespaces)),
      app,
      nodeName: p.name,
      nodeIndex: p.index,
      j: j++,
      image: `ghcr.io/example/${app}:1.0.0`,
      requests: { cpu: '250m', memory: '256Mi' },
      created: nodeCreated + 180_000,
      restarts: 0,
      tolerations,
    });
  }
}

/** Generates a synthetic GPU cluster. `objects` can be iterated several times (same objects each time). */
export function generateSyntheticCluster(
  options: SyntheticClusterOptions,
): SyntheticCluster {
  const r = resolve(options);
  const summary: SyntheticClusterSummary = {
    nodes: r.nodes,
    gpus: 0,
    gpusByProduct: {},
    nodesByProduct: {},
    draNodes: 0,
    resourceSlices: 0,
    resourceClaims: 0,
    pods: 0,
    gpuPods: 0,
    runningPods: 0,
    pendingPods: r.pendingPods,
    requestedGpus: 0,
    namespaces: 0,
    objects: 0,
    draApiVersion: r.draApi,
  };
  const namespaces = new Set<string>([
    'gpu-operator',
    'kube-amd-gpu',
    'nvidia-dra-driver-gpu',
  ]);
  for (let i = 0; i < r.nodes; i++) {
    const p = planNode(r, i);
    summary.gpus += r.gpusPerNode;
    summary.gpusByProduct[p.sku.product] =
      (summary.gpusByProduct[p.sku.product] ?? 0) + r.gpusPerNode;
    summary.nodesByProduct[p.sku.product] =
      (summary.nodesByProduct[p.sku.product] ?? 0) + 1;
    if (p.dra) {
      summary.draNodes++;
      summary.resourceClaims += p.gpuPods.length;
    }
    summary.runningPods += p.daemonPods.length + p.gpuPods.length + p.cpuPods;
    summary.gpuPods += p.gpuPods.length;
    summary.requestedGpus += p.gpuPods.reduce((s, g) => s + g.gpus, 0);
  }
  for (let n = 0; n < r.namespaces; n++) namespaces.add(teamNamespace(n));
  summary.resourceSlices = summary.draNodes;
  summary.gpuPods += r.pendingPods;
  summary.pods = summary.runningPods + r.pendingPods;
  summary.namespaces = namespaces.size;
  summary.objects =
    namespaces.size +
    (summary.draNodes > 0 ? 1 : 0) +
    r.nodes +
    summary.resourceSlices +
    summary.resourceClaims +
    summary.pods;

  const objects: Iterable<KubeObject> = {
    *[Symbol.iterator]() {
      for (const ns of namespaces) {
        yield {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: ns,
            labels: { 'kubernetes.io/metadata.name': ns },
            creationTimestamp: iso(r.refMs - 120 * 86400_000),
          },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        };
      }
      if (summary.draNodes > 0) yield deviceClass(r);
      const counter = { claims: 0 };
      for (let i = 0; i < r.nodes; i++) {
        yield* nodeObjects(r, planNode(r, i), counter);
      }
      const rng = rngFor(r.seed, r.nodes, 4);
      for (let k = 0; k < r.pendingPods; k++) {
        const sku = GPU_SKUS[k % GPU_SKUS.length];
        const gpuResource =
          sku.vendor === 'amd' ? 'amd.com/gpu' : 'nvidia.com/gpu';
        const gpus = String(r.gpusPerNode);
        yield pod(r, {
          name: `train-pending-${uniqueSuffix(k)}`,
          uid: uuid(rng),
          namespace: teamNamespace(k % r.namespaces),
          app: 'train-pending',
          nodeIndex: 0,
          j: k,
          image: 'nvcr.io/nvidia/pytorch:25.01-py3',
          requests: { cpu: '32', memory: '512Gi', [gpuResource]: gpus },
          limits: { [gpuResource]: gpus },
          created: r.refMs - 600_000,
          pending: true,
          restarts: 0,
          nodeSelector:
            sku.vendor === 'amd'
              ? { 'amd.com/gpu.product-name': sku.product }
              : { 'nvidia.com/gpu.product': sku.product },
        });
      }
    },
  };
  return {
    name: r.name,
    objects,
    version: {
      major: '1',
      minor: String(r.minor),
      gitVersion: `v1.${r.minor}.2`,
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
      gitTreeState: 'clean',
      buildDate: '2025-11-11T00:00:00Z',
      goVersion: 'go1.24.9',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    summary,
  };
}
