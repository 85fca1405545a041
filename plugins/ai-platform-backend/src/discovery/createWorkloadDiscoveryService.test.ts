import {
  ClusterSnapshot,
  ClusterStatus,
  emptySnapshot,
} from '@ai-platform/plugin-ai-platform-common';
import { NotFoundError } from '@backstage/errors';
import { ServedSnapshot, SnapshotService } from '../snapshots/SnapshotService';
import { createWorkloadDiscoveryService } from './createWorkloadDiscoveryService';

function served(name: string, collectedAt: string): ServedSnapshot {
  const snapshot: ClusterSnapshot = emptySnapshot(
    { name, source: 'config' },
    collectedAt,
  );
  snapshot.agents.kagentRemoteMcpServers.push({
    namespace: 'kagent',
    name: 'tools',
    url: 'http://tools.kagent:8084/mcp',
    discoveredTools: [],
    ready: true,
  });
  const status: ClusterStatus = {
    name,
    source: 'config',
    state: 'fresh',
    stale: false,
    partErrors: [],
  };
  return { status, snapshot };
}

function fakeSnapshots(
  latest: Map<string, ServedSnapshot>,
  known: string[],
): SnapshotService {
  return {
    listClusters: async () => [],
    getCluster: async name =>
      known.includes(name) ? ({ name } as ClusterStatus) : undefined,
    getLatest: async name => latest.get(name),
    listLatest: async () => [...latest.values()],
    requestRefresh: async () => {},
    onSnapshot: () => () => {},
  };
}

describe('createWorkloadDiscoveryService', () => {
  it('discovers every served cluster, sorted by name', async () => {
    const latest = new Map([
      ['b', served('b', '2026-08-01T10:00:00Z')],
      ['a', served('a', '2026-08-01T10:00:00Z')],
    ]);
    const service = createWorkloadDiscoveryService({
      snapshots: fakeSnapshots(latest, ['a', 'b']),
    });
    const items = await service.listDiscoveredWorkloads();
    expect(items.map(i => [i.cluster, i.mcpServers.length])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('caches per collectedAt and recomputes for a new snapshot', async () => {
    const latest = new Map([['a', served('a', '2026-08-01T10:00:00Z')]]);
    const service = createWorkloadDiscoveryService({
      snapshots: fakeSnapshots(latest, ['a']),
    });
    const [first] = await service.listDiscoveredWorkloads({ cluster: 'a' });
    const [again] = await service.listDiscoveredWorkloads();
    expect(again).toBe(first);

    latest.set('a', served('a', '2026-08-01T10:05:00Z'));
    const [next] = await service.listDiscoveredWorkloads({ cluster: 'a' });
    expect(next).not.toBe(first);
    expect(next.collectedAt).toBe('2026-08-01T10:05:00Z');
  });

  it('returns nothing for a known cluster never collected, 404 for an unknown one', async () => {
    const service = createWorkloadDiscoveryService({
      snapshots: fakeSnapshots(new Map(), ['pending']),
    });
    await expect(
      service.listDiscoveredWorkloads({ cluster: 'pending' }),
    ).resolves.toEqual([]);
    await expect(
      service.listDiscoveredWorkloads({ cluster: 'nope' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
