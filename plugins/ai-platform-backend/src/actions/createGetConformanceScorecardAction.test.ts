import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  clusterStatus,
  COLLECTED_AT,
  validationError,
  fakeConformance,
  fakeSnapshots,
  invoke,
  registry,
  requirement,
  scorecard,
} from './__testUtils__/fakes';
import { createGetConformanceScorecardAction } from './createGetConformanceScorecardAction';

const evidence = (n: number): EvidenceItem[] =>
  Array.from({ length: n }, (_, i) => ({
    strength: i === 0 ? 'strong' : 'medium',
    supports: i !== 1,
    summary: `item ${i}`,
    ...(i === 0
      ? {
          object: {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            namespace: 'gpu-operator',
            name: 'nvidia-dcgm-exporter',
          },
        }
      : {}),
  }));

describe('get-conformance-scorecard', () => {
  function setup() {
    const fake = fakeConformance({
      'h100-prod': scorecard('h100-prod', [
        requirement('dra_support', 'MUST', 'pass', { evidence: evidence(7) }),
        requirement('secure_accelerator_access', 'MUST', 'partial', {
          limitedByReadOnly: true,
          cannotProve: 'Only the active test proves isolation',
          evidence: evidence(1),
        }),
        requirement('gpu_sharing', 'SHOULD', 'partial'),
        requirement('custom_check', 'SHOULD', 'fail', {
          extension: true,
          kar: undefined,
        }),
      ]),
      'a100-research': scorecard(
        'a100-research',
        [
          requirement('gang_scheduling', 'MUST', 'unknown', {
            lastKnownVerdict: 'pass',
          }),
        ],
        { stale: true, checklistVersion: '1.33' },
      ),
    });
    const actions = registry();
    createGetConformanceScorecardAction({
      actionsRegistry: actions,
      conformance: fake.service,
      snapshots: fakeSnapshots([
        clusterStatus('h100-prod'),
        clusterStatus('a100-research'),
        clusterStatus('new-one', { state: 'pending' }),
      ]),
    });
    return { actions, versions: fake.versions };
  }

  it('gives the summary and each requirement compactly, without evidence by default', async () => {
    const { actions, versions } = setup();
    const output = await invoke(actions, 'get-conformance-scorecard', {
      cluster: 'h100-prod',
    });
    expect(versions).toEqual([undefined]);
    expect(output).toMatchObject({
      cluster: 'h100-prod',
      checklistVersion: '1.35',
      checklistStatus: 'final',
      kubernetesVersion: 'v1.35.2',
      stale: false,
      snapshotCollectedAt: COLLECTED_AT,
      readiness: 'needs-active-tests',
      must: { total: 2, pass: 1, partial: 1 },
      should: { total: 2, partial: 1, fail: 1 },
    });
    expect(output.requirements).toEqual([
      {
        id: 'dra_support',
        kar: 'KAR-0011',
        title: 'Title of dra_support',
        level: 'MUST',
        verdict: 'pass',
        reason: 'dra_support is pass',
      },
      {
        id: 'secure_accelerator_access',
        kar: 'KAR-0025',
        title: 'Title of secure_accelerator_access',
        level: 'MUST',
        verdict: 'partial',
        reason: 'secure_accelerator_access is partial',
        limitedByReadOnly: true,
      },
      {
        id: 'gpu_sharing',
        kar: 'KAR-0011',
        title: 'Title of gpu_sharing',
        level: 'SHOULD',
        verdict: 'partial',
        reason: 'gpu_sharing is partial',
      },
      {
        id: 'custom_check',
        title: 'Title of custom_check',
        level: 'SHOULD',
        verdict: 'fail',
        reason: 'custom_check is fail',
        extension: true,
      },
    ]);
    expect(output.summary).toBe(
      'h100-prod against AI Conformance 1.35 (final): MUST 1 pass, 1 partial of 2; SHOULD 0 pass, 1 partial, 1 fail of 2. Readiness: needs-active-tests (secure_accelerator_access can only be settled by active tests)',
    );
  });

  it('adds capped evidence on request, and filters by level', async () => {
    const { actions, versions } = setup();
    const output = await invoke(actions, 'get-conformance-scorecard', {
      cluster: 'h100-prod',
      checklistVersion: '1.34',
      includeEvidence: true,
      level: 'MUST',
    });
    expect(versions).toEqual(['1.34']);
    expect(output.requirements.map((r: { id: string }) => r.id)).toEqual([
      'dra_support',
      'secure_accelerator_access',
    ]);
    const [dra, secure] = output.requirements;
    expect(dra.evidence).toHaveLength(5);
    expect(dra.evidenceOmitted).toBe(2);
    expect(dra.evidence[0]).toEqual({
      strength: 'strong',
      supports: true,
      summary: 'item 0',
      object: 'DaemonSet gpu-operator/nvidia-dcgm-exporter (apps/v1)',
    });
    expect(dra.evidence[1]).toEqual({
      strength: 'medium',
      supports: false,
      summary: 'item 1',
    });
    expect(secure.cannotProve).toBe('Only the active test proves isolation');
  });

  it('keeps last known verdicts of a stale cluster next to its unknown ones', async () => {
    const { actions } = setup();
    const output = await invoke(actions, 'get-conformance-scorecard', {
      cluster: 'a100-research',
    });
    expect(output.stale).toBe(true);
    expect(output.requirements[0]).toMatchObject({
      verdict: 'unknown',
      lastKnownVerdict: 'pass',
    });
    expect(output.summary).toMatch(
      /^a100-research against AI Conformance 1.33 \(final\), STALE data: verdicts are unknown:/,
    );
  });

  it('tells unknown from never-collected clusters, and rejects unknown versions', async () => {
    const { actions } = setup();
    await expect(
      invoke(actions, 'get-conformance-scorecard', { cluster: 'nope' }),
    ).rejects.toThrow('No cluster named "nope"');
    await expect(
      invoke(actions, 'get-conformance-scorecard', { cluster: 'new-one' }),
    ).rejects.toThrow(
      'Cluster "new-one" has no scorecard yet: it has not been collected successfully (state pending)',
    );
    expect(
      await validationError(
        invoke(actions, 'get-conformance-scorecard', {
          cluster: 'h100-prod',
          checklistVersion: '1.30',
        }),
      ),
    ).toEqual({
      arguments: ['checklistVersion'],
      problems: [
        expect.stringMatching(
          /Expected '1.33' \| '1.34' \| '1.35' \| '1.36' \| '1.37', received '1.30'/,
        ),
      ],
    });
  });
});
