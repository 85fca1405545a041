import {
  ClusterSnapshot,
  ClusterStatus,
} from '@ai-platform/plugin-ai-platform-common';

/** A cluster's status with the snapshot being served for it (the last good one). */
export interface ServedSnapshot {
  status: ClusterStatus;
  snapshot: ClusterSnapshot;
}

/** Emitted after a collection stored a new snapshot, in the replica that collected it. */
export interface SnapshotEvent extends ServedSnapshot {
  previous?: ClusterSnapshot;
}

/**
 * The one read path to cluster data. Everything (REST, actions, scaffolder,
 * catalog discovery) reads snapshots through this; nothing calls clusters on
 * a request. Implementations keep the latest snapshots in memory and stay in
 * step with other replicas through the database.
 */
export interface SnapshotService {
  /** Every known cluster: configured ones (even if never collected) and stored ones. */
  listClusters(): Promise<ClusterStatus[]>;
  getCluster(name: string): Promise<ClusterStatus | undefined>;
  /** The served snapshot of one cluster; undefined when it was never collected. */
  getLatest(name: string): Promise<ServedSnapshot | undefined>;
  /** The served snapshots of all clusters that have one. */
  listLatest(): Promise<ServedSnapshot[]>;
  /** Ask for a collection of the cluster as soon as possible. */
  requestRefresh(name: string): Promise<void>;
  /** Called after each stored collection; returns an unsubscribe function. */
  onSnapshot(
    listener: (event: SnapshotEvent) => Promise<void> | void,
  ): () => void;
}
