import { parse as parseYaml } from 'yaml';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import { runCli } from './main';
import { ScanReport } from './scanReport';

jest.setTimeout(60_000);

const run = promisify(execFile);
const PACKAGE = path.resolve(__dirname, '../..');
const KUBE_SIM = path.resolve(PACKAGE, '../../packages/kube-sim');
const oracle = JSON.parse(
  require('node:fs').readFileSync(
    path.join(KUBE_SIM, 'demo-expectations.json'),
    'utf8',
  ),
);

describe('ai-platform scan', () => {
  let sim: KubeSim;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    sim = await startKubeSim({
      tls: true,
      clusters: ['h100-prod', 'a100-research', 'mi300x-lab'].map(name => ({
        name,
        dir: path.join(KUBE_SIM, oracle[name].folder),
      })),
    });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ai-platform-cli-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfig);
  });

  afterAll(async () => {
    await sim?.stop();
  });

  function capture() {
    const io = {
      stdout: '',
      stderr: '',
      out: (t: string) => void (io.stdout += `${t}\n`),
      err: (t: string) => void (io.stderr += `${t}\n`),
    };
    return io;
  }

  it('runs from the launcher and prints the inventory as JSON', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(PACKAGE, 'bin/ai-platform'),
        'scan',
        '--kubeconfig',
        kubeconfig,
        '--context',
        'h100-prod',
        '--output',
        'json',
      ],
      { cwd: os.tmpdir(), maxBuffer: 64 * 1024 * 1024 },
    );
    const report: ScanReport = JSON.parse(stdout);
    const expected = oracle['h100-prod'];
    expect(report.cluster).toMatchObject({
      name: 'h100-prod',
      kubernetesVersion: expected.kubernetesVersion,
      url: sim.cluster('h100-prod').url,
    });
    expect(report.inventory.gpus).toMatchObject({
      physical: expected.gpus.physical,
      allocatable: expected.gpus.allocatable,
      allocated: expected.gpus.allocated,
    });
    expect(
      report.inventory.gpus.byProduct.map(p => ({
        vendor: p.vendor,
        product: p.product,
        memoryMiB: p.memoryMiB,
        physical: p.physical,
        allocatable: p.allocatable,
        allocated: p.allocated,
      })),
    ).toEqual(
      expected.byProduct.map((p: Record<string, unknown>) => ({
        vendor: p.vendor,
        product: p.product,
        memoryMiB: p.memoryMiB,
        physical: p.physical,
        allocatable: p.allocatable,
        allocated: p.allocated,
      })),
    );
    expect(report.inventory.partitions).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(stderr).toBe('');
    expect(`${stdout}${stderr}`).not.toContain(sim.cluster('h100-prod').token);
  });

  it('prints a table with partitions for a MIG and time-slicing cluster', async () => {
    const io = capture();
    expect(
      await runCli(
        [
          'node',
          'ai-platform',
          'scan',
          '--kubeconfig',
          kubeconfig,
          '--context',
          'a100-research',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout).toMatch(
      /^Cluster a100-research \(https:\/\/127\.0\.0\.1:\d+\), Kubernetes v1\.33\.5-eks-3025e55/,
    );
    expect(io.stdout).toMatch(/total\s+32\s+118\s+23\s+95/);
    expect(io.stdout).toMatch(/nvidia\.com\/mig-1g\.10gb\s+mig/);
    expect(io.stdout).toContain('Every part of the cluster was read.');
  });

  it('lists parts it could not read and still exits 0', async () => {
    sim.addFault({
      cluster: 'a100-research',
      resource: 'pods',
      kind: 'status',
      status: 403,
    });
    const io = capture();
    try {
      expect(
        await runCli(
          [
            'node',
            'ai-platform',
            'scan',
            '--kubeconfig',
            kubeconfig,
            '--context',
            'a100-research',
            '--output',
            'json',
          ],
          io,
        ),
      ).toBe(0);
    } finally {
      sim.clearFaults();
    }
    const report: ScanReport = JSON.parse(io.stdout);
    expect(report.errors).toEqual([
      expect.objectContaining({
        cluster: 'a100-research',
        resource: 'pods',
        reason: 'forbidden',
        httpStatus: 403,
      }),
    ]);
    expect(report.parts.pods).toBe('error');
  });

  function scanArgs(context: string, ...extra: string[]) {
    return [
      'node',
      'ai-platform',
      'scan',
      '--kubeconfig',
      kubeconfig,
      '--context',
      context,
      ...extra,
    ];
  }

  it('adds the AI-conformance scorecard for the cluster checklist to the JSON', async () => {
    const io = capture();
    expect(await runCli(scanArgs('h100-prod', '--output', 'json'), io)).toBe(0);
    const report: ScanReport = JSON.parse(io.stdout);
    const expected = oracle['h100-prod'];
    expect(report.checklistVersion).toBe(expected.checklistVersion);
    expect(
      Object.fromEntries(report.requirements.map(r => [r.id, r.verdict])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(expected.conformance).map(([id, v]) => [
          id,
          (v as { verdict: string }).verdict,
        ]),
      ),
    );
    const dra = report.requirements.find(r => r.id === 'dra_support')!;
    expect(dra).toMatchObject({ kar: 'KAR-0051', level: 'MUST' });
    expect(dra.evidence[0]).toEqual(
      expect.objectContaining({
        strength: expect.stringMatching(/strong|medium|hint/),
        summary: expect.any(String),
      }),
    );
    const musts = report.requirements.filter(r => r.level === 'MUST');
    expect(report.summary.must).toMatchObject({
      total: musts.length,
      pass: musts.filter(r => r.verdict === 'pass').length,
    });
    expect(report.summary.should.total).toBe(
      report.requirements.filter(r => r.level === 'SHOULD').length,
    );
  });

  it('scores against another checklist version on request and rejects unknown ones', async () => {
    const io = capture();
    expect(
      await runCli(
        scanArgs('a100-research', '--checklist', '1.35', '--output', 'yaml'),
        io,
      ),
    ).toBe(0);
    const report = parseYaml(io.stdout) as ScanReport;
    expect(report.checklistVersion).toBe('1.35');
    expect(report.requirements.find(r => r.id === 'gpu_sharing')?.verdict).toBe(
      'pass',
    );

    const bad = capture();
    expect(
      await runCli(scanArgs('a100-research', '--checklist', '1.99'), bad),
    ).toBe(2);
    expect(bad.stderr).toMatch(/--checklist: .*1\.33.*1\.37/);
    expect(bad.stdout).toBe('');
  });

  it('prints a draft PRODUCT.yaml with every requirement of the version', async () => {
    const io = capture();
    expect(
      await runCli(scanArgs('mi300x-lab', '--output', 'product-yaml'), io),
    ).toBe(0);
    const product = parseYaml(io.stdout) as {
      metadata: Record<string, string>;
      spec: Record<string, { id: string; status: string; notes?: string }[]>;
    };
    const items = Object.values(product.spec).flat();
    expect(items.map(i => i.id).sort()).toEqual(
      Object.keys(oracle['mi300x-lab'].conformance).sort(),
    );
    for (const item of items) {
      expect([
        'Implemented',
        'Not Implemented',
        'Partially Implemented',
        'N/A',
      ]).toContain(item.status);
    }
    // Every status short of Implemented says why.
    expect(
      items.filter(i => i.status !== 'Implemented' && !i.notes).map(i => i.id),
    ).toEqual([]);
  });

  it('exits 1 with --fail-on-must when a MUST is not met, and 0 without it', async () => {
    const failing = capture();
    expect(
      await runCli(
        scanArgs('mi300x-lab', '--fail-on-must', '--output', 'json'),
        failing,
      ),
    ).toBe(1);
    expect(failing.stderr).toMatch(
      /MUST requirement\(s\) of checklist 1\.34 not met: .*ai_inference \(fail\)/,
    );
    expect(JSON.parse(failing.stdout).checklistVersion).toBe('1.34');

    expect(await runCli(scanArgs('mi300x-lab'), capture())).toBe(0);
  });

  it('exits 2 with a clear message for a bad kubeconfig or context', async () => {
    const missingContext = capture();
    expect(
      await runCli(
        [
          'node',
          'ai-platform',
          'scan',
          '--kubeconfig',
          kubeconfig,
          '--context',
          'nope',
        ],
        missingContext,
      ),
    ).toBe(2);
    expect(missingContext.stderr).toBe(
      `ai-platform: kubeconfig ${kubeconfig} has no context "nope" (contexts: h100-prod, a100-research, mi300x-lab)\n`,
    );

    const missingFile = capture();
    expect(
      await runCli(
        [
          'node',
          'ai-platform',
          'scan',
          '--kubeconfig',
          path.join(dir, 'nothing'),
        ],
        missingFile,
      ),
    ).toBe(2);
    expect(missingFile.stderr).toMatch(/does not exist/);

    const garbage = path.join(dir, 'garbage');
    await fs.writeFile(
      garbage,
      `users:\n- name: x\n  user: {token: secret-in-bad-yaml\n  : : :`,
    );
    const bad = capture();
    expect(
      await runCli(
        ['node', 'ai-platform', 'scan', '--kubeconfig', garbage],
        bad,
      ),
    ).toBe(2);
    expect(bad.stderr).toMatch(/cannot be read/);
    expect(bad.stderr).not.toContain('secret-in-bad-yaml');

    const usage = capture();
    expect(
      await runCli(['node', 'ai-platform', 'scan', '--output', 'json'], usage),
    ).toBe(2);
    expect(usage.stderr).toMatch(/--kubeconfig/);
  });

  it('exits 1 when the cluster cannot be reached', async () => {
    sim.addFault({ cluster: 'h100-prod', kind: 'refuse' });
    await sim.settle();
    const io = capture();
    try {
      expect(
        await runCli(
          [
            'node',
            'ai-platform',
            'scan',
            '--kubeconfig',
            kubeconfig,
            '--context',
            'h100-prod',
          ],
          io,
        ),
      ).toBe(1);
    } finally {
      sim.clearFaults();
      await sim.settle();
    }
    expect(io.stderr).toMatch(
      /^ai-platform: cannot read cluster h100-prod: GET \/version: cannot connect/,
    );
    expect(io.stdout).toBe('');
  });
});
