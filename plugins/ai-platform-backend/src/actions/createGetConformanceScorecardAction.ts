import {
  aiPlatformScorecardReadPermission,
  RequirementResult,
  Scorecard,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { ConformanceService } from '../conformance/ConformanceService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { EvidenceOutput, toEvidenceOutput } from './compact';
import {
  checklistVersionSchema,
  clusterNameSchema,
  evidenceSchema,
  verdictTallySchema,
} from './schemas';

/** Evidence items per requirement when asked for; explain-conformance-requirement gives more. */
export const MAX_EVIDENCE_PER_REQUIREMENT = 5;

const VERDICTS = [
  'pass',
  'partial',
  'fail',
  'unknown',
  'not-applicable',
] as const;

/** `get-conformance-scorecard`: a cluster's verdict per requirement, compact. */
export function createGetConformanceScorecardAction(options: {
  actionsRegistry: ActionsRegistryService;
  conformance: ConformanceService;
  snapshots: SnapshotService;
}) {
  const { actionsRegistry, conformance, snapshots } = options;
  actionsRegistry.register({
    name: 'get-conformance-scorecard',
    title: 'Get AI-conformance scorecard',
    description: `Scores one Kubernetes cluster against the CNCF Kubernetes AI Conformance checklist, from read-only evidence of its last collection.
Returns the readiness for certification (ready, needs-active-tests, not-ready, unknown) with the reason, MUST and SHOULD tallies, and each requirement's id, KAR number, level, verdict (pass, partial, fail, unknown, not-applicable) and a one-line reason.
Set includeEvidence to add up to ${MAX_EVIDENCE_PER_REQUIREMENT} evidence items per requirement; explain-conformance-requirement explains one requirement in full.
Verdicts of a stale cluster are "unknown", with the last known verdict alongside.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformScorecardReadPermission,
    schema: {
      input: z =>
        z.object({
          cluster: clusterNameSchema(z).describe(
            'Cluster name as list-clusters returns it, e.g. "h100-prod".',
          ),
          checklistVersion: checklistVersionSchema(z).optional(),
          includeEvidence: z
            .boolean()
            .default(false)
            .describe(
              `Add up to ${MAX_EVIDENCE_PER_REQUIREMENT} evidence items per requirement (default false).`,
            ),
          level: z
            .enum(['MUST', 'SHOULD'])
            .optional()
            .describe('Only requirements of this level. Omit for both.'),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          cluster: z.string(),
          checklistVersion: z.string(),
          checklistStatus: z.enum(['final', 'draft']),
          checklistNote: z.string().optional(),
          kubernetesVersion: z.string().optional(),
          stale: z.boolean(),
          snapshotCollectedAt: z.string(),
          readiness: z.enum([
            'ready',
            'needs-active-tests',
            'not-ready',
            'unknown',
          ]),
          readinessReason: z.string(),
          must: verdictTallySchema(z),
          should: verdictTallySchema(z),
          requirements: z.array(
            z.object({
              id: z.string(),
              kar: z.string().optional(),
              title: z.string(),
              level: z.enum(['MUST', 'SHOULD']),
              verdict: z.enum(VERDICTS),
              reason: z.string(),
              lastKnownVerdict: z
                .enum(VERDICTS)
                .optional()
                .describe(
                  'For a stale cluster: the verdict its last good data gave',
                ),
              limitedByReadOnly: z
                .boolean()
                .optional()
                .describe(
                  "A partial verdict that only the program's active tests can settle; no gap was seen",
                ),
              extension: z
                .boolean()
                .optional()
                .describe(
                  'Added by this portal, not part of the program checklist',
                ),
              evidence: z.array(evidenceSchema(z)).optional(),
              evidenceOmitted: z.number().optional(),
              cannotProve: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const scorecard = await conformance.getScorecard(input.cluster, {
        checklistVersion: input.checklistVersion,
      });
      if (!scorecard) {
        const status = await snapshots.getCluster(input.cluster);
        throw new NotFoundError(
          status
            ? `Cluster "${input.cluster}" has no scorecard yet: it has not been collected successfully (state ${status.state})`
            : `No cluster named "${input.cluster}"; list-clusters lists the known clusters`,
        );
      }
      const requirements = scorecard.requirements
        .filter(r => !input.level || r.level === input.level)
        .map(r => toRequirementOutput(r, input.includeEvidence));
      return {
        output: {
          summary: summarizeScorecard(scorecard),
          cluster: scorecard.cluster,
          checklistVersion: scorecard.checklistVersion,
          checklistStatus: scorecard.checklistStatus,
          ...(scorecard.checklistNote
            ? { checklistNote: scorecard.checklistNote }
            : {}),
          ...(scorecard.kubernetesVersion
            ? { kubernetesVersion: scorecard.kubernetesVersion }
            : {}),
          stale: scorecard.stale,
          snapshotCollectedAt: scorecard.snapshotCollectedAt,
          readiness: scorecard.summary.readiness,
          readinessReason: scorecard.summary.readinessReason,
          must: scorecard.summary.must,
          should: scorecard.summary.should,
          requirements,
        },
      };
    },
  });
}

function toRequirementOutput(r: RequirementResult, withEvidence: boolean) {
  const out: {
    id: string;
    kar?: string;
    title: string;
    level: RequirementResult['level'];
    verdict: RequirementResult['verdict'];
    reason: string;
    lastKnownVerdict?: RequirementResult['verdict'];
    limitedByReadOnly?: boolean;
    extension?: boolean;
    evidence?: EvidenceOutput[];
    evidenceOmitted?: number;
    cannotProve?: string;
  } = {
    id: r.id,
    title: r.title,
    level: r.level,
    verdict: r.verdict,
    reason: r.reason,
  };
  if (r.kar) out.kar = r.kar;
  if (r.lastKnownVerdict) out.lastKnownVerdict = r.lastKnownVerdict;
  if (r.limitedByReadOnly) out.limitedByReadOnly = true;
  if (r.extension) out.extension = true;
  if (withEvidence) {
    out.evidence = r.evidence
      .slice(0, MAX_EVIDENCE_PER_REQUIREMENT)
      .map(toEvidenceOutput);
    if (r.evidence.length > MAX_EVIDENCE_PER_REQUIREMENT) {
      out.evidenceOmitted = r.evidence.length - MAX_EVIDENCE_PER_REQUIREMENT;
    }
    if (r.cannotProve) out.cannotProve = r.cannotProve;
  }
  return out;
}

function tallyText(t: Scorecard['summary']['must']): string {
  const parts = [
    `${t.pass} pass`,
    t.partial ? `${t.partial} partial` : '',
    t.fail ? `${t.fail} fail` : '',
    t.unknown ? `${t.unknown} unknown` : '',
    t.notApplicable ? `${t.notApplicable} not applicable` : '',
  ].filter(Boolean);
  return `${parts.join(', ')} of ${t.total}`;
}

export function summarizeScorecard(scorecard: Scorecard): string {
  const { must, should, readiness, readinessReason } = scorecard.summary;
  return `${scorecard.cluster} against AI Conformance ${
    scorecard.checklistVersion
  } (${scorecard.checklistStatus})${
    scorecard.stale ? ', STALE data: verdicts are unknown' : ''
  }: MUST ${tallyText(must)}; SHOULD ${tallyText(
    should,
  )}. Readiness: ${readiness} (${readinessReason})`;
}
