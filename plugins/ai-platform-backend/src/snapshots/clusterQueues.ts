import {
  ClusterQueues,
  ClusterSnapshot,
  QueueSourceStatus,
  SnapshotPartName,
} from '@ai-platform/plugin-ai-platform-common';

function sourceStatus(
  snapshot: ClusterSnapshot,
  part: SnapshotPartName,
): QueueSourceStatus {
  const status = snapshot.parts[part]?.status;
  if (status === 'ok') return 'ok';
  if (status === 'not-served') return 'not-installed';
  return 'unreadable';
}

/** The queues of a served snapshot, for pickers and the golden paths' checks. */
export function clusterQueues(
  cluster: string,
  snapshot: ClusterSnapshot,
  stale: boolean,
): ClusterQueues {
  const { kueue, volcano } = snapshot.scheduling;
  return {
    cluster,
    collectedAt: snapshot.collectedAt,
    stale,
    kueue: {
      status: sourceStatus(snapshot, 'kueue'),
      clusterQueues: kueue.clusterQueues.map(q => ({
        name: q.name,
        active: q.active,
      })),
      localQueues: kueue.localQueues.map(q => ({ ...q })),
    },
    volcano: {
      status: sourceStatus(snapshot, 'volcano'),
      queues: volcano.queues.map(q => ({
        name: q.name,
        ...(q.state ? { state: q.state } : {}),
      })),
    },
  };
}
