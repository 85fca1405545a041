import {
  ChecklistVersion,
  ClusterInventory,
  ClusterSnapshot,
  CollectionError,
  EvidenceItem,
  RequirementCategory,
  RequirementLevel,
  Scorecard,
  SnapshotPartName,
  SnapshotPartStatus,
  Verdict,
} from '@ai-platform/plugin-ai-platform-common';
import { evaluateScorecard } from '../conformance/evaluateScorecard';
import { computeClusterInventory } from '../inventory/computeClusterInventory';
import { partErrors } from '../snapshots/buildClusterStatus';

/**
 * What `ai-platform scan` reports: the cluster, its GPU inventory and its
 * AI-conformance scorecard (the same computations the portal serves), and
 * what could not be read. Keep the field names stable: pipelines parse them.
 */
export interface ScanReport {
  cluster: {
    name: string;
    url?: string;
    kubernetesVersion?: string;
    collectedAt: string;
    durationMs: number;
  };
  inventory: ClusterInventory;
  checklistVersion: ChecklistVersion;
  /** Why this checklist version was chosen, when it is not the cluster's own minor. */
  checklistNote?: string;
  requirements: ScanRequirement[];
  summary: Scorecard['summary'];
  /** Parts that could not be read; the numbers above may be incomplete where these matter. */
  errors: CollectionError[];
  parts: Partial<Record<SnapshotPartName, SnapshotPartStatus['status']>>;
}

export interface ScanRequirement {
  id: string;
  kar?: string;
  category: RequirementCategory;
  level: RequirementLevel;
  title: string;
  verdict: Verdict;
  reason: string;
  evidence: EvidenceItem[];
  cannotProve?: string;
}

/** Both parts of a scan: the report, and the scorecard it was built from (for PRODUCT.yaml). */
export interface ScanResult {
  report: ScanReport;
  scorecard: Scorecard;
}

export function buildScanReport(
  snapshot: ClusterSnapshot,
  options: { checklistVersion?: string } = {},
): ScanResult {
  const scorecard = evaluateScorecard(snapshot, {
    checklistVersion: options.checklistVersion,
    stale: false,
  });
  const cluster: ScanReport['cluster'] = {
    name: snapshot.cluster.name,
    collectedAt: snapshot.collectedAt,
    durationMs: snapshot.durationMs,
  };
  if (snapshot.cluster.url) cluster.url = snapshot.cluster.url;
  if (snapshot.version) cluster.kubernetesVersion = snapshot.version.gitVersion;
  const parts: ScanReport['parts'] = {};
  for (const [name, part] of Object.entries(snapshot.parts)) {
    if (part) parts[name as SnapshotPartName] = part.status;
  }
  const report: ScanReport = {
    cluster,
    inventory: computeClusterInventory(snapshot, { stale: false }),
    checklistVersion: scorecard.checklistVersion,
    requirements: scorecard.requirements.map(r => {
      const requirement: ScanRequirement = {
        id: r.id,
        category: r.category,
        level: r.level,
        title: r.title,
        verdict: r.verdict,
        reason: r.reason,
        evidence: r.evidence,
      };
      if (r.kar) requirement.kar = r.kar;
      if (r.cannotProve) requirement.cannotProve = r.cannotProve;
      return requirement;
    }),
    summary: scorecard.summary,
    errors: partErrors(snapshot),
    parts,
  };
  if (scorecard.checklistNote) report.checklistNote = scorecard.checklistNote;
  return { report, scorecard };
}

/**
 * MUSTs that are neither `pass` nor `not-applicable` (for `--fail-on-must`).
 * A MUST whose own condition does not hold (no autoscaler, say) is not a
 * failure: the program accepts N/A with a justification.
 */
export function unmetMusts(report: ScanReport): ScanRequirement[] {
  return report.requirements.filter(
    r =>
      r.level === 'MUST' &&
      r.verdict !== 'pass' &&
      r.verdict !== 'not-applicable',
  );
}
