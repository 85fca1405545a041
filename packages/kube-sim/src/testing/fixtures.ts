/**
 * Small inline objects for tests (never the demo folders, which change independently).
 */
import type { KubeObject } from '../types';

export function node(
  name: string,
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: { kubeletVersion: 'v1.34.2' },
    },
    ...extra,
  };
}

export function gpuNode(
  name: string,
  product = 'NVIDIA-H100-80GB-HBM3',
  count = 8,
): KubeObject {
  return node(
    name,
    {
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': product,
      'nvidia.com/gpu.count': String(count),
    },
    {
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        allocatable: { cpu: '96', 'nvidia.com/gpu': String(count) },
        nodeInfo: { kubeletVersion: 'v1.34.2' },
      },
    },
  );
}

export function pod(
  name: string,
  namespace: string,
  opts: {
    nodeName?: string;
    phase?: string;
    labels?: Record<string, string>;
    gpus?: number;
    schedulerName?: string;
  } = {},
): KubeObject {
  const spec: Record<string, unknown> = {
    containers: [
      {
        name: 'main',
        image: 'busybox',
        resources: opts.gpus
          ? { limits: { 'nvidia.com/gpu': String(opts.gpus) } }
          : {},
      },
    ],
    schedulerName: opts.schedulerName ?? 'default-scheduler',
  };
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: opts.labels ?? {} },
    spec,
    status: {
      phase: opts.phase ?? 'Running',
      containerStatuses: [
        { name: 'main', ready: opts.phase !== 'Pending', restartCount: 0 },
      ],
    },
  };
}

export const inferencePoolCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'inferencepools.inference.networking.k8s.io' },
  spec: {
    group: 'inference.networking.k8s.io',
    scope: 'Namespaced',
    names: {
      plural: 'inferencepools',
      singular: 'inferencepool',
      kind: 'InferencePool',
      listKind: 'InferencePoolList',
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: [
          {
            name: 'Port',
            type: 'integer',
            jsonPath: '.spec.targetPorts[0].number',
          },
        ],
      },
      { name: 'v1alpha2', served: true, storage: false },
    ],
  },
};

export function inferencePool(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'inference.networking.k8s.io/v1',
    kind: 'InferencePool',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      targetPorts: [{ number: 8000 }],
    },
  };
}

export const clusterQueueCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'clusterqueues.kueue.x-k8s.io' },
  spec: {
    group: 'kueue.x-k8s.io',
    scope: 'Cluster',
    names: {
      plural: 'clusterqueues',
      singular: 'clusterqueue',
      kind: 'ClusterQueue',
      shortNames: ['cq'],
    },
    versions: [
      { name: 'v1beta1', served: true, storage: false },
      { name: 'v1beta2', served: true, storage: true },
    ],
  },
};

export function resourceSlice(
  nodeName: string,
  apiVersion = 'resource.k8s.io/v1',
): KubeObject {
  return {
    apiVersion,
    kind: 'ResourceSlice',
    metadata: { name: `${nodeName}-gpu.nvidia.com` },
    spec: {
      driver: 'gpu.nvidia.com',
      nodeName,
      pool: { name: nodeName, generation: 1, resourceSliceCount: 1 },
      devices: [
        {
          name: 'gpu-0',
          attributes: { type: { string: 'gpu' } },
          capacity: { memory: { value: '80Gi' } },
        },
      ],
    },
  };
}

export const customMetricsApiService: KubeObject = {
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1beta1.custom.metrics.k8s.io' },
  spec: {
    group: 'custom.metrics.k8s.io',
    version: 'v1beta1',
    service: { name: 'prometheus-adapter', namespace: 'monitoring' },
  },
};

/** A small GPU cluster used by most HTTP tests. */
export function smallCluster(): KubeObject[] {
  return [
    gpuNode('gpu-1'),
    gpuNode('gpu-2', 'NVIDIA-A100-SXM4-80GB'),
    node(
      'cpu-1',
      { 'node-role.kubernetes.io/worker': '' },
      { spec: { unschedulable: true } },
    ),
    pod('train-0', 'ml', {
      nodeName: 'gpu-1',
      labels: { app: 'train', tier: 'gpu' },
      gpus: 8,
    }),
    pod('serve-0', 'ml', {
      nodeName: 'gpu-2',
      labels: { app: 'serve', tier: 'gpu' },
      gpus: 1,
    }),
    pod('pending-0', 'ml', {
      phase: 'Pending',
      labels: { app: 'train' },
      gpus: 8,
    }),
    pod('proxy-0', 'kube-system', {
      nodeName: 'cpu-1',
      labels: { app: 'proxy' },
      schedulerName: 'custom',
    }),
    inferencePoolCrd,
    inferencePool('qwen', 'ml'),
    resourceSlice('gpu-1'),
  ];
}
