import { conformanceRequirements } from '@ai-platform/plugin-ai-platform-common';
import {
  clusterStatus,
  fakeConformance,
  fakeSnapshots,
  invoke,
  registry,
  requirement,
  scorecard,
} from './__testUtils__/fakes';
import { createExplainConformanceRequirementAction } from './createExplainConformanceRequirementAction';

const dra = conformanceRequirements.find(r => r.id === 'dra_support')!;

describe('explain-conformance-requirement', () => {
  function setup() {
    const fake = fakeConformance({
      'h100-prod': scorecard('h100-prod', [
        requirement('dra_support', 'MUST', 'pass', {
          kar: 'KAR-0051',
          evidence: Array.from({ length: 30 }, (_, i) => ({
            strength: 'strong' as const,
            supports: true,
            summary: `evidence ${i}`,
          })),
        }),
        requirement('secure_accelerator_access', 'MUST', 'partial', {
          limitedByReadOnly: true,
          cannotProve:
            'Only the active test proves that pods cannot reach GPUs they did not ask for',
        }),
        requirement('site_gpu_budget', 'SHOULD', 'fail', {
          kar: undefined,
          extension: true,
          title: 'GPU budget annotations',
        }),
      ]),
    });
    const actions = registry();
    createExplainConformanceRequirementAction({
      actionsRegistry: actions,
      conformance: fake.service,
      snapshots: fakeSnapshots([
        clusterStatus('h100-prod'),
        clusterStatus('new-one', { state: 'pending' }),
      ]),
    });
    return { actions, versions: fake.versions };
  }

  it('explains what a requirement asks and what evidence we look for', async () => {
    const { actions } = setup();
    const output = await invoke(actions, 'explain-conformance-requirement', {
      requirement: 'dra_support',
    });
    expect(output.requirement).toMatchObject({
      id: 'dra_support',
      kar: 'KAR-0051',
      title: dra.title,
      description: dra.description,
      levels: [
        { version: '1.33', level: 'SHOULD' },
        { version: '1.34', level: 'MUST' },
        { version: '1.35', level: 'MUST' },
      ],
      signals: dra.signals,
      readOnlyLimit: dra.readOnlyLimit,
    });
    expect(output.requirement.sources.length).toBeGreaterThan(0);
    expect(output.cluster).toBeUndefined();
    expect(output.summary).toBe(
      'dra_support (KAR-0051): Dynamic Resource Allocation (DRA), SHOULD in 1.33, MUST in 1.34, MUST in 1.35.',
    );
  });

  it('finds requirements by KAR number in the forms people write', async () => {
    const { actions } = setup();
    for (const requirementText of [
      'KAR-0051',
      'kar-51',
      '0051',
      'DRA-support',
    ]) {
      const output = await invoke(actions, 'explain-conformance-requirement', {
        requirement: requirementText,
      });
      expect(output.requirement.id).toBe('dra_support');
    }
  });

  it('says how a cluster stands: verdict, capped evidence, and what read-only evidence cannot prove', async () => {
    const { actions, versions } = setup();
    const output = await invoke(actions, 'explain-conformance-requirement', {
      requirement: 'dra_support',
      cluster: 'h100-prod',
      checklistVersion: '1.35',
    });
    expect(versions).toEqual(['1.35']);
    expect(output.cluster).toMatchObject({
      name: 'h100-prod',
      checklistVersion: '1.35',
      inChecklist: true,
      level: 'MUST',
      verdict: 'pass',
      reason: 'dra_support is pass',
      evidenceOmitted: 5,
      cannotProve: dra.readOnlyLimit,
    });
    expect(output.cluster.evidence).toHaveLength(25);
    expect(output.summary).toMatch(
      /On h100-prod \(checklist 1.35\): pass, dra_support is pass$/,
    );

    const secure = await invoke(actions, 'explain-conformance-requirement', {
      requirement: 'secure_accelerator_access',
      cluster: 'h100-prod',
    });
    expect(secure.cluster).toMatchObject({
      verdict: 'partial',
      limitedByReadOnly: true,
      cannotProve:
        'Only the active test proves that pods cannot reach GPUs they did not ask for',
    });
  });

  it('says when the checklist the cluster is scored against lacks the requirement', async () => {
    const { actions } = setup();
    const output = await invoke(actions, 'explain-conformance-requirement', {
      requirement: 'gang_scheduling',
      cluster: 'h100-prod',
    });
    expect(output.cluster).toMatchObject({ inChecklist: false, evidence: [] });
    expect(output.cluster.verdict).toBeUndefined();
    expect(output.summary).toMatch(
      /Not part of checklist 1.35, which h100-prod is scored against\.$/,
    );
  });

  it('explains requirements added by extensions through the cluster that has them', async () => {
    const { actions } = setup();
    const output = await invoke(actions, 'explain-conformance-requirement', {
      requirement: 'site_gpu_budget',
      cluster: 'h100-prod',
    });
    expect(output.requirement).toMatchObject({
      id: 'site_gpu_budget',
      title: 'GPU budget annotations',
      levels: [{ version: '1.35', level: 'SHOULD' }],
    });
    expect(output.cluster).toMatchObject({ verdict: 'fail' });
  });

  it('lists the known ids for an unknown requirement, and rejects unknown clusters', async () => {
    const { actions } = setup();
    await expect(
      invoke(actions, 'explain-conformance-requirement', {
        requirement: 'gpu_magic',
      }),
    ).rejects.toThrow(
      /Unknown requirement "gpu_magic"; known ids: dra_support \(KAR-0051\), .*ai_inference/,
    );
    await expect(
      invoke(actions, 'explain-conformance-requirement', {
        requirement: 'dra_support',
        cluster: 'nope',
      }),
    ).rejects.toThrow('No cluster named "nope"');
    await expect(
      invoke(actions, 'explain-conformance-requirement', {
        requirement: 'dra_support',
        cluster: 'new-one',
      }),
    ).rejects.toThrow(/has no scorecard yet/);
  });
});
