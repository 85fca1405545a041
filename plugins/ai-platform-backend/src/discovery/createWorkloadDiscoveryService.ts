import { DiscoveredWorkloads } from '@ai-platform/plugin-ai-platform-common';
import { NotFoundError } from '@backstage/errors';
import { ServedSnapshot, SnapshotService } from '../snapshots/SnapshotService';
import { discoverWorkloads } from './discoverWorkloads';
import { WorkloadDiscoveryService } from './WorkloadDiscoveryService';

/**
 * Workload discovery over the served snapshots. Discovery is a pure
 * function of a snapshot, so its result is cached per cluster and
 * `collectedAt` and recomputed only when a new snapshot is served.
 */
export function createWorkloadDiscoveryService(deps: {
  snapshots: SnapshotService;
}): WorkloadDiscoveryService {
  const cache = new Map<
    string,
    { collectedAt: string; workloads: DiscoveredWorkloads }
  >();

  function discover(served: ServedSnapshot): DiscoveredWorkloads {
    const { snapshot } = served;
    const cached = cache.get(snapshot.cluster.name);
    if (cached && cached.collectedAt === snapshot.collectedAt) {
      return cached.workloads;
    }
    const workloads = discoverWorkloads(snapshot);
    cache.set(snapshot.cluster.name, {
      collectedAt: snapshot.collectedAt,
      workloads,
    });
    return workloads;
  }

  return {
    async listDiscoveredWorkloads(options = {}) {
      if (options.cluster !== undefined) {
        const served = await deps.snapshots.getLatest(options.cluster);
        if (served) return [discover(served)];
        if (!(await deps.snapshots.getCluster(options.cluster))) {
          throw new NotFoundError(`Unknown cluster '${options.cluster}'`);
        }
        // Known but never collected: nothing discovered yet.
        return [];
      }
      const all = await deps.snapshots.listLatest();
      const names = new Set(all.map(s => s.snapshot.cluster.name));
      for (const name of cache.keys()) {
        if (!names.has(name)) cache.delete(name);
      }
      return all
        .map(discover)
        .sort((a, b) => a.cluster.localeCompare(b.cluster));
    },
  };
}
