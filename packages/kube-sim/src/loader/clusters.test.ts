/**
 * Every demo cluster folder under packages/kube-sim/clusters/ (written separately) must load, and
 * every object in it must be reachable through the API of its simulated Kubernetes version.
 */
import { defaultClusterDirs } from '../cli/main';
import { groupOfApiVersion } from '../discovery/registry';
import { startKubeSim } from '../sim';
import { request } from '../testing/httpClient';
import { loadClusterFolder } from './loadClusterFolder';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

describe('demo cluster folders', () => {
  it('load without errors and serve every object they contain', async () => {
    const dirs = await defaultClusterDirs();
    for (const dir of dirs) {
      const loaded = await loadClusterFolder(dir);
      const sim = await startKubeSim({ clusters: [{ name: 'demo', dir }] });
      try {
        const c = sim.cluster('demo');
        const get = (p: string) => request(`${c.url}${p}`, { token: c.token });
        expect((await get('/version')).status).toBe(200);
        const unserved: string[] = [];
        for (const o of loaded.objects) {
          const { group, version } = groupOfApiVersion(o.apiVersion);
          const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
          const discovery = await get(base);
          const resource =
            discovery.status === 200
              ? discovery
                  .json()
                  .resources.find(
                    (r: any) => r.kind === o.kind && !r.name.includes('/'),
                  )
              : undefined;
          if (!resource) {
            unserved.push(
              `${dir}: ${o.apiVersion} ${o.kind} ${o.metadata.name}`,
            );
          }
        }
        expect(unserved).toEqual([]);
      } finally {
        await sim.stop();
      }
    }
  });
});
