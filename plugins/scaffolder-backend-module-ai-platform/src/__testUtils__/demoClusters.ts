import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { ClusterStatus } from '@ai-platform/plugin-ai-platform-common';
import path from 'node:path';
import request from 'supertest';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const KUBE_SIM_ROOT = path.join(REPO_ROOT, 'packages/kube-sim');

export const DEMO_CLUSTERS = ['h100-prod', 'a100-research', 'mi300x-lab'];

/** Demo clusters and kube-sim fixtures, served over real HTTP with their own tokens. */
export async function startClusters(
  names: string[] = DEMO_CLUSTERS,
): Promise<KubeSim> {
  return startKubeSim({
    clusters: names.map(name => ({
      name,
      dir: path.join(
        KUBE_SIM_ROOT,
        DEMO_CLUSTERS.includes(name) ? 'clusters' : 'fixtures',
        name,
      ),
      token: `golden-path-test-token-${name}`,
    })),
  });
}

/** The `kubernetes` config block the ai-platform backend reads, pointing at the simulator. */
export function kubernetesConfig(sim: KubeSim) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: sim.clusters.map(c => ({
          name: c.name,
          url: c.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: `golden-path-test-token-${c.name}`,
          skipMetricsLookup: true,
        })),
      },
    ],
  };
}

/** Asks the backend to collect each cluster and waits until all are in the wanted state. */
export async function collectClusters(
  server: Parameters<typeof request>[0],
  names: string[],
  want: ClusterStatus['state'] = 'fresh',
  timeoutMs = 30_000,
): Promise<ClusterStatus[]> {
  const before = new Map<string, string | undefined>();
  for (const name of names) {
    const status = await request(server).get(
      `/api/ai-platform/clusters/${name}`,
    );
    before.set(name, status.body.lastAttemptAt);
    await request(server).post(`/api/ai-platform/clusters/${name}/refresh`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(server).get('/api/ai-platform/clusters');
    const items = (response.body.items ?? []) as ClusterStatus[];
    const done = names.every(name => {
      const c = items.find(i => i.name === name);
      return c && c.state === want && c.lastAttemptAt !== before.get(name);
    });
    if (done) return items;
    if (Date.now() > deadline) {
      throw new Error(
        `Clusters not ${want} after ${timeoutMs} ms: ${JSON.stringify(
          items.map(i => ({
            name: i.name,
            state: i.state,
            error: i.lastError?.message,
          })),
        )}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
