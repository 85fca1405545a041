import {
  ChecklistRequirement,
  ChecklistVersion,
  ClusterSnapshot,
  RequirementEvaluation,
} from '@ai-platform/plugin-ai-platform-common';

/**
 * Evaluates one requirement from a snapshot. Must be a pure function of its
 * inputs: verdicts are recomputed for history and for other checklist
 * versions from stored snapshots.
 *
 * @public
 */
export interface ConformanceCheck {
  requirementId: string;
  evaluate(
    snapshot: ClusterSnapshot,
    context: {
      checklistVersion: ChecklistVersion;
      requirement: ChecklistRequirement;
    },
  ): RequirementEvaluation;
}
