import { ChecklistRequirement } from '@ai-platform/plugin-ai-platform-common';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { evaluateScorecard } from './evaluateScorecard';
import { cluster, crd, h100Node, workload } from './__testUtils__/snapshots';

const now = () => new Date('2026-11-21T12:00:00.000Z');

const internalPolicy: ChecklistRequirement = {
  id: 'acme_gpu_quota',
  category: 'schedulingOrchestration',
  title: 'GPU quota per team',
  description:
    'Every team namespace has a Kueue LocalQueue so GPU use is fair.',
  levels: { '1.35': 'MUST', '1.36': 'MUST' },
  signals: [
    { strength: 'strong', description: 'LocalQueues in team namespaces' },
  ],
  sources: [
    { title: 'Acme platform policy', url: 'https://example.com/policy' },
  ],
};

describe('evaluateScorecard', () => {
  it("scores against the cluster's own checklist with one result per requirement", () => {
    const scorecard = evaluateScorecard(cluster(34), { stale: false, now });
    expect(scorecard).toMatchObject({
      cluster: 'test',
      checklistVersion: '1.34',
      checklistStatus: 'final',
      kubernetesVersion: 'v1.34.2',
      snapshotCollectedAt: '2026-11-21T10:00:00.000Z',
      evaluatedAt: '2026-11-21T12:00:00.000Z',
      stale: false,
    });
    expect(scorecard.requirements).toHaveLength(9);
    expect(
      scorecard.requirements.find(r => r.id === 'gang_scheduling'),
    ).toMatchObject({
      kar: 'KAR-0053',
      category: 'schedulingOrchestration',
      level: 'MUST',
      title: 'Gang scheduling',
      verdict: 'fail',
    });
    expect(
      scorecard.requirements.find(r => r.id === 'ai_inference')!.kar,
    ).toBeUndefined();
  });

  it('counts MUSTs and SHOULDs and explains the readiness', () => {
    const s = cluster(33);
    s.nodes.push(h100Node('gpu-1'));
    const scorecard = evaluateScorecard(s, { stale: false });
    expect(scorecard.summary.must).toEqual({
      total: 8,
      pass: 0,
      partial: 1,
      fail: 6,
      unknown: 0,
      notApplicable: 1,
    });
    expect(scorecard.summary.should).toEqual({
      total: 1,
      pass: 0,
      partial: 0,
      fail: 1,
      unknown: 0,
      notApplicable: 0,
    });
    expect(scorecard.summary.readiness).toBe('not-ready');
    expect(scorecard.summary.readinessReason).toBe(
      '6 MUSTs fail: ai_inference, gang_scheduling, pod_autoscaling, accelerator_metrics, ai_service_metrics, robust_controller',
    );
  });

  it('uses a valid override and rejects an invalid one naming the allowed versions', () => {
    expect(
      evaluateScorecard(cluster(33), { stale: false, checklistVersion: '1.36' })
        .checklistVersion,
    ).toBe('1.36');
    expect(() =>
      evaluateScorecard(cluster(33), { stale: false, checklistVersion: '2.0' }),
    ).toThrow(
      "Unknown checklist version '2.0'; allowed: 1.33, 1.34, 1.35, 1.36, 1.37",
    );
  });

  it('notes why an old or unknown cluster version got the checklist it got', () => {
    expect(
      evaluateScorecard(cluster(31), { stale: false }).checklistNote,
    ).toMatch(/older than the first/);
    const s = cluster(35);
    delete s.version;
    const scorecard = evaluateScorecard(s, { stale: false });
    expect(scorecard.checklistVersion).toBe('1.36');
    expect(scorecard.checklistNote).toMatch(/unknown/);
    expect(scorecard.kubernetesVersion).toBeUndefined();
  });

  it("lets an adopter's check replace the built-in one by requirement id", () => {
    const replacement: ConformanceCheck = {
      requirementId: 'ai_inference',
      evaluate: (_s, { checklistVersion, requirement }) => ({
        verdict: 'pass',
        reason: `Our managed gateway (checked for ${requirement.id} in ${checklistVersion})`,
        evidence: [
          {
            strength: 'strong',
            supports: true,
            summary: 'Managed gateway contract',
          },
        ],
      }),
    };
    const scorecard = evaluateScorecard(cluster(35), {
      stale: false,
      checks: [replacement],
    });
    expect(
      scorecard.requirements.find(r => r.id === 'ai_inference'),
    ).toMatchObject({
      verdict: 'pass',
      reason: 'Our managed gateway (checked for ai_inference in 1.35)',
    });
    expect(
      scorecard.requirements.find(r => r.id === 'ai_inference')!.extension,
    ).toBeUndefined();
  });

  it("adds an adopter's requirement to the versions it names, outside the certification tallies", () => {
    const check: ConformanceCheck = {
      requirementId: 'acme_gpu_quota',
      evaluate: s => ({
        verdict: s.scheduling.kueue.localQueues.length ? 'pass' : 'fail',
        reason: `${s.scheduling.kueue.localQueues.length} LocalQueues`,
        evidence: [],
      }),
    };
    const s = crd(cluster(35), 'localqueues', 'kueue.x-k8s.io', 'LocalQueue');
    workload(s, 'Deployment', 'kueue-system', 'kueue-controller-manager');
    const scorecard = evaluateScorecard(s, {
      stale: false,
      extraRequirements: [{ requirement: internalPolicy, check }],
    });
    const added = scorecard.requirements.find(r => r.id === 'acme_gpu_quota');
    expect(added).toMatchObject({
      verdict: 'fail',
      level: 'MUST',
      extension: true,
      reason: '0 LocalQueues',
    });
    expect(scorecard.summary.must.total).toBe(9);
    expect(scorecard.summary.readinessReason).not.toMatch(/acme_gpu_quota/);
    expect(
      evaluateScorecard(s, {
        stale: false,
        checklistVersion: '1.33',
        extraRequirements: [{ requirement: internalPolicy, check }],
      }).requirements.some(r => r.id === 'acme_gpu_quota'),
    ).toBe(false);
  });

  it('turns a throwing or malformed check into unknown instead of breaking the scorecard', () => {
    const throwing: ConformanceCheck = {
      requirementId: 'gang_scheduling',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const malformed = {
      requirementId: 'robust_controller',
      evaluate: () => ({ verdict: 'great' }),
    } as unknown as ConformanceCheck;
    const scorecard = evaluateScorecard(cluster(35), {
      stale: false,
      checks: [throwing, malformed],
    });
    expect(
      scorecard.requirements.find(r => r.id === 'gang_scheduling'),
    ).toMatchObject({
      verdict: 'unknown',
      reason: 'The check for gang_scheduling failed: boom',
    });
    expect(
      scorecard.requirements.find(r => r.id === 'robust_controller')!.verdict,
    ).toBe('unknown');
  });

  it('makes every verdict unknown for a stale snapshot, keeping the last known one', () => {
    const s = cluster(35);
    s.nodes.push(h100Node('gpu-1'));
    const scorecard = evaluateScorecard(s, {
      stale: true,
      staleReason: 'unreachable: connect ECONNREFUSED',
    });
    expect(scorecard.stale).toBe(true);
    expect(scorecard.requirements.every(r => r.verdict === 'unknown')).toBe(
      true,
    );
    const gang = scorecard.requirements.find(r => r.id === 'gang_scheduling')!;
    expect(gang.lastKnownVerdict).toBe('fail');
    expect(gang.reason).toMatch(
      /^Stale: the cluster could not be collected \(unreachable: connect ECONNREFUSED\); the last good snapshot \(2026-11-21T10:00:00.000Z\) gave fail: /,
    );
    expect(scorecard.summary.readiness).toBe('unknown');
    expect(scorecard.summary.must.unknown).toBe(9);
  });
});
