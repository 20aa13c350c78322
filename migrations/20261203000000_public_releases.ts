import type { Knex } from 'knex';

// Issue 15: frozen monthly public releases. The public figures are computed once per closed month and
// stored here; /api/public/* and the static export serve stored releases only. A published month is
// never revised (append-only, like the audit log). `true_counts` holds the exact counts behind every
// published figure: never served, read only when the next release is checked against this one.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('public_releases', (t) => {
    t.increments('id').primary();
    t.text('month').notNullable().unique();
    t.text('as_of_month').notNullable();
    t.integer('k').notNullable();
    t.integer('rounding_base').notNullable();
    t.text('data_version').notNullable();
    t.jsonb('documents').notNullable();
    t.jsonb('true_counts').notNullable();
    t.text('notes').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('created_by').references('users.id').onDelete('SET NULL');
  });
  await knex.raw(`alter table public_releases add constraint public_releases_month_format check (month ~ '^[0-9]{4}-[0-9]{2}$' and as_of_month <= month)`);
  await knex.raw(`create trigger public_releases_append_only before update or delete on public_releases for each row execute function punte_forbid_change()`);
  await knex.raw(`create trigger public_releases_no_truncate before truncate on public_releases for each statement execute function punte_forbid_change()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('public_releases');
}
