import type { Knex } from 'knex';

// Issue 5 (relocation tracking) needs three small additions to the schema:
// - households.preferred_localities: the localities a family prefers, recorded by its caseworker
//   (the matching's locality preference);
// - plan_events.request_fingerprint: a hash of the transition request stored with its Idempotency-Key,
//   so reusing a key for a different request is refused instead of silently replayed;
// - audit_log indexes for the admin's filters (by actor, by action, by request id), newest first.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('households', (t) => {
    t.specificType('preferred_localities', 'text[]').notNullable().defaultTo('{}');
  });
  await knex.raw(
    `alter table households add constraint households_preferred_localities_size check (cardinality(preferred_localities) <= 10)`,
  );
  await knex.schema.alterTable('plan_events', (t) => {
    t.text('request_fingerprint');
  });
  await knex.raw('create index audit_log_actor_at on audit_log (actor_id, at desc)');
  await knex.raw('create index audit_log_action_at on audit_log (action, at desc)');
  await knex.raw('create index audit_log_request_id on audit_log (request_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists audit_log_request_id');
  await knex.raw('drop index if exists audit_log_action_at');
  await knex.raw('drop index if exists audit_log_actor_at');
  await knex.schema.alterTable('plan_events', (t) => {
    t.dropColumn('request_fingerprint');
  });
  await knex.raw('alter table households drop constraint if exists households_preferred_localities_size');
  await knex.schema.alterTable('households', (t) => {
    t.dropColumn('preferred_localities');
  });
}
