import {
  clusterStatus,
  validationError,
  fakeSnapshots,
  invoke,
  registry,
} from './__testUtils__/fakes';
import { createListClustersAction } from './createListClustersAction';

describe('list-clusters', () => {
  const statuses = [
    clusterStatus('mi300x-lab', {
      state: 'stale',
      stale: true,
      lastAttemptAt: '2026-09-01T10:05:00.000Z',
      lastError: {
        cluster: 'mi300x-lab',
        resource: '/version',
        reason: 'unreachable',
        message: 'connect ECONNREFUSED 127.0.0.1:17443',
        at: '2026-09-01T10:05:00.000Z',
      },
      partErrors: [
        {
          cluster: 'mi300x-lab',
          resource: 'pods',
          reason: 'forbidden',
          message: 'pods is forbidden',
          at: '2026-09-01T10:00:00.000Z',
        },
      ],
    }),
    clusterStatus('h100-prod', { title: 'H100 production' }),
    clusterStatus('new-one', {
      state: 'pending',
      kubernetesVersion: undefined,
      lastSuccessAt: undefined,
      lastAttemptAt: undefined,
      snapshotCollectedAt: undefined,
    }),
  ];

  function setup() {
    const actions = registry();
    createListClustersAction({
      actionsRegistry: actions,
      snapshots: fakeSnapshots(statuses),
    });
    return actions;
  }

  it('lists every cluster, sorted, with staleness and the error summary', async () => {
    const output = await invoke(setup(), 'list-clusters', {});
    expect(output.total).toBe(3);
    expect(output.clusters.map((c: { name: string }) => c.name)).toEqual([
      'h100-prod',
      'mi300x-lab',
      'new-one',
    ]);
    expect(output.clusters[0]).toEqual({
      name: 'h100-prod',
      title: 'H100 production',
      source: 'config',
      state: 'fresh',
      stale: false,
      kubernetesVersion: 'v1.35.2',
      lastSuccessAt: '2026-09-01T10:00:00.000Z',
      lastAttemptAt: '2026-09-01T10:00:00.000Z',
      snapshotCollectedAt: '2026-09-01T10:00:00.000Z',
    });
    expect(output.clusters[1]).toMatchObject({
      state: 'stale',
      stale: true,
      lastSuccessAt: '2026-09-01T10:00:00.000Z',
      error:
        'unreachable reading /version: connect ECONNREFUSED 127.0.0.1:17443',
      partErrors: ['forbidden reading pods: pods is forbidden'],
    });
    expect(output.clusters[2]).toEqual({
      name: 'new-one',
      source: 'config',
      state: 'pending',
      stale: false,
    });
    expect(output.summary).toBe(
      '3 clusters: 1 fresh (h100-prod); 1 stale (mi300x-lab); 1 pending (new-one)',
    );
  });

  it('filters by state', async () => {
    const output = await invoke(setup(), 'list-clusters', { state: 'stale' });
    expect(output.clusters.map((c: { name: string }) => c.name)).toEqual([
      'mi300x-lab',
    ]);
    const none = await invoke(setup(), 'list-clusters', { state: 'failed' });
    expect(none).toMatchObject({
      total: 0,
      clusters: [],
      summary: 'No failed clusters (3 clusters known)',
    });
  });

  it('rejects an unknown state, naming the argument', async () => {
    expect(
      await validationError(
        invoke(setup(), 'list-clusters', { state: 'broken' }),
      ),
    ).toEqual({
      arguments: ['state'],
      problems: [
        expect.stringMatching(
          /Invalid enum value. Expected 'fresh' \| 'stale' \| 'pending' \| 'failed', received 'broken'/,
        ),
      ],
    });
  });
});
