import {
  CertificationReadiness,
  RequirementResult,
  Verdict,
  VerdictTally,
} from './types';

/** Counts verdicts. @public */
export function tallyVerdicts(verdicts: Verdict[]): VerdictTally {
  const tally: VerdictTally = {
    total: verdicts.length,
    pass: 0,
    partial: 0,
    fail: 0,
    unknown: 0,
    notApplicable: 0,
  };
  for (const verdict of verdicts) {
    if (verdict === 'not-applicable') tally.notApplicable += 1;
    else tally[verdict] += 1;
  }
  return tally;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Whether the cluster could be submitted for certification, from its MUST
 * results.
 *
 * - `not-ready`: a MUST fails, or is partial because of a real gap. A known
 *   gap outranks unknowns: whatever the unreadable parts say, it is not ready.
 * - `unknown`: otherwise, a MUST could not be assessed.
 * - `needs-active-tests`: otherwise, some MUSTs are partial only because
 *   read-only evidence cannot settle them (`limitedByReadOnly`).
 * - `ready`: every applicable MUST passes.
 *
 * `not-applicable` MUSTs do not block: the program's FAQ accepts N/A with a
 * justification (our reason becomes the PRODUCT.yaml note). The reason says
 * so, because the program's validator expects `Implemented` for every MUST.
 *
 * @public
 */
export function computeReadiness(
  mustResults: Pick<
    RequirementResult,
    'id' | 'verdict' | 'limitedByReadOnly' | 'reason'
  >[],
): { readiness: CertificationReadiness; readinessReason: string } {
  const ids = (pred: (r: (typeof mustResults)[number]) => boolean) =>
    mustResults.filter(pred).map(r => r.id);
  const failing = ids(r => r.verdict === 'fail');
  const gaps = ids(r => r.verdict === 'partial' && !r.limitedByReadOnly);
  const unknown = ids(r => r.verdict === 'unknown');
  const activeOnly = ids(r => r.verdict === 'partial' && !!r.limitedByReadOnly);
  const notApplicable = ids(r => r.verdict === 'not-applicable');

  const naNote = notApplicable.length
    ? `; ${notApplicable.join(', ')} ${
        notApplicable.length === 1 ? 'is' : 'are'
      } N/A and need${
        notApplicable.length === 1 ? 's' : ''
      } a justification (the program's validator expects Implemented for MUSTs)`
    : '';

  if (failing.length || gaps.length) {
    const parts: string[] = [];
    if (failing.length) {
      parts.push(
        `${plural(failing.length, 'MUST fails', 'MUSTs fail')}: ${failing.join(
          ', ',
        )}`,
      );
    }
    if (gaps.length) {
      parts.push(
        `${plural(
          gaps.length,
          'MUST is only partially met',
          'MUSTs are only partially met',
        )}: ${gaps.join(', ')}`,
      );
    }
    if (unknown.length) {
      parts.push(
        `${plural(
          unknown.length,
          'MUST could not be assessed',
          'MUSTs could not be assessed',
        )}: ${unknown.join(', ')}`,
      );
    }
    return { readiness: 'not-ready', readinessReason: parts.join('; ') };
  }
  if (unknown.length) {
    return {
      readiness: 'unknown',
      readinessReason: `${plural(
        unknown.length,
        'MUST could not be assessed',
        'MUSTs could not be assessed',
      )}: ${unknown.join(', ')}${naNote}`,
    };
  }
  if (activeOnly.length) {
    return {
      readiness: 'needs-active-tests',
      readinessReason: `Could submit for certification today once the active tests pass: ${activeOnly.join(
        ', ',
      )} can only be settled by the program's active tests${naNote}`,
    };
  }
  return {
    readiness: 'ready',
    readinessReason: `Every MUST passes on read-only evidence; run the program's active tests for the submission${naNote}`,
  };
}
