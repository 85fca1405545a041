/**
 * Realistic Kubernetes objects for tests, shaped after what GPU Operator,
 * the NVIDIA DRA driver, GAIE, KServe, kagent, Kueue and friends write
 * (as their upstream docs and CRDs show them).
 */

type Obj = Record<string, any>;

export function crd(
  group: string,
  kind: string,
  plural: string,
  versions: string[],
  scope: 'Namespaced' | 'Cluster' = 'Namespaced',
): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: {
        kind,
        plural,
        singular: kind.toLowerCase(),
        listKind: `${kind}List`,
      },
      scope,
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      })),
    },
    status: {
      conditions: [
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ],
    },
  };
}

export function h100Node(
  name: string,
  options: { ready?: boolean; gpus?: number } = {},
): Obj {
  const gpus = String(options.gpus ?? 8);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: '2026-01-10T08:00:00Z',
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'p5.48xlarge',
        'topology.kubernetes.io/zone': 'us-east-1a',
        'feature.node.kubernetes.io/pci-10de.present': 'true',
        'feature.node.kubernetes.io/cpu-cpuid.AVX512F': 'true',
        'feature.node.kubernetes.io/kernel-config.NO_HZ': 'true',
        'feature.node.kubernetes.io/kernel-version.full': '6.8.0-1024-aws',
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
        'nvidia.com/gpu.memory': '81559',
        'nvidia.com/gpu.count': gpus,
        'nvidia.com/gpu.family': 'hopper',
        'nvidia.com/cuda.driver-version.full': '570.133.20',
        'nvidia.com/mig.strategy': 'single',
      },
    },
    spec: {
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    },
    status: {
      capacity: {
        cpu: '192',
        memory: '2097152000Ki',
        'nvidia.com/gpu': gpus,
        pods: '110',
      },
      allocatable: {
        cpu: '191450m',
        memory: '2085000000Ki',
        'nvidia.com/gpu': gpus,
        pods: '110',
      },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
        },
        options.ready === false
          ? {
              type: 'Ready',
              status: 'Unknown',
              reason: 'NodeStatusUnknown',
              message: 'Kubelet stopped posting node status.',
            }
          : {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
      ],
      nodeInfo: {
        architecture: 'amd64',
        kubeletVersion: 'v1.34.1',
        containerRuntimeVersion: 'containerd://2.0.5',
        osImage: 'Ubuntu 22.04.5 LTS',
        kernelVersion: '6.8.0-1024-aws',
        machineID: 'ec2d3f0e5b8b4c1a9d3c2b1a00000000',
      },
    },
  };
}

export function cpuNode(name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'node.kubernetes.io/instance-type': 'm7i.4xlarge',
      },
    },
    spec: {},
    status: {
      capacity: { cpu: '16', memory: '65536000Ki', pods: '110' },
      allocatable: { cpu: '15890m', memory: '64000000Ki', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      nodeInfo: { kubeletVersion: 'v1.34.1', architecture: 'amd64' },
    },
  };
}

export function gpuPod(
  name: string,
  namespace: string,
  nodeName: string | undefined,
  gpus: number,
  extra: Obj = {},
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: extra.labels ?? {
        app: 'vllm-qwen3-32b',
        'pod-template-hash': '7c9d8f6b5',
        'inference.networking.k8s.io/engine-type': 'vllm',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'vllm-qwen3-32b-7c9d8f6b5',
          controller: true,
          uid: 'u1',
        },
      ],
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      schedulerName: 'default-scheduler',
      containers: [
        {
          name: 'vllm',
          image: 'vllm/vllm-openai:v0.15.1',
          args: ['--model', 'Qwen/Qwen3-32B'],
          env: [
            {
              name: 'HUGGING_FACE_HUB_TOKEN',
              valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } },
            },
          ],
          resources: {
            limits: { 'nvidia.com/gpu': String(gpus) },
            requests: { cpu: '4', memory: '32Gi' },
          },
        },
      ],
      ...extra.spec,
    },
    status: {
      phase: nodeName ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: nodeName ? 'True' : 'False' }],
      ...extra.status,
    },
  };
}

export function plainPod(
  name: string,
  namespace: string,
  nodeName: string,
  spec: Obj = {},
  phase = 'Running',
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      nodeName,
      containers: [
        {
          name: 'main',
          image: 'busybox:1.36',
          resources: { requests: { cpu: '100m' } },
        },
      ],
      ...spec,
    },
    status: { phase },
  };
}

export const draDeviceClass: Obj = {
  apiVersion: 'resource.k8s.io/v1',
  kind: 'DeviceClass',
  metadata: { name: 'gpu.nvidia.com' },
  spec: {
    selectors: [
      {
        cel: {
          expression:
            "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
        },
      },
    ],
    extendedResourceName: 'nvidia.com/gpu',
  },
};

export function draSlice(
  nodeName: string,
  devices = 2,
  apiVersion = 'resource.k8s.io/v1',
): Obj {
  const device = (i: number) => {
    const body = {
      attributes: {
        type: { string: 'gpu' },
        uuid: { string: `GPU-4d5f0c1a-8e3b-2c7d-9f61-0a1b2c3d4e5${i}` },
        productName: { string: 'NVIDIA H100 80GB HBM3' },
        cudaComputeCapability: { version: '9.0.0' },
        driverVersion: { version: '570.133.20' },
        'resource.kubernetes.io/pcieRoot': { string: 'pci0000:15' },
        index: { int: i },
      },
      capacity: { memory: { value: '81559Mi' } },
    };
    return apiVersion.endsWith('v1beta1')
      ? { name: `gpu-${i}`, basic: body }
      : { name: `gpu-${i}`, ...body };
  };
  return {
    apiVersion,
    kind: 'ResourceSlice',
    metadata: {
      name: `${nodeName}-gpu.nvidia.com-x7k2p`,
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: nodeName, uid: 'n1' },
      ],
    },
    spec: {
      driver: 'gpu.nvidia.com',
      nodeName,
      pool: { name: nodeName, generation: 1, resourceSliceCount: 1 },
      devices: Array.from({ length: devices }, (_, i) => device(i)),
    },
  };
}

export function draClaim(
  name: string,
  namespace: string,
  nodeName: string,
  device = 'gpu-0',
): Obj {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaim',
    metadata: { name, namespace },
    spec: {
      devices: {
        requests: [
          { name: 'gpu', exactly: { deviceClassName: 'gpu.nvidia.com' } },
        ],
      },
    },
    status: {
      allocation: {
        devices: {
          results: [
            {
              request: 'gpu',
              driver: 'gpu.nvidia.com',
              pool: nodeName,
              device,
            },
          ],
        },
        nodeSelector: {
          nodeSelectorTerms: [
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: [nodeName] },
              ],
            },
          ],
        },
      },
      reservedFor: [{ resource: 'pods', name: `${name}-pod`, uid: 'p1' }],
    },
  };
}

export const vllmDeployment: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'vllm-qwen3-32b',
    namespace: 'llm',
    labels: { app: 'vllm-qwen3-32b' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'vllm-qwen3-32b' } },
    template: {
      metadata: {
        labels: {
          app: 'vllm-qwen3-32b',
          'inference.networking.k8s.io/engine-type': 'vllm',
        },
      },
      spec: {
        containers: [
          {
            name: 'vllm',
            image: 'vllm/vllm-openai:v0.15.1',
            command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
            args: [
              '--model',
              'Qwen/Qwen3-32B',
              '--tensor-parallel-size',
              '1',
              '--port',
              '8000',
            ],
            env: [
              {
                name: 'HUGGING_FACE_HUB_TOKEN',
                valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } },
              },
              {
                name: 'VLLM_ADDITIONAL_ARGS',
                value: '--enable-auto-tool-choice',
              },
              { name: 'HF_TOKEN', value: 'hf_literal_should_never_be_kept' },
              { name: 'LOG_LEVEL', value: 'debug' },
            ],
            ports: [{ containerPort: 8000, name: 'http' }],
            resources: {
              limits: { 'nvidia.com/gpu': 1 },
              requests: { 'nvidia.com/gpu': 1 },
            },
          },
        ],
      },
    },
  },
  status: { replicas: 3, readyReplicas: 2, availableReplicas: 2 },
};

export const webDeployment: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'MODEL_X', value: 'y' }],
          },
        ],
      },
    },
  },
  status: { readyReplicas: 2, availableReplicas: 2 },
};

export const devicePluginDaemonSet: Obj = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'nvidia-device-plugin-daemonset',
    namespace: 'gpu-operator',
    labels: { app: 'nvidia-device-plugin-daemonset' },
  },
  spec: {
    selector: { matchLabels: { name: 'nvidia-device-plugin-ds' } },
    template: {
      metadata: { labels: { name: 'nvidia-device-plugin-ds' } },
      spec: {
        containers: [
          {
            name: 'nvidia-device-plugin',
            image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.1',
          },
        ],
      },
    },
  },
  status: { desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2 },
};

export const inferencePoolV1: Obj = {
  apiVersion: 'inference.networking.k8s.io/v1',
  kind: 'InferencePool',
  metadata: { name: 'vllm-qwen3-32b', namespace: 'llm' },
  spec: {
    selector: { matchLabels: { app: 'vllm-qwen3-32b' } },
    targetPorts: [{ number: 8000 }],
    endpointPickerRef: {
      name: 'vllm-qwen3-32b-epp',
      port: { number: 9002 },
      failureMode: 'FailOpen',
    },
  },
  status: {
    parents: [
      {
        parentRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'inference-gateway',
        },
        conditions: [
          { type: 'Accepted', status: 'True' },
          { type: 'ResolvedRefs', status: 'True' },
        ],
      },
    ],
  },
};

export const gatewayClass: Obj = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name: 'istio' },
  spec: { controllerName: 'istio.io/gateway-controller' },
  status: {
    conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }],
  },
};

export const gateway: Obj = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'inference-gateway', namespace: 'llm' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  },
  status: {
    conditions: [
      { type: 'Accepted', status: 'True' },
      { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned' },
    ],
  },
};

export const httpRoute: Obj = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'llm-route', namespace: 'llm' },
  spec: {
    parentRefs: [{ name: 'inference-gateway' }],
    rules: [
      {
        matches: [
          {
            path: { type: 'PathPrefix', value: '/' },
            headers: [{ name: 'x-model', value: 'qwen' }],
          },
        ],
        backendRefs: [
          {
            group: 'inference.networking.k8s.io',
            kind: 'InferencePool',
            name: 'vllm-qwen3-32b',
            weight: 90,
          },
          {
            group: 'inference.networking.k8s.io',
            kind: 'InferencePool',
            name: 'vllm-qwen3-32b-canary',
            weight: 10,
          },
        ],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: { name: 'inference-gateway' },
        controllerName: 'istio.io/gateway-controller',
        conditions: [{ type: 'Accepted', status: 'True' }],
      },
    ],
  },
};

export const inferenceService: Obj = {
  apiVersion: 'serving.kserve.io/v1beta1',
  kind: 'InferenceService',
  metadata: {
    name: 'huggingface-llama2',
    namespace: 'kserve-demo',
    annotations: { 'serving.kserve.io/deploymentMode': 'Standard' },
  },
  spec: {
    predictor: {
      model: {
        modelFormat: { name: 'huggingface' },
        runtime: 'kserve-huggingfaceserver',
        args: ['--model_name=llama2', '--model_dir=/mnt/models'],
        storageUri: 'hf://meta-llama/Llama-2-7b-chat-hf',
        resources: {
          limits: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
          requests: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' },
        },
      },
    },
  },
  status: {
    url: 'http://huggingface-llama2.kserve-demo.example.com',
    conditions: [
      { type: 'PredictorReady', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
  },
};

export const llmInferenceService: Obj = {
  apiVersion: 'serving.kserve.io/v1alpha2',
  kind: 'LLMInferenceService',
  metadata: { name: 'qwen3-coder', namespace: 'kserve-demo' },
  spec: {
    model: {
      uri: 'hf://Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      name: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
    },
    replicas: 2,
    router: { route: {}, scheduler: {} },
    template: {
      containers: [
        {
          name: 'main',
          image: 'ghcr.io/llm-d/llm-d-cuda:v0.9.0',
          resources: { limits: { 'nvidia.com/gpu': '2' } },
        },
      ],
    },
    prefill: {
      replicas: 1,
      template: {
        containers: [
          { name: 'main', image: 'ghcr.io/llm-d/llm-d-cuda:v0.9.0' },
        ],
      },
    },
  },
  status: {
    url: 'http://qwen3-coder.kserve-demo.svc',
    conditions: [
      { type: 'Ready', status: 'False', reason: 'MinimumReplicasUnavailable' },
    ],
  },
};

export const clusterServingRuntime: Obj = {
  apiVersion: 'serving.kserve.io/v1alpha1',
  kind: 'ClusterServingRuntime',
  metadata: {
    name: 'kserve-huggingfaceserver',
    annotations: { 'serving.kserve.io/server-type': 'huggingfaceserver' },
  },
  spec: {
    supportedModelFormats: [
      { name: 'huggingface', version: '1', autoSelect: true, priority: 1 },
    ],
    protocolVersions: ['v2', 'v1'],
    containers: [
      {
        name: 'kserve-container',
        image: 'kserve/huggingfaceserver:v0.15.0',
        args: ['--model_name={{.Name}}'],
      },
    ],
  },
};

export const kagentAgent: Obj = {
  apiVersion: 'kagent.dev/v1alpha2',
  kind: 'Agent',
  metadata: {
    name: 'k8s-agent',
    namespace: 'kagent',
    labels: { team: 'platform' },
  },
  spec: {
    type: 'Declarative',
    description: 'An Kubernetes Expert AI Agent',
    declarative: {
      runtime: 'python',
      systemMessage: 'You are KubeAssist',
      modelConfig: 'default-model-config',
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
        { type: 'Agent', agent: { name: 'helm-agent', namespace: 'kagent' } },
      ],
      a2aConfig: {
        skills: [
          {
            id: 'cluster-diagnostics',
            name: 'Cluster Diagnostics',
            description: 'Diagnose',
            tags: ['cluster'],
          },
        ],
      },
    },
  },
  status: {
    observedGeneration: 1,
    conditions: [
      { type: 'Accepted', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
  },
};

export const kagentModelConfig: Obj = {
  apiVersion: 'kagent.dev/v1alpha2',
  kind: 'ModelConfig',
  metadata: { name: 'default-model-config', namespace: 'kagent' },
  spec: {
    provider: 'OpenAI',
    model: 'gpt-4.1-mini',
    apiKeySecret: 'kagent-openai',
    apiKeySecretKey: 'OPENAI_API_KEY',
    openAI: { baseUrl: 'http://vllm.llm.svc:8000/v1' },
  },
  status: { conditions: [{ type: 'Accepted', status: 'True' }] },
};

export const kagentRemoteMcpServer: Obj = {
  apiVersion: 'kagent.dev/v1alpha2',
  kind: 'RemoteMCPServer',
  metadata: { name: 'kagent-tool-server', namespace: 'kagent' },
  spec: {
    description: 'Kubernetes tools',
    protocol: 'STREAMABLE_HTTP',
    url: 'http://kagent-tools.kagent:8084/mcp',
    timeout: '30s',
  },
  status: {
    discoveredTools: [
      { name: 'k8s_get_resources', description: 'Get' },
      { name: 'k8s_get_pod_logs' },
    ],
    conditions: [{ type: 'Accepted', status: 'True' }],
  },
};

export const kueueObjects: Obj[] = [
  {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'ResourceFlavor',
    metadata: { name: 'h100' },
    spec: { nodeLabels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } },
  },
  {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'ClusterQueue',
    metadata: { name: 'cluster-queue' },
    spec: {
      namespaceSelector: {},
      cohortName: 'research',
      resourceGroups: [
        {
          coveredResources: ['cpu', 'nvidia.com/gpu'],
          flavors: [
            {
              name: 'h100',
              resources: [
                { name: 'nvidia.com/gpu', nominalQuota: 64 },
                { name: 'cpu', nominalQuota: 9 },
              ],
            },
          ],
        },
      ],
    },
    status: {
      pendingWorkloads: 3,
      admittedWorkloads: 2,
      conditions: [{ type: 'Active', status: 'True', reason: 'Ready' }],
    },
  },
  {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'LocalQueue',
    metadata: { name: 'user-queue', namespace: 'team-a' },
    spec: { clusterQueue: 'cluster-queue' },
  },
  {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'Workload',
    metadata: { name: 'job-train-1', namespace: 'team-a' },
    spec: { queueName: 'user-queue', podSets: [{ name: 'main', count: 8 }] },
    status: {
      conditions: [
        { type: 'QuotaReserved', status: 'True' },
        { type: 'Admitted', status: 'True' },
      ],
    },
  },
  {
    apiVersion: 'kueue.x-k8s.io/v1beta2',
    kind: 'Workload',
    metadata: { name: 'job-train-2', namespace: 'team-a' },
    spec: { queueName: 'user-queue', podSets: [{ name: 'main', count: 8 }] },
    status: {
      conditions: [
        { type: 'QuotaReserved', status: 'False', reason: 'Pending' },
      ],
    },
  },
];

export const autoscalerStatusConfigMap: Obj = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cluster-autoscaler-status', namespace: 'kube-system' },
  data: {
    status: [
      'time: 2026-11-20 10:00:00.000000000 +0000 UTC',
      'autoscalerStatus: Running',
      'clusterWide:',
      '  health:',
      '    status: Healthy',
      '    nodeCounts:',
      '      registered: {total: 5, ready: 5, notStarted: 0}',
      'nodeGroups:',
      '- name: gpu-h100',
      '  health:',
      '    status: Healthy',
      '    nodeCounts:',
      '      registered: {total: 2, ready: 2}',
      '    cloudProviderTarget: 2',
      '    minSize: 0',
      '    maxSize: 16',
    ].join('\n'),
  },
};

export const miscObjects: Obj[] = [
  {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: { name: 'nvidia' },
    handler: 'nvidia',
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'vllm', namespace: 'llm' },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'vllm-qwen3-32b',
      },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Pods',
          pods: {
            metric: { name: 'vllm:num_requests_waiting' },
            target: { type: 'AverageValue', averageValue: '5' },
          },
        },
      ],
    },
    status: { conditions: [{ type: 'ScalingActive', status: 'True' }] },
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'kueue-validating-webhook-configuration' },
    webhooks: [
      {
        name: 'vclusterqueue.kb.io',
        clientConfig: {
          service: {
            namespace: 'kueue-system',
            name: 'kueue-webhook-service',
            path: '/validate',
          },
          caBundle: 'LS0tLS1CRUdJTi==',
        },
        rules: [
          {
            apiGroups: ['kueue.x-k8s.io'],
            apiVersions: ['v1beta2'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['clusterqueues'],
          },
        ],
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
      },
    ],
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'nvidia-dcgm-exporter', namespace: 'gpu-operator' },
    spec: {
      selector: { matchLabels: { app: 'nvidia-dcgm-exporter' } },
      endpoints: [{ port: 'gpu-metrics' }],
    },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Prometheus',
    metadata: { name: 'k8s', namespace: 'monitoring' },
    spec: { replicas: 2 },
    status: {
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Reconciled', status: 'True' },
      ],
    },
  },
  {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'gpu' },
    spec: {
      template: {
        spec: {
          requirements: [
            {
              key: 'karpenter.k8s.aws/instance-family',
              operator: 'In',
              values: ['p5', 'p4d'],
            },
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['on-demand'],
            },
          ],
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
        },
      },
      limits: { 'nvidia.com/gpu': 64, cpu: '1000' },
    },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  },
  {
    apiVersion: 'ray.io/v1',
    kind: 'RayCluster',
    metadata: { name: 'raycluster-kuberay', namespace: 'ray' },
    spec: { headGroupSpec: {} },
    status: {
      state: 'ready',
      conditions: [
        {
          type: 'RayClusterProvisioned',
          status: 'True',
          reason: 'AllPodRunningAndReadyFirstTime',
        },
      ],
    },
  },
];

/** CRDs for every custom kind above. */
export const aiCrds: Obj[] = [
  crd('inference.networking.k8s.io', 'InferencePool', 'inferencepools', ['v1']),
  crd(
    'gateway.networking.k8s.io',
    'GatewayClass',
    'gatewayclasses',
    ['v1', 'v1beta1'],
    'Cluster',
  ),
  crd('gateway.networking.k8s.io', 'Gateway', 'gateways', ['v1', 'v1beta1']),
  crd('gateway.networking.k8s.io', 'HTTPRoute', 'httproutes', [
    'v1',
    'v1beta1',
  ]),
  crd('serving.kserve.io', 'InferenceService', 'inferenceservices', [
    'v1beta1',
  ]),
  crd('serving.kserve.io', 'LLMInferenceService', 'llminferenceservices', [
    'v1alpha2',
    'v1alpha1',
  ]),
  crd('serving.kserve.io', 'ServingRuntime', 'servingruntimes', ['v1alpha1']),
  crd(
    'serving.kserve.io',
    'ClusterServingRuntime',
    'clusterservingruntimes',
    ['v1alpha1'],
    'Cluster',
  ),
  crd('kagent.dev', 'Agent', 'agents', ['v1alpha2']),
  crd('kagent.dev', 'ModelConfig', 'modelconfigs', ['v1alpha2']),
  crd('kagent.dev', 'RemoteMCPServer', 'remotemcpservers', ['v1alpha2']),
  crd(
    'kueue.x-k8s.io',
    'ClusterQueue',
    'clusterqueues',
    ['v1beta2', 'v1beta1'],
    'Cluster',
  ),
  crd('kueue.x-k8s.io', 'LocalQueue', 'localqueues', ['v1beta2', 'v1beta1']),
  crd(
    'kueue.x-k8s.io',
    'ResourceFlavor',
    'resourceflavors',
    ['v1beta2', 'v1beta1'],
    'Cluster',
  ),
  crd('kueue.x-k8s.io', 'Workload', 'workloads', ['v1beta2', 'v1beta1']),
  crd('monitoring.coreos.com', 'ServiceMonitor', 'servicemonitors', ['v1']),
  crd('monitoring.coreos.com', 'Prometheus', 'prometheuses', ['v1']),
  crd('karpenter.sh', 'NodePool', 'nodepools', ['v1'], 'Cluster'),
  crd('ray.io', 'RayCluster', 'rayclusters', ['v1']),
];

/** A small but complete AI cluster: 2 H100 nodes (one through DRA), 1 CPU node, serving, agents, queues. */
export function richCluster(): Obj[] {
  return [
    ...aiCrds,
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'llm',
        labels: {
          'pod-security.kubernetes.io/enforce': 'baseline',
          team: 'ml',
        },
      },
    },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
    h100Node('gpu-h100-01'),
    h100Node('gpu-h100-02', { gpus: 0 }),
    cpuNode('cpu-01'),
    gpuPod('vllm-qwen3-32b-7c9d8f6b5-abcde', 'llm', 'gpu-h100-01', 1),
    gpuPod('train-pending', 'team-a', undefined, 8, {
      labels: {
        'job-name': 'train',
        'kueue.x-k8s.io/queue-name': 'user-queue',
      },
    }),
    plainPod('dcgm-exporter-x1', 'gpu-operator', 'gpu-h100-01', {
      containers: [
        {
          name: 'dcgm',
          image: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3',
          securityContext: { privileged: true },
        },
      ],
    }),
    plainPod('cni-privileged', 'kube-system', 'cpu-01', {
      containers: [
        {
          name: 'cni',
          image: 'calico/node:v3.29',
          securityContext: { privileged: true },
        },
      ],
    }),
    plainPod('sneaky', 'team-b', 'gpu-h100-01', {
      containers: [
        {
          name: 'c',
          image: 'cuda:12',
          env: [{ name: 'NVIDIA_VISIBLE_DEVICES', value: 'all' }],
        },
      ],
      volumes: [{ name: 'dev', hostPath: { path: '/dev' } }],
    }),
    plainPod('done-job', 'batch', 'cpu-01', {}, 'Succeeded'),
    draDeviceClass,
    draSlice('gpu-h100-02', 2),
    draClaim('train-claim', 'team-a', 'gpu-h100-02'),
    vllmDeployment,
    webDeployment,
    devicePluginDaemonSet,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'vllm', namespace: 'llm', labels: { app: 'vllm' } },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'vllm-qwen3-32b' },
        ports: [{ name: 'http', port: 8000 }],
      },
    },
    autoscalerStatusConfigMap,
    gatewayClass,
    gateway,
    httpRoute,
    inferencePoolV1,
    inferenceService,
    llmInferenceService,
    clusterServingRuntime,
    kagentAgent,
    kagentModelConfig,
    kagentRemoteMcpServer,
    ...kueueObjects,
    ...miscObjects,
  ];
}
