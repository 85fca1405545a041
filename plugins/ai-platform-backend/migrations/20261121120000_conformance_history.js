/*
 * Conformance verdict history: the latest verdict per cluster, checklist
 * version and requirement, and every change of it. Works on SQLite and
 * PostgreSQL.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ai_platform_conformance_verdicts', table => {
    table.comment(
      'The latest conformance verdict per cluster, checklist version and requirement',
    );
    table.string('cluster', 255).notNullable();
    table.string('checklist_version', 16).notNullable();
    table.string('requirement_id', 128).notNullable();
    table.string('verdict', 32).notNullable();
    table.text('reason').notNullable();
    table
      .string('snapshot_collected_at', 64)
      .notNullable()
      .comment('collectedAt of the snapshot the verdict came from');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['cluster', 'checklist_version', 'requirement_id']);
    table.index(
      ['evaluated_at'],
      'ai_platform_conformance_verdicts_evaluated_idx',
    );
  });

  await knex.schema.createTable('ai_platform_conformance_changes', table => {
    table.comment('Every change of a conformance verdict');
    table.bigIncrements('id').primary();
    table.string('cluster', 255).notNullable();
    table.string('checklist_version', 16).notNullable();
    table.string('requirement_id', 128).notNullable();
    table
      .string('from_verdict', 32)
      .nullable()
      .comment('Null for the first verdict recorded');
    table.string('to_verdict', 32).notNullable();
    table.text('reason').notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(
      ['cluster', 'checklist_version', 'changed_at'],
      'ai_platform_conformance_changes_cluster_idx',
    );
    table.index(['changed_at'], 'ai_platform_conformance_changes_changed_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ai_platform_conformance_changes');
  await knex.schema.dropTable('ai_platform_conformance_verdicts');
};
