import {
  ClusterSnapshot,
  ClusterStatus,
} from '@ai-platform/plugin-ai-platform-common';
import {
  ServedSnapshot,
  SnapshotEvent,
  SnapshotService,
} from '../../snapshots/SnapshotService';

/** The snapshot service contract, kept in memory. */
export class MemorySnapshots implements SnapshotService {
  readonly served = new Map<string, ServedSnapshot>();
  readonly configured = new Set<string>();
  private readonly listeners = new Set<
    (event: SnapshotEvent) => Promise<void> | void
  >();

  async store(snapshot: ClusterSnapshot, stale = false) {
    const previous = this.served.get(snapshot.cluster.name)?.snapshot;
    const status: ClusterStatus = {
      name: snapshot.cluster.name,
      source: 'config',
      state: stale ? 'stale' : 'fresh',
      stale,
      partErrors: [],
      snapshotCollectedAt: snapshot.collectedAt,
      ...(stale
        ? {
            lastError: {
              cluster: snapshot.cluster.name,
              resource: 'connection',
              reason: 'unreachable',
              message: 'connect ECONNREFUSED 10.0.0.1:443',
              at: snapshot.collectedAt,
            },
          }
        : {}),
    } as ClusterStatus;
    this.served.set(snapshot.cluster.name, { status, snapshot });
    if (!stale) {
      for (const listener of this.listeners)
        await listener({ status, snapshot, ...(previous ? { previous } : {}) });
    }
  }
  async listClusters() {
    return [...this.served.values()].map(s => s.status);
  }
  async getCluster(name: string) {
    return (
      this.served.get(name)?.status ??
      (this.configured.has(name)
        ? ({
            name,
            source: 'config',
            state: 'pending',
            stale: false,
            partErrors: [],
          } as ClusterStatus)
        : undefined)
    );
  }
  async getLatest(name: string) {
    return this.served.get(name);
  }
  async listLatest() {
    return [...this.served.values()];
  }
  async requestRefresh() {}
  onSnapshot(listener: (event: SnapshotEvent) => Promise<void> | void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
