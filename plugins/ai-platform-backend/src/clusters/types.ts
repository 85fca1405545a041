import { ClusterSourceKind } from '@ai-platform/plugin-ai-platform-common';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';

/** A configured cluster the collector will not read, and why (shown as its status). */
export interface SkippedCluster {
  name: string;
  title?: string;
  source: ClusterSourceKind;
  entityRef?: string;
  reason: string;
}

/** Clusters to collect, plus the ones configured but left out. */
export interface ClusterList {
  clusters: ClusterDefinition[];
  skipped: SkippedCluster[];
}

/** Cluster names are used in URLs, annotations and tool arguments: DNS-1123-like. */
export const CLUSTER_NAME_PATTERN =
  /^[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
export const MAX_CLUSTER_NAME_LENGTH = 253;

export function isValidClusterName(name: string): boolean {
  return (
    name.length <= MAX_CLUSTER_NAME_LENGTH && CLUSTER_NAME_PATTERN.test(name)
  );
}
