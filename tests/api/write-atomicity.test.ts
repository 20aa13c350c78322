import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Issue 10: a layer edit and the refresh of the access scores it changes are one transaction, and so
// are an import and its refresh. A trigger makes every score refresh fail: then the edit must not be
// there either (before the fix, the unit was written and only its score was missing).

describe('a write and its access-score refresh commit together', () => {
  let app: TestApp;
  let planner: ApiClient;
  const unitBody = (code: string, lon = 23.55) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, 46.757] },
    properties: { code, rooms: 2, floorAreaM2: 45, stepFree: false, locality: 'Florești' },
  });

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    await app.db.knex.raw(`
      create function test_refresh_fails() returns trigger language plpgsql as $$
      begin
        if new.access_score is distinct from old.access_score then raise exception 'score refresh failed (test)'; end if;
        return new;
      end $$`);
  });
  afterAll(async () => app?.close());

  const failRefreshes = () => app.db.knex.raw('create trigger test_refresh_fails before update on housing_units for each row execute function test_refresh_fails()');
  const allowRefreshes = () => app.db.knex.raw('drop trigger if exists test_refresh_fails on housing_units');

  it('leaves no created unit, no moved unit and no imported row behind when the refresh fails', async () => {
    const existing = await planner.post('/api/housing-units', unitBody('HU-ATOM-0'));
    expect(existing.status).toBe(201);
    const { id, properties } = await existing.json();
    await failRefreshes();
    try {
      const created = await planner.post('/api/housing-units', unitBody('HU-ATOM-1'));
      expect(created.status).toBe(500);
      expect(await app.db.knex('housing_units').where({ code: 'HU-ATOM-1' }).first()).toBeUndefined();

      const moved = await planner.patch(`/api/housing-units/${id}`, { geometry: { type: 'Point', coordinates: [23.6, 46.77] } }, { 'if-match': `"${properties.version}"` });
      expect(moved.status).toBe(500);
      const after = await (await planner.get(`/api/housing-units/${id}`)).json();
      expect(after.geometry.coordinates).toEqual([23.55, 46.757]);
      expect(after.properties.version).toBe(properties.version);

      const audits = await app.db.knex('audit_log').where({ table_name: 'housing_units' }).count<{ n: number }[]>({ n: '*' });
      const imported = await planner.post(
        '/api/imports?layer=housing-units',
        { type: 'FeatureCollection', features: [unitBody('HU-ATOM-2'), unitBody('HU-ATOM-3', 23.56)] },
        { prefer: 'wait=60' },
      );
      const job = await imported.json();
      expect(job).toMatchObject({ state: 'failed', problem: { status: 500 } });
      expect(await app.db.knex('housing_units').whereIn('code', ['HU-ATOM-2', 'HU-ATOM-3']).select('id')).toEqual([]);
      expect(await app.db.knex('audit_log').where({ table_name: 'housing_units' }).count<{ n: number }[]>({ n: '*' })).toEqual(audits);
    } finally {
      await allowRefreshes();
    }
  });

  it('writes the unit with its score once the refresh works again', async () => {
    const created = await planner.post('/api/housing-units', unitBody('HU-ATOM-1'));
    expect(created.status).toBe(201);
    const row = await app.db.knex('housing_units').where({ code: 'HU-ATOM-1' }).first('access_score');
    expect(row.access_score).not.toBeNull();
  });
});
