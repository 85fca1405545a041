import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadClusterFolder } from '../loader/loadClusterFolder';
import { request } from '../testing/httpClient';
import { CliArgError } from './args';
import { clusterSpecsFromOptions, runCli } from './main';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sim-cli-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const quiet = { out: () => {}, err: () => {} };

describe('kube-sim CLI', () => {
  it('bin/kube-sim serves clusters, writes a kubeconfig and stops on SIGTERM', async () => {
    const kubeconfig = path.join(dir, 'kubeconfig');
    const clusterDir = path.join(dir, 'b');
    await fs.mkdir(clusterDir);
    await fs.writeFile(
      path.join(clusterDir, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: x\n',
    );
    const faults = path.join(dir, 'faults.yaml');
    await fs.writeFile(
      faults,
      '- cluster: b\n  resource: pods\n  kind: status\n  status: 500\n',
    );
    const bin = path.resolve(__dirname, '../../bin/kube-sim');
    const child = spawn(process.execPath, [
      bin,
      '--cluster',
      'a=synthetic:nodes=3,podsPerNode=2',
      '--cluster',
      `b=${clusterDir}`,
      '--token',
      'a=token-a',
      '--kubeconfig-out',
      kubeconfig,
      '--faults',
      faults,
    ]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', d => (stderr += d));
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no "ready" within 30s. stdout: ${stdout} stderr: ${stderr}`,
              ),
            ),
          30_000,
        );
        child.stdout.on('data', d => {
          stdout += d;
          if (/^ready$/m.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', code =>
          reject(new Error(`exited early (${code}): ${stderr}`)),
        );
      });
      expect(stdout).toMatch(/^cluster a: https:\/\/127\.0\.0\.1:\d+$/m);
      expect(stdout).toMatch(/^cluster b: https:\/\/127\.0\.0\.1:\d+$/m);
      expect(stdout).toMatch(
        /^admin endpoint: https:\/\/127\.0\.0\.1:\d+\/_sim\/faults/m,
      );
      const kc = parse(await fs.readFile(kubeconfig, 'utf8'));
      expect(kc['current-context']).toBe('a');
      const ca = Buffer.from(
        kc.clusters[0].cluster['certificate-authority-data'],
        'base64',
      ).toString();
      const nodes = await request(
        `${kc.clusters[0].cluster.server}/api/v1/nodes`,
        { token: 'token-a', ca },
      );
      expect(nodes.json().items).toHaveLength(3);
      const tokenB = kc.users[1].user.token;
      const podsB = await request(
        `${kc.clusters[1].cluster.server}/api/v1/pods`,
        { token: tokenB, ca },
      );
      expect(podsB.status).toBe(500);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it('generate writes a folder that loads back', async () => {
    const out: string[] = [];
    await runCli(
      [
        'node',
        'kube-sim',
        'generate',
        '--nodes',
        '6',
        '--pods-per-node',
        '4',
        '--dra-fraction',
        '1',
        '--kubernetes-minor',
        '33',
        '--out',
        dir,
      ],
      {
        out: l => out.push(l),
        err: () => {},
      },
    );
    const summary = JSON.parse(out[out.length - 1]);
    const loaded = await loadClusterFolder(dir);
    expect(loaded.objects).toHaveLength(summary.objects);
    expect(loaded.version).toMatchObject({
      minor: '33',
      gitVersion: 'v1.33.2',
    });
    expect((await fs.readdir(dir)).sort()).toEqual([
      'dra.yaml',
      'namespaces.yaml',
      'nodes.yaml',
      'pods.yaml',
      'version.yaml',
    ]);
    const json = path.join(dir, 'json');
    await runCli(
      [
        'node',
        'kube-sim',
        'generate',
        '--nodes',
        '2',
        '--format',
        'json',
        '--out',
        json,
      ],
      quiet,
    );
    const fromJson = await loadClusterFolder(json);
    expect(fromJson.objects.filter(o => o.kind === 'Node')).toHaveLength(2);
  });

  it('needs at least one cluster and rejects duplicates and unknown token targets', () => {
    expect(() =>
      clusterSpecsFromOptions({ port: '0', host: '127.0.0.1' }, quiet, []),
    ).toThrow(CliArgError);
    expect(() =>
      clusterSpecsFromOptions(
        { port: '0', host: '127.0.0.1', cluster: ['a=x', 'a=y'] },
        quiet,
      ),
    ).toThrow(/given twice/);
    expect(() =>
      clusterSpecsFromOptions(
        { port: '0', host: '127.0.0.1', cluster: ['a=x'], token: ['b=t'] },
        quiet,
      ),
    ).toThrow(/unknown cluster "b"/);
    const specs = clusterSpecsFromOptions(
      { port: '0', host: '127.0.0.1' },
      quiet,
      ['/somewhere/gpu-east'],
    );
    expect(specs).toEqual([{ name: 'gpu-east', dir: '/somewhere/gpu-east' }]);
  });
});
