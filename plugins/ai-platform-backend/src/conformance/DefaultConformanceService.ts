import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Checklist,
  ChecklistVersion,
  ConformanceMatrix,
  Scorecard,
  VerdictChange,
  checklistVersions,
  getChecklist,
  latestFinalChecklistVersion,
  selectChecklistVersion,
} from '@ai-platform/plugin-ai-platform-common';
import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ServedSnapshot,
  SnapshotEvent,
  SnapshotService,
} from '../snapshots/SnapshotService';
import { ConformanceHistoryStore } from './ConformanceHistoryStore';
import { ConformanceService } from './ConformanceService';
import { evaluateScorecard, ExtraRequirement } from './evaluateScorecard';
import { renderProductYaml } from './renderProductYaml';

/** Scorecards kept in memory; a fleet of a few hundred clusters times a few versions. */
const CACHE_SIZE = 1000;
export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 1000;

function staleReason(served: ServedSnapshot): string | undefined {
  const error = served.status.lastError;
  return error ? `${error.reason}: ${error.message}` : undefined;
}

/**
 * Conformance on top of the snapshot service: scorecards computed from the
 * served snapshot (cached per cluster, snapshot and version), the fleet
 * matrix, PRODUCT.yaml drafts, and verdict history recorded whenever this
 * replica stores a new snapshot.
 */
export class DefaultConformanceService implements ConformanceService {
  private readonly cache = new Map<string, Scorecard>();

  constructor(
    private readonly deps: {
      snapshots: SnapshotService;
      store: ConformanceHistoryStore;
      logger: LoggerService;
      checks: readonly ConformanceCheck[];
      extraRequirements: readonly ExtraRequirement[];
      retentionMs: number;
      now?: () => Date;
    },
  ) {}

  /** Subscribes to new snapshots to record verdict history; returns the unsubscribe function. */
  start(): () => void {
    return this.deps.snapshots.onSnapshot(event => this.recordHistory(event));
  }

  listChecklists(): Checklist[] {
    return checklistVersions.map(getChecklist);
  }

  async getScorecard(
    cluster: string,
    options: { checklistVersion?: ChecklistVersion } = {},
  ): Promise<Scorecard | undefined> {
    this.validateVersion(options.checklistVersion);
    const served = await this.deps.snapshots.getLatest(cluster);
    return served
      ? this.scorecardOf(served, options.checklistVersion)
      : undefined;
  }

  async getMatrix(
    options: { checklistVersion?: ChecklistVersion } = {},
  ): Promise<ConformanceMatrix> {
    this.validateVersion(options.checklistVersion);
    // One version for every row so the columns line up.
    const version = options.checklistVersion ?? latestFinalChecklistVersion;
    const served = await this.deps.snapshots.listLatest();
    const scorecards = served
      .map(s => ({ served: s, scorecard: this.scorecardOf(s, version) }))
      .sort((a, b) => a.scorecard.cluster.localeCompare(b.scorecard.cluster));
    const requirements =
      scorecards[0]?.scorecard.requirements ??
      checklistColumns(version, this.deps.extraRequirements);
    return {
      checklistVersion: version,
      requirements: requirements.map(r => {
        const column: ConformanceMatrix['requirements'][number] = {
          id: r.id,
          title: r.title,
          category: r.category,
          level: r.level,
        };
        if (r.kar) column.kar = r.kar;
        return column;
      }),
      clusters: scorecards.map(({ served: s, scorecard }) => {
        const ownVersion = selectChecklistVersion(
          s.snapshot.version?.minor,
        ).version;
        const own =
          ownVersion === version ? scorecard : this.scorecardOf(s, ownVersion);
        const row: ConformanceMatrix['clusters'][number] = {
          cluster: scorecard.cluster,
          stale: scorecard.stale,
          defaultChecklistVersion: ownVersion,
          ownChecklist: {
            checklistVersion: own.checklistVersion,
            must: own.summary.must,
            should: own.summary.should,
            readiness: own.summary.readiness,
            readinessReason: own.summary.readinessReason,
          },
          verdicts: Object.fromEntries(
            scorecard.requirements.map(r => [r.id, r.verdict]),
          ),
          must: scorecard.summary.must,
          should: scorecard.summary.should,
          readiness: scorecard.summary.readiness,
        };
        if (scorecard.kubernetesVersion)
          row.kubernetesVersion = scorecard.kubernetesVersion;
        return row;
      }),
    };
  }

  async getHistory(
    cluster: string,
    options: {
      since?: string;
      limit?: number;
      checklistVersion?: ChecklistVersion;
    } = {},
  ): Promise<VerdictChange[]> {
    this.validateVersion(options.checklistVersion);
    let since: Date | undefined;
    if (options.since !== undefined) {
      since = new Date(options.since);
      if (Number.isNaN(since.getTime())) {
        throw new InputError(
          `Invalid since '${options.since}': expected an ISO 8601 date`,
        );
      }
    }
    const limit = Math.min(
      Math.max(options.limit ?? DEFAULT_HISTORY_LIMIT, 1),
      MAX_HISTORY_LIMIT,
    );
    const served = await this.deps.snapshots.getLatest(cluster);
    if (!served) {
      const known =
        (await this.deps.snapshots.getCluster(cluster)) ||
        (await this.deps.store.hasCluster(cluster));
      if (!known) throw new NotFoundError(`Unknown cluster '${cluster}'`);
    }
    const checklistVersion =
      options.checklistVersion ??
      (served
        ? selectChecklistVersion(served.snapshot.version?.minor).version
        : undefined);
    return this.deps.store.getChanges(cluster, {
      limit,
      ...(since ? { since } : {}),
      ...(checklistVersion ? { checklistVersion } : {}),
    });
  }

  async getProductYaml(
    cluster: string,
    options: { checklistVersion?: ChecklistVersion } = {},
  ): Promise<string | undefined> {
    const scorecard = await this.getScorecard(cluster, options);
    if (!scorecard) return undefined;
    return renderProductYaml(
      scorecard,
      getChecklist(scorecard.checklistVersion).requirements,
    );
  }

  async cleanupHistory(): Promise<{ changes: number; verdicts: number }> {
    const cutoff = new Date(this.now().getTime() - this.deps.retentionMs);
    const deleted = await this.deps.store.deleteOlderThan(cutoff);
    if (deleted.changes || deleted.verdicts) {
      this.deps.logger.info(
        `Deleted conformance history older than ${cutoff.toISOString()}: ${
          deleted.changes
        } changes, ${deleted.verdicts} verdicts`,
      );
    }
    return deleted;
  }

  /** Records the verdicts of a new snapshot against every checklist version. */
  async recordHistory(event: SnapshotEvent): Promise<void> {
    const { snapshot } = event;
    // A change happened as of the collection that saw it.
    const collected = new Date(snapshot.collectedAt);
    const at = Number.isNaN(collected.getTime()) ? this.now() : collected;
    try {
      let changed = 0;
      for (const version of checklistVersions) {
        const scorecard = this.evaluate(snapshot, version, false);
        const changes = await this.deps.store.recordEvaluation({
          cluster: snapshot.cluster.name,
          checklistVersion: version,
          snapshotCollectedAt: snapshot.collectedAt,
          verdicts: scorecard.requirements.map(r => ({
            id: r.id,
            verdict: r.verdict,
            reason: r.reason,
          })),
          at,
        });
        changed += changes.length;
      }
      if (changed) {
        this.deps.logger.info(
          `Recorded ${changed} conformance verdict change(s) for cluster ${snapshot.cluster.name}`,
        );
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not record conformance history for cluster ${
          snapshot.cluster.name
        }: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private scorecardOf(
    served: ServedSnapshot,
    version?: ChecklistVersion,
  ): Scorecard {
    return this.evaluate(
      served.snapshot,
      version,
      served.status.stale,
      served.status.stale ? staleReason(served) : undefined,
    );
  }

  private evaluate(
    snapshot: ServedSnapshot['snapshot'],
    version: ChecklistVersion | undefined,
    stale: boolean,
    reason?: string,
  ): Scorecard {
    const key = [
      snapshot.cluster.name,
      snapshot.collectedAt,
      version ?? '',
      stale,
      reason ?? '',
    ].join('\u0000');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const scorecard = evaluateScorecard(snapshot, {
      stale,
      ...(version ? { checklistVersion: version } : {}),
      ...(reason ? { staleReason: reason } : {}),
      checks: this.deps.checks,
      extraRequirements: this.deps.extraRequirements,
      now: () => this.now(),
    });
    this.cache.set(key, scorecard);
    if (this.cache.size > CACHE_SIZE) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.cache.delete(this.cache.keys().next().value!);
    }
    return scorecard;
  }

  private validateVersion(version: string | undefined) {
    if (version !== undefined) selectChecklistVersion(undefined, version);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** Matrix columns when no cluster has a snapshot yet. */
function checklistColumns(
  version: ChecklistVersion,
  extras: readonly ExtraRequirement[],
) {
  return [
    ...getChecklist(version).requirements,
    ...extras
      .filter(e => e.requirement.levels[version])
      .map(e => ({ ...e.requirement, level: e.requirement.levels[version]! })),
  ];
}
