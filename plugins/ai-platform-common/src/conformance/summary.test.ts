import { computeReadiness, tallyVerdicts } from './summary';
import { Verdict } from './types';

const must = (id: string, verdict: Verdict, limitedByReadOnly?: boolean) => ({
  id,
  verdict,
  limitedByReadOnly,
  reason: `${id} is ${verdict}`,
});

describe('tallyVerdicts', () => {
  it('counts each verdict', () => {
    expect(
      tallyVerdicts(['pass', 'pass', 'fail', 'not-applicable', 'unknown']),
    ).toEqual({
      total: 5,
      pass: 2,
      partial: 0,
      fail: 1,
      unknown: 1,
      notApplicable: 1,
    });
  });
});

describe('computeReadiness', () => {
  it('is ready when every MUST passes', () => {
    expect(
      computeReadiness([must('a', 'pass'), must('b', 'pass')]).readiness,
    ).toBe('ready');
  });

  it('needs active tests when the only non-pass MUST is partial by nature', () => {
    const result = computeReadiness([
      must('ai_inference', 'pass'),
      must('secure_accelerator_access', 'partial', true),
    ]);
    expect(result.readiness).toBe('needs-active-tests');
    expect(result.readinessReason).toMatch(
      /^Could submit for certification today once the active tests pass: secure_accelerator_access/,
    );
  });

  it('is not ready when MUSTs fail, naming them', () => {
    const result = computeReadiness([
      must('ai_inference', 'fail'),
      must('gang_scheduling', 'fail'),
      must('secure_accelerator_access', 'partial', true),
    ]);
    expect(result).toEqual({
      readiness: 'not-ready',
      readinessReason: '2 MUSTs fail: ai_inference, gang_scheduling',
    });
  });

  it('is not ready when a MUST is partial for a real gap', () => {
    const result = computeReadiness([
      must('accelerator_metrics', 'partial'),
      must('secure_accelerator_access', 'partial', true),
    ]);
    expect(result.readiness).toBe('not-ready');
    expect(result.readinessReason).toBe(
      '1 MUST is only partially met: accelerator_metrics',
    );
  });

  it('is unknown when a MUST is unknown and nothing fails', () => {
    const result = computeReadiness([
      must('gang_scheduling', 'unknown'),
      must('secure_accelerator_access', 'partial', true),
    ]);
    expect(result.readiness).toBe('unknown');
    expect(result.readinessReason).toBe(
      '1 MUST could not be assessed: gang_scheduling',
    );
  });

  it('lets a known failure outrank unknowns', () => {
    const result = computeReadiness([
      must('gang_scheduling', 'unknown'),
      must('ai_inference', 'fail'),
    ]);
    expect(result.readiness).toBe('not-ready');
    expect(result.readinessReason).toBe(
      '1 MUST fails: ai_inference; 1 MUST could not be assessed: gang_scheduling',
    );
  });

  it('does not block on N/A MUSTs but says they need a justification', () => {
    const result = computeReadiness([
      must('ai_inference', 'pass'),
      must('cluster_autoscaling', 'not-applicable'),
    ]);
    expect(result.readiness).toBe('ready');
    expect(result.readinessReason).toMatch(
      /cluster_autoscaling is N\/A and needs a justification/,
    );
  });
});
