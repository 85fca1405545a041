import { ClusterStatus } from '../clusters';
import {
  CertificationReadiness,
  Checklist,
  ChecklistVersion,
  Scorecard,
  Verdict,
  VerdictChange,
  VerdictTally,
} from '../conformance/types';
import {
  CapacityFit,
  CapacityRequest,
  ClusterInventory,
  FleetInventory,
  GpuVendor,
  NodeInventory,
} from '../inventory/types';

/** Options every call accepts: a token for backend-to-backend or user calls. @public */
export interface RequestOptions {
  token?: string;
}

/** @public */
export interface Page<T> {
  items: T[];
  totalItems: number;
  /** Offset of the next page, when there is one. */
  nextOffset?: number;
}

/** @public */
export interface InventoryQuery {
  clusters?: string[];
  vendor?: GpuVendor;
  /** Case-insensitive substring of the product name. */
  product?: string;
  minMemoryGiB?: number;
  /** Only nodes with at least this many free units. */
  minFree?: number;
}

/** @public */
export interface NodeQuery extends InventoryQuery {
  /** Only GPU nodes (default true). */
  gpuOnly?: boolean;
  offset?: number;
  limit?: number;
}

/** @public */
export interface ConformanceMatrix {
  checklistVersion: ChecklistVersion;
  requirements: {
    id: string;
    kar?: string;
    title: string;
    category: string;
    level: 'MUST' | 'SHOULD';
  }[];
  clusters: {
    cluster: string;
    stale: boolean;
    kubernetesVersion?: string;
    /** The checklist version this cluster would be scored against by default. */
    defaultChecklistVersion?: ChecklistVersion;
    verdicts: Record<string, Verdict>;
    must: VerdictTally;
    should: VerdictTally;
    readiness: CertificationReadiness;
    /**
     * The summary against the cluster's own checklist version, which is what
     * its certification would use; equal to the row's when the versions match.
     */
    ownChecklist?: {
      checklistVersion: ChecklistVersion;
      must: VerdictTally;
      should: VerdictTally;
      readiness: CertificationReadiness;
      readinessReason: string;
    };
  }[];
}

/** A model server, agent or MCP server found in a cluster. @public */
export interface DiscoveredWorkloads {
  cluster: string;
  collectedAt?: string;
  modelServers: DiscoveredModelServer[];
  agents: DiscoveredAgent[];
  mcpServers: DiscoveredMcpServer[];
  /**
   * Lists that are incomplete because the snapshot parts behind them could
   * not be read; consumers keep what they knew instead of dropping it.
   */
  unreadable?: ('modelServers' | 'agents' | 'mcpServers')[];
}

/** @public */
export interface DiscoveredObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** @public */
export interface DiscoveredModelServer {
  source: DiscoveredObjectRef;
  /** `kserve`, `kserve-llm`, `vllm`, `llm-d`, `sglang`, `tgi`, `triton`, `other`. */
  engine: string;
  /** The model as the server names it (Hugging Face id, `--model` value, LLMInferenceService model name). */
  modelId?: string;
  /** Source URI (`hf://`, `oci://`, `s3://`, `pvc://`, ...), when the server says. */
  modelUri?: string;
  replicas?: number;
  ready: boolean | 'unknown';
  url?: string;
  /** Accelerators one replica requests; for an InferencePool, the sum over the pods it selects. */
  acceleratorRequests: Record<string, number>;
  /** InferencePools that route to it, as `namespace/name`. */
  inferencePools: string[];
  /** Prefill/decode split. */
  disaggregated?: boolean;
  /** Labels of the object that the catalog reads (`backstage.io/*`, `ai-platform.dev/*`, `app.kubernetes.io/*`). */
  labels?: Record<string, string>;
  /** Labels that select the server's pods, for the Kubernetes plugin's label-selector lookup. */
  podSelector?: Record<string, string>;
}

/** @public */
export interface DiscoveredAgent {
  source: DiscoveredObjectRef;
  runtime: 'kagent';
  description?: string;
  modelConfig?: {
    name: string;
    provider: string;
    model: string;
    baseUrl?: string;
  };
  /** RemoteMCPServers (`namespace/name`) its tools come from. */
  mcpServers: string[];
  toolNames: string[];
  skills: { id: string; name: string }[];
  ready: boolean | 'unknown';
  /** Labels of the object that the catalog reads (`backstage.io/*`, `ai-platform.dev/*`, `app.kubernetes.io/*`). */
  labels?: Record<string, string>;
}

/** @public */
export interface DiscoveredMcpServer {
  source: DiscoveredObjectRef;
  url: string;
  protocol?: string;
  description?: string;
  tools: string[];
  ready: boolean | 'unknown';
}

/**
 * Whether a scheduler's objects could be read from a cluster: `ok`,
 * `not-installed` (its API is not served) or `unreadable` (the read failed,
 * so nothing is known).
 *
 * @public
 */
export type QueueSourceStatus = 'ok' | 'not-installed' | 'unreadable';

/**
 * The queues a workload can be submitted to on one cluster, from its served
 * snapshot: Kueue's ClusterQueues and LocalQueues, Volcano's Queues.
 *
 * @public
 */
export interface ClusterQueues {
  cluster: string;
  collectedAt: string;
  stale: boolean;
  kueue: {
    status: QueueSourceStatus;
    clusterQueues: { name: string; active: boolean | 'unknown' }[];
    localQueues: { namespace: string; name: string; clusterQueue: string }[];
  };
  volcano: {
    status: QueueSourceStatus;
    queues: { name: string; state?: string }[];
  };
}

/**
 * The AI Platform backend's API, used by the frontend, the catalog and
 * scaffolder modules, and anyone else through `AiPlatformClient`.
 *
 * @public
 */
export interface AiPlatformApi {
  listClusters(options?: RequestOptions): Promise<{ items: ClusterStatus[] }>;
  getCluster(name: string, options?: RequestOptions): Promise<ClusterStatus>;
  refreshCluster(
    name: string,
    options?: RequestOptions,
  ): Promise<{ accepted: boolean }>;
  getClusterQueues(
    name: string,
    options?: RequestOptions,
  ): Promise<ClusterQueues>;

  getFleetInventory(
    query?: InventoryQuery,
    options?: RequestOptions,
  ): Promise<FleetInventory>;
  getClusterInventory(
    name: string,
    options?: RequestOptions,
  ): Promise<Omit<ClusterInventory, 'nodeInventory'>>;
  listNodes(
    query?: NodeQuery,
    options?: RequestOptions,
  ): Promise<Page<NodeInventory>>;
  fitCapacity(
    request: CapacityRequest,
    options?: RequestOptions,
  ): Promise<CapacityFit>;

  listChecklists(options?: RequestOptions): Promise<{ items: Checklist[] }>;
  getScorecard(
    cluster: string,
    query?: { checklistVersion?: ChecklistVersion },
    options?: RequestOptions,
  ): Promise<Scorecard>;
  getConformanceMatrix(
    query?: { checklistVersion?: ChecklistVersion },
    options?: RequestOptions,
  ): Promise<ConformanceMatrix>;
  getConformanceHistory(
    cluster: string,
    query?: {
      since?: string;
      limit?: number;
      /** Defaults to the cluster's own checklist version. */
      checklistVersion?: ChecklistVersion;
    },
    options?: RequestOptions,
  ): Promise<{ items: VerdictChange[] }>;
  /** The draft PRODUCT.yaml self-assessment as YAML text. */
  getProductYaml(
    cluster: string,
    query?: { checklistVersion?: ChecklistVersion },
    options?: RequestOptions,
  ): Promise<string>;

  listDiscoveredWorkloads(
    query?: { cluster?: string },
    options?: RequestOptions,
  ): Promise<{ items: DiscoveredWorkloads[] }>;
}
