import { InputError } from '@backstage/errors';
import {
  Checklist,
  ChecklistRequirement,
  ChecklistVersion,
  RequirementLevel,
} from './types';

/**
 * The CNCF Kubernetes AI Conformance checklists as data: one entry per
 * requirement id with its level in each checklist version.
 *
 * Facts (ids, levels per version, KAR numbers, official tests) follow
 * cncf/k8s-ai-conformance `docs/AIConformance-1.3x.yaml` (main @ b2c8969;
 * 1.37 draft @ 287b44f) and kubernetes-sigs/ai-conformance `kars/` (@ af907ca).
 * Descriptions are our own words, not the program's text.
 */

const PROGRAM_REPO = 'https://github.com/cncf/k8s-ai-conformance';
const KAR_REPO = 'https://github.com/kubernetes-sigs/ai-conformance';
/** The 1.37 checklist was not on main when this data was written. */
const DRAFT_137_COMMIT = '287b44f07bb56bc916f6e2191359d44408a65a84';

/** Versions we ship, oldest first. @public */
export const checklistVersions: readonly ChecklistVersion[] = [
  '1.33',
  '1.34',
  '1.35',
  '1.36',
  '1.37',
];

const checklistStatuses: Record<ChecklistVersion, 'final' | 'draft'> = {
  '1.33': 'final',
  '1.34': 'final',
  '1.35': 'final',
  '1.36': 'final',
  '1.37': 'draft',
};

/** The newest checklist the program has frozen. @public */
export const latestFinalChecklistVersion: ChecklistVersion = '1.36';

/** The newest checklist we ship, final or draft. @public */
export const latestChecklistVersion: ChecklistVersion = '1.37';

/** The program's checklist file of one version, as a GitHub URL. @public */
export function checklistSourceUrl(version: ChecklistVersion): string {
  const ref = version === '1.37' ? DRAFT_137_COMMIT : 'main';
  return `${PROGRAM_REPO}/blob/${ref}/docs/AIConformance-${version}.yaml`;
}

function karFolderUrl(folder: string): string {
  return `${KAR_REPO}/tree/main/kars/${folder}`;
}

/** Program checklist file links for every version the requirement is in. */
function checklistSources(
  levels: Partial<Record<ChecklistVersion, RequirementLevel>>,
): { title: string; url: string }[] {
  return checklistVersions
    .filter(v => levels[v])
    .map(v => ({
      title: `AIConformance-${v}.yaml (cncf/k8s-ai-conformance${
        checklistStatuses[v] === 'draft' ? ', draft' : ''
      })`,
      url: checklistSourceUrl(v),
    }));
}

function requirement(
  r: Omit<ChecklistRequirement, 'sources'> & {
    karFolder?: string;
    extraSources?: { title: string; url: string }[];
  },
): ChecklistRequirement {
  const { karFolder, extraSources, ...rest } = r;
  return {
    ...rest,
    sources: [
      ...checklistSources(r.levels),
      ...(karFolder && r.kar
        ? [
            {
              title: `${r.kar} (kubernetes-sigs/ai-conformance)`,
              url: karFolderUrl(karFolder),
            },
          ]
        : []),
      ...(extraSources ?? []),
    ],
  };
}

const ACCELERATORS_CONDITION =
  'The cluster has accelerators (GPU, TPU or similar) exposed to workloads.';

/**
 * Every requirement of every version, in the program's category order.
 *
 * @public
 */
export const conformanceRequirements: readonly ChecklistRequirement[] = [
  // ------------------------------------------------------------ accelerators
  requirement({
    id: 'dra_support',
    kar: 'KAR-0051',
    karFolder: '0051-accelerator-resource-exposure-allocation',
    category: 'accelerators',
    title: 'Dynamic Resource Allocation (DRA)',
    description:
      'Workloads can ask for accelerators through the Dynamic Resource Allocation APIs (device classes, resource claims and claim templates, resource slices), which allow finer requests than a plain device count.',
    levels: { '1.33': 'SHOULD', '1.34': 'MUST', '1.35': 'MUST' },
    readOnlyLimit:
      'Read-only checks see the API served and the devices drivers publish; they do not create claims. From 1.36 the requirement is dropped because upstream Kubernetes conformance covers the DRA CRUD tests.',
    officialTest:
      'Upstream Kubernetes conformance: [sig-node] [DRA] CRUD tests for resource.k8s.io/v1',
    signals: [
      {
        strength: 'strong',
        description:
          'Discovery serves resource.k8s.io/v1 with deviceclasses, resourceclaims, resourceclaimtemplates and resourceslices (the kOps check `kubectl api-resources --api-group=resource.k8s.io`).',
      },
      {
        strength: 'strong',
        description:
          'At least one DeviceClass and a complete ResourceSlice pool of its driver (slice count equals spec.pool.resourceSliceCount at the newest generation) with devices on a Ready, schedulable node; NVIDIA classes gpu.nvidia.com, mig.nvidia.com, vfio.gpu.nvidia.com.',
      },
      {
        strength: 'medium',
        description:
          'Only resource.k8s.io/v1beta1 or v1beta2 served (DRA at beta).',
      },
    ],
  }),
  requirement({
    id: 'driver_runtime_management',
    kar: 'KAR-0001',
    karFolder: '0001-accelerator-driver-runtime-management',
    category: 'accelerators',
    title: 'Accelerator driver and runtime management',
    description:
      'The platform installs and keeps compatible accelerator drivers and container runtime settings on accelerator nodes, in a way that can be verified, preferably by publishing driver and runtime versions as DRA device attributes.',
    levels: { '1.35': 'SHOULD', '1.36': 'SHOULD', '1.37': 'SHOULD' },
    condition: ACCELERATORS_CONDITION,
    readOnlyLimit:
      'Advertised versions can be read; that they match what a GPU pod actually sees (and that NVML works) needs a probe pod.',
    officialTest: 'TestAcceleratorDriverRuntimeManagement',
    signals: [
      {
        strength: 'strong',
        description:
          'ResourceSlice device attributes driverVersion and cudaDriverVersion (with productName, architecture, cudaComputeCapability, uuid) published by a DRA driver.',
      },
      {
        strength: 'medium',
        description:
          'GPU Feature Discovery labels nvidia.com/cuda.driver-version.full and nvidia.com/cuda.runtime-version.full; node containerRuntimeVersion; RuntimeClass nvidia.',
      },
      {
        strength: 'hint',
        description:
          'Healthy GPU Operator DaemonSets in gpu-operator: nvidia-driver-daemonset, nvidia-container-toolkit-daemonset, nvidia-operator-validator, gpu-feature-discovery.',
      },
    ],
  }),
  requirement({
    id: 'gpu_sharing',
    kar: 'KAR-0003',
    karFolder: '0003-gpu-sharing',
    category: 'accelerators',
    title: 'GPU sharing',
    description:
      'For accelerators that can be shared, the platform offers at least one static sharing strategy: hardware partitions (such as MIG) exposed as schedulable resources, or software sharing (time-slicing, MPS) that lets several pods use one device; DRA-based sharing once available.',
    levels: { '1.35': 'SHOULD', '1.36': 'SHOULD', '1.37': 'SHOULD' },
    condition: 'The cluster has accelerators that support static sharing.',
    readOnlyLimit:
      'Shared units in allocatable can be read; several pods actually running on one physical GPU needs an active test.',
    signals: [
      {
        strength: 'strong',
        description:
          'Allocatable nvidia.com/mig-<profile> on nodes; DeviceClass mig.nvidia.com with ResourceSlices of MIG devices; ResourceSlices with sharedCounters (partitionable devices); allocatable nvidia.com/gpu above the nvidia.com/gpu.count label (time-slicing).',
      },
      {
        strength: 'medium',
        description:
          'Labels nvidia.com/gpu.sharing-strategy (time-slicing, mps), nvidia.com/gpu.replicas above 1, nvidia.com/mig.strategy, nvidia.com/mig.capable, nvidia.com/mps.capable, a -SHARED suffix in nvidia.com/gpu.product; GKE cloud.google.com/gke-gpu-sharing-strategy, gke-max-shared-clients-per-gpu, gke-gpu-partition-size.',
      },
      {
        strength: 'hint',
        description:
          'DaemonSets nvidia-mig-manager or nvidia-device-plugin-mps-control-daemon.',
      },
    ],
  }),
  requirement({
    id: 'virtualized_accelerator',
    kar: 'KAR-0004',
    karFolder: '0004-virtualized-accelerators',
    category: 'accelerators',
    title: 'Virtualized accelerators',
    description:
      'Where the accelerators support virtualization (such as vGPU), the platform exposes and manages virtual accelerators consistently with physical fractional GPUs, through DRA once the accelerator supports it.',
    levels: { '1.35': 'SHOULD', '1.36': 'SHOULD', '1.37': 'SHOULD' },
    condition:
      'The cluster has accelerators that support virtualization (e.g. vGPU); mostly not applicable on bare metal.',
    readOnlyLimit:
      'vGPU labels show virtual GPUs are present; that vGPU pods run and stay healthy needs an active test.',
    bestReadOnlyVerdict: 'partial',
    signals: [
      {
        strength: 'medium',
        description:
          'Labels nvidia.com/vgpu.present=true, nvidia.com/vgpu.host-driver-version, nvidia.com/vgpu.host-driver-branch.',
      },
      {
        strength: 'hint',
        description:
          'DeviceClass vfio.gpu.nvidia.com (passthrough) or HAMi components.',
      },
    ],
  }),
  // -------------------------------------------------------------- networking
  requirement({
    id: 'ai_inference',
    category: 'networking',
    title: 'Inference traffic management (Gateway API)',
    description:
      'The cluster runs a Gateway API implementation able to manage inference traffic: weighted splits between backends, routing on request headers (such as OpenAI protocol headers), and optional service mesh integration.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    readOnlyLimit:
      'An accepted GatewayClass shows an implementation is installed; that weighted and header-matched routes carry traffic needs test routes.',
    signals: [
      {
        strength: 'strong',
        description:
          'gateway.networking.k8s.io/v1 served and at least one GatewayClass with condition Accepted=True (its spec.controllerName names the implementation).',
      },
      {
        strength: 'medium',
        description:
          'A Gateway with Programmed=True; HTTPRoutes with weighted backendRefs or header matches accepted by their parent (the kOps TestNetworking_AIInference check).',
      },
      {
        strength: 'hint',
        description:
          'Gateway API CRDs installed without any GatewayClass (no implementation).',
      },
    ],
    extraSources: [
      {
        title: 'cncf/k8s-ai-conformance#3 (initial MUST set; no KAR)',
        url: `${PROGRAM_REPO}/issues/3`,
      },
    ],
  }),
  requirement({
    id: 'advanced_inference_ingress',
    kar: 'KAR-0011',
    karFolder: '0011-advanced-ingress-inference',
    category: 'networking',
    title: 'Inference-aware ingress (Gateway API Inference Extension)',
    description:
      'The cluster runs an implementation of the Gateway API Inference Extension that routes requests to models served in the cluster, choosing endpoints from what the model servers report (for example KV-cache aware routing).',
    levels: { '1.36': 'SHOULD', '1.37': 'SHOULD' },
    readOnlyLimit:
      'Pools, routes and the endpoint picker can be read; routing decisions need the GAIE conformance suite.',
    officialTest:
      'Gateway API Inference Extension conformance suite (go test ./conformance -args -gateway-class <name>)',
    signals: [
      {
        strength: 'strong',
        description:
          'inference.networking.k8s.io/v1 served; an InferencePool referenced by an HTTPRoute and accepted by a Gateway, with its endpoint picker (EPP) Deployment Ready.',
      },
      {
        strength: 'medium',
        description:
          'inference.networking.x-k8s.io (v1alpha2) InferenceObjective, InferenceModel or InferenceModelRewrite CRDs.',
      },
      { strength: 'hint', description: 'GAIE CRDs only, with no pools.' },
    ],
  }),
  requirement({
    id: 'high_performance_networking',
    kar: 'KAR-0010',
    karFolder: '0010-high-performance-pod-to-pod-communication',
    category: 'networking',
    title: 'High-performance pod-to-pod networking',
    description:
      'Where workloads need fast pod-to-pod links, the platform manages specialized network devices (secondary or RDMA NICs), makes their properties discoverable for scheduling, and lets pods attach several interfaces, preferably through DRA (for example DRANET).',
    levels: { '1.36': 'SHOULD', '1.37': 'SHOULD' },
    condition: 'High-performance pod-to-pod communication is needed.',
    readOnlyLimit:
      'Published network devices can be read; an extra interface in a pod and traffic over it need an active test.',
    signals: [
      {
        strength: 'strong',
        description:
          'ResourceSlices of a network DRA driver such as dra.net (DRANET; attributes dra.net/rdma, dra.net/ifName, dra.net/pciAddress; DeviceClass dranet) or dra.networking.k8s.aws.',
      },
      {
        strength: 'medium',
        description:
          'Multus k8s.cni.cncf.io/v1 NetworkAttachmentDefinition, SR-IOV operator, NVIDIA Network Operator, RDMA extended resources.',
      },
    ],
  }),
  requirement({
    id: 'disaggregated_inference',
    kar: 'KAR-0041',
    karFolder: '0041-disaggregated-inference',
    category: 'networking',
    title: 'Disaggregated inference',
    description:
      'The platform can install and run a serving stack that splits inference phases (prefill and decode) into separately scaled components, such as vLLM, SGLang, llm-d or NVIDIA Dynamo.',
    levels: { '1.36': 'SHOULD', '1.37': 'SHOULD' },
    readOnlyLimit:
      'Separate prefill and decode components can be seen; that one request flows through both (the same request id in both logs) is not visible through the API.',
    bestReadOnlyVerdict: 'partial',
    signals: [
      {
        strength: 'medium',
        description:
          'NVIDIA Dynamo CRDs (dynamographdeployments.nvidia.com) with a DynamoGraphDeployment; llm-d pods labelled llm-d.ai/role=prefill and =decode, best Ready and behind an InferencePool; a KServe LLMInferenceService with prefill; LeaderWorkerSet (leaderworkerset.x-k8s.io).',
      },
      { strength: 'hint', description: 'The CRDs above with no instances.' },
    ],
  }),
  // -------------------------------------------------- scheduling/orchestration
  requirement({
    id: 'gang_scheduling',
    kar: 'KAR-0053',
    karFolder: '0053-gang-scheduling',
    category: 'schedulingOrchestration',
    title: 'Gang scheduling',
    description:
      'At least one gang-scheduling solution (such as Kueue or Volcano) can be installed and works, so a distributed job gets all of its pods scheduled together or none of them.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    readOnlyLimit:
      'A ready scheduler and its objects can be read; all-or-nothing placement when capacity is short needs the active test.',
    officialTest: 'TestGangScheduling',
    signals: [
      {
        strength: 'strong',
        description:
          'Controller Ready, API served and objects reconciled: Kueue kueue.x-k8s.io (controller in kueue-system; ClusterQueue Active, Workloads Admitted), Volcano scheduling.volcano.sh/v1beta1 with volcano-scheduler in volcano-system, KAI scheduling.run.ai, scheduler-plugins coscheduling scheduling.x-k8s.io, native Workload API scheduling.k8s.io (alpha).',
      },
      {
        strength: 'hint',
        description: 'Gang-scheduling CRDs present but no Ready controller.',
      },
    ],
  }),
  requirement({
    id: 'cluster_autoscaling',
    kar: 'KAR-0055',
    karFolder: '0055-cluster-autoscaling-for-accelerators',
    category: 'schedulingOrchestration',
    title: 'Cluster autoscaling for accelerators',
    description:
      'If the platform has a cluster autoscaler (or an equivalent), it adds and removes nodes of a given accelerator type in response to pending pods that request that accelerator.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    condition:
      'The platform provides a cluster autoscaler or an equivalent mechanism.',
    readOnlyLimit:
      'Node groups and their bounds can be read; scaling up for pending GPU pods and back down needs the active test. Managed autoscalers can be invisible to the API.',
    officialTest: 'TestAcceleratorClusterAutoscaling',
    signals: [
      {
        strength: 'strong',
        description:
          'ConfigMap kube-system/cluster-autoscaler-status with an accelerator node group whose maximum is above its current size; Karpenter karpenter.sh/v1 NodePools with GPU requirements.',
      },
      {
        strength: 'medium',
        description:
          'A cluster-autoscaler Deployment in kube-system; the ProvisioningRequest CRD (autoscaling.x-k8s.io); Cluster API autoscaler annotations.',
      },
      {
        strength: 'hint',
        description: 'Managed providers that hide the autoscaler.',
      },
    ],
  }),
  requirement({
    id: 'pod_autoscaling',
    kar: 'KAR-0057',
    karFolder: '0057-hpa-autoscaling-for-ai-workloads',
    category: 'schedulingOrchestration',
    title: 'Pod autoscaling on AI metrics',
    description:
      'Where the HorizontalPodAutoscaler is supported, it works for pods that use accelerators, including scaling on custom metrics that matter for AI workloads.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    condition:
      'The platform supports the HorizontalPodAutoscaler and has accelerator workloads to scale.',
    readOnlyLimit:
      'The metrics APIs and the metrics they list can be read; an HPA scaling a GPU Deployment up and back down needs an active test.',
    signals: [
      {
        strength: 'strong',
        description:
          'APIService v1beta1.custom.metrics.k8s.io (or v1beta2) Available=True listing GPU or inference metrics such as pods/DCGM_FI_DEV_GPU_UTIL or vllm:num_requests_waiting; or APIService v1beta1.external.metrics.k8s.io Available (KEDA).',
      },
      {
        strength: 'medium',
        description:
          'A prometheus-adapter Deployment (app.kubernetes.io/name=prometheus-adapter); KEDA keda.sh/v1alpha1 ScaledObjects; autoscaling/v2 HPAs on Pods, Object or External metrics with ScalingActive=True.',
      },
      {
        strength: 'hint',
        description:
          'Only v1beta1.metrics.k8s.io (metrics-server: CPU and memory only).',
      },
    ],
  }),
  // ------------------------------------------------------------ observability
  requirement({
    id: 'accelerator_metrics',
    kar: 'KAR-0059',
    karFolder: '0059-accelerator-performance-metrics',
    category: 'observability',
    title: 'Accelerator metrics',
    description:
      'For the accelerator types it supports, the platform can run at least one metrics solution with a machine-readable endpoint giving per-device utilization and memory use, and temperature, power and interconnect figures where the hardware reports them.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    condition: ACCELERATORS_CONDITION,
    readOnlyLimit:
      'A healthy exporter and its Service can be read; per-device series that change under load need a scrape and a load test.',
    officialTest: 'TestAcceleratorPerformanceMetrics',
    signals: [
      {
        strength: 'strong',
        description:
          'DaemonSet nvidia-dcgm-exporter (namespace gpu-operator) ready on every GPU node, with Service nvidia-dcgm-exporter on port 9400 (series DCGM_FI_DEV_GPU_UTIL, DCGM_FI_DEV_FB_USED).',
      },
      {
        strength: 'medium',
        description:
          'ServiceMonitor or PodMonitoring targeting the exporter; managed GPU or TPU metrics.',
      },
      {
        strength: 'hint',
        description: 'Node label nvidia.com/gpu.deploy.dcgm-exporter=true.',
      },
    ],
  }),
  requirement({
    id: 'ai_service_metrics',
    kar: 'KAR-0061',
    karFolder: '0061-ai-job-inference-service-metrics',
    category: 'observability',
    title: 'AI service metrics',
    description:
      'A monitoring system finds workloads that expose metrics in a standard format (Prometheus exposition) and collects them, so metrics of common AI frameworks and model servers are easy to gather.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    readOnlyLimit:
      'The discovery CRDs and a running Prometheus can be read; that a new workload gets scraped and its series queried needs the active test.',
    officialTest: 'TestAIServiceMetrics',
    signals: [
      {
        strength: 'strong',
        description:
          'Prometheus Operator monitoring.coreos.com/v1 ServiceMonitor/PodMonitor with a running Prometheus (e.g. Service prometheus-operated); GKE Managed Prometheus monitoring.googleapis.com/v1 PodMonitoring/ClusterPodMonitoring; Azure azmonitoring.coreos.com/v1.',
      },
      {
        strength: 'medium',
        description:
          'ServiceMonitors/PodMonitors selecting AI servers (vLLM, KServe, Triton); an OpenTelemetry collector.',
      },
      {
        strength: 'hint',
        description: 'A Prometheus Deployment without discovery CRDs.',
      },
    ],
  }),
  // ----------------------------------------------------------------- security
  requirement({
    id: 'secure_accelerator_access',
    kar: 'KAR-0049',
    karFolder: '0049-secure-accelerator-access',
    category: 'security',
    title: 'Secure accelerator access',
    description:
      'Containers reach accelerators only through the Kubernetes resource management path (device plugin or DRA) and the container runtime, so no workload can use or disturb accelerators it was not given.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    condition: ACCELERATORS_CONDITION,
    readOnlyLimit:
      'Only the active test is conclusive: a pod without a GPU request must see no device, only the claiming container of a pod sees it, and two GPU pods are isolated. Runtime configuration is not visible through the API.',
    officialTest: 'TestSecureAcceleratorAccess',
    bestReadOnlyVerdict: 'partial',
    signals: [
      {
        strength: 'medium',
        description:
          'Accelerators reachable only through the device plugin (allocatable nvidia.com/gpu, nvidia-device-plugin-daemonset) or DRA (ResourceSlices).',
      },
      {
        strength: 'hint',
        description:
          'Against: non-system pods on accelerator nodes that are privileged, mount hostPath /dev, or set NVIDIA_VISIBLE_DEVICES without a GPU request; namespaces without pod-security.kubernetes.io/enforce.',
      },
    ],
  }),
  requirement({
    id: 'workload_sandboxing',
    kar: 'KAR-0020',
    karFolder: '0020-workload-sandboxing',
    category: 'security',
    title: 'Workload sandboxing',
    description:
      'The platform can run workloads in a sandbox with strong isolation from the node kernel (for AI agents running untrusted code), separating processes, memory, filesystem and network from the host and from neighbouring pods.',
    levels: { '1.37': 'SHOULD' },
    readOnlyLimit:
      'A sandbox RuntimeClass can be read; that the sandbox kernel differs from the host and isolates PIDs, /dev/mem, files and network needs the active test.',
    officialTest: 'TestWorkloadSandboxing',
    bestReadOnlyVerdict: 'partial',
    signals: [
      {
        strength: 'medium',
        description:
          'A RuntimeClass whose name or handler contains gvisor, runsc, kata, sandboxed, quark or krun; or the agents.x-k8s.io API (sandboxes).',
      },
    ],
  }),
  // ----------------------------------------------------------------- operator
  requirement({
    id: 'robust_controller',
    kar: 'KAR-0063',
    karFolder: '0063-robust-crd-controller-operation',
    category: 'operator',
    title: 'Robust AI operator',
    description:
      'At least one complex AI operator with its own CRDs (such as Ray or Kubeflow) installs and works reliably: its pods run, its admission webhooks work, and its custom resources get reconciled.',
    levels: {
      '1.33': 'MUST',
      '1.34': 'MUST',
      '1.35': 'MUST',
      '1.36': 'MUST',
      '1.37': 'MUST',
    },
    readOnlyLimit:
      'Pods, CRDs, webhooks and reconciled resources can be read; that the webhook rejects an invalid resource needs the active test.',
    officialTest: 'TestRobustCRDControllerOperation',
    signals: [
      {
        strength: 'strong',
        description:
          'CRD Established, operator pods Ready, a ValidatingWebhookConfiguration with rules, a caBundle and a Ready backing Service, and a custom resource with a success condition. Curated: kubeflow-trainer (kubeflow-system, webhook validator.trainer.kubeflow.org, CRD trainjobs.trainer.kubeflow.org); also KubeRay ray.io/v1, KServe serving.kserve.io/v1beta1, kubeflow.org/v1 PyTorchJob.',
      },
      { strength: 'hint', description: 'Operator CRDs only.' },
    ],
  }),
];

/** The checklist of one version, requirements in the program's order. @public */
export function getChecklist(version: ChecklistVersion): Checklist {
  if (!checklistVersions.includes(version)) {
    throw new InputError(
      `Unknown checklist version '${version}'; allowed: ${checklistVersions.join(
        ', ',
      )}`,
    );
  }
  return {
    version,
    status: checklistStatuses[version],
    source: {
      title: `AIConformance-${version}.yaml`,
      url: checklistSourceUrl(version),
    },
    requirements: conformanceRequirements
      .filter(r => r.levels[version])
      .map(r => ({ ...r, level: r.levels[version]! })),
  };
}

/** True when the text is a checklist version we ship. @public */
export function isChecklistVersion(value: unknown): value is ChecklistVersion {
  return (
    typeof value === 'string' &&
    (checklistVersions as readonly string[]).includes(value)
  );
}

/**
 * Which checklist a cluster is scored against: the one of its Kubernetes
 * minor version, clamped to the versions we ship. An explicit override wins
 * when it is a version we ship.
 *
 * @public
 */
export function selectChecklistVersion(
  kubernetesMinor?: number,
  override?: string,
): { version: ChecklistVersion; note?: string } {
  if (override !== undefined && override !== '') {
    if (!isChecklistVersion(override)) {
      throw new InputError(
        `Unknown checklist version '${override}'; allowed: ${checklistVersions.join(
          ', ',
        )}`,
      );
    }
    return { version: override };
  }
  if (kubernetesMinor === undefined || !Number.isFinite(kubernetesMinor)) {
    return {
      version: latestFinalChecklistVersion,
      note: `The cluster's Kubernetes version is unknown; scored against the newest final checklist (${latestFinalChecklistVersion}).`,
    };
  }
  const candidate = `1.${kubernetesMinor}`;
  if (isChecklistVersion(candidate)) {
    return checklistStatuses[candidate] === 'draft'
      ? {
          version: candidate,
          note: `The ${candidate} checklist is a draft and may still change.`,
        }
      : { version: candidate };
  }
  const oldest = checklistVersions[0];
  if (kubernetesMinor < Number(oldest.split('.')[1])) {
    return {
      version: oldest,
      note: `Kubernetes 1.${kubernetesMinor} is older than the first AI conformance checklist; scored against ${oldest}, the oldest one.`,
    };
  }
  return {
    version: latestChecklistVersion,
    note: `No checklist for Kubernetes 1.${kubernetesMinor} yet; scored against the newest one (${latestChecklistVersion}${
      checklistStatuses[latestChecklistVersion] === 'draft' ? ', draft' : ''
    }).`,
  };
}

/** The status of a checklist version. @public */
export function getChecklistStatus(
  version: ChecklistVersion,
): 'final' | 'draft' {
  return checklistStatuses[version];
}
