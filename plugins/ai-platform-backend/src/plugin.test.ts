import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { ClusterStatus } from '@ai-platform/plugin-ai-platform-common';
import request from 'supertest';
import { aiPlatformPlugin } from './plugin';
import { h100Node, richCluster } from './collection/__testUtils__/objects';
import { RecordingLogger } from './collection/__testUtils__/recordingLogger';
import { COLLECT_TASK_ID } from './scheduling/createSnapshotPipeline';
import { createTestScheduler } from './collection/__testUtils__/testScheduler';

jest.setTimeout(60_000);

const TOKENS = {
  rich: 'plugin-test-token-rich-9f8e7d6c',
  bare: 'plugin-test-token-bare-1a2b3c4d',
};

describe('aiPlatformPlugin', () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: [
        { name: 'rich', objects: richCluster(), token: TOKENS.rich },
        {
          name: 'bare',
          objects: [h100Node('n1')],
          token: TOKENS.bare,
          version: { major: '1', minor: '33', gitVersion: 'v1.33.5' },
        },
      ],
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  function config() {
    return {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'sim-rich',
                title: 'Rich',
                url: sim.cluster('rich').url,
                authProvider: 'serviceAccount',
                serviceAccountToken: TOKENS.rich,
              },
              {
                name: 'sim-bare',
                url: sim.cluster('bare').url,
                authProvider: 'serviceAccount',
                serviceAccountToken: TOKENS.bare,
              },
              {
                name: 'gke-prod',
                url: 'https://gke.example.com',
                authProvider: 'google',
              },
            ],
          },
        ],
      },
      aiPlatform: {
        collection: { requestTimeout: '5s', frequency: { milliseconds: 10 } },
      },
    };
  }

  async function start(options: { deny?: boolean } = {}) {
    const scheduler = createTestScheduler();
    const logger = new RecordingLogger();
    const { server } = await startTestBackend({
      features: [
        aiPlatformPlugin,
        mockServices.rootConfig.factory({ data: config() }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        logger.factory(),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: {
                name: 'rich-cluster',
                namespace: 'default',
                annotations: { 'ai-platform.dev/cluster-name': 'sim-rich' },
              },
              spec: { type: 'kubernetes-cluster', owner: 'group:platform' },
            },
          ],
        }),
        ...(options.deny
          ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
          : []),
      ],
    });
    return { server, scheduler, logger };
  }

  it('answers health checks without credentials', async () => {
    const { server } = await start();
    const response = await request(server).get('/api/ai-platform/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('lists configured clusters as pending, then fresh after a collection', async () => {
    const { server, scheduler, logger } = await start();

    const before = await request(server).get('/api/ai-platform/clusters');
    expect(before.status).toBe(200);
    const pending = Object.fromEntries(
      (before.body.items as ClusterStatus[]).map(c => [c.name, c.state]),
    );
    expect(pending).toEqual({
      'gke-prod': 'failed',
      'sim-bare': 'pending',
      'sim-rich': 'pending',
    });

    await scheduler.triggerTask(COLLECT_TASK_ID);

    const after = await request(server).get('/api/ai-platform/clusters');
    const items = after.body.items as ClusterStatus[];
    const rich = items.find(c => c.name === 'sim-rich')!;
    expect(rich).toMatchObject({
      state: 'fresh',
      stale: false,
      title: 'Rich',
      source: 'config',
      entityRef: 'resource:default/rich-cluster',
      kubernetesVersion: { major: 1, minor: 34 },
      partErrors: [],
    });
    expect(rich.parts!.nodes).toMatchObject({ status: 'ok', count: 3 });
    expect(items.find(c => c.name === 'sim-bare')).toMatchObject({
      state: 'fresh',
      kubernetesVersion: { minor: 33 },
    });

    // An unsupported auth provider is listed with the reason, never collected.
    const gke = items.find(c => c.name === 'gke-prod')!;
    expect(gke.state).toBe('failed');
    expect(gke.lastError!.message).toMatch(
      /authProvider "google" is not supported/,
    );
    expect(logger.text()).toMatch(
      /Cluster "gke-prod" is not collected: authProvider "google"/,
    );

    const one = await request(server).get('/api/ai-platform/clusters/sim-rich');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(rich);

    const body = JSON.stringify([before.body, after.body, one.body]);
    for (const token of Object.values(TOKENS)) {
      expect(body).not.toContain(token);
      expect(logger.text()).not.toContain(token);
    }
  });

  it('refreshes one cluster on request', async () => {
    const { server, scheduler } = await start();
    await scheduler.triggerTask(COLLECT_TASK_ID);
    const first = (
      await request(server).get('/api/ai-platform/clusters/sim-bare')
    ).body as ClusterStatus;

    sim.cluster('bare').upsert(h100Node('n2'));
    const response = await request(server).post(
      '/api/ai-platform/clusters/sim-bare/refresh',
    );
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: true });

    let latest = first;
    for (
      let i = 0;
      i < 100 && latest.snapshotCollectedAt === first.snapshotCollectedAt;
      i++
    ) {
      await new Promise(r => setTimeout(r, 50));
      latest = (await request(server).get('/api/ai-platform/clusters/sim-bare'))
        .body;
    }
    expect(latest.snapshotCollectedAt).not.toBe(first.snapshotCollectedAt);
    expect(latest.parts!.nodes!.count).toBe(2);
    sim.cluster('bare').remove('v1', 'Node', 'n2');
  });

  it('answers unknown and malformed cluster names clearly', async () => {
    const { server } = await start();
    const missing = await request(server).get('/api/ai-platform/clusters/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/No cluster named "nope"/);

    const bad = await request(server).get(
      `/api/ai-platform/clusters/${encodeURIComponent('bad name!')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Invalid name "bad name!"/);

    const long = await request(server).post(
      `/api/ai-platform/clusters/${'a'.repeat(254)}/refresh`,
    );
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 253 characters/);

    const unknownRefresh = await request(server).post(
      '/api/ai-platform/clusters/nope/refresh',
    );
    expect(unknownRefresh.status).toBe(404);

    const notCollected = await request(server).post(
      '/api/ai-platform/clusters/gke-prod/refresh',
    );
    expect(notCollected.status).toBe(409);
    expect(notCollected.body.error.message).toMatch(/not collected/);
  });

  it('checks permissions on every cluster endpoint', async () => {
    const { server } = await start({ deny: true });
    expect(
      (await request(server).get('/api/ai-platform/clusters')).status,
    ).toBe(403);
    expect(
      (await request(server).get('/api/ai-platform/clusters/sim-rich')).status,
    ).toBe(403);
    expect(
      (await request(server).post('/api/ai-platform/clusters/sim-rich/refresh'))
        .status,
    ).toBe(403);
    expect((await request(server).get('/api/ai-platform/health')).status).toBe(
      200,
    );
  });
});
