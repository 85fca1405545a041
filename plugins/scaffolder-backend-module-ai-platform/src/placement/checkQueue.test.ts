import { ClusterQueues } from '@ai-platform/plugin-ai-platform-common';
import { checkQueue } from './checkQueue';

const h100: ClusterQueues = {
  cluster: 'h100-prod',
  collectedAt: '2026-11-20T10:00:00.000Z',
  stale: false,
  kueue: {
    status: 'ok',
    clusterQueues: [
      { name: 'gpu-cluster-queue', active: true },
      { name: 'paused-queue', active: false },
    ],
    localQueues: [
      {
        namespace: 'team-nlp',
        name: 'nlp-queue',
        clusterQueue: 'gpu-cluster-queue',
      },
      {
        namespace: 'team-vision',
        name: 'vision-queue',
        clusterQueue: 'gpu-cluster-queue',
      },
      { namespace: 'team-nlp', name: 'frozen', clusterQueue: 'paused-queue' },
    ],
  },
  volcano: { status: 'not-installed', queues: [] },
};

const a100: ClusterQueues = {
  ...h100,
  cluster: 'a100-research',
  kueue: { status: 'not-installed', clusterQueues: [], localQueues: [] },
  volcano: {
    status: 'ok',
    queues: [
      { name: 'default', state: 'Open' },
      { name: 'research', state: 'Open' },
      { name: 'retired', state: 'Closed' },
    ],
  },
};

const kueue = { scheduler: 'kueue-jobset' as const, namespace: 'team-nlp' };

describe('checkQueue', () => {
  it('accepts an existing LocalQueue and names its ClusterQueue', () => {
    expect(checkQueue(h100, { ...kueue, queue: 'nlp-queue' })).toEqual({
      verified: true,
      clusterQueue: 'gpu-cluster-queue',
      message:
        'LocalQueue "team-nlp/nlp-queue" exists on h100-prod, admitted through ClusterQueue "gpu-cluster-queue"',
    });
  });

  it('refuses a LocalQueue that does not exist, listing the ones that do', () => {
    expect(() => checkQueue(h100, { ...kueue, queue: 'nlp-q' })).toThrow(
      'LocalQueue "nlp-q" does not exist in namespace team-nlp on h100-prod; LocalQueues there: nlp-queue, frozen; elsewhere: team-vision/vision-queue. Pick one, or ask the template to create the LocalQueue',
    );
  });

  it('refuses a LocalQueue whose ClusterQueue is not active', () => {
    expect(() => checkQueue(h100, { ...kueue, queue: 'frozen' })).toThrow(
      /admits through ClusterQueue "paused-queue", which is not active/,
    );
  });

  it('checks the ClusterQueue of a LocalQueue the template creates', () => {
    expect(
      checkQueue(h100, {
        ...kueue,
        namespace: 'team-speech',
        queue: 'speech-queue',
        createLocalQueue: true,
        clusterQueue: 'gpu-cluster-queue',
      }),
    ).toMatchObject({
      verified: true,
      message: expect.stringMatching(/will be created on h100-prod/),
    });
    expect(() =>
      checkQueue(h100, {
        ...kueue,
        queue: 'speech-queue',
        createLocalQueue: true,
        clusterQueue: 'cpu-queue',
      }),
    ).toThrow(
      'ClusterQueue "cpu-queue" does not exist on h100-prod; its ClusterQueues: gpu-cluster-queue, paused-queue',
    );
    expect(() =>
      checkQueue(h100, {
        ...kueue,
        queue: 'frozen',
        createLocalQueue: true,
        clusterQueue: 'gpu-cluster-queue',
      }),
    ).toThrow(
      /already exists on h100-prod and points at ClusterQueue "paused-queue"/,
    );
  });

  it('checks Volcano queues and their state', () => {
    const volcano = { scheduler: 'volcano' as const, namespace: 'research' };
    expect(checkQueue(a100, { ...volcano, queue: 'research' })).toMatchObject({
      verified: true,
    });
    expect(() => checkQueue(a100, { ...volcano, queue: 'gpu' })).toThrow(
      'Volcano queue "gpu" does not exist on a100-research; its queues: default, research, retired',
    );
    expect(() => checkQueue(a100, { ...volcano, queue: 'retired' })).toThrow(
      /is Closed, so it takes no new jobs/,
    );
  });

  it('refuses a scheduler the cluster does not run', () => {
    expect(() => checkQueue(a100, { ...kueue, queue: 'nlp-queue' })).toThrow(
      /Kueue is not installed on a100-research/,
    );
    expect(() =>
      checkQueue(h100, {
        scheduler: 'volcano',
        namespace: 'x',
        queue: 'default',
      }),
    ).toThrow(/Volcano is not installed on h100-prod/);
  });

  it('does not refuse when the queues could not be read, and says so', () => {
    const unreadable: ClusterQueues = {
      ...h100,
      kueue: { status: 'unreadable', clusterQueues: [], localQueues: [] },
    };
    expect(checkQueue(unreadable, { ...kueue, queue: 'anything' })).toEqual({
      verified: false,
      message:
        'Kueue queues of h100-prod could not be read; queue "team-nlp/anything" not verified',
    });
  });

  it('says when the queues come from a stale snapshot', () => {
    expect(
      checkQueue({ ...h100, stale: true }, { ...kueue, queue: 'nlp-queue' })
        .message,
    ).toMatch(/from the last good snapshot of 2026-11-20T10:00:00.000Z/);
  });
});
