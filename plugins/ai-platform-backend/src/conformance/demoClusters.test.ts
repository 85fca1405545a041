/*
 * The demo clusters and fixtures of kube-sim, collected over real HTTP by the
 * real collector, scored, and compared with the oracle
 * (packages/kube-sim/demo-expectations.json).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { KubeSim, startKubeSim } from '@ai-platform/kube-sim';
import {
  ClusterSnapshot,
  Verdict,
  getChecklist,
} from '@ai-platform/plugin-ai-platform-common';
import { ClusterDefinition } from '@ai-platform/plugin-ai-platform-node';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  ClusterCollector,
  DEFAULT_COLLECTION_SETTINGS,
} from '../collection/ClusterCollector';
import { evaluateScorecard } from './evaluateScorecard';
import { PRODUCT_STATUSES, renderProductYaml } from './renderProductYaml';

const SIM_DIR = path.resolve(__dirname, '../../../../packages/kube-sim');
interface OracleCluster {
  folder: string;
  checklistVersion: string;
  conformance: Record<string, { level: string; verdict: Verdict; why: string }>;
  conformanceOutsideChecklist?: Record<
    string,
    { verdict: Verdict; why: string }
  >;
}
const oracle: Record<string, OracleCluster> = JSON.parse(
  fs.readFileSync(path.join(SIM_DIR, 'demo-expectations.json'), 'utf8'),
);
const TOKEN = 'demo-token-0123456789abcdef';
const NAMES = Object.keys(oracle);
/** Two service accounts missing some RBAC, as real clusters often are. */
const RESTRICTIONS: Record<string, string[]> = {
  'restricted-workloads-0123456789': [
    'deployments',
    'daemonsets',
    'customresourcedefinitions',
    'resourceslices',
  ],
  'restricted-core-0123456789abcdef': [
    'nodes',
    'pods',
    'apiservices',
    'configmaps',
    'services',
    'validatingwebhookconfigurations',
    'gatewayclasses',
    'namespaces',
  ],
};

const cases = NAMES.flatMap(name =>
  Object.entries(oracle[name].conformance).map(
    ([id, c]) => [name, id, c.verdict] as const,
  ),
);

describe('conformance of the demo clusters (real collector against kube-sim)', () => {
  let sim: KubeSim;
  const snapshots: Record<string, ClusterSnapshot> = {};
  const restricted: Record<string, Record<string, ClusterSnapshot>> = {};

  beforeAll(async () => {
    sim = await startKubeSim({
      clusters: NAMES.map(name => ({
        name,
        dir: path.join(SIM_DIR, oracle[name].folder),
        token: TOKEN,
        restrictedTokens: Object.entries(RESTRICTIONS).map(
          ([token, forbid]) => ({
            token,
            forbid,
          }),
        ),
      })),
    });
    const collector = new ClusterCollector({
      settings: DEFAULT_COLLECTION_SETTINGS,
      logger: mockServices.logger.mock(),
    });
    const collect = async (name: string, token: string) => {
      const definition: ClusterDefinition = {
        name,
        url: sim.cluster(name).url,
        source: 'config',
        auth: { type: 'serviceAccount', token },
      };
      const outcome = await collector.collect(definition);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
      return outcome.snapshot;
    };
    for (const name of NAMES) {
      snapshots[name] = await collect(name, TOKEN);
      restricted[name] = {};
      for (const token of Object.keys(RESTRICTIONS)) {
        restricted[name][token] = await collect(name, token);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await sim?.stop();
  });

  it.each(NAMES.map(n => [n, oracle[n].checklistVersion]))(
    '%s is scored against its own checklist %s with every requirement of it',
    (name, version) => {
      const scorecard = evaluateScorecard(snapshots[name], { stale: false });
      expect(scorecard.checklistVersion).toBe(version);
      expect(scorecard.requirements.map(r => r.id).sort()).toEqual(
        Object.keys(oracle[name].conformance).sort(),
      );
    },
  );

  it.each(cases)('%s %s is %s as the oracle says', (name, id, verdict) => {
    const scorecard = evaluateScorecard(snapshots[name], { stale: false });
    const result = scorecard.requirements.find(r => r.id === id)!;
    expect({ id, verdict: result.verdict, reason: result.reason }).toEqual({
      id,
      verdict,
      reason: result.reason,
    });
    expect(result.reason).toBeTruthy();
  });

  it.each(
    NAMES.flatMap(n => Object.keys(RESTRICTIONS).map(token => [n, token])),
  )(
    '%s read by %s (some resources forbidden) gives the oracle verdict or unknown, never another',
    (name, token) => {
      const snapshot = restricted[name][token];
      const scorecard = evaluateScorecard(snapshot, { stale: false });
      const errored = Object.entries(snapshot.parts)
        .filter(([, p]) => p?.status === 'error')
        .map(([part]) => part);
      expect(errored.length).toBeGreaterThanOrEqual(3);
      for (const r of scorecard.requirements) {
        const expected = oracle[name].conformance[r.id].verdict;
        expect([r.id, [expected, 'unknown']]).toEqual([
          r.id,
          expect.arrayContaining([r.verdict]),
        ]);
      }
      for (const r of scorecard.requirements.filter(
        x => x.verdict === 'unknown',
      )) {
        expect(r.reason).toMatch(/^Could not read .*forbidden/);
      }
      expect(scorecard.requirements.some(r => r.verdict === 'unknown')).toBe(
        true,
      );
    },
  );

  it('h100-prod passes every MUST it can show read-only; secure_accelerator_access is partial with what it cannot prove', () => {
    const scorecard = evaluateScorecard(snapshots['h100-prod'], {
      stale: false,
    });
    const musts = scorecard.requirements.filter(r => r.level === 'MUST');
    expect(
      musts.filter(r => r.verdict !== 'pass').map(r => [r.id, r.verdict]),
    ).toEqual([['secure_accelerator_access', 'partial']]);
    const secure = musts.find(r => r.id === 'secure_accelerator_access')!;
    expect(secure.limitedByReadOnly).toBe(true);
    expect(secure.cannotProve).toMatch(/TestSecureAcceleratorAccess/);
    expect(scorecard.summary.must).toEqual({
      total: 9,
      pass: 8,
      partial: 1,
      fail: 0,
      unknown: 0,
      notApplicable: 0,
    });
    expect(scorecard.summary.readiness).toBe('needs-active-tests');
    expect(scorecard.summary.readinessReason).toBe(
      "Could submit for certification today once the active tests pass: secure_accelerator_access can only be settled by the program's active tests",
    );
  });

  it('a100-research fails ai_inference and passes gang_scheduling through Volcano', () => {
    const scorecard = evaluateScorecard(snapshots['a100-research'], {
      stale: false,
    });
    const byId = Object.fromEntries(scorecard.requirements.map(r => [r.id, r]));
    expect(byId.ai_inference.verdict).toBe('fail');
    expect(byId.gang_scheduling.verdict).toBe('pass');
    expect(byId.gang_scheduling.reason).toBe(
      'Volcano is installed and running',
    );
    expect(byId.gang_scheduling.evidence.map(e => e.summary)).toEqual(
      expect.arrayContaining([
        'Volcano: Deployment volcano-system/volcano-scheduler ready 1/1',
        expect.stringMatching(
          /^PodGroup research\/ddp-resnet50-.* \(minMember 4\) phase Running$/,
        ),
      ]),
    );
    expect(scorecard.summary.readiness).toBe('not-ready');
    expect(scorecard.summary.readinessReason).toBe(
      '2 MUSTs fail: ai_inference, pod_autoscaling; 1 MUST is only partially met: ai_service_metrics',
    );
  });

  it('a100-research shows MIG and time-slicing for gpu_sharing when scored against 1.35', () => {
    const scorecard = evaluateScorecard(snapshots['a100-research'], {
      stale: false,
      checklistVersion: '1.35',
    });
    expect(scorecard.checklistVersion).toBe('1.35');
    expect(scorecard.checklistNote).toBeUndefined();
    const sharing = scorecard.requirements.find(r => r.id === 'gpu_sharing')!;
    expect(sharing.verdict).toBe(
      oracle['a100-research'].conformanceOutsideChecklist!.gpu_sharing.verdict,
    );
    const summaries = sharing.evidence.map(e => e.summary);
    expect(summaries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^MIG partitions schedulable: nvidia.com\/mig-1g.10gb \(30\), nvidia.com\/mig-2g.20gb \(8\), nvidia.com\/mig-3g.40gb \(12\)/,
        ),
        expect.stringMatching(
          /^Time-slicing: allocatable GPUs above the physical count on .*nvidia.com\/gpu 32 > gpu.count 8/,
        ),
      ]),
    );
    const driver = scorecard.requirements.find(
      r => r.id === 'driver_runtime_management',
    )!;
    expect(driver.verdict).toBe(
      oracle['a100-research'].conformanceOutsideChecklist!
        .driver_runtime_management.verdict,
    );
    expect(
      scorecard.requirements.find(r => r.id === 'gpu_sharing'),
    ).toBeDefined();
    expect(
      evaluateScorecard(snapshots['a100-research'], {
        stale: false,
      }).requirements.some(r => r.id === 'gpu_sharing'),
    ).toBe(false);
  });

  it('mi300x-lab fails most MUSTs', () => {
    const scorecard = evaluateScorecard(snapshots['mi300x-lab'], {
      stale: false,
    });
    expect(scorecard.summary.must).toEqual({
      total: 9,
      pass: 0,
      partial: 1,
      fail: 7,
      unknown: 0,
      notApplicable: 1,
    });
    expect(scorecard.summary.readiness).toBe('not-ready');
    expect(
      scorecard.requirements.find(r => r.id === 'secure_accelerator_access')!
        .reason,
    ).toMatch(/default\/rocm-debug on mi300x-node-02: privileged/);
  });

  it.each(NAMES.map(n => [n]))(
    '%s exports a PRODUCT.yaml with every requirement id and only the allowed statuses',
    name => {
      const scorecard = evaluateScorecard(snapshots[name], { stale: false });
      const doc = parse(
        renderProductYaml(
          scorecard,
          getChecklist(scorecard.checklistVersion).requirements,
        ),
      );
      const items = Object.values(doc.spec as Record<string, any[]>).flat();
      expect(items.map(i => i.id).sort()).toEqual(
        getChecklist(scorecard.checklistVersion)
          .requirements.map(r => r.id)
          .sort(),
      );
      for (const item of items) {
        expect(PRODUCT_STATUSES).toContain(item.status);
      }
      for (const item of items.filter(i => i.status !== 'Implemented')) {
        expect(item.notes.length).toBeGreaterThan(20);
      }
    },
  );
});
