/**
 * The normalized, compact picture of one cluster at one moment. Collectors
 * write it; inventory, conformance, catalog discovery, the REST API and the
 * MCP actions only ever read it. It keeps the fields those readers need and
 * drops the rest, so a 5,000-node cluster still fits in a few megabytes.
 *
 * @public
 */
export interface ClusterSnapshot {
  schemaVersion: 1;
  cluster: SnapshotClusterInfo;
  /** ISO time the collection started. */
  collectedAt: string;
  durationMs: number;
  version?: KubernetesVersionInfo;
  /** Outcome of each part of the collection; readers use it to tell "absent" from "unreadable". */
  parts: Partial<Record<SnapshotPartName, SnapshotPartStatus>>;
  discovery: DiscoveryInfo;
  crds: CrdSummary[];
  apiServices: ApiServiceSummary[];
  namespaces: NamespaceSummary[];
  nodes: NodeSummary[];
  pods: PodsDigest;
  dra: DraInfo;
  workloads: WorkloadsInfo;
  services: ServiceSummary[];
  networking: NetworkingInfo;
  serving: ServingInfo;
  agents: AgentsInfo;
  scheduling: SchedulingInfo;
  autoscaling: AutoscalingInfo;
  observability: ObservabilityInfo;
  security: SecurityInfo;
  /** Custom resources of known AI operators (KubeRay, Kubeflow Trainer, ...). */
  operatorResources: OperatorResourceSummary[];
  /** Parts added by adopters' collectors, keyed by collector id. */
  extensions?: Record<string, unknown>;
}

/** @public */
export interface SnapshotClusterInfo {
  name: string;
  title?: string;
  /** API server URL as configured; never includes credentials. */
  url?: string;
  /** Where the cluster definition came from. */
  source: ClusterSourceKind;
  /** Catalog entity ref of the `Resource` of type `kubernetes-cluster`, when known. */
  entityRef?: string;
}

/** @public */
export type ClusterSourceKind =
  | 'config'
  | 'catalog'
  | 'kubeconfig'
  | 'in-cluster'
  | 'extension';

/** @public */
export interface KubernetesVersionInfo {
  gitVersion: string;
  major: number;
  /** Parsed defensively: "34+" becomes 34. */
  minor: number;
  platform?: string;
}

/**
 * Every independently collected part of a snapshot.
 *
 * @public
 */
export type SnapshotPartName =
  | 'version'
  | 'discovery'
  | 'crds'
  | 'apiServices'
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'draDeviceClasses'
  | 'draResourceSlices'
  | 'draResourceClaims'
  | 'daemonSets'
  | 'deployments'
  | 'services'
  | 'configMaps'
  | 'gatewayClasses'
  | 'gateways'
  | 'httpRoutes'
  | 'inferencePools'
  | 'inferenceServices'
  | 'llmInferenceServices'
  | 'servingRuntimes'
  | 'kagentAgents'
  | 'kagentModelConfigs'
  | 'kagentRemoteMcpServers'
  | 'kueue'
  | 'volcano'
  | 'runtimeClasses'
  | 'karpenterNodePools'
  | 'horizontalPodAutoscalers'
  | 'monitors'
  | 'validatingWebhooks'
  | 'operatorResources';

/**
 * `ok`: read completely. `not-served`: the cluster does not serve the API
 * (for example the CRD is not installed), which is a fact, not a failure.
 * `error`: the part could not be read; verdicts that need it become `unknown`.
 *
 * @public
 */
export interface SnapshotPartStatus {
  status: 'ok' | 'not-served' | 'error';
  /** Number of objects read. */
  count?: number;
  durationMs?: number;
  error?: CollectionError;
}

/** @public */
export type CollectionErrorReason =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'server-error'
  | 'invalid-response'
  | 'unreachable'
  | 'too-large'
  | 'other';

/**
 * A collection failure, phrased for people: which cluster, which resource, what happened.
 * Never contains credentials.
 *
 * @public
 */
export interface CollectionError {
  cluster: string;
  /** The resource or endpoint that failed, e.g. `pods`, `resource.k8s.io/v1 resourceslices`, `/version`. */
  resource: string;
  reason: CollectionErrorReason;
  message: string;
  httpStatus?: number;
  at: string;
}

/** @public */
export interface ObjectRef {
  /** `group/version`, or `v1` for the core group. */
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** @public */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

// ---------------------------------------------------------------- discovery

/** @public */
export interface DiscoveryInfo {
  /** Served API groups (core is `""`) with their versions, preferred first. */
  groups: Record<string, { preferredVersion: string; versions: string[] }>;
  /**
   * Resource names per group/version, only for the group/versions readers
   * care about (DRA, Gateway API, GAIE, custom/external metrics, ...).
   */
  resources: Record<string, string[]>;
}

/** @public */
export interface CrdSummary {
  name: string;
  group: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  versions: { name: string; served: boolean; storage: boolean }[];
  established: boolean;
}

/** @public */
export interface ApiServiceSummary {
  /** e.g. `v1beta1.custom.metrics.k8s.io` */
  name: string;
  group: string;
  version: string;
  /** Absent for local (built-in) API services. */
  service?: { namespace: string; name: string };
  available: boolean | 'unknown';
  availableReason?: string;
}

/** @public */
export interface NamespaceSummary {
  name: string;
  /** Only labels that matter to readers (pod security admission). */
  labels: Record<string, string>;
}

// --------------------------------------------------------------------- nodes

/** @public */
export interface NodeSummary {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  unschedulable: boolean;
  ready: boolean | 'unknown';
  readyReason?: string;
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  nodeInfo: {
    kubeletVersion?: string;
    containerRuntimeVersion?: string;
    osImage?: string;
    kernelVersion?: string;
    architecture?: string;
  };
  createdAt?: string;
}

// ---------------------------------------------------------------------- pods

/**
 * Pods are summarized while they are listed, page by page: a large cluster
 * has hundreds of thousands, and only a few facts about them matter.
 *
 * @public
 */
export interface PodsDigest {
  total: number;
  byPhase: Record<string, number>;
  /** Pods that request accelerators (extended resources or DRA claims). */
  acceleratorPods: AcceleratorPodSummary[];
  /** Pods that break accelerator isolation hints (privileged on GPU nodes, /dev hostPath, NVIDIA_VISIBLE_DEVICES without a request). */
  isolationFindings: PodIsolationFinding[];
  /** Pods labelled as parts of disaggregated or routed inference (llm-d roles, InferencePool selectors). */
  inferencePods: InferencePodSummary[];
}

/** @public */
export interface AcceleratorPodSummary {
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  /** Effective requests of accelerator resources, e.g. `{ 'nvidia.com/gpu': 2 }` (max of containers' sum and init containers). */
  requests: Record<string, number>;
  /** ResourceClaims the pod uses, as `namespace/name`. */
  claims: string[];
  schedulerName?: string;
  owner?: { kind: string; name: string };
  labels: Record<string, string>;
}

/** @public */
export interface PodIsolationFinding {
  namespace: string;
  name: string;
  nodeName?: string;
  finding: 'privileged' | 'host-dev-mount' | 'visible-devices-without-request';
}

/** @public */
export interface InferencePodSummary {
  namespace: string;
  name: string;
  nodeName?: string;
  ready: boolean;
  labels: Record<string, string>;
}

// ----------------------------------------------------------------------- DRA

/** @public */
export interface DraInfo {
  /** The `resource.k8s.io` version the cluster serves and we read, if any. */
  apiVersion?: string;
  deviceClasses: DeviceClassSummary[];
  resourceSlices: ResourceSliceSummary[];
  resourceClaims: ResourceClaimSummary[];
}

/** @public */
export interface DeviceClassSummary {
  name: string;
  /** CEL selector expressions, kept to recognize the driver and device type. */
  selectors: string[];
  extendedResourceName?: string;
}

/** @public */
export interface ResourceSliceSummary {
  name: string;
  driver: string;
  nodeName?: string;
  allNodes?: boolean;
  pool: { name: string; generation: number; resourceSliceCount: number };
  devices: DraDeviceSummary[];
  /** The slice publishes shared counters (partitionable devices). */
  hasSharedCounters: boolean;
}

/** @public */
export interface DraDeviceSummary {
  name: string;
  /** Attribute values flattened to scalars (`{string: x}` becomes `x`). Keys keep their domain prefix when they have one. */
  attributes: Record<string, string | number | boolean>;
  /** Capacity quantities as strings, e.g. `{ memory: '81559Mi' }`. */
  capacity: Record<string, string>;
  consumesCounters?: boolean;
}

/** @public */
export interface ResourceClaimSummary {
  namespace: string;
  name: string;
  allocated: boolean;
  results: { request: string; driver: string; pool: string; device: string }[];
  reservedFor: { resource: string; name: string }[];
  /** Node the allocation is bound to, when the claim's node selector names one. */
  nodeName?: string;
}

// ----------------------------------------------------------------- workloads

/** @public */
export interface WorkloadsInfo {
  deployments: WorkloadSummary[];
  daemonSets: WorkloadSummary[];
}

/** @public */
export interface WorkloadSummary {
  kind: 'Deployment' | 'DaemonSet';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** Deployments: spec.replicas; DaemonSets: desiredNumberScheduled. */
  desired: number;
  ready: number;
  available: number;
  selector: Record<string, string>;
  templateLabels: Record<string, string>;
  images: string[];
  /** Container details, kept only for workloads that serve or train models (GPU requests or known serving images). */
  containers?: ContainerSummary[];
  /** Accelerator requests of one pod of the workload. */
  acceleratorRequests: Record<string, number>;
}

/** @public */
export interface ContainerSummary {
  name: string;
  image: string;
  command: string[];
  args: string[];
  /** Only environment variable names and literal values of known model settings; never secret references. */
  env: Record<string, string>;
  ports: number[];
}

/** @public */
export interface ServiceSummary {
  namespace: string;
  name: string;
  type?: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number }[];
  labels: Record<string, string>;
}

// ---------------------------------------------------------------- networking

/** @public */
export interface NetworkingInfo {
  gatewayClasses: GatewayClassSummary[];
  gateways: GatewaySummary[];
  httpRoutes: HttpRouteSummary[];
  inferencePools: InferencePoolSummary[];
}

/** @public */
export interface GatewayClassSummary {
  name: string;
  controllerName: string;
  accepted: boolean | 'unknown';
  acceptedReason?: string;
}

/** @public */
export interface GatewaySummary {
  namespace: string;
  name: string;
  gatewayClassName: string;
  accepted: boolean | 'unknown';
  programmed: boolean | 'unknown';
}

/** @public */
export interface HttpRouteSummary {
  namespace: string;
  name: string;
  parents: {
    name: string;
    namespace?: string;
    accepted: boolean | 'unknown';
  }[];
  backendRefs: {
    group?: string;
    kind?: string;
    name: string;
    namespace?: string;
    weight?: number;
  }[];
  hasWeightedBackends: boolean;
  hasHeaderMatches: boolean;
}

/** @public */
export interface InferencePoolSummary {
  apiVersion: string;
  namespace: string;
  name: string;
  selector: Record<string, string>;
  targetPorts: number[];
  endpointPicker?: { name: string; port?: number };
  /** Parent gateways and whether they accepted the pool. */
  parents: {
    name: string;
    namespace?: string;
    accepted: boolean | 'unknown';
  }[];
}

// ------------------------------------------------------------------- serving

/** @public */
export interface ServingInfo {
  inferenceServices: InferenceServiceSummary[];
  llmInferenceServices: LlmInferenceServiceSummary[];
  servingRuntimes: ServingRuntimeSummary[];
}

/** @public */
export interface InferenceServiceSummary {
  apiVersion: string;
  namespace: string;
  name: string;
  modelFormat?: string;
  runtime?: string;
  storageUri?: string;
  args: string[];
  deploymentMode?: string;
  ready: boolean | 'unknown';
  url?: string;
  acceleratorRequests: Record<string, number>;
  labels: Record<string, string>;
}

/** @public */
export interface LlmInferenceServiceSummary {
  apiVersion: string;
  namespace: string;
  name: string;
  modelUri?: string;
  modelName?: string;
  replicas?: number;
  /** Prefill/decode disaggregation configured. */
  disaggregated: boolean;
  ready: boolean | 'unknown';
  url?: string;
  acceleratorRequests: Record<string, number>;
  labels: Record<string, string>;
}

/** @public */
export interface ServingRuntimeSummary {
  namespace?: string;
  name: string;
  clusterScoped: boolean;
  modelFormats: string[];
  images: string[];
}

// -------------------------------------------------------------------- agents

/** @public */
export interface AgentsInfo {
  kagentAgents: KagentAgentSummary[];
  kagentModelConfigs: KagentModelConfigSummary[];
  kagentRemoteMcpServers: KagentRemoteMcpServerSummary[];
}

/** @public */
export interface KagentAgentSummary {
  apiVersion: string;
  namespace: string;
  name: string;
  type: string;
  description?: string;
  modelConfig?: string;
  tools: {
    type: string;
    mcpServer?: {
      name: string;
      kind?: string;
      apiGroup?: string;
      toolNames: string[];
    };
    agent?: { name: string; namespace?: string };
  }[];
  skills: { id: string; name: string }[];
  accepted: boolean | 'unknown';
  ready: boolean | 'unknown';
  labels: Record<string, string>;
}

/** @public */
export interface KagentModelConfigSummary {
  namespace: string;
  name: string;
  provider: string;
  model: string;
  baseUrl?: string;
}

/** @public */
export interface KagentRemoteMcpServerSummary {
  namespace: string;
  name: string;
  url: string;
  protocol?: string;
  description?: string;
  discoveredTools: string[];
  ready: boolean | 'unknown';
}

// ---------------------------------------------------------------- scheduling

/** @public */
export interface SchedulingInfo {
  kueue: {
    apiVersion?: string;
    clusterQueues: {
      name: string;
      active: boolean | 'unknown';
      cohort?: string;
      flavors: {
        name: string;
        resources: { name: string; nominalQuota: string }[];
      }[];
      pendingWorkloads?: number;
      admittedWorkloads?: number;
    }[];
    localQueues: { namespace: string; name: string; clusterQueue: string }[];
    resourceFlavors: { name: string; nodeLabels: Record<string, string> }[];
    workloads: { total: number; admitted: number };
  };
  volcano: {
    queues: {
      name: string;
      state?: string;
      capability: Record<string, string>;
    }[];
    podGroups: {
      namespace: string;
      name: string;
      minMember: number;
      phase?: string;
      running?: number;
      queue?: string;
    }[];
    jobs: number;
  };
  runtimeClasses: { name: string; handler: string }[];
}

// --------------------------------------------------------------- autoscaling

/** @public */
export interface AutoscalingInfo {
  clusterAutoscalerStatus?: {
    /** The status ConfigMap's text, trimmed. */
    text: string;
    nodeGroups: {
      name: string;
      minSize?: number;
      maxSize?: number;
      ready?: number;
      registered?: number;
    }[];
    health?: string;
  };
  karpenterNodePools: {
    name: string;
    gpu: boolean;
    limits: Record<string, string>;
    ready: boolean | 'unknown';
  }[];
  horizontalPodAutoscalers: {
    namespace: string;
    name: string;
    target: { kind: string; name: string };
    metrics: { type: string; name?: string }[];
    scalingActive: boolean | 'unknown';
  }[];
}

// ------------------------------------------------------------- observability

/** @public */
export interface ObservabilityInfo {
  monitors: {
    /** `monitoring.coreos.com`, `monitoring.googleapis.com`, `azmonitoring.coreos.com`. */
    group: string;
    kind: string;
    namespace?: string;
    name: string;
    selector: Record<string, string>;
  }[];
  prometheuses: {
    namespace: string;
    name: string;
    ready: boolean | 'unknown';
  }[];
}

// ------------------------------------------------------------------ security

/** @public */
export interface SecurityInfo {
  validatingWebhooks: {
    name: string;
    webhooks: {
      name: string;
      rules: number;
      hasCaBundle: boolean;
      service?: { namespace: string; name: string };
    }[];
  }[];
}

// ----------------------------------------------------------------- operators

/** @public */
export interface OperatorResourceSummary {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  conditions: Condition[];
  /** A free-form state field some operators use instead of conditions (e.g. KubeRay `state`). */
  state?: string;
}
