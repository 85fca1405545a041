import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startKubeSim } from './sim';
import {
  gpuNode,
  inferencePool,
  inferencePoolCrd,
  pod,
  resourceSlice,
} from './testing/fixtures';
import { request } from './testing/httpClient';

async function freePortRange(count: number): Promise<number> {
  // Find a base port whose next `count` ports are free right now.
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const servers: net.Server[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const s = net.createServer();
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(base + i, '127.0.0.1', () => resolve());
        });
        servers.push(s);
      }
      return base;
    } catch {
      // try another range
    } finally {
      await Promise.all(servers.map(s => new Promise(r => s.close(r))));
    }
  }
  throw new Error('no free port range');
}

describe('startKubeSim', () => {
  it('runs each cluster on its own port: N, N+1, ... in cluster order', async () => {
    const base = await freePortRange(3);
    const sim = await startKubeSim({
      clusters: [{ name: 'a' }, { name: 'b' }],
      port: base,
    });
    try {
      expect(sim.clusters.map(c => c.port)).toEqual([base, base + 1]);
      expect(sim.cluster('b').url).toBe(`http://127.0.0.1:${base + 1}`);
      const added = await sim.addCluster({ name: 'c' });
      expect(added.port).toBe(base + 2);
    } finally {
      await sim.stop();
    }
  });

  it('fails clearly when a port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        startKubeSim({ clusters: [{ name: 'busy' }], port }),
      ).rejects.toThrow(
        `cluster "busy": cannot listen on 127.0.0.1:${port}: port already in use`,
      );
    } finally {
      blocker.close();
    }
  });

  it('writes a kubeconfig with a cluster, user and context per cluster', async () => {
    const sim = await startKubeSim({
      clusters: [{ name: 'first', token: 't1' }, { name: 'second' }],
    });
    const file = path.join(
      await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sim-kc-')),
      'config',
    );
    try {
      await sim.writeKubeconfig(file);
      const kc = parse(await fs.readFile(file, 'utf8'));
      expect(kc['current-context']).toBe('first');
      expect(kc.clusters).toEqual([
        {
          name: 'first',
          cluster: {
            server: sim.cluster('first').url,
            'insecure-skip-tls-verify': true,
          },
        },
        {
          name: 'second',
          cluster: {
            server: sim.cluster('second').url,
            'insecure-skip-tls-verify': true,
          },
        },
      ]);
      expect(kc.users[0]).toEqual({
        name: 'first-user',
        user: { token: 't1' },
      });
      expect(kc.contexts[1]).toEqual({
        name: 'second',
        context: { cluster: 'second', user: 'second-user' },
      });
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      await sim.stop();
    }
  });

  it('adds and removes clusters mid-run', async () => {
    const sim = await startKubeSim({ clusters: [{ name: 'stay' }] });
    try {
      const extra = await sim.addCluster({
        name: 'extra',
        objects: [gpuNode('n1')],
      });
      expect(
        (
          await request(`${extra.url}/api/v1/nodes`, { token: extra.token })
        ).json().items,
      ).toHaveLength(1);
      expect(parse(sim.kubeconfig()).contexts.map((c: any) => c.name)).toEqual([
        'stay',
        'extra',
      ]);
      await expect(sim.addCluster({ name: 'extra' })).rejects.toThrow(
        'cluster "extra" is already running',
      );
      await sim.removeCluster('extra');
      await expect(request(`${extra.url}/version`)).rejects.toThrow(
        /ECONNREFUSED/,
      );
      expect(() => sim.cluster('extra')).toThrow(
        'unknown cluster "extra" (known: stay)',
      );
      expect(parse(sim.kubeconfig()).contexts.map((c: any) => c.name)).toEqual([
        'stay',
      ]);
    } finally {
      await sim.stop();
    }
  });

  it('loads a cluster folder, with programmatic objects on top', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sim-folder-'));
    await fs.writeFile(path.join(dir, 'version.yaml'), 'gitVersion: v1.33.2\n');
    await fs.writeFile(
      path.join(dir, 'features.yaml'),
      'resource.k8s.io/v1beta2: true\n',
    );
    // The custom resource comes before its CRD on purpose: scope must still be right.
    await fs.writeFile(
      path.join(dir, 'a-pool.yaml'),
      'apiVersion: inference.networking.k8s.io/v1\nkind: InferencePool\nmetadata:\n  name: p\n',
    );
    await fs.writeFile(
      path.join(dir, 'b-crd.json'),
      JSON.stringify(inferencePoolCrd),
    );
    const sim = await startKubeSim({
      clusters: [{ name: 'f', dir, objects: [pod('extra', 'team')] }],
    });
    try {
      const c = sim.cluster('f');
      const get = (p: string) => request(`${c.url}${p}`, { token: c.token });
      expect((await get('/version')).json()).toMatchObject({
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.2',
      });
      expect((await get('/apis/resource.k8s.io/v1beta2')).status).toBe(200);
      expect((await get('/apis/resource.k8s.io/v1')).status).toBe(404);
      expect(
        (
          await get(
            '/apis/inference.networking.k8s.io/v1/namespaces/default/inferencepools/p',
          )
        ).status,
      ).toBe(200);
      // Namespaces referenced by objects exist, next to the standard ones.
      const ns = (await get('/api/v1/namespaces'))
        .json()
        .items.map((i: any) => i.metadata.name);
      expect(ns).toEqual([
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
        'team',
      ]);
    } finally {
      await sim.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('warns about objects no API serves, and about duplicates', async () => {
    const lines: string[] = [];
    const sim = await startKubeSim({
      logger: l => lines.push(l),
      clusters: [
        {
          name: 'warn',
          version: { major: '1', minor: '33', gitVersion: 'v1.33.1' },
          objects: [
            inferencePool('orphan', 'ml'),
            resourceSlice('n1', 'resource.k8s.io/v1'),
            gpuNode('n1'),
            gpuNode('n1'),
          ],
        },
      ],
    });
    try {
      const text = lines.join('\n');
      expect(text).toMatch(
        /\[warn\] 1 InferencePool object\(s\) of inference\.networking\.k8s\.io\/v1 are not served/,
      );
      expect(text).toMatch(
        /\[warn\] 1 ResourceSlice object\(s\) of resource\.k8s\.io\/v1 are not served/,
      );
      expect(text).toMatch(/\[warn\] duplicate Node n1/);
      expect(text).not.toMatch(/Namespace/);
    } finally {
      await sim.stop();
    }
  });

  it('logs requests when asked to', async () => {
    const lines: string[] = [];
    const sim = await startKubeSim({
      logger: l => lines.push(l),
      logRequests: true,
      clusters: [{ name: 'log' }],
    });
    try {
      const c = sim.cluster('log');
      await request(`${c.url}/api/v1/nodes?limit=1`, { token: c.token });
      await new Promise(r => setTimeout(r, 20));
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^\[log\] GET \/api\/v1\/nodes\?limit=1 200 \d+ms$/,
        ),
      );
    } finally {
      await sim.stop();
    }
  });

  it('upserts, lists and removes objects programmatically', async () => {
    const sim = await startKubeSim({
      clusters: [{ name: 'p', objects: [inferencePoolCrd] }],
    });
    try {
      const c = sim.cluster('p');
      const stored = c.upsert(inferencePool('a', 'ml'));
      expect(stored).toMatchObject({
        kind: 'InferencePool',
        metadata: { name: 'a', namespace: 'ml' },
      });
      expect(
        c
          .list('inference.networking.k8s.io/v1', 'InferencePool')
          .map(o => o.metadata.name),
      ).toEqual(['a']);
      expect(
        c.remove('inference.networking.k8s.io/v1', 'InferencePool', 'a', 'ml'),
      ).toBe(true);
      expect(
        c.remove('inference.networking.k8s.io/v1', 'InferencePool', 'a', 'ml'),
      ).toBe(false);
      expect(() =>
        c.upsert({ apiVersion: 'v1', kind: 'Pod', metadata: {} } as any),
      ).toThrow('Pod (v1) has no metadata.name');
    } finally {
      await sim.stop();
    }
  });
});
