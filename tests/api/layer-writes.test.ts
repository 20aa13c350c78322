import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/auth/password';
import { upsertUser } from '../../api/src/db/users';
import { expectProblem } from '../support/problem';
import { TEST_PASSWORD } from '../support/test-engine';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

const X = 23.68;
const Y = 46.775;
const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const zoneBody = (name: string, ring = square(X, Y, 0.01)) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { name, kind: 'intervention', status: 'proposed', targetDate: '2027-06-30', description: 'Test zone' },
});
const serviceBody = (name: string, externalId?: string) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [23.6512, 46.7701, 340] },
  properties: { name, category: 'school', address: 'Str. Test 1', attributes: { capacity: 120 }, ...(externalId ? { externalId } : {}) },
});
const bowtie = [
  [X, Y],
  [X + 0.01, Y + 0.01],
  [X + 0.01, Y],
  [X, Y + 0.01],
  [X, Y],
];

describe('layer writes', () => {
  let app: TestApp;
  let planner: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  const auditRows = (table: string, id: number) =>
    app.db.knex('audit_log').where({ table_name: table, record_id: String(id) }).orderBy('id').select('*');
  const details = (row: { details: unknown }) => (typeof row.details === 'string' ? JSON.parse(row.details) : row.details);

  it('creates a zone from a clockwise Polygon, stores a counter-clockwise MultiPolygon and audits it', async () => {
    const response = await planner.post('/api/zones', zoneBody('Zona Cantonului', square(X, Y, 0.01).reverse()));
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    const created = await response.json();
    expect(response.headers.get('location')).toBe(`/api/zones/${created.id}`);
    expect(created.geometry.type).toBe('MultiPolygon');
    const ring = created.geometry.coordinates[0][0] as number[][];
    let area = 0;
    for (let i = 0; i + 1 < ring.length; i++) area += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    expect(area).toBeGreaterThan(0);
    expect(created.properties).toMatchObject({ name: 'Zona Cantonului', kind: 'intervention', targetDate: '2027-06-30', version: 1 });

    const fetched = await (await planner.get(`/api/zones/${created.id}`)).json();
    expect(fetched).toEqual(created);
    const row = await app.db.knex('zones').where({ id: created.id }).first();
    const plannerId = (await app.db.knex('users').where({ username: 'planner' }).first()).id;
    expect(row.created_by).toBe(plannerId);
    expect(row.updated_by).toBe(plannerId);

    const audit = await auditRows('zones', created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_id: plannerId, actor_username: 'planner', request_id: expect.any(String) });
    expect(details(audit[0])).toMatchObject({ before: null, after: { id: created.id, properties: { name: 'Zona Cantonului' } } });
  });

  it('creates a feature of every layer, dropping a height and keeping attributes', async () => {
    const service = await planner.post('/api/services', serviceBody('Școala Gimnazială Test'));
    expect(service.status).toBe(201);
    const body = await service.json();
    expect(body.geometry).toEqual({ type: 'Point', coordinates: [23.6512, 46.7701] });
    expect(body.properties.attributes).toEqual({ capacity: 120 });
    const unit = await planner.post('/api/housing-units', {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [23.55, 46.757] },
      properties: { code: 'HU-T-1', rooms: 2, floorAreaM2: 48.5, stepFree: true, locality: 'Florești' },
    });
    expect(unit.status).toBe(201);
    expect((await unit.json()).properties).toMatchObject({ code: 'HU-T-1', rooms: 2, floorAreaM2: 48.5, stepFree: true, status: 'available' });
    const settlement = await admin.post('/api/settlements', {
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: [[square(X + 0.02, Y, 0.005)]] },
      properties: { name: 'Test settlement', populationEstimate: 120, householdsEstimate: 31, estimateSource: 'Survey 2020', estimateDate: '2020-05-01', confidence: 'medium' },
    });
    expect(settlement.status).toBe(201);
  });

  it('refuses bad properties with 400 naming the field', async () => {
    const body = zoneBody('Bad kind');
    (body.properties as Record<string, unknown>).kind = 'ghetto';
    const problem = await expectProblem(await planner.post('/api/zones', body), 400);
    expect(JSON.stringify(problem.errors)).toContain('/body/properties/kind');
    const typo = await expectProblem(await planner.post('/api/services', { ...serviceBody('x'), properties: { name: 'x', category: 'school', nmae: 'y' } }), 400);
    expect(JSON.stringify(typo)).toMatch(/nmae/);
    await expectProblem(await planner.post('/api/zones', 'not json', { 'content-type': 'application/json' }), 400);
  });

  it('refuses a duplicate externalId (409) and an unknown parent zone (422)', async () => {
    expect((await planner.post('/api/services', serviceBody('A', 'dup-1'))).status).toBe(201);
    const duplicate = await expectProblem(await planner.post('/api/services', serviceBody('B', 'dup-1')), 409);
    expect(JSON.stringify(duplicate.errors)).toContain('/body/properties/externalId');
    const orphan = zoneBody('Orphan');
    (orphan.properties as Record<string, unknown>).parentId = 999999;
    await expectProblem(await planner.post('/api/zones', orphan), 422);
  });

  describe('optimistic concurrency', () => {
    let id: number;
    beforeAll(async () => {
      id = (await (await planner.post('/api/zones', zoneBody('Concurrency zone'))).json()).id;
    });

    it('requires If-Match on PATCH and DELETE (428)', async () => {
      await expectProblem(await planner.patch(`/api/zones/${id}`, { properties: { name: 'No header' } }), 428);
      await expectProblem(await planner.delete(`/api/zones/${id}`), 428);
      await expectProblem(await planner.patch(`/api/zones/${id}`, { properties: { name: 'x' } }, { 'if-match': 'version one' }), 400);
      expect((await (await planner.get(`/api/zones/${id}`)).json()).properties.version).toBe(1);
    });

    it('updates with the current ETag, bumps the version and audits before and after', async () => {
      const etag = (await planner.get(`/api/zones/${id}`)).headers.get('etag')!;
      const response = await planner.patch(`/api/zones/${id}`, { properties: { name: 'Renamed zone', status: 'planned' } }, { 'if-match': etag });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"2"');
      const updated = await response.json();
      expect(updated.properties).toMatchObject({ name: 'Renamed zone', status: 'planned', kind: 'intervention', version: 2 });
      const audit = await auditRows('zones', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
      const last = details(audit[1]);
      expect(last.before.properties).toMatchObject({ name: 'Concurrency zone', version: 1 });
      expect(last.after.properties).toMatchObject({ name: 'Renamed zone', version: 2 });
    });

    it('answers a stale If-Match with 412, the current version and feature, and changes nothing', async () => {
      const response = await admin.patch(`/api/zones/${id}`, { properties: { name: 'Lost update' } }, { 'if-match': '"1"' });
      const problem = await expectProblem(response, 412);
      expect(response.headers.get('etag')).toBe('"2"');
      expect(problem.currentVersion).toBe(2);
      expect(problem.current).toMatchObject({ id, properties: { name: 'Renamed zone', version: 2 } });
      await expectProblem(await admin.delete(`/api/zones/${id}`, { 'if-match': '"1"' }), 412);
      expect((await (await planner.get(`/api/zones/${id}`)).json()).properties).toMatchObject({ name: 'Renamed zone', version: 2 });
    });

    it('refuses a weak ETag (it never matches: issue 17) and moves the geometry with the strong one', async () => {
      const move = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(X + 0.001, Y, 0.01)] } };
      await expectProblem(await planner.patch(`/api/zones/${id}`, move, { 'if-match': 'W/"2"' }), 412);
      expect((await (await planner.get(`/api/zones/${id}`)).json()).properties.version).toBe(2);
      const response = await planner.patch(`/api/zones/${id}`, move, { 'if-match': '"2"' });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.properties.version).toBe(3);
      expect(body.geometry.coordinates[0][0][0]).toEqual([X + 0.001, Y]);
    });

    it('deletes with the current ETag (204) and audits the last state', async () => {
      await expectProblem(await planner.delete('/api/zones/999999', { 'if-match': '"1"' }), 404);
      const response = await planner.delete(`/api/zones/${id}`, { 'if-match': '"3"' });
      expect(response.status).toBe(204);
      await expectProblem(await planner.get(`/api/zones/${id}`), 404);
      const audit = await auditRows('zones', id);
      expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update', 'delete']);
      expect(details(audit[3])).toMatchObject({ before: { properties: { version: 3 } }, after: null });
    });

    it('shows the history: who, what, when, newest first, even after the delete', async () => {
      const response = await planner.get(`/api/zones/${id}/history`);
      expect(response.status).toBe(200);
      const history = await response.json();
      expect(history.total).toBe(4);
      expect(history.entries.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'update', 'create']);
      const rename = history.entries[2];
      expect(rename.actor.username).toBe('planner');
      expect(new Date(rename.at).getTime()).toBeGreaterThan(Date.now() - 600_000);
      expect(rename.changes).toEqual(
        expect.arrayContaining([
          { property: 'name', before: 'Concurrency zone', after: 'Renamed zone' },
          { property: 'status', before: 'proposed', after: 'planned' },
        ]),
      );
      expect(history.entries[1].changes).toEqual([
        { property: 'geometry', before: { type: 'MultiPolygon', vertices: 5 }, after: { type: 'MultiPolygon', vertices: 5 } },
      ]);
      await expectProblem(await planner.get('/api/zones/999999/history'), 404);
    });
  });

  it('refuses to delete a housing unit a relocation plan points at (409)', async () => {
    const row = await app.db.knex('relocation_plans').whereNotNull('housing_unit_id').first();
    const unit = await planner.get(`/api/housing-units/${row.housing_unit_id}`);
    await expectProblem(await planner.delete(`/api/housing-units/${row.housing_unit_id}`, { 'if-match': unit.headers.get('etag')! }), 409);
  });

  it('refuses to mark a unit available while a plan holds it, naming the plan (409, issue 17)', async () => {
    const row = await app.db.knex('relocation_plans').whereIn('state', ['matched', 'approved', 'moved']).whereNotNull('housing_unit_id').first('id', 'housing_unit_id');
    const unit = await planner.get(`/api/housing-units/${row.housing_unit_id}`);
    const before = (await unit.json()).properties.status;
    const problem = await expectProblem(
      await planner.patch(`/api/housing-units/${row.housing_unit_id}`, { properties: { status: 'available' } }, { 'if-match': unit.headers.get('etag')! }),
      409,
    );
    expect(problem).toMatchObject({ type: '/problems/unit-held-by-plan', planId: row.id });
    expect(problem.detail).toContain(`plan ${row.id}`);
    expect((await (await planner.get(`/api/housing-units/${row.housing_unit_id}`)).json()).properties.status).toBe(before);
  });

  describe('repair', () => {
    it('refuses a self-intersecting polygon and suggests ?repair=true', async () => {
      const before = await app.db.knex('zones').count<{ n: number }[]>({ n: '*' });
      const problem = await expectProblem(await planner.post('/api/zones', zoneBody('Bow tie', bowtie)), 422);
      expect(problem.detail).toMatch(/repair=true/);
      const after = await app.db.knex('zones').count<{ n: number }[]>({ n: '*' });
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('mends it with ST_MakeValid, keeps only areas and reports what changed', async () => {
      const response = await planner.post('/api/zones?repair=true', zoneBody('Bow tie', bowtie));
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body.geometry.type).toBe('MultiPolygon');
      expect(body.geometry.coordinates).toHaveLength(2);
      expect(body.repair).toMatchObject({ applied: true, partsBefore: 1, partsAfter: 2, reasonBefore: expect.stringMatching(/Self-intersection/) });
      expect(body.repair.issues[0].code).toBe('self-intersection');
      expect(body.repair.areaAfterM2).toBeGreaterThan(0);
    });

    it('unions overlapping parts into one', async () => {
      const overlapping = { type: 'MultiPolygon', coordinates: [[square(X, Y, 0.01)], [square(X + 0.005, Y + 0.005, 0.01)]] };
      const response = await planner.post('/api/settlements?repair=true', { type: 'Feature', geometry: overlapping, properties: { name: 'Overlapping' } });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body.geometry.coordinates).toHaveLength(1);
      expect(body.repair).toMatchObject({ partsBefore: 2, partsAfter: 1, issues: [expect.objectContaining({ code: 'overlapping-parts' })] });
    });

    it('still refuses what repair cannot mend', async () => {
      const unclosed = zoneBody('Unclosed', square(X, Y, 0.01).slice(0, 4));
      const problem = await expectProblem(await planner.post('/api/zones?repair=true', unclosed), 422);
      expect((problem.errors as Array<{ code: string }>)[0]!.code).toBe('unclosed-ring');
    });
  });

  describe('undo', () => {
    let undoer: ApiClient;
    beforeAll(async () => {
      // Undo walks back through the user's own edits: the admin's last one before these tests is a settlement.
      undoer = await app.as('admin');
    });

    it('undoes a create, an update and a delete in reverse order', async () => {
      const created = await (await undoer.post('/api/services', serviceBody('Undo me', 'undo-1'))).json();
      const id = created.id;
      const renamed = await undoer.patch(`/api/services/${id}`, { properties: { name: 'Renamed', attributes: { capacity: 1 } } }, { 'if-match': '"1"' });
      expect(renamed.status).toBe(200);
      expect((await undoer.delete(`/api/services/${id}`, { 'if-match': '"2"' })).status).toBe(204);

      const preview = await (await undoer.get('/api/undo')).json();
      expect(preview).toMatchObject({ action: 'delete', layer: 'services', id, name: 'Renamed' });

      const recreated = await undoer.post('/api/undo');
      expect(recreated.status).toBe(200);
      const r1 = await recreated.json();
      expect(r1).toMatchObject({ undone: { action: 'delete', layer: 'services', id }, result: { action: 'create' } });
      expect(r1.result.feature).toMatchObject({ id, properties: { name: 'Renamed', version: 3, externalId: 'undo-1' } });

      const restored = await (await undoer.post('/api/undo')).json();
      expect(restored).toMatchObject({ undone: { action: 'update' }, result: { action: 'update' } });
      expect(restored.result.feature.properties).toMatchObject({ name: 'Undo me', attributes: { capacity: 120 }, version: 4 });
      expect(restored.result.feature.geometry).toEqual(created.geometry);

      const removed = await (await undoer.post('/api/undo')).json();
      expect(removed).toMatchObject({ undone: { action: 'create', id }, result: { action: 'delete', feature: null } });
      await expectProblem(await undoer.get(`/api/services/${id}`), 404);

      const history = await (await undoer.get(`/api/services/${id}/history`)).json();
      expect(history.entries.filter((e: { undoOf?: number }) => e.undoOf).length).toBe(3);
    });

    it('refuses (409) to undo an edit when the feature changed since, and writes nothing', async () => {
      const created = await (await undoer.post('/api/zones', zoneBody('Contested'))).json();
      await undoer.patch(`/api/zones/${created.id}`, { properties: { name: 'Mine' } }, { 'if-match': '"1"' });
      await planner.patch(`/api/zones/${created.id}`, { properties: { name: 'Theirs' } }, { 'if-match': '"2"' });
      const auditBefore = await app.db.knex('audit_log').count<{ n: number }[]>({ n: '*' });
      const problem = await expectProblem(await undoer.post('/api/undo'), 409);
      expect(problem).toMatchObject({ currentVersion: 3, current: { properties: { name: 'Theirs' } } });
      const auditAfter = await app.db.knex('audit_log').count<{ n: number }[]>({ n: '*' });
      expect(auditAfter[0]!.n).toBe(auditBefore[0]!.n);
      expect((await (await planner.get(`/api/zones/${created.id}`)).json()).properties.name).toBe('Theirs');
    });

    it('says when there is nothing to undo (404)', async () => {
      await upsertUser(app.db.knex, { username: 'planner2', displayName: 'Second planner', role: 'planner', passwordHash: await hashPassword(TEST_PASSWORD) });
      const fresh = await app.as('planner2');
      await expectProblem(await fresh.post('/api/undo'), 404);
      await expectProblem(await fresh.get('/api/undo'), 404);
    });
  });

  describe('permissions', () => {
    const writes: Array<[string, string]> = [];
    for (const layer of ['zones', 'settlements', 'housing-units', 'services']) {
      writes.push(['POST', `/api/${layer}`], ['PATCH', `/api/${layer}/1`], ['DELETE', `/api/${layer}/1`], ['GET', `/api/${layer}/1/history`]);
    }
    writes.push(['POST', '/api/undo'], ['GET', '/api/undo']);

    it.each(['viewer', 'caseworker'])('%s gets 403 on every write and writes nothing', async (username) => {
      const client = await app.as(username);
      const counts = async () => Promise.all(['zones', 'settlements', 'housing_units', 'services', 'audit_log'].map(async (t) => (await app.db.knex(t).count<{ n: number }[]>({ n: '*' }))[0]!.n));
      const before = await counts();
      for (const [method, path] of writes) {
        const body = method === 'POST' || method === 'PATCH' ? zoneBody('Forbidden') : undefined;
        const response = await client.request(method, path, body, { 'if-match': '"1"' });
        const problem = await expectProblem(response, 403);
        expect(problem.detail).toMatch(/layers:write/);
      }
      expect(await counts()).toEqual(before);
    });

    it('answers 401 without a session', async () => {
      await expectProblem(await app.anonymous.post('/api/zones', zoneBody('Anonymous')), 401);
    });
  });
});
