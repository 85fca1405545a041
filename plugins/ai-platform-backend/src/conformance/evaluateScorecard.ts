import {
  ChecklistRequirement,
  ChecklistVersion,
  ClusterSnapshot,
  RequirementEvaluation,
  RequirementLevel,
  RequirementResult,
  Scorecard,
  Verdict,
  computeReadiness,
  getChecklist,
  selectChecklistVersion,
  tallyVerdicts,
} from '@ai-platform/plugin-ai-platform-common';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { builtInChecks } from './checks';

/** A requirement added through the extension point, with its check. */
export interface ExtraRequirement {
  requirement: ChecklistRequirement;
  check: ConformanceCheck;
}

export interface EvaluateScorecardOptions {
  /** Score against this version instead of the cluster's own; must be one we ship. */
  checklistVersion?: string;
  /** The snapshot is the last good one of a cluster whose collection now fails. */
  stale: boolean;
  /** Why it is stale, in one line (the collection error), for the verdict reasons. */
  staleReason?: string;
  /** Checks that replace the built-in ones, matched by requirement id. */
  checks?: readonly ConformanceCheck[];
  /** Requirements of adopters' own, added to the checklist versions they name. */
  extraRequirements?: readonly ExtraRequirement[];
  now?: () => Date;
}

const VERDICTS: readonly Verdict[] = [
  'pass',
  'partial',
  'fail',
  'unknown',
  'not-applicable',
];

/** Runs one check; a throwing or malformed check gives `unknown`, never breaks the scorecard. */
function runCheck(
  check: ConformanceCheck | undefined,
  snapshot: ClusterSnapshot,
  checklistVersion: ChecklistVersion,
  requirement: ChecklistRequirement,
): RequirementEvaluation {
  if (!check) {
    return {
      verdict: 'unknown',
      reason: `No check is registered for ${requirement.id}`,
      evidence: [],
    };
  }
  try {
    const evaluation = check.evaluate(snapshot, {
      checklistVersion,
      requirement,
    });
    if (!evaluation || !VERDICTS.includes(evaluation.verdict)) {
      return {
        verdict: 'unknown',
        reason: `The check for ${requirement.id} returned no valid verdict`,
        evidence: [],
      };
    }
    return {
      ...evaluation,
      reason: evaluation.reason || `${evaluation.verdict} (no reason given)`,
      evidence: Array.isArray(evaluation.evidence) ? evaluation.evidence : [],
    };
  } catch (error) {
    return {
      verdict: 'unknown',
      reason: `The check for ${requirement.id} failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
      evidence: [],
    };
  }
}

function toResult(
  requirement: ChecklistRequirement,
  level: RequirementLevel,
  evaluation: RequirementEvaluation,
  extension: boolean,
): RequirementResult {
  const out: RequirementResult = {
    id: requirement.id,
    category: requirement.category,
    level,
    title: requirement.title,
    ...evaluation,
  };
  if (requirement.kar) out.kar = requirement.kar;
  if (extension) out.extension = true;
  return out;
}

/** A stale snapshot says what was true, not what is: every verdict becomes unknown, keeping the last one. */
function staleResult(
  r: RequirementResult,
  collectedAt: string,
  why: string,
): RequirementResult {
  const { limitedByReadOnly: _dropped, ...rest } = r;
  return {
    ...rest,
    verdict: 'unknown',
    lastKnownVerdict: r.verdict,
    reason: `Stale: ${why}; the last good snapshot (${collectedAt}) gave ${r.verdict}: ${r.reason}`,
  };
}

/**
 * Scores one snapshot against a checklist: picks the version (the cluster's
 * minor, or the override), runs each requirement's check (adopters' checks
 * replace built-ins by id), adds adopters' requirements, and summarizes.
 * Pure: the same snapshot and options give the same scorecard (bar
 * `evaluatedAt`). Used by the service and by the CLI.
 *
 * Tallies and readiness cover the program's requirements only; adopters'
 * requirements are listed (marked `extension`) but do not change the
 * certification readiness.
 */
export function evaluateScorecard(
  snapshot: ClusterSnapshot,
  options: EvaluateScorecardOptions,
): Scorecard {
  const selected = selectChecklistVersion(
    snapshot.version?.minor,
    options.checklistVersion,
  );
  const checklist = getChecklist(selected.version);
  const checks = new Map<string, ConformanceCheck>();
  for (const check of builtInChecks) checks.set(check.requirementId, check);
  for (const check of options.checks ?? [])
    checks.set(check.requirementId, check);

  const results: RequirementResult[] = checklist.requirements.map(requirement =>
    toResult(
      requirement,
      requirement.level,
      runCheck(
        checks.get(requirement.id),
        snapshot,
        checklist.version,
        requirement,
      ),
      false,
    ),
  );
  const programIds = new Set(results.map(r => r.id));
  for (const extra of options.extraRequirements ?? []) {
    const level = extra.requirement.levels[checklist.version];
    if (!level || programIds.has(extra.requirement.id)) continue;
    const check = checks.get(extra.requirement.id) ?? extra.check;
    results.push(
      toResult(
        extra.requirement,
        level,
        runCheck(check, snapshot, checklist.version, extra.requirement),
        true,
      ),
    );
  }

  const why = options.staleReason
    ? `the cluster could not be collected (${options.staleReason})`
    : 'the cluster could not be collected';
  const requirements = options.stale
    ? results.map(r => staleResult(r, snapshot.collectedAt, why))
    : results;

  const program = requirements.filter(r => !r.extension);
  const musts = program.filter(r => r.level === 'MUST');
  const shoulds = program.filter(r => r.level === 'SHOULD');
  const readiness = options.stale
    ? {
        readiness: 'unknown' as const,
        readinessReason: `Unknown: ${why}, so the verdicts of the last good snapshot (${snapshot.collectedAt}) cannot be relied on`,
      }
    : computeReadiness(musts);

  const scorecard: Scorecard = {
    cluster: snapshot.cluster.name,
    checklistVersion: checklist.version,
    checklistStatus: checklist.status,
    snapshotCollectedAt: snapshot.collectedAt,
    evaluatedAt: (options.now?.() ?? new Date()).toISOString(),
    stale: options.stale,
    requirements,
    summary: {
      must: tallyVerdicts(musts.map(r => r.verdict)),
      should: tallyVerdicts(shoulds.map(r => r.verdict)),
      ...readiness,
    },
  };
  if (selected.note) scorecard.checklistNote = selected.note;
  if (snapshot.version?.gitVersion)
    scorecard.kubernetesVersion = snapshot.version.gitVersion;
  return scorecard;
}
