import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ChecklistVersion,
  Verdict,
  VerdictChange,
} from '@ai-platform/plugin-ai-platform-common';
import { Knex } from 'knex';

const VERDICTS = 'ai_platform_conformance_verdicts';
const CHANGES = 'ai_platform_conformance_changes';

/** The plugin's migrations folder (shared with the snapshot tables). */
export const MIGRATIONS_DIR = resolvePackagePath(
  '@ai-platform/plugin-ai-platform-backend',
  'migrations',
);

/** Runs the plugin's migrations unless the database service says to skip them. */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (database.migrations?.skip) return knex;
  // The snapshot store migrates the same folder; replicas starting together
  // may also race. Knex fails fast on a held lock, so wait and try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      return knex;
    } catch (error) {
      const locked = /already locked/i.test(
        error instanceof Error ? error.message : String(error),
      );
      if (!locked || attempt >= 10) throw error;
      await new Promise(resolve => setTimeout(resolve, 300 * attempt));
    }
  }
}

/** SQLite returns timestamps as numbers or strings, PostgreSQL as Dates. */
function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

export interface RecordedVerdict {
  id: string;
  verdict: Verdict;
  reason: string;
}

/**
 * Verdict history in the database: the latest verdict per cluster, checklist
 * version and requirement, and a row for every change.
 */
export class ConformanceHistoryStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores the verdicts of one evaluation and returns what changed since the
   * previous one (a first verdict is a change with no `from`).
   */
  async recordEvaluation(options: {
    cluster: string;
    checklistVersion: ChecklistVersion;
    snapshotCollectedAt: string;
    verdicts: RecordedVerdict[];
    at: Date;
  }): Promise<VerdictChange[]> {
    const { cluster, checklistVersion, verdicts, at } = options;
    return this.knex.transaction(async tx => {
      const previous = await tx(VERDICTS)
        .where({ cluster, checklist_version: checklistVersion })
        .select('requirement_id', 'verdict');
      const before = new Map<string, Verdict>(
        previous.map(row => [row.requirement_id, row.verdict]),
      );
      const changes: VerdictChange[] = [];
      for (const v of verdicts) {
        const from = before.get(v.id);
        if (from === v.verdict) continue;
        const change: VerdictChange = {
          cluster,
          requirementId: v.id,
          checklistVersion,
          to: v.verdict,
          at: at.toISOString(),
          reason: v.reason,
        };
        if (from) change.from = from;
        changes.push(change);
      }
      if (changes.length) {
        await tx(CHANGES).insert(
          changes.map(c => ({
            cluster,
            checklist_version: checklistVersion,
            requirement_id: c.requirementId,
            from_verdict: c.from ?? null,
            to_verdict: c.to,
            reason: c.reason,
            changed_at: at,
          })),
        );
      }
      if (verdicts.length) {
        await tx(VERDICTS)
          .insert(
            verdicts.map(v => ({
              cluster,
              checklist_version: checklistVersion,
              requirement_id: v.id,
              verdict: v.verdict,
              reason: v.reason,
              snapshot_collected_at: options.snapshotCollectedAt,
              evaluated_at: at,
            })),
          )
          .onConflict(['cluster', 'checklist_version', 'requirement_id'])
          .merge([
            'verdict',
            'reason',
            'snapshot_collected_at',
            'evaluated_at',
          ]);
      }
      return changes;
    });
  }

  /** Changes of one cluster, newest first. */
  async getChanges(
    cluster: string,
    options: {
      since?: Date;
      limit: number;
      checklistVersion?: ChecklistVersion;
    },
  ): Promise<VerdictChange[]> {
    let query = this.knex(CHANGES).where({ cluster });
    if (options.checklistVersion) {
      query = query.andWhere('checklist_version', options.checklistVersion);
    }
    if (options.since) {
      query = query.andWhere('changed_at', '>=', options.since);
    }
    const rows = await query
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(row => {
      const change: VerdictChange = {
        cluster: row.cluster,
        requirementId: row.requirement_id,
        checklistVersion: row.checklist_version,
        to: row.to_verdict,
        at: toIso(row.changed_at),
        reason: row.reason,
      };
      if (row.from_verdict) change.from = row.from_verdict;
      return change;
    });
  }

  /** Whether anything was ever recorded for the cluster. */
  async hasCluster(cluster: string): Promise<boolean> {
    const row = await this.knex(VERDICTS).where({ cluster }).first('cluster');
    return !!row;
  }

  /**
   * Retention: drops changes older than the cutoff, and the latest verdicts
   * of clusters not evaluated since (their next evaluation starts afresh).
   */
  async deleteOlderThan(
    cutoff: Date,
  ): Promise<{ changes: number; verdicts: number }> {
    const changes = await this.knex(CHANGES)
      .where('changed_at', '<', cutoff)
      .delete();
    const verdicts = await this.knex(VERDICTS)
      .where('evaluated_at', '<', cutoff)
      .delete();
    return { changes, verdicts };
  }
}
