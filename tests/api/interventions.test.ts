import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

describe('interventions API', () => {
  let app: TestApp;
  let planner: ApiClient;
  let zoneId: number;
  let neighbourhoodId: number;
  let settlementId: number;

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    const { knex } = app.db;
    zoneId = (await knex('zones').where({ external_id: 'zone-iv-someseni-locuire-incluziva' }).first('id')).id;
    neighbourhoodId = (await knex('zones').where({ external_id: 'zone-nb-gruia' }).first('id')).id;
    settlementId = (await knex('settlements').where({ external_id: 'settlement-dallas' }).first('id')).id;
  });
  afterAll(async () => app?.close());

  const valid = () => ({
    name: 'Gruia: bibliotecă de cartier (test)',
    type: 'education',
    zoneId: neighbourhoodId,
    fundingProgramme: 'Bugetul local',
    budgetLei: 120000,
    startDate: '2026-02-01',
    endDate: '2027-01-31',
    status: 'under_way',
    progressPct: 10,
    description: 'Private planning note: contact Ana at 0740 000 000',
  });

  it('lists the ten demo interventions to every role, and nobody without a session', async () => {
    const viewer = await app.as('viewer');
    const response = await viewer.get('/api/interventions?limit=100');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.numberMatched).toBe(10);
    expect(body.items.map((i: { externalId: string }) => i.externalId)).toContain('iv-pata-2');
    const underWay = await (await viewer.get('/api/interventions?status=under_way&type=housing')).json();
    expect(underWay.items.every((i: { status: string; type: string }) => i.status === 'under_way' && i.type === 'housing')).toBe(true);
    await expectProblem(await app.anonymous.get('/api/interventions'), 401);
    await expectProblem(await viewer.get('/api/interventions?status=someday'), 400);
  });

  it('lets planners record an intervention, not caseworkers or viewers', async () => {
    for (const username of ['caseworker', 'viewer']) {
      await expectProblem(await (await app.as(username)).post('/api/interventions', valid()), 403);
    }
    const response = await planner.post('/api/interventions', valid());
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(response.headers.get('location')).toBe(`/api/interventions/${created.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(created).toMatchObject({ name: valid().name, zoneId: neighbourhoodId, areaName: 'Gruia', version: 1, progressPct: 10 });
    const audit = await app.db.knex('audit_log').where({ table_name: 'interventions', record_id: String(created.id), action: 'create' });
    expect(audit).toHaveLength(1);
  });

  it('refuses an intervention without an area, with unknown references, dates out of order or unknown fields', async () => {
    const { zoneId: _omit, ...noArea } = valid();
    const missing = await expectProblem(await planner.post('/api/interventions', noArea), 400);
    expect(JSON.stringify(missing.errors)).toContain('/body/zoneId');
    const unknownZone = await expectProblem(await planner.post('/api/interventions', { ...valid(), zoneId: 999999 }), 422);
    expect(JSON.stringify(unknownZone.errors)).toContain('/body/zoneId');
    await expectProblem(await planner.post('/api/interventions', { ...valid(), zoneId: null, settlementId: 999999 }), 422);
    await expectProblem(await planner.post('/api/interventions', { ...valid(), endDate: '2025-01-01' }), 400);
    await expectProblem(await planner.post('/api/interventions', { ...valid(), startDate: '2026-02-30' }), 400);
    await expectProblem(await planner.post('/api/interventions', { ...valid(), type: 'sports' }), 400);
    await expectProblem(await planner.post('/api/interventions', { ...valid(), progressPct: 120 }), 400);
    await expectProblem(await planner.post('/api/interventions', { ...valid(), colour: 'red' }), 400);
  });

  it('changes an intervention only with a current If-Match (428 without, 412 when stale)', async () => {
    const created = await (await planner.post('/api/interventions', { ...valid(), settlementId, zoneId: null })).json();
    const path = `/api/interventions/${created.id}`;
    await expectProblem(await planner.patch(path, { status: 'completed' }), 428);
    await expectProblem(await planner.patch(path, { status: 'completed' }, { 'If-Match': 'yesterday' }), 400);
    const changed = await planner.patch(path, { status: 'completed', progressPct: 100 }, { 'If-Match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({ status: 'completed', progressPct: 100, version: 2, areaName: 'Dallas' });
    const stale = await expectProblem(await planner.patch(path, { name: 'Overwrite' }, { 'If-Match': '"1"' }), 412);
    expect(stale.currentVersion).toBe(2);
    // The merged record is checked: an end before the stored start is refused, and so is losing the area.
    await expectProblem(await planner.patch(path, { endDate: '2020-01-01' }, { 'If-Match': '"2"' }), 422);
    await expectProblem(await planner.patch(path, { settlementId: null }, { 'If-Match': '"2"' }), 422);
    await expectProblem(await planner.patch(path, {}, { 'If-Match': '"2"' }), 400);
    await expectProblem(await (await app.as('viewer')).patch(path, { name: 'x' }, { 'If-Match': '"2"' }), 403);
    await expectProblem(await planner.patch('/api/interventions/999999', { name: 'x' }, { 'If-Match': '"1"' }), 404);
    expect((await (await planner.get(path)).json()).name).toBe(valid().name);
  });

  it('records dated progress updates; the latest by date sets the progress and moves the ETag on', async () => {
    const created = await (await planner.post('/api/interventions', { ...valid(), zoneId })).json();
    const updates = `/api/interventions/${created.id}/updates`;
    const first = await planner.post(updates, { onDate: '2026-03-31', progressPct: 25, note: 'Site prepared' });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"2"');
    expect((await first.json()).intervention.progressPct).toBe(25);
    await planner.post(updates, { onDate: '2026-06-30', progressPct: 55, note: 'Walls up' });
    // An update dated earlier than the latest is kept in the history but does not set the progress.
    const late = await (await planner.post(updates, { onDate: '2026-02-28', progressPct: 5, note: 'Backfilled' })).json();
    expect(late.intervention.progressPct).toBe(55);
    const history = await (await planner.get(updates)).json();
    expect(history.items.map((u: { onDate: string }) => u.onDate)).toEqual(['2026-02-28', '2026-03-31', '2026-06-30']);
    expect(history.items[0]).toMatchObject({ progressPct: 5, note: 'Backfilled', actor: expect.any(String) });
    await expectProblem(await planner.post(updates, { onDate: '2026-07-01', progressPct: 101 }), 400);
    await expectProblem(await (await app.as('caseworker')).post(updates, { onDate: '2026-07-01', progressPct: 60 }), 403);
    await expectProblem(await planner.post('/api/interventions/999999/updates', { onDate: '2026-07-01', progressPct: 60 }), 404);
    const audit = await app.db.knex('audit_log').where({ table_name: 'interventions', record_id: String(created.id), action: 'progress' });
    expect(audit).toHaveLength(3);
  });

  it("shows a planner's intervention and its progress on the public timeline and map, without notes", async () => {
    const iris = (await app.db.knex('zones').where({ external_id: 'zone-nb-iris' }).first('id')).id;
    const created = await (await planner.post('/api/interventions', { ...valid(), zoneId: iris, name: 'Iris: public timeline (test)' })).json();
    await planner.post(`/api/interventions/${created.id}/updates`, { onDate: '2026-04-10', progressPct: 30, note: 'Secret note 4471' });
    await planner.post(`/api/interventions/${created.id}/updates`, { onDate: '2026-04-28', progressPct: 40, note: 'Secret note 4472' });
    await planner.post(`/api/interventions/${created.id}/updates`, { onDate: '2026-09-01', progressPct: 70 });

    const timeline = await (await app.anonymous.get('/api/public/interventions')).json();
    const item = timeline.items.find((i: { name: string }) => i.name === 'Iris: public timeline (test)');
    expect(item).toMatchObject({ status: 'under_way', progressPct: 70, areaName: 'Iris', areaKind: 'zone', startMonth: '2026-02', endMonth: '2027-01' });
    // One point per month: the last progress recorded in it.
    expect(item.updates).toEqual([
      { month: '2026-04', progressPct: 40 },
      { month: '2026-09', progressPct: 70 },
    ]);
    const map = await (await app.anonymous.get('/api/public/intervention-areas')).json();
    const area = map.features.find((f: { properties: { key: string } }) => f.properties.key === 'zone-nb-iris');
    expect(area.properties).toMatchObject({ name: 'Iris', kind: 'zone', interventions: 1, progressPct: 70 });
    expect(area.geometry.type).toBe('MultiPolygon');
    const text = JSON.stringify([timeline, map]);
    expect(text).not.toContain('Secret note');
    expect(text).not.toContain('0740');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('deletes an intervention only with a current If-Match', async () => {
    const created = await (await planner.post('/api/interventions', valid())).json();
    const path = `/api/interventions/${created.id}`;
    await planner.post(`${path}/updates`, { onDate: '2026-05-01', progressPct: 20 });
    await expectProblem(await planner.delete(path), 428);
    await expectProblem(await planner.delete(path, { 'If-Match': '"1"' }), 412);
    const response = await planner.delete(path, { 'If-Match': '"2"' });
    expect(response.status).toBe(204);
    await expectProblem(await planner.get(path), 404);
    expect(await app.db.knex('intervention_updates').where({ intervention_id: created.id })).toHaveLength(0);
    expect(await app.db.knex('audit_log').where({ table_name: 'interventions', record_id: String(created.id), action: 'delete' })).toHaveLength(1);
  });
});
