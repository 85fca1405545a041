import { promisify } from 'node:util';
import zlib from 'node:zlib';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  ClusterSnapshot,
  CollectionError,
} from '@ai-platform/plugin-ai-platform-common';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

const CLUSTERS = 'ai_platform_clusters';
const LATEST = 'ai_platform_snapshots';
const HISTORY = 'ai_platform_snapshot_history';

/** A cluster's collection status as stored. Times are epoch milliseconds. */
export interface ClusterRow {
  name: string;
  state: 'pending' | 'fresh' | 'stale' | 'failed';
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  lastError?: CollectionError;
  snapshotCollectedAt?: number;
  refreshRequestedAt?: number;
  leaseOwner?: string;
  leaseExpiresAt?: number;
}

/** The lease holder lost it (it expired and another replica took it): the result must not be stored. */
export class LeaseLostError extends Error {
  readonly name = 'LeaseLostError';
}

export async function migrateSnapshotDatabase(knex: Knex): Promise<void> {
  const directory = resolvePackagePath(
    '@ai-platform/plugin-ai-platform-backend',
    'migrations',
  );
  // Replicas starting together race to create knex's migration tables and
  // for its lock, and knex fails at once when it loses: wait for the winner
  // and try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory });
      return;
    } catch (error) {
      const raced =
        /already locked|already exists|pg_type_typname_nsp_index/i.test(
          error instanceof Error ? error.message : String(error),
        );
      if (!raced || attempt >= 10) throw error;
      await new Promise(resolve => setTimeout(resolve, 300 * attempt));
    }
  }
}

/**
 * Snapshots and collection status in the plugin's database (PostgreSQL in
 * production, SQLite in the embedded demo and tests). Snapshots are stored as
 * gzip of their JSON: a 5,000-node snapshot is a few megabytes.
 *
 * Collections are serialized per cluster with a lease row: acquiring it is a
 * single conditional UPDATE, so of several replicas exactly one wins, and the
 * winner stores its result only while it still holds the lease.
 */
export class DatabaseSnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSnapshotStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateSnapshotDatabase(knex);
    }
    return new DatabaseSnapshotStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async listClusterRows(): Promise<ClusterRow[]> {
    const rows = await this.knex(CLUSTERS).select(
      'name',
      'state',
      'last_attempt_at',
      'last_success_at',
      'last_error',
      'snapshot_collected_at',
      'refresh_requested_at',
      'lease_owner',
      'lease_expires_at',
    );
    return rows.map(toClusterRow);
  }

  async getClusterRow(name: string): Promise<ClusterRow | undefined> {
    const row = await this.knex(CLUSTERS).where({ name }).first();
    return row ? toClusterRow(row) : undefined;
  }

  /** The latest good snapshots of the named clusters. */
  async loadLatest(names: string[]): Promise<Map<string, ClusterSnapshot>> {
    const out = new Map<string, ClusterSnapshot>();
    if (names.length === 0) return out;
    for (const batch of chunks(names, 50)) {
      const rows = await this.knex(LATEST)
        .whereIn('cluster_name', batch)
        .select('cluster_name', 'data');
      for (const row of rows) {
        out.set(row.cluster_name, await decode(row.data));
      }
    }
    return out;
  }

  /**
   * Takes the cluster's collection lease when it is free (or expired), and
   * records the attempt. With `onlyIfRefreshRequested`, only when a refresh
   * is pending; with `minIntervalMs`, only when the last attempt is older.
   */
  async tryAcquireLease(
    name: string,
    owner: string,
    options: {
      leaseMs: number;
      now?: number;
      onlyIfRefreshRequested?: boolean;
      minIntervalMs?: number;
    },
  ): Promise<boolean> {
    const now = options.now ?? Date.now();
    await this.knex(CLUSTERS)
      .insert({ name, state: 'pending', updated_at: now })
      .onConflict('name')
      .ignore();
    const query = this.knex(CLUSTERS)
      .where({ name })
      .andWhere(q =>
        q.whereNull('lease_owner').orWhere('lease_expires_at', '<', now),
      );
    if (options.onlyIfRefreshRequested) {
      query.whereNotNull('refresh_requested_at');
    }
    if (options.minIntervalMs) {
      const cutoff = now - options.minIntervalMs;
      query.andWhere(q =>
        q.whereNull('last_attempt_at').orWhere('last_attempt_at', '<=', cutoff),
      );
    }
    const updated = await query.update({
      lease_owner: owner,
      lease_expires_at: now + options.leaseMs,
      last_attempt_at: now,
      updated_at: now,
    });
    return updated === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.knex(CLUSTERS).where({ name, lease_owner: owner }).update({
      lease_owner: null,
      lease_expires_at: null,
      updated_at: Date.now(),
    });
  }

  /**
   * Stores a collected snapshot as the cluster's latest (and in the history
   * when the last history entry is older than `historyIntervalMs`), marks the
   * cluster fresh and releases the lease, in one transaction. Throws
   * LeaseLostError, storing nothing, when `owner` no longer holds the lease.
   */
  async storeSnapshot(
    snapshot: ClusterSnapshot,
    owner: string,
    options: { historyIntervalMs: number; now?: number },
  ): Promise<ClusterRow> {
    const name = snapshot.cluster.name;
    const now = options.now ?? Date.now();
    const collectedAt = Date.parse(snapshot.collectedAt);
    const json = JSON.stringify(snapshot);
    const data = await gzip(Buffer.from(json, 'utf8'));
    await this.knex.transaction(async trx => {
      const updated = await trx(CLUSTERS)
        .where({ name, lease_owner: owner })
        .update({
          state: 'fresh',
          last_success_at: now,
          last_error: null,
          snapshot_collected_at: collectedAt,
          refresh_requested_at: clearRefreshIfServed(trx, collectedAt),
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        });
      if (updated !== 1) {
        throw new LeaseLostError(
          `the collection lease of cluster ${name} expired before the snapshot was stored`,
        );
      }
      const row = {
        cluster_name: name,
        collected_at: collectedAt,
        schema_version: snapshot.schemaVersion,
        json_bytes: json.length,
        data,
      };
      await trx(LATEST).insert(row).onConflict('cluster_name').merge();
      const recent = await trx(HISTORY)
        .where('cluster_name', name)
        .andWhere('collected_at', '>', collectedAt - options.historyIntervalMs)
        .first('id');
      if (!recent) {
        await trx(HISTORY)
          .insert(row)
          .onConflict(['cluster_name', 'collected_at'])
          .ignore();
      }
    });
    return (await this.getClusterRow(name))!;
  }

  /**
   * Records a failed collection: the cluster becomes `stale` when it has a
   * stored snapshot (which stays served) and `failed` when it never had one.
   */
  async recordFailure(
    name: string,
    owner: string,
    error: CollectionError,
    options: { startedAt: number; now?: number },
  ): Promise<ClusterRow | undefined> {
    const now = options.now ?? Date.now();
    const updated = await this.knex(CLUSTERS)
      .where({ name, lease_owner: owner })
      .update({
        state: this.knex.raw(
          `CASE WHEN snapshot_collected_at IS NULL THEN 'failed' ELSE 'stale' END`,
        ),
        last_error: JSON.stringify(error),
        refresh_requested_at: clearRefreshIfServed(
          this.knex,
          options.startedAt,
        ),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      });
    return updated === 1 ? this.getClusterRow(name) : undefined;
  }

  /** Asks for a collection of the cluster; any replica with a free lease picks it up. */
  async requestRefresh(name: string, now = Date.now()): Promise<void> {
    await this.knex(CLUSTERS)
      .insert({
        name,
        state: 'pending',
        refresh_requested_at: now,
        updated_at: now,
      })
      .onConflict('name')
      .merge({ refresh_requested_at: now, updated_at: now });
  }

  /** Past snapshots of one cluster, newest first. */
  async listHistory(
    name: string,
    options: { since?: number; until?: number; limit?: number } = {},
  ): Promise<ClusterSnapshot[]> {
    const query = this.knex(HISTORY)
      .where('cluster_name', name)
      .orderBy('collected_at', 'desc');
    if (options.since !== undefined)
      query.andWhere('collected_at', '>=', options.since);
    if (options.until !== undefined)
      query.andWhere('collected_at', '<=', options.until);
    query.limit(Math.min(options.limit ?? 100, 1000));
    const rows = await query.select('data');
    return Promise.all(rows.map(r => decode(r.data)));
  }

  /**
   * Retention: drops history older than `before`, and the status and latest
   * snapshot of clusters no longer configured whose last success is older.
   */
  async deleteOlderThan(
    before: number,
    configured: string[],
  ): Promise<{ history: number; clusters: number }> {
    const history = await this.knex(HISTORY)
      .where('collected_at', '<', before)
      .delete();
    const gone = (
      await this.knex(CLUSTERS)
        .where(q =>
          q
            .whereNull('last_success_at')
            .orWhere('last_success_at', '<', before),
        )
        .andWhere(q =>
          q
            .whereNull('last_attempt_at')
            .orWhere('last_attempt_at', '<', before),
        )
        .select('name')
    )
      .map(r => r.name as string)
      .filter(n => !configured.includes(n));
    for (const batch of chunks(gone, 100)) {
      await this.knex(LATEST).whereIn('cluster_name', batch).delete();
      await this.knex(CLUSTERS).whereIn('name', batch).delete();
    }
    return { history, clusters: gone.length };
  }
}

/** Keeps a refresh request made after the collection started: someone wants newer data than this. */
function clearRefreshIfServed(knex: Knex, startedAt: number): Knex.Raw {
  return knex.raw(
    'CASE WHEN refresh_requested_at <= ? THEN NULL ELSE refresh_requested_at END',
    [startedAt],
  );
}

function toClusterRow(row: Record<string, unknown>): ClusterRow {
  const out: ClusterRow = {
    name: String(row.name),
    state: (row.state as ClusterRow['state']) ?? 'pending',
  };
  const time = (v: unknown) =>
    v === null || v === undefined ? undefined : Number(v);
  const set = <K extends keyof ClusterRow>(
    key: K,
    value: ClusterRow[K] | undefined,
  ) => {
    if (value !== undefined) out[key] = value;
  };
  set('lastAttemptAt', time(row.last_attempt_at));
  set('lastSuccessAt', time(row.last_success_at));
  set('snapshotCollectedAt', time(row.snapshot_collected_at));
  set('refreshRequestedAt', time(row.refresh_requested_at));
  set('leaseExpiresAt', time(row.lease_expires_at));
  if (typeof row.lease_owner === 'string') out.leaseOwner = row.lease_owner;
  if (typeof row.last_error === 'string') {
    try {
      out.lastError = JSON.parse(row.last_error);
    } catch {
      // A corrupt error record is dropped; the state still says what happened.
    }
  }
  return out;
}

async function decode(data: Buffer | Uint8Array): Promise<ClusterSnapshot> {
  const json = await gunzip(Buffer.from(data));
  return JSON.parse(json.toString('utf8'));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
