import {
  ClusterStatus,
  CollectionError,
  EvidenceItem,
  Placement,
} from '@ai-platform/plugin-ai-platform-common';
import { nominalMemoryGiB } from '../inventory/placementRules';

// Compact forms of service results for tool outputs: what an agent needs to
// answer, without the bulk a page would show.

const MAX_ERROR_LENGTH = 300;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function describeCollectionError(error: CollectionError): string {
  return truncate(
    `${error.reason} reading ${error.resource}: ${error.message}`,
    MAX_ERROR_LENGTH,
  );
}

export interface ClusterSummary {
  name: string;
  title?: string;
  source: string;
  entityRef?: string;
  state: ClusterStatus['state'];
  stale: boolean;
  kubernetesVersion?: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  snapshotCollectedAt?: string;
  error?: string;
  partErrors?: string[];
}

/** A cluster's status with its staleness and what went wrong, in a few fields. */
export function toClusterSummary(status: ClusterStatus): ClusterSummary {
  const summary: ClusterSummary = {
    name: status.name,
    source: status.source,
    state: status.state,
    stale: status.stale,
  };
  if (status.title) summary.title = status.title;
  if (status.entityRef) summary.entityRef = status.entityRef;
  if (status.kubernetesVersion) {
    summary.kubernetesVersion = status.kubernetesVersion.gitVersion;
  }
  if (status.lastSuccessAt) summary.lastSuccessAt = status.lastSuccessAt;
  if (status.lastAttemptAt) summary.lastAttemptAt = status.lastAttemptAt;
  if (status.snapshotCollectedAt) {
    summary.snapshotCollectedAt = status.snapshotCollectedAt;
  }
  if (status.lastError)
    summary.error = describeCollectionError(status.lastError);
  if (status.partErrors.length) {
    summary.partErrors = status.partErrors.map(describeCollectionError);
  }
  return summary;
}

/** One line about a cluster's data: how old and why, for summaries. */
export function describeFreshness(status: ClusterStatus): string {
  switch (status.state) {
    case 'fresh':
      return `fresh, collected ${
        status.snapshotCollectedAt ?? status.lastSuccessAt ?? 'recently'
      }`;
    case 'stale':
      return `STALE: last good data from ${
        status.snapshotCollectedAt ??
        status.lastSuccessAt ??
        'an earlier collection'
      }${
        status.lastError
          ? `; last collection failed (${status.lastError.reason})`
          : ''
      }`;
    case 'pending':
      return 'not collected yet';
    default:
      return `never collected successfully${
        status.lastError
          ? ` (${status.lastError.reason}: ${truncate(
              status.lastError.message,
              120,
            )})`
          : ''
      }`;
  }
}

export interface PlacementOutput {
  cluster: string;
  node: string;
  vendor: string;
  product: string;
  resourceName: string;
  kind: Placement['kind'];
  dra: boolean;
  memoryGiB?: number;
  freeUnits: number;
  units: number;
  stale: boolean;
  score: number;
  reasons: string[];
  taints: string[];
}

export function toPlacementOutput(placement: Placement): PlacementOutput {
  const { memoryMiB, ...rest } = placement;
  // Memory as the device is sold (an H100 80GB reports 81559 MiB: 80).
  const gib = nominalMemoryGiB({
    memoryMiB,
    product: placement.product,
    kind: placement.kind,
  });
  return { ...rest, ...(gib !== undefined ? { memoryGiB: gib } : {}) };
}

/** `cluster/node (free units, memory)` for summaries. */
export function describePlacement(placement: Placement): string {
  return `${placement.cluster}/${placement.node}: ${placement.reasons.join(
    '; ',
  )}`;
}

export interface EvidenceOutput {
  strength: EvidenceItem['strength'];
  supports: boolean;
  summary: string;
  object?: string;
}

export function toEvidenceOutput(item: EvidenceItem): EvidenceOutput {
  const out: EvidenceOutput = {
    strength: item.strength,
    supports: item.supports,
    summary: item.summary,
  };
  if (item.object) {
    const { kind, namespace, name, apiVersion } = item.object;
    out.object = `${kind} ${
      namespace ? `${namespace}/` : ''
    }${name} (${apiVersion})`;
  }
  return out;
}
