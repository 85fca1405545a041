import {
  ClusterSnapshot,
  ClusterStatus,
  CollectionError,
} from '@ai-platform/plugin-ai-platform-common';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import { SkippedCluster } from '../clusters/types';
import { ClusterRow } from '../database/DatabaseSnapshotStore';

/**
 * The status shown next to every number from a cluster: built once per
 * change from the stored row, the served snapshot and the cluster's
 * definition (or the reason it is not collected), never per request.
 */
export function buildClusterStatus(input: {
  name: string;
  definition?: ClusterDefinition;
  skipped?: SkippedCluster;
  row?: ClusterRow;
  snapshot?: ClusterSnapshot;
}): ClusterStatus {
  const { name, definition, skipped, row, snapshot } = input;
  const about = definition ?? skipped ?? snapshot?.cluster;
  const status: ClusterStatus = {
    name,
    source: about?.source ?? 'config',
    state: 'pending',
    stale: false,
    partErrors: snapshot ? partErrors(snapshot) : [],
  };
  if (about?.title) status.title = about.title;
  if (about?.entityRef) status.entityRef = about.entityRef;

  if (skipped) {
    status.state = 'failed';
    status.lastError = {
      cluster: name,
      resource: 'configuration',
      reason: 'other',
      message: skipped.reason,
      at: new Date().toISOString(),
    };
  } else if (row) {
    status.state = row.state;
    // Fresh or stale without a snapshot to serve (it was removed): say what is true.
    if (!snapshot && (row.state === 'fresh' || row.state === 'stale')) {
      status.state = row.lastError ? 'failed' : 'pending';
    }
    if (
      row.lastError &&
      (status.state === 'stale' || status.state === 'failed')
    ) {
      status.lastError = row.lastError;
    }
    if (row.lastAttemptAt !== undefined)
      status.lastAttemptAt = iso(row.lastAttemptAt);
    if (row.lastSuccessAt !== undefined)
      status.lastSuccessAt = iso(row.lastSuccessAt);
  }
  status.stale = status.state === 'stale';
  if (snapshot) {
    status.snapshotCollectedAt = snapshot.collectedAt;
    if (snapshot.version) status.kubernetesVersion = snapshot.version;
    status.parts = snapshot.parts;
  }
  return status;
}

/** Parts of a snapshot that could not be read (or read with a warning), as collection errors. */
export function partErrors(snapshot: ClusterSnapshot): CollectionError[] {
  return Object.values(snapshot.parts)
    .map(p => p?.error)
    .filter((e): e is CollectionError => !!e);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
