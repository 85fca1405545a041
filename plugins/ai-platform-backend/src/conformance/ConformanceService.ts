import {
  Checklist,
  ChecklistVersion,
  ConformanceMatrix,
  Scorecard,
  VerdictChange,
} from '@ai-platform/plugin-ai-platform-common';

/** Scorecards, the fleet matrix, verdict history and PRODUCT.yaml exports. */
export interface ConformanceService {
  listChecklists(): Checklist[];
  /** Undefined for unknown or never-collected clusters. Invalid versions throw InputError. */
  getScorecard(
    cluster: string,
    options?: { checklistVersion?: ChecklistVersion },
  ): Promise<Scorecard | undefined>;
  getMatrix(options?: {
    checklistVersion?: ChecklistVersion;
  }): Promise<ConformanceMatrix>;
  /**
   * Verdict changes of a cluster, newest first. Without a version, the
   * changes of the checklist the cluster is scored against by default.
   * Throws NotFoundError for clusters we know nothing about.
   */
  getHistory(
    cluster: string,
    options?: {
      since?: string;
      limit?: number;
      checklistVersion?: ChecklistVersion;
    },
  ): Promise<VerdictChange[]>;
  /** Undefined for unknown or never-collected clusters. */
  getProductYaml(
    cluster: string,
    options?: { checklistVersion?: ChecklistVersion },
  ): Promise<string | undefined>;
  /** Deletes history older than the retention (`aiPlatform.history.retention`). */
  cleanupHistory(): Promise<{ changes: number; verdicts: number }>;
}
