/** Checklist versions of the CNCF Kubernetes AI Conformance program we ship. @public */
export type ChecklistVersion = '1.33' | '1.34' | '1.35' | '1.36' | '1.37';

/** @public */
export type RequirementLevel = 'MUST' | 'SHOULD';

/** PRODUCT.yaml categories. @public */
export type RequirementCategory =
  | 'accelerators'
  | 'networking'
  | 'schedulingOrchestration'
  | 'observability'
  | 'security'
  | 'operator';

/** @public */
export interface ChecklistRequirement {
  /** The id used in the program's YAML, e.g. `dra_support`. Primary key. */
  id: string;
  /** KAR number as in `KAR-0051`; absent where the requirement has none (`ai_inference`). */
  kar?: string;
  category: RequirementCategory;
  title: string;
  /** What it asks, in our own words. */
  description: string;
  /** Level per checklist version; absent means not part of that version. */
  levels: Partial<Record<ChecklistVersion, RequirementLevel>>;
  /** The requirement only applies when this holds (e.g. an autoscaler exists). */
  condition?: string;
  /** What read-only evidence cannot prove, for requirements only an active test settles. */
  readOnlyLimit?: string;
  /** Name of the program's automated test, when one exists. */
  officialTest?: string;
  /** What we look for, strongest first. */
  signals: { strength: EvidenceStrength; description: string }[];
  sources: { title: string; url: string }[];
  /**
   * The best verdict read-only evidence can give, when that is less than
   * `pass` by nature (e.g. `partial` for secure accelerator access, which only
   * the program's active test settles).
   */
  bestReadOnlyVerdict?: 'partial';
}

/** @public */
export interface Checklist {
  version: ChecklistVersion;
  status: 'final' | 'draft';
  requirements: (ChecklistRequirement & { level: RequirementLevel })[];
  /** The program's checklist file for this version. */
  source?: { title: string; url: string };
}

/** @public */
export type Verdict =
  | 'pass'
  | 'partial'
  | 'fail'
  | 'unknown'
  | 'not-applicable';

/** @public */
export type EvidenceStrength = 'strong' | 'medium' | 'hint';

/** @public */
export interface EvidenceItem {
  strength: EvidenceStrength;
  /** Supports the requirement (true) or counts against it (false). */
  supports: boolean;
  summary: string;
  object?: {
    /** `group/version` or `v1`. */
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
  };
}

/** What one evaluator returns for one requirement. @public */
export interface RequirementEvaluation {
  verdict: Verdict;
  /** One line that explains the verdict. */
  reason: string;
  evidence: EvidenceItem[];
  /** What the evidence seen cannot prove (only an active test would). */
  cannotProve?: string;
  /**
   * True when a `partial` verdict is as far as read-only evidence can go (no
   * gap was seen; only the program's active test can settle the rest). A
   * `partial` without it means a real gap.
   */
  limitedByReadOnly?: boolean;
}

/** @public */
export interface RequirementResult extends RequirementEvaluation {
  id: string;
  kar?: string;
  category: RequirementCategory;
  level: RequirementLevel;
  title: string;
  /** Added through the conformance extension point, not part of the program's checklist. */
  extension?: boolean;
  /** When the snapshot is stale: the verdict its last good snapshot gave (the verdict itself is then `unknown`). */
  lastKnownVerdict?: Verdict;
}

/** @public */
export interface VerdictTally {
  total: number;
  pass: number;
  partial: number;
  fail: number;
  unknown: number;
  notApplicable: number;
}

/**
 * `ready`: every MUST passes on read-only evidence; `needs-active-tests`:
 * nothing fails, but some MUSTs can only be settled by the program's active
 * tests; `not-ready`: a MUST fails or is partial; `unknown`: a MUST could not
 * be read.
 *
 * @public
 */
export type CertificationReadiness =
  | 'ready'
  | 'needs-active-tests'
  | 'not-ready'
  | 'unknown';

/** @public */
export interface Scorecard {
  cluster: string;
  checklistVersion: ChecklistVersion;
  checklistStatus: 'final' | 'draft';
  /** Why this checklist version was chosen (e.g. the cluster is older than 1.33). */
  checklistNote?: string;
  kubernetesVersion?: string;
  snapshotCollectedAt: string;
  evaluatedAt: string;
  stale: boolean;
  requirements: RequirementResult[];
  summary: {
    /** Program requirements only; requirements added by extensions are left out of tallies and readiness. */
    must: VerdictTally;
    should: VerdictTally;
    readiness: CertificationReadiness;
    readinessReason: string;
  };
}

/** A verdict that changed between two evaluations. @public */
export interface VerdictChange {
  cluster: string;
  requirementId: string;
  checklistVersion: ChecklistVersion;
  from?: Verdict;
  to: Verdict;
  at: string;
  reason: string;
}
