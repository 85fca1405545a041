import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FaultRule, KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { ClusterStatus } from '@ai-platform/plugin-ai-platform-common';
import request from 'supertest';
import { aiPlatformPlugin } from '../plugin';
import { richCluster } from '../collection/__testUtils__/objects';
import { RecordingLogger } from '../collection/__testUtils__/recordingLogger';
import { COLLECT_TASK_ID } from './createSnapshotPipeline';
import { createTestScheduler } from '../collection/__testUtils__/testScheduler';

jest.setTimeout(60_000);

const TOKEN = 'fault-test-token-5e4d3c2b1a';

/**
 * Every fault kind kube-sim injects, against a running backend: it keeps
 * serving; a part that fails is recorded as a part error naming the cluster
 * and resource; a cluster that fails as a whole keeps its last good snapshot,
 * marked stale with the error; and no credential shows up in a log line or a
 * response.
 */
describe('collection under faults', () => {
  let sim: KubeSim;
  let server: Parameters<typeof request>[0];
  let trigger: () => Promise<void>;
  const logger = new RecordingLogger();
  const responses: string[] = [];
  let kubeconfig: string;

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: [{ name: 'faulty', objects: richCluster(), token: TOKEN }],
    });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-platform-faults-'));
    const kubeconfigFile = path.join(dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfigFile);
    kubeconfig = await fs.readFile(kubeconfigFile, 'utf8');
    const scheduler = createTestScheduler();
    ({ server } = await startTestBackend({
      features: [
        aiPlatformPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'sim-faulty',
                      url: sim.cluster('faulty').url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: TOKEN,
                    },
                  ],
                },
              ],
            },
            aiPlatform: {
              kubeconfigClusters: [
                { file: kubeconfigFile, context: 'faulty', name: 'kc-faulty' },
              ],
              collection: {
                requestTimeout: { milliseconds: 400 },
                timeout: '20s',
                frequency: { milliseconds: 10 },
              },
            },
          },
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        logger.factory(),
        catalogServiceMock.factory(),
      ],
    }));
    trigger = () => scheduler.triggerTask(COLLECT_TASK_ID);
  });

  afterAll(async () => {
    await sim?.stop();
  });

  async function clusters(): Promise<Record<string, ClusterStatus>> {
    const response = await request(server).get('/api/ai-platform/clusters');
    expect(response.status).toBe(200);
    responses.push(response.text);
    return Object.fromEntries(
      (response.body.items as ClusterStatus[]).map(c => [c.name, c]),
    );
  }

  /** A clean collection, then one under the fault; returns both statuses of sim-faulty. */
  async function collectWith(fault: FaultRule) {
    sim.clearFaults();
    await sim.settle();
    await trigger();
    const good = (await clusters())['sim-faulty'];
    expect(good.state).toBe('fresh');
    sim.addFault({ cluster: 'faulty', ...fault });
    await sim.settle();
    await trigger();
    const all = await clusters();
    sim.clearFaults();
    await sim.settle();
    const health = await request(server).get('/api/ai-platform/health');
    expect(health.status).toBe(200);
    return { good, faulty: all['sim-faulty'], viaKubeconfig: all['kc-faulty'] };
  }

  /** Checks the snapshot was stored with the part in error, and returns that error. */
  function partError(status: ClusterStatus, part: string) {
    expect(status.state).toBe('fresh');
    const parts = status.parts!;
    const partStatus = parts[part as keyof typeof parts]!;
    expect(partStatus.status).toBe('error');
    expect(status.partErrors).toContainEqual(partStatus.error);
    expect(partStatus.error!.cluster).toBe(status.name);
    return partStatus.error;
  }

  /** Checks the last good snapshot is still served, marked stale, and returns the error. */
  function staleError(good: ClusterStatus, status: ClusterStatus) {
    expect(status.state).toBe('stale');
    expect(status.stale).toBe(true);
    expect(status.snapshotCollectedAt).toBe(good.snapshotCollectedAt);
    expect(status.lastSuccessAt).toBe(good.lastSuccessAt);
    expect(status.lastAttemptAt! > good.lastAttemptAt!).toBe(true);
    expect(status.parts!.nodes).toMatchObject({ status: 'ok', count: 3 });
    expect(status.lastError!.cluster).toBe(status.name);
    return status.lastError;
  }

  it('records a request slower than the request timeout as a part error', async () => {
    const { faulty } = await collectWith({
      kind: 'latency',
      resource: 'pods',
      latencyMs: 1500,
    });
    expect(partError(faulty, 'pods')).toMatchObject({
      resource: 'pods',
      reason: 'timeout',
    });
  });

  it('marks the cluster stale when every request is slower than the timeout', async () => {
    const { good, faulty } = await collectWith({
      kind: 'latency',
      latencyMs: 1500,
    });
    expect(staleError(good, faulty)).toMatchObject({
      resource: '/version',
      reason: 'timeout',
    });
  });

  it('records 403 on pods as a part error', async () => {
    const { faulty } = await collectWith({
      kind: 'status',
      status: 403,
      resource: 'pods',
    });
    expect(partError(faulty, 'pods')).toMatchObject({
      resource: 'pods',
      reason: 'forbidden',
      httpStatus: 403,
    });
    expect(faulty.partErrors.find(e => e.resource === 'pods')!.message).toMatch(
      /pods is forbidden/,
    );
  });

  it('records 500 on CRDs as a part error', async () => {
    const { faulty } = await collectWith({
      kind: 'status',
      status: 500,
      resource: 'customresourcedefinitions',
    });
    expect(partError(faulty, 'crds')).toMatchObject({
      resource: 'apiextensions.k8s.io/v1 customresourcedefinitions',
      reason: 'server-error',
      httpStatus: 500,
    });
    // Other parts are unaffected.
    expect(faulty.parts!.nodes!.status).toBe('ok');
  });

  it('times out a request that hangs', async () => {
    const { faulty } = await collectWith({ kind: 'hang', resource: 'nodes' });
    expect(partError(faulty, 'nodes')).toMatchObject({
      resource: 'nodes',
      reason: 'timeout',
    });
  });

  it('records a truncated response as invalid', async () => {
    const { faulty } = await collectWith({
      kind: 'truncate',
      resource: 'nodes',
    });
    expect(partError(faulty, 'nodes')).toMatchObject({
      resource: 'nodes',
      reason: 'invalid-response',
    });
  });

  it('records invalid JSON as invalid', async () => {
    const { faulty } = await collectWith({
      kind: 'invalid-json',
      resource: 'pods',
    });
    expect(partError(faulty, 'pods')).toMatchObject({
      resource: 'pods',
      reason: 'invalid-response',
    });
  });

  it('marks the cluster stale when connections are refused', async () => {
    const { good, faulty, viaKubeconfig } = await collectWith({
      kind: 'refuse',
    });
    expect(staleError(good, faulty)).toMatchObject({
      resource: '/version',
      reason: 'unreachable',
    });
    expect(viaKubeconfig.state).toBe('stale');
  });

  it('marks the cluster stale on 401', async () => {
    const { good, faulty } = await collectWith({ kind: 'status', status: 401 });
    expect(staleError(good, faulty)).toMatchObject({
      resource: '/version',
      reason: 'unauthorized',
      httpStatus: 401,
    });
  });

  it('is fresh again once the faults are gone', async () => {
    await trigger();
    const { 'sim-faulty': faulty, 'kc-faulty': viaKubeconfig } =
      await clusters();
    expect(faulty).toMatchObject({ state: 'fresh', partErrors: [] });
    expect(faulty.lastError).toBeUndefined();
    expect(viaKubeconfig).toMatchObject({
      state: 'fresh',
      source: 'kubeconfig',
    });
  });

  it('never logged or returned a credential', () => {
    const logs = logger.text();
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(logs).toMatch(/could not read pods/);
    const all = `${logs}\n${responses.join('\n')}`;
    expect(all).not.toContain(TOKEN);
    // Nothing of the kubeconfig's credentials either.
    const userBlock = kubeconfig.slice(kubeconfig.indexOf('users:'));
    expect(userBlock).toContain(TOKEN);
    expect(all).not.toMatch(/token:\s/);
  });
});
