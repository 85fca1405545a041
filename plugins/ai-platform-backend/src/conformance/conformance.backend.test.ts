/*
 * The whole path in a started backend: kube-sim serves the demo clusters over
 * HTTP, the plugin collects them, the snapshot listener records verdict
 * history, and the REST API serves scorecards, the matrix, the history and
 * the PRODUCT.yaml download.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { aiPlatformPlugin } from '../plugin';
import { createTestScheduler } from '../collection/__testUtils__/testScheduler';
import { COLLECT_TASK_ID } from '../scheduling/createSnapshotPipeline';

jest.setTimeout(90_000);

const SIM_DIR = path.resolve(
  __dirname,
  '../../../../packages/kube-sim/clusters',
);
const TOKEN = 'conformance-backend-test-token-5d4c3b2a';
const CLUSTERS = ['h100-prod', 'a100-research', 'mi300x-lab'];

describe('conformance in a started backend', () => {
  let sim: KubeSim;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: CLUSTERS.map(name => ({
        name,
        dir: path.join(SIM_DIR, name),
        token: TOKEN,
      })),
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  async function start() {
    const scheduler = createTestScheduler();
    const { server } = await startTestBackend({
      features: [
        aiPlatformPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: CLUSTERS.map(name => ({
                    name,
                    url: sim.cluster(name).url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: TOKEN,
                  })),
                },
              ],
            },
          },
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    return { server, scheduler };
  }

  it('serves scorecards, the matrix, the history and the PRODUCT.yaml of collected clusters', async () => {
    const { server, scheduler } = await start();
    const before = await request(server).get(
      '/api/ai-platform/clusters/h100-prod/scorecard',
    );
    expect(before.status).toBe(404);

    await scheduler.triggerTask(COLLECT_TASK_ID);

    const h100 = await request(server).get(
      '/api/ai-platform/clusters/h100-prod/scorecard',
    );
    expect(h100.status).toBe(200);
    expect(h100.body).toMatchObject({
      cluster: 'h100-prod',
      checklistVersion: '1.35',
      stale: false,
      summary: {
        readiness: 'needs-active-tests',
        must: { total: 9, pass: 8, partial: 1 },
      },
    });

    const a100 = await request(server).get(
      '/api/ai-platform/clusters/a100-research/scorecard?checklist=1.35',
    );
    const sharing = a100.body.requirements.find(
      (r: any) => r.id === 'gpu_sharing',
    );
    expect(sharing.verdict).toBe('pass');

    const matrix = await request(server).get(
      '/api/ai-platform/conformance/matrix',
    );
    expect(matrix.body.checklistVersion).toBe('1.36');
    expect(
      matrix.body.clusters.map((c: any) => [
        c.cluster,
        c.defaultChecklistVersion,
      ]),
    ).toEqual([
      ['a100-research', '1.33'],
      ['h100-prod', '1.35'],
      ['mi300x-lab', '1.34'],
    ]);

    const history = await request(server).get(
      '/api/ai-platform/clusters/mi300x-lab/conformance/history',
    );
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(9);
    expect(
      history.body.items.every(
        (c: any) => c.checklistVersion === '1.34' && !c.from,
      ),
    ).toBe(true);

    const yaml = await request(server).get(
      '/api/ai-platform/clusters/h100-prod/conformance/product.yaml',
    );
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-disposition']).toBe(
      'attachment; filename="h100-prod-PRODUCT.yaml"',
    );
    const doc = parse(yaml.text);
    expect(doc.metadata.kubernetesVersion).toBe('v1.35');
    const statuses = Object.values(doc.spec as Record<string, any[]>)
      .flat()
      .map(i => [i.id, i.status]);
    expect(statuses).toContainEqual(['ai_inference', 'Implemented']);
    expect(statuses).toContainEqual([
      'secure_accelerator_access',
      'Partially Implemented',
    ]);
    expect(yaml.text).not.toContain(TOKEN);
  });
});
