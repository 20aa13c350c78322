import type { Knex } from 'knex';

// The whole data model of Punte (issue 2), so later migrations only add to it.
// Enumerations are CHECK constraints rather than PostgreSQL enums: adding a value is then one
// ALTER TABLE in a later migration, and both engines treat them the same.
// Values are frozen here on purpose: a migration never imports application code that may change.

const ROLES = ['admin', 'planner', 'caseworker', 'viewer'];
const ZONE_KINDS = ['intervention', 'neighbourhood', 'locality'];
const ZONE_STATUSES = ['proposed', 'planned', 'active', 'completed', 'cancelled'];
const CONFIDENCE = ['low', 'medium', 'high'];
const UNIT_STATUSES = ['available', 'reserved', 'occupied', 'unavailable'];
const SERVICE_CATEGORIES = [
  'school',
  'kindergarten',
  'family_doctor',
  'clinic',
  'pharmacy',
  'transit_stop',
  'social_services',
  'employment_office',
  'grocery',
  'community_centre',
];
const NEEDS = ['step_free', 'near_school', 'near_clinic', 'near_transit', 'near_employment'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const PLAN_STATES = ['draft', 'assessed', 'matched', 'approved', 'moved', 'followed_up', 'on_hold', 'cancelled'];
const ACTIVE_PLAN_STATES = ['draft', 'assessed', 'matched', 'approved', 'moved'];
const SUPPORT_KINDS = ['school_enrolment', 'employment', 'health', 'documents', 'other'];
const SUPPORT_STATUSES = ['planned', 'in_progress', 'done', 'not_needed'];
const INTERVENTION_TYPES = ['housing', 'infrastructure', 'social_service', 'education', 'employment', 'health'];
const INTERVENTION_STATUSES = ['planned', 'under_way', 'completed', 'cancelled'];

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** Adds the columns every editable row carries: optimistic-concurrency version and who/when. */
function editable(knex: Knex, table: Knex.CreateTableBuilder): void {
  table.integer('version').notNullable().defaultTo(1);
  table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  table.integer('created_by').references('users.id').onDelete('SET NULL');
  table.integer('updated_by').references('users.id').onDelete('SET NULL');
}

/** Adds a geometry column of one type in WGS84 with a GiST index and validity checks. */
async function addGeometry(knex: Knex, tableName: string, type: 'MultiPolygon' | 'Point'): Promise<void> {
  await knex.raw(`alter table ?? add column geom geometry(${type}, 4326) not null`, [tableName]);
  await knex.raw(
    `alter table ?? add constraint ?? check (ST_IsValid(geom) and not ST_IsEmpty(geom))`,
    [tableName, `${tableName}_geom_valid`],
  );
  await knex.raw(`create index ?? on ?? using gist (geom)`, [`${tableName}_geom_gist`, tableName]);
}

async function check(knex: Knex, tableName: string, name: string, condition: string): Promise<void> {
  await knex.raw(`alter table ?? add constraint ?? check (${condition})`, [tableName, `${tableName}_${name}`]);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('role').notNullable();
    t.text('password_hash').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await check(knex, 'users', 'role', `role in (${list(ROLES)})`);
  await check(knex, 'users', 'username_format', `username ~ '^[a-z0-9._-]{2,40}$'`);

  await knex.schema.createTable('sessions', (t) => {
    // The id is an HMAC of the cookie token, so a copy of this table opens no session.
    t.text('id').primary();
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });

  await knex.schema.createTable('zones', (t) => {
    t.increments('id').primary();
    t.text('external_id').unique();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('status');
    t.integer('parent_id').references('zones.id').onDelete('SET NULL');
    t.integer('population');
    t.date('target_date');
    t.text('description');
    t.text('source');
    editable(knex, t);
  });
  await check(knex, 'zones', 'kind', `kind in (${list(ZONE_KINDS)})`);
  await check(knex, 'zones', 'status', `status is null or status in (${list(ZONE_STATUSES)})`);
  await check(knex, 'zones', 'population', 'population is null or population >= 0');
  await addGeometry(knex, 'zones', 'MultiPolygon');

  await knex.schema.createTable('settlements', (t) => {
    t.increments('id').primary();
    t.text('external_id').unique();
    t.text('name').notNullable();
    t.text('description');
    t.integer('population_estimate');
    t.integer('households_estimate');
    t.text('estimate_source');
    t.date('estimate_date');
    t.text('confidence');
    editable(knex, t);
  });
  await check(knex, 'settlements', 'estimates', 'coalesce(population_estimate, 0) >= 0 and coalesce(households_estimate, 0) >= 0');
  await check(knex, 'settlements', 'confidence', `confidence is null or confidence in (${list(CONFIDENCE)})`);
  await addGeometry(knex, 'settlements', 'MultiPolygon');

  await knex.schema.createTable('housing_units', (t) => {
    t.increments('id').primary();
    t.text('external_id').unique();
    t.text('code').notNullable().unique();
    t.text('address');
    t.text('locality');
    t.text('building');
    t.integer('rooms').notNullable();
    t.decimal('floor_area_m2', 7, 2).notNullable();
    t.integer('floor');
    t.boolean('step_free').notNullable().defaultTo(false);
    t.text('status').notNullable().defaultTo('available');
    t.text('programme');
    t.decimal('monthly_rent_lei', 10, 2);
    t.decimal('access_score', 5, 2);
    t.timestamp('access_computed_at', { useTz: true });
    editable(knex, t);
    t.index(['building']);
  });
  await check(knex, 'housing_units', 'rooms', 'rooms between 1 and 20');
  await check(knex, 'housing_units', 'floor_area', 'floor_area_m2 > 0 and floor_area_m2 < 1000');
  await check(knex, 'housing_units', 'status', `status in (${list(UNIT_STATUSES)})`);
  await check(knex, 'housing_units', 'access_score', 'access_score is null or access_score between 0 and 100');
  await addGeometry(knex, 'housing_units', 'Point');

  await knex.schema.createTable('services', (t) => {
    t.increments('id').primary();
    t.text('external_id').unique();
    t.text('name').notNullable();
    t.text('category').notNullable();
    t.text('address');
    t.text('locality');
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.boolean('schematic').notNullable().defaultTo(false);
    t.text('source');
    editable(knex, t);
    t.index(['category']);
  });
  await check(knex, 'services', 'category', `category in (${list(SERVICE_CATEGORIES)})`);
  await addGeometry(knex, 'services', 'Point');

  await knex.schema.createTable('households', (t) => {
    t.increments('id').primary();
    t.text('code').notNullable().unique();
    t.integer('settlement_id').references('settlements.id').onDelete('SET NULL');
    t.integer('size').notNullable();
    t.integer('adults').notNullable();
    t.integer('children').notNullable().defaultTo(0);
    t.integer('seniors').notNullable().defaultTo(0);
    t.integer('disabled_members').notNullable().defaultTo(0);
    t.specificType('needs', 'text[]').notNullable().defaultTo('{}');
    t.text('priority').notNullable().defaultTo('medium');
    t.integer('caseworker_id').references('users.id').onDelete('SET NULL');
    t.boolean('consent_processing').notNullable().defaultTo(false);
    t.date('consent_processing_date');
    t.boolean('consent_sharing').notNullable().defaultTo(false);
    t.date('consent_sharing_date');
    t.boolean('synthetic').notNullable().defaultTo(false);
    editable(knex, t);
    t.index(['settlement_id']);
    t.index(['caseworker_id']);
  });
  await check(knex, 'households', 'code_format', `code ~ '^HH-[0-9]{4,}$'`);
  await check(
    knex,
    'households',
    'members',
    'adults >= 1 and children >= 0 and size = adults + children and seniors between 0 and adults and disabled_members between 0 and size',
  );
  await check(knex, 'households', 'needs', `needs <@ array[${list(NEEDS)}]::text[]`);
  await check(knex, 'households', 'priority', `priority in (${list(PRIORITIES)})`);
  await check(knex, 'households', 'consent_dates', 'consent_processing = (consent_processing_date is not null) and consent_sharing = (consent_sharing_date is not null)');

  await knex.schema.createTable('household_identities', (t) => {
    // Kept apart from households: names, phone and ID numbers, encrypted (AES-256-GCM) by the API.
    t.integer('household_id').primary().references('households.id').onDelete('CASCADE');
    t.binary('ciphertext');
    t.binary('iv');
    t.binary('auth_tag');
    t.text('key_id');
    t.timestamp('erased_at', { useTz: true });
    editable(knex, t);
  });
  await check(
    knex,
    'household_identities',
    'erasure',
    '(erased_at is null) = (ciphertext is not null and iv is not null and auth_tag is not null)',
  );

  await knex.schema.createTable('relocation_plans', (t) => {
    t.increments('id').primary();
    t.text('code').notNullable().unique();
    t.integer('household_id').notNullable().references('households.id').onDelete('RESTRICT');
    t.text('state').notNullable().defaultTo('draft');
    t.text('programme');
    t.integer('housing_unit_id').references('housing_units.id').onDelete('RESTRICT');
    t.integer('approved_by').references('users.id').onDelete('SET NULL');
    t.timestamp('approved_at', { useTz: true });
    t.date('move_date');
    t.text('held_from_state');
    t.text('note');
    editable(knex, t);
    t.index(['household_id']);
    t.index(['state']);
  });
  await check(knex, 'relocation_plans', 'state', `state in (${list(PLAN_STATES)})`);
  await check(knex, 'relocation_plans', 'held_from', `held_from_state is null or held_from_state in (${list(ACTIVE_PLAN_STATES)})`);
  await check(
    knex,
    'relocation_plans',
    'unit_required',
    `state not in ('matched', 'approved', 'moved', 'followed_up') or housing_unit_id is not null`,
  );
  await check(
    knex,
    'relocation_plans',
    'approval_required',
    `state not in ('approved', 'moved', 'followed_up') or approved_by is not null or approved_at is not null`,
  );
  await check(knex, 'relocation_plans', 'move_date_required', `state not in ('moved', 'followed_up') or move_date is not null`);
  // One unit, one family (issue 5): the database refuses a second live plan on the same unit,
  // whatever the API does, so two concurrent matches cannot both win.
  await knex.raw(
    `create unique index relocation_plans_one_live_plan_per_unit on relocation_plans (housing_unit_id)
     where housing_unit_id is not null and state in ('matched', 'approved', 'moved', 'followed_up', 'on_hold')`,
  );
  await knex.raw(
    `create unique index relocation_plans_one_open_plan_per_household on relocation_plans (household_id)
     where state in ('draft', 'assessed', 'matched', 'approved', 'moved', 'on_hold')`,
  );

  await knex.schema.createTable('support_measures', (t) => {
    t.increments('id').primary();
    t.integer('plan_id').notNullable().references('relocation_plans.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('status').notNullable().defaultTo('planned');
    t.date('due_date');
    t.text('note');
    editable(knex, t);
    t.index(['plan_id']);
  });
  await check(knex, 'support_measures', 'kind', `kind in (${list(SUPPORT_KINDS)})`);
  await check(knex, 'support_measures', 'status', `status in (${list(SUPPORT_STATUSES)})`);

  await knex.schema.createTable('plan_events', (t) => {
    t.bigIncrements('id').primary();
    t.integer('plan_id').notNullable().references('relocation_plans.id').onDelete('RESTRICT');
    t.integer('actor_id').references('users.id').onDelete('RESTRICT');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('from_state');
    t.text('to_state').notNullable();
    t.text('note');
    t.text('idempotency_key');
    t.text('request_id');
    t.unique(['plan_id', 'idempotency_key']);
    t.index(['plan_id', 'at']);
  });
  await check(knex, 'plan_events', 'states', `to_state in (${list(PLAN_STATES)}) and (from_state is null or from_state in (${list(PLAN_STATES)}))`);

  await knex.schema.createTable('interventions', (t) => {
    t.increments('id').primary();
    t.text('external_id').unique();
    t.text('name').notNullable();
    t.text('type').notNullable();
    t.integer('zone_id').references('zones.id').onDelete('SET NULL');
    t.integer('settlement_id').references('settlements.id').onDelete('SET NULL');
    t.text('funding_programme');
    t.decimal('budget_lei', 14, 2);
    t.date('start_date');
    t.date('end_date');
    t.text('status').notNullable().defaultTo('planned');
    t.integer('progress_pct').notNullable().defaultTo(0);
    t.text('description');
    editable(knex, t);
  });
  await check(knex, 'interventions', 'type', `type in (${list(INTERVENTION_TYPES)})`);
  await check(knex, 'interventions', 'status', `status in (${list(INTERVENTION_STATUSES)})`);
  await check(knex, 'interventions', 'progress', 'progress_pct between 0 and 100');
  await check(knex, 'interventions', 'dates', 'end_date is null or start_date is null or end_date >= start_date');
  await check(knex, 'interventions', 'budget', 'budget_lei is null or budget_lei >= 0');

  await knex.schema.createTable('intervention_updates', (t) => {
    t.increments('id').primary();
    t.integer('intervention_id').notNullable().references('interventions.id').onDelete('CASCADE');
    t.date('on_date').notNullable();
    t.integer('progress_pct').notNullable();
    t.text('note');
    t.integer('actor_id').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['intervention_id', 'on_date']);
  });
  await check(knex, 'intervention_updates', 'progress', 'progress_pct between 0 and 100');

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('actor_id');
    t.text('actor_username');
    t.text('action').notNullable();
    t.text('table_name');
    t.text('record_id');
    t.text('request_id');
    t.jsonb('details');
    t.index(['table_name', 'record_id']);
    t.index(['at']);
  });

  // Append-only tables: the application can insert, never change or remove (issue 5, audit).
  await knex.raw(`
    create function punte_forbid_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'P0001';
    end;
    $$`);
  for (const table of ['plan_events', 'audit_log']) {
    await knex.raw(
      `create trigger ?? before update or delete on ?? for each row execute function punte_forbid_change()`,
      [`${table}_append_only`, table],
    );
    await knex.raw(
      `create trigger ?? before truncate on ?? for each statement execute function punte_forbid_change()`,
      [`${table}_no_truncate`, table],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log',
    'intervention_updates',
    'interventions',
    'plan_events',
    'support_measures',
    'relocation_plans',
    'household_identities',
    'households',
    'services',
    'housing_units',
    'settlements',
    'zones',
    'sessions',
    'users',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop function if exists punte_forbid_change()');
}
