/*
 * Clusters' collection status (with the per-cluster lease that keeps two
 * replicas from collecting one cluster at once), the latest good snapshot of
 * each cluster, and the snapshot history. Times are epoch milliseconds
 * (bigint) so PostgreSQL and SQLite compare them the same way; snapshots are
 * gzip-compressed JSON.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_platform_clusters', table => {
    table.comment(
      'Collection status of each cluster, and its collection lease',
    );
    table.string('name', 253).primary().notNullable();
    table
      .string('state', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending | fresh | stale | failed');
    table.bigInteger('last_attempt_at').nullable();
    table.bigInteger('last_success_at').nullable();
    table
      .text('last_error')
      .nullable()
      .comment('JSON CollectionError of the last failed attempt');
    table
      .bigInteger('snapshot_collected_at')
      .nullable()
      .comment('collectedAt of the snapshot in ai_platform_snapshots');
    table.bigInteger('refresh_requested_at').nullable();
    table.string('lease_owner', 64).nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('ai_platform_snapshots', table => {
    table.comment('The latest good snapshot of each cluster');
    table.string('cluster_name', 253).primary().notNullable();
    table.bigInteger('collected_at').notNullable();
    table.integer('schema_version').notNullable();
    table.bigInteger('json_bytes').notNullable();
    table.binary('data').notNullable().comment('gzip of the snapshot JSON');
  });

  await knex.schema.createTable('ai_platform_snapshot_history', table => {
    table.comment('Past snapshots, kept for aiPlatform.history.retention');
    table.bigIncrements('id');
    table.string('cluster_name', 253).notNullable();
    table.bigInteger('collected_at').notNullable();
    table.integer('schema_version').notNullable();
    table.bigInteger('json_bytes').notNullable();
    table.binary('data').notNullable().comment('gzip of the snapshot JSON');
    table.unique(['cluster_name', 'collected_at'], {
      indexName: 'ai_platform_snapshot_history_cluster_time_uq',
    });
    table.index(['collected_at'], 'ai_platform_snapshot_history_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_platform_snapshot_history');
  await knex.schema.dropTable('ai_platform_snapshots');
  await knex.schema.dropTable('ai_platform_clusters');
};
