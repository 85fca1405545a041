import { emptySnapshot } from '@ai-platform/plugin-ai-platform-common';
import { buildClusterStatus } from './buildClusterStatus';

const definition = {
  name: 'h100-prod',
  title: 'H100',
  url: 'https://h100.example.com',
  source: 'config' as const,
  entityRef: 'resource:default/h100-prod',
  auth: { type: 'serviceAccount' as const, token: 'secret-token' },
};

function snapshot() {
  const s = emptySnapshot(
    { name: 'h100-prod', source: 'config' },
    '2026-11-20T10:00:00.000Z',
  );
  s.version = { gitVersion: 'v1.35.2', major: 1, minor: 35 };
  s.parts = {
    nodes: { status: 'ok', count: 8 },
    pods: {
      status: 'error',
      error: {
        cluster: 'h100-prod',
        resource: 'pods',
        reason: 'forbidden',
        message: 'GET /api/v1/pods: HTTP 403',
        httpStatus: 403,
        at: '2026-11-20T10:00:01.000Z',
      },
    },
  };
  return s;
}

const error = {
  cluster: 'h100-prod',
  resource: '/version',
  reason: 'unreachable' as const,
  message: 'cannot connect',
  at: '2026-11-20T11:00:00.000Z',
};

describe('buildClusterStatus', () => {
  it('says pending before the first collection', () => {
    expect(buildClusterStatus({ name: 'h100-prod', definition })).toEqual({
      name: 'h100-prod',
      title: 'H100',
      source: 'config',
      entityRef: 'resource:default/h100-prod',
      state: 'pending',
      stale: false,
      partErrors: [],
    });
  });

  it('says fresh with the snapshot facts and part errors', () => {
    const status = buildClusterStatus({
      name: 'h100-prod',
      definition,
      row: {
        name: 'h100-prod',
        state: 'fresh',
        lastAttemptAt: Date.parse('2026-11-20T10:00:00Z'),
        lastSuccessAt: Date.parse('2026-11-20T10:00:05Z'),
      },
      snapshot: snapshot(),
    });
    expect(status).toMatchObject({
      state: 'fresh',
      stale: false,
      kubernetesVersion: { minor: 35 },
      lastAttemptAt: '2026-11-20T10:00:00.000Z',
      lastSuccessAt: '2026-11-20T10:00:05.000Z',
      snapshotCollectedAt: '2026-11-20T10:00:00.000Z',
      partErrors: [
        expect.objectContaining({ resource: 'pods', reason: 'forbidden' }),
      ],
    });
    expect(status.lastError).toBeUndefined();
    expect(JSON.stringify(status)).not.toContain('secret-token');
  });

  it('says stale with the error when a newer attempt failed', () => {
    const status = buildClusterStatus({
      name: 'h100-prod',
      definition,
      row: {
        name: 'h100-prod',
        state: 'stale',
        lastAttemptAt: Date.parse('2026-11-20T11:00:00Z'),
        lastError: error,
      },
      snapshot: snapshot(),
    });
    expect(status).toMatchObject({
      state: 'stale',
      stale: true,
      lastError: error,
      snapshotCollectedAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('says failed when it never succeeded, and for clusters that cannot be collected', () => {
    expect(
      buildClusterStatus({
        name: 'h100-prod',
        definition,
        row: { name: 'h100-prod', state: 'failed', lastError: error },
      }),
    ).toMatchObject({
      state: 'failed',
      stale: false,
      lastError: error,
    });
    expect(
      buildClusterStatus({
        name: 'gke',
        skipped: {
          name: 'gke',
          source: 'config',
          reason: 'authProvider "google" is not supported',
        },
      }),
    ).toMatchObject({
      state: 'failed',
      lastError: {
        cluster: 'gke',
        resource: 'configuration',
        message: 'authProvider "google" is not supported',
      },
    });
  });
});
