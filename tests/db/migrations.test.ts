import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPostgisVersion } from '../../api/src/db/database';
import { getMigrationState, migrateToLatest, rollbackAll } from '../../api/src/db/migrations';
import { createEmptyTestDatabase, type TestDatabase } from '../support/test-database';

const TABLES = [
  'zones',
  'settlements',
  'housing_units',
  'services',
  'households',
  'household_identities',
  'relocation_plans',
  'plan_events',
  'support_measures',
  'interventions',
  'intervention_updates',
  'users',
  'sessions',
  'audit_log',
];

async function tablesPresent(test: TestDatabase): Promise<string[]> {
  const rows = await test.db.knex('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
  return TABLES.filter((t) => rows.includes(t));
}

describe('migrations on a fresh database', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createEmptyTestDatabase();
  });
  afterAll(async () => test?.drop());

  it('go up, create PostGIS and every table, then down and up again', async () => {
    const applied = await migrateToLatest(test.db.knex);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    expect(await tablesPresent(test)).toEqual(TABLES);
    expect(await getPostgisVersion(test.db.knex)).toMatch(/^3\.\d+/);
    expect((await getMigrationState(test.db.knex)).pending).toEqual([]);

    const geometryColumns = await test.db.knex('geometry_columns').select('f_table_name', 'type', 'srid').orderBy('f_table_name');
    expect(geometryColumns).toEqual([
      { f_table_name: 'housing_units', type: 'POINT', srid: 4326 },
      { f_table_name: 'services', type: 'POINT', srid: 4326 },
      { f_table_name: 'settlements', type: 'MULTIPOLYGON', srid: 4326 },
      { f_table_name: 'zones', type: 'MULTIPOLYGON', srid: 4326 },
    ]);

    const reverted = await rollbackAll(test.db.knex);
    expect(reverted).toEqual([...applied].reverse());
    expect(await tablesPresent(test)).toEqual([]);

    expect(await migrateToLatest(test.db.knex)).toEqual(applied);
    expect(await tablesPresent(test)).toEqual(TABLES);
  });
});
