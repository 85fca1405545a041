/**
 * The real kubectl against the simulator. kubectl only sends tokens over TLS, so TLS is on.
 * Binaries: `kubectl` from PATH, or a comma-separated list in KUBECTL_BINARIES
 * (e.g. `kubectl,/tmp/kubectl-1.20/usr/bin/kubectl` to cover Debian's kubernetes-client too).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeSim, startKubeSim } from './sim';
import {
  gpuNode,
  inferencePool,
  inferencePoolCrd,
  node,
  pod,
  resourceSlice,
} from './testing/fixtures';

// Key generation, child processes and big fixtures are slow when the shared machine is busy.
jest.setTimeout(60_000);

const BINARIES = (process.env.KUBECTL_BINARIES ?? 'kubectl')
  .split(',')
  .map(s => s.trim())
  .filter(Boolean);

const MISSING_HINT =
  "is not installed or not on PATH. Install Debian's kubectl with `apt-get install -y kubernetes-client` " +
  '(or extract it: `apt-get download kubernetes-client && dpkg -x kubernetes-client_*.deb DIR`) and put it on PATH ' +
  'or name it in KUBECTL_BINARIES.';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      { timeout: 30_000, env: { ...process.env, KUBECONFIG: '' } },
      (err, stdout, stderr) => {
        const e = err as
          | (NodeJS.ErrnoException & { code?: number | string })
          | null;
        if (e && e.code === 'ENOENT') {
          reject(new Error(`kubectl binary "${bin}" ${MISSING_HINT}`));
          return;
        }
        resolve({
          code: e ? Number(e.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        });
      },
    );
  });
}

let sim: KubeSim;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  sim = await startKubeSim({
    tls: true,
    clusters: [
      {
        name: 'kubectl-test',
        restrictedTokens: [{ token: 'no-pods', forbid: ['pods'] }],
        objects: [
          gpuNode('gpu-a'),
          gpuNode('gpu-b', 'NVIDIA-L40S'),
          node('cpu-a'),
          pod('train-0', 'ml', { nodeName: 'gpu-a', gpus: 8 }),
          pod('dcgm-exporter-x', 'gpu-operator', { nodeName: 'gpu-a' }),
          pod('serve-0', 'ml', { nodeName: 'gpu-b', gpus: 1 }),
          resourceSlice('gpu-a'),
          inferencePoolCrd,
          inferencePool('qwen', 'ml'),
        ],
      },
    ],
  });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kube-sim-kubectl-'));
  kubeconfig = path.join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
});

afterAll(async () => {
  await sim?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.each(BINARIES)('kubectl (%s)', bin => {
  let cacheDir: string;
  const kubectl = (...args: string[]) =>
    run(bin, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args]);

  beforeAll(async () => {
    // A fresh discovery cache per binary, so nothing leaks between runs.
    cacheDir = await fs.mkdtemp(path.join(dir, 'cache-'));
    const version = await run(bin, ['version', '--client']);
    if (version.code !== 0) {
      throw new Error(`"${bin} version --client" failed: ${version.stderr}`);
    }
  });

  it('gets GPU nodes by label as names', async () => {
    const r = await kubectl(
      'get',
      'nodes',
      '-l',
      'nvidia.com/gpu.present=true',
      '-o',
      'name',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['node/gpu-a', 'node/gpu-b']);
  });

  it('lists api-resources including DRA and CRD resources', async () => {
    const r = await kubectl('api-resources');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find(l => /^resourceslices\s/.test(l))).toMatch(
      /resource\.k8s\.io\/v1\s+false\s+ResourceSlice/,
    );
    expect(lines.find(l => /^inferencepools\s/.test(l))).toMatch(
      /inference\.networking\.k8s\.io\/v1\s+true\s+InferencePool/,
    );
    expect(lines.find(l => /^pods\s/.test(l))).toMatch(
      /^pods\s+po\s+v1\s+true\s+Pod/,
    );
  });

  it('gets resourceslices as a table', async () => {
    const r = await kubectl('get', 'resourceslices');
    expect(r.code).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header.split(/\s+/)).toEqual([
      'NAME',
      'NODE',
      'DRIVER',
      'POOL',
      'AGE',
    ]);
    expect(row.split(/\s+/).slice(0, 4)).toEqual([
      'gpu-a-gpu.nvidia.com',
      'gpu-a',
      'gpu.nvidia.com',
      'gpu-a',
    ]);
  });

  it('gets pods of one node across namespaces with a field selector', async () => {
    const r = await kubectl(
      'get',
      'pods',
      '-A',
      '--field-selector',
      'spec.nodeName=gpu-a',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    expect(lines.slice(1).map(l => l.split(/\s+/).slice(0, 4))).toEqual([
      ['gpu-operator', 'dcgm-exporter-x', '1/1', 'Running'],
      ['ml', 'train-0', '1/1', 'Running'],
    ]);
  });

  it('prints the server error for unsupported field selectors', async () => {
    const r = await kubectl(
      'get',
      'nodes',
      '--field-selector',
      'spec.nodeName=x',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/field label not supported: spec\.nodeName/);
  });

  it('checks access with auth can-i for the main and a restricted token', async () => {
    const yes = await kubectl('auth', 'can-i', 'list', 'pods');
    expect(yes.stdout.trim()).toBe('yes');
    const no = await kubectl(
      '--token',
      'no-pods',
      'auth',
      'can-i',
      'list',
      'pods',
    );
    expect(no.stdout.trim()).toBe('no');
    const denied = await kubectl(
      '--token',
      'no-pods',
      'get',
      'pods',
      '-n',
      'ml',
    );
    expect(denied.stderr).toMatch(
      /pods is forbidden: User ".+" cannot list resource "pods" in API group "" in the namespace "ml"/,
    );
  });
});
