import {
  aiPlatformScorecardReadPermission,
  ChecklistRequirement,
  ChecklistVersion,
  checklistVersions,
  conformanceRequirements,
  RequirementResult,
  Scorecard,
} from '@ai-platform/plugin-ai-platform-common';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotFoundError } from '@backstage/errors';
import { ConformanceService } from '../conformance/ConformanceService';
import { SnapshotService } from '../snapshots/SnapshotService';
import { toEvidenceOutput } from './compact';
import {
  checklistVersionSchema,
  clusterNameSchema,
  evidenceSchema,
} from './schemas';

export const MAX_EXPLAINED_EVIDENCE = 25;

const VERDICTS = [
  'pass',
  'partial',
  'fail',
  'unknown',
  'not-applicable',
] as const;

/** What read-only collection can never show, when the requirement says nothing more specific. */
const GENERAL_READ_ONLY_LIMIT =
  "Read-only evidence shows what is installed, configured and reporting healthy; it cannot show that workloads actually behave as required. The program's active tests settle that.";

/** `explain-conformance-requirement`: what a requirement asks, what we look for, and how a cluster stands. */
export function createExplainConformanceRequirementAction(options: {
  actionsRegistry: ActionsRegistryService;
  conformance: ConformanceService;
  snapshots: SnapshotService;
}) {
  const { actionsRegistry, conformance, snapshots } = options;
  actionsRegistry.register({
    name: 'explain-conformance-requirement',
    title: 'Explain an AI-conformance requirement',
    description: `Explains one requirement of the CNCF Kubernetes AI Conformance checklist: what it asks, its level (MUST or SHOULD) in each checklist version, the evidence this portal looks for and how strong each kind is, and what read-only evidence cannot prove.
With a cluster, also how that cluster stands: verdict, reason, the evidence items behind it (up to ${MAX_EXPLAINED_EVIDENCE}) and what only the program's active tests can settle.
Requirement ids are as get-conformance-scorecard returns them, e.g. "dra_support", "gang_scheduling", "secure_accelerator_access"; KAR numbers such as "KAR-0051" work too.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    visibilityPermission: aiPlatformScorecardReadPermission,
    schema: {
      input: z =>
        z.object({
          requirement: z
            .string()
            .min(1)
            .max(100)
            .describe(
              'Requirement id (e.g. "dra_support") or KAR number (e.g. "KAR-0051").',
            ),
          cluster: clusterNameSchema(z)
            .optional()
            .describe(
              'Also explain how this cluster stands (name as list-clusters returns it, e.g. "h100-prod").',
            ),
          checklistVersion: checklistVersionSchema(z).optional(),
        }),
      output: z =>
        z.object({
          summary: z.string(),
          requirement: z.object({
            id: z.string(),
            kar: z.string().optional(),
            title: z.string(),
            category: z.string(),
            description: z.string(),
            levels: z
              .array(
                z.object({
                  version: z.string(),
                  level: z.enum(['MUST', 'SHOULD']),
                }),
              )
              .describe(
                'Level in each checklist version that has the requirement',
              ),
            condition: z
              .string()
              .optional()
              .describe('The requirement only applies when this holds'),
            officialTest: z.string().optional(),
            signals: z
              .array(
                z.object({
                  strength: z.enum(['strong', 'medium', 'hint']),
                  description: z.string(),
                }),
              )
              .describe('The evidence this portal looks for, strongest first'),
            readOnlyLimit: z
              .string()
              .describe(
                'What read-only evidence cannot prove about this requirement',
              ),
            sources: z.array(z.object({ title: z.string(), url: z.string() })),
          }),
          cluster: z
            .object({
              name: z.string(),
              checklistVersion: z.string(),
              stale: z.boolean(),
              snapshotCollectedAt: z.string(),
              inChecklist: z
                .boolean()
                .describe('Whether this checklist version has the requirement'),
              level: z.enum(['MUST', 'SHOULD']).optional(),
              verdict: z.enum(VERDICTS).optional(),
              reason: z.string().optional(),
              lastKnownVerdict: z.enum(VERDICTS).optional(),
              limitedByReadOnly: z.boolean().optional(),
              evidence: z.array(evidenceSchema(z)),
              evidenceOmitted: z.number().optional(),
              cannotProve: z.string().optional(),
            })
            .optional(),
        }),
    },
    action: async ({ input }) => {
      let scorecard: Scorecard | undefined;
      if (input.cluster) {
        scorecard = await conformance.getScorecard(input.cluster, {
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
      }
      const requirement = findRequirement(input.requirement, scorecard);
      const result = scorecard?.requirements.find(r => r.id === requirement.id);
      const readOnlyLimit =
        requirement.readOnlyLimit ?? GENERAL_READ_ONLY_LIMIT;
      const levels = checklistVersions
        .filter(v => requirement.levels[v])
        .map(v => ({ version: v, level: requirement.levels[v]! }));

      return {
        output: {
          summary: summarize(requirement, levels, scorecard, result),
          requirement: {
            id: requirement.id,
            ...(requirement.kar ? { kar: requirement.kar } : {}),
            title: requirement.title,
            category: requirement.category,
            description: requirement.description,
            levels,
            ...(requirement.condition
              ? { condition: requirement.condition }
              : {}),
            ...(requirement.officialTest
              ? { officialTest: requirement.officialTest }
              : {}),
            signals: requirement.signals,
            readOnlyLimit,
            sources: requirement.sources,
          },
          ...(scorecard
            ? { cluster: clusterStanding(scorecard, result, readOnlyLimit) }
            : {}),
        },
      };
    },
  });
}

function normalizeId(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
}

function normalizeKar(value: string): string | undefined {
  const m = /^(?:kar[-_\s]?)?(\d{1,4})$/i.exec(value.trim());
  return m ? `KAR-${m[1].padStart(4, '0')}` : undefined;
}

/** By id, or by KAR number; extension requirements only through a scorecard that has them. */
function findRequirement(
  wanted: string,
  scorecard?: Scorecard,
): ChecklistRequirement {
  const id = normalizeId(wanted);
  const kar = normalizeKar(wanted);
  const match = (r: { id: string; kar?: string }) =>
    r.id.toLowerCase() === id || (kar !== undefined && r.kar === kar);
  const found = conformanceRequirements.find(match);
  if (found) return found;
  const extension = scorecard?.requirements.find(match);
  if (extension)
    return fromExtensionResult(extension, scorecard!.checklistVersion);
  throw new InputError(
    `Unknown requirement "${wanted}"; known ids: ${conformanceRequirements
      .map(r => (r.kar ? `${r.id} (${r.kar})` : r.id))
      .join(', ')}`,
  );
}

/** Requirements added through the extension point carry less data than program ones. */
function fromExtensionResult(
  r: RequirementResult,
  version: ChecklistVersion,
): ChecklistRequirement {
  return {
    id: r.id,
    ...(r.kar ? { kar: r.kar } : {}),
    category: r.category,
    title: r.title,
    description: `${r.title} (added by this portal's configuration, not part of the program checklist)`,
    levels: { [version]: r.level },
    signals: [],
    sources: [],
  };
}

function clusterStanding(
  scorecard: Scorecard,
  result: RequirementResult | undefined,
  readOnlyLimit: string,
) {
  const base = {
    name: scorecard.cluster,
    checklistVersion: scorecard.checklistVersion,
    stale: scorecard.stale,
    snapshotCollectedAt: scorecard.snapshotCollectedAt,
  };
  if (!result) {
    return { ...base, inChecklist: false, evidence: [] };
  }
  return {
    ...base,
    inChecklist: true,
    level: result.level,
    verdict: result.verdict,
    reason: result.reason,
    ...(result.lastKnownVerdict
      ? { lastKnownVerdict: result.lastKnownVerdict }
      : {}),
    ...(result.limitedByReadOnly ? { limitedByReadOnly: true } : {}),
    evidence: result.evidence
      .slice(0, MAX_EXPLAINED_EVIDENCE)
      .map(toEvidenceOutput),
    ...(result.evidence.length > MAX_EXPLAINED_EVIDENCE
      ? { evidenceOmitted: result.evidence.length - MAX_EXPLAINED_EVIDENCE }
      : {}),
    cannotProve: result.cannotProve ?? readOnlyLimit,
  };
}

function summarize(
  requirement: ChecklistRequirement,
  levels: { version: string; level: string }[],
  scorecard?: Scorecard,
  result?: RequirementResult,
): string {
  const name = `${requirement.id}${
    requirement.kar ? ` (${requirement.kar})` : ''
  }: ${requirement.title}`;
  const levelText = levels.length
    ? levels.map(l => `${l.level} in ${l.version}`).join(', ')
    : 'in no shipped checklist version';
  let text = `${name}, ${levelText}.`;
  if (scorecard) {
    text += result
      ? ` On ${scorecard.cluster} (checklist ${scorecard.checklistVersion}${
          scorecard.stale ? ', stale data' : ''
        }): ${result.verdict}, ${result.reason}`
      : ` Not part of checklist ${scorecard.checklistVersion}, which ${scorecard.cluster} is scored against.`;
  }
  return text;
}
