import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The database itself refuses what the model forbids, whichever code writes to it.
describe('schema constraints', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test?.drop());

  const polygon = JSON.stringify({ type: 'MultiPolygon', coordinates: [[[[23.6, 46.77], [23.61, 46.77], [23.61, 46.78], [23.6, 46.77]]]] });
  const bowtie = JSON.stringify({ type: 'MultiPolygon', coordinates: [[[[23.6, 46.77], [23.61, 46.78], [23.61, 46.77], [23.6, 46.78], [23.6, 46.77]]]] });
  const insertZone = (geojson: string, kind = 'intervention') =>
    test.db.knex('zones').insert({ name: 'Test', kind, geom: test.db.knex.raw('ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)', [geojson]) });

  it('accepts a valid zone and refuses an unknown kind', async () => {
    await expect(insertZone(polygon)).resolves.toBeDefined();
    await expect(insertZone(polygon, 'ghetto')).rejects.toThrow(/zones_kind/);
  });

  it('refuses an invalid (self-intersecting) geometry', async () => {
    await expect(insertZone(bowtie)).rejects.toThrow(/zones_geom_valid/);
  });

  it('refuses a geometry of another type or SRID', async () => {
    const point = JSON.stringify({ type: 'Point', coordinates: [23.6, 46.77] });
    await expect(insertZone(point)).rejects.toThrow(/geometry type|Geometry type/i);
    await expect(
      test.db.knex('zones').insert({ name: 'x', kind: 'intervention', geom: test.db.knex.raw('ST_SetSRID(ST_GeomFromGeoJSON(?), 3844)', [polygon]) }),
    ).rejects.toThrow(/SRID/i);
  });

  it('keeps plan events and the audit log append-only', async () => {
    await test.db.knex('audit_log').insert({ action: 'test' });
    await expect(test.db.knex('audit_log').update({ action: 'changed' })).rejects.toThrow(/append-only/);
    await expect(test.db.knex('audit_log').delete()).rejects.toThrow(/append-only/);
    await expect(test.db.knex('plan_events').delete()).rejects.toThrow(/append-only/);
  });

  it('allows one live plan per housing unit', async () => {
    const [unit] = await test.db.knex('housing_units').where({ status: 'available' }).limit(1).pluck('id');
    const households = await test.db
      .knex('households')
      .whereNotIn('id', test.db.knex('relocation_plans').select('household_id'))
      .limit(2)
      .pluck('id');
    expect(households).toHaveLength(2);
    const plan = (code: string, householdId: number) => ({ code, household_id: householdId, state: 'matched', housing_unit_id: unit });
    await test.db.knex('relocation_plans').insert(plan('PL-T1', households[0]));
    await expect(test.db.knex('relocation_plans').insert(plan('PL-T2', households[1]))).rejects.toThrow(/one_live_plan_per_unit/);
  });

  it('checks household member counts', async () => {
    await expect(
      test.db.knex('households').insert({ code: 'HH-9999', size: 3, adults: 1, children: 1 }),
    ).rejects.toThrow(/households_members/);
  });
});
