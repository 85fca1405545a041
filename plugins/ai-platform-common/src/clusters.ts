import {
  ClusterSourceKind,
  CollectionError,
  KubernetesVersionInfo,
  SnapshotPartName,
  SnapshotPartStatus,
} from './snapshot/types';

/**
 * What the portal knows about a cluster's collection, shown next to every
 * number that comes from it.
 *
 * @public
 */
export interface ClusterStatus {
  name: string;
  title?: string;
  source: ClusterSourceKind;
  entityRef?: string;
  /** `fresh`: the last collection succeeded; `stale`: the last one failed and an older snapshot is served; `pending`: never collected; `failed`: never succeeded. */
  state: 'fresh' | 'stale' | 'pending' | 'failed';
  stale: boolean;
  kubernetesVersion?: KubernetesVersionInfo;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** Collected-at time of the snapshot being served. */
  snapshotCollectedAt?: string;
  /** Why the last attempt failed as a whole (cluster unreachable, unauthorized, ...). */
  lastError?: CollectionError;
  /** Parts of the served snapshot that could not be read. */
  partErrors: CollectionError[];
  parts?: Partial<Record<SnapshotPartName, SnapshotPartStatus>>;
}

/** Annotations the product sets on entities it creates or reads. @public */
export const AI_PLATFORM_ANNOTATIONS = {
  /** On discovered entities: the cluster they came from. */
  cluster: 'ai-platform.dev/cluster',
  /** On discovered entities: `apiVersion/kind/namespace/name` of the source object. */
  sourceObject: 'ai-platform.dev/source-object',
  /** On `Resource` entities of type `kubernetes-cluster`: the cluster name used by the collector. */
  clusterName: 'ai-platform.dev/cluster-name',
  /** On Models: the model id as servers name it (e.g. a Hugging Face repo id). */
  modelId: 'ai-platform.dev/model-id',
} as const;
