import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Issue 17: each cause of a 500 on hostile input is refused where input is parsed, with a 400 that
// names the field; cross-site writes are refused before their body is read.

/** The `errors` of a problem body. */
const errorsOf = (problem: Record<string, unknown>): Array<{ pointer: string; detail: string }> => problem.errors as Array<{ pointer: string; detail: string }>;

describe('hostile input', () => {
  let app: TestApp;
  let planner: ApiClient;
  let caseworker: ApiClient;
  const auditCount = async () => Number((await app.db.knex('audit_log').count<{ n: number }[]>({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    caseworker = await app.as('caseworker');
  });
  afterAll(async () => app?.close());

  it('refuses U+0000 in queries, bodies and keys with a 400 pointing at it, before any database work', async () => {
    const query = await expectProblem(await planner.get('/api/zones?q=%00'), 400);
    expect(errorsOf(query)[0]?.pointer).toBe('/query/q');
    const before = await auditCount();
    const login = await expectProblem(await app.anonymous.post('/api/auth/login', { username: 'admin\u0000', password: 'x' }), 400);
    expect(errorsOf(login)[0]?.pointer).toBe('/body/username');
    expect(await auditCount()).toBe(before);
    const key = await expectProblem(await planner.post('/api/zones', { type: 'Feature', properties: { 'na\u0000me': 'x' }, geometry: null }), 400);
    expect(key.detail).toMatch(/NUL/);
  });

  it('bounds ids to the column type and reads only plain digits', async () => {
    for (const path of ['/api/interventions?zoneId=3000000000', '/api/zones/0x1', '/api/zones/%201', '/api/zones/1e3', '/api/households?settlementId=-1', '/api/zones?limit=1.5']) {
      const problem = await expectProblem(await planner.get(path), 400);
      expect(errorsOf(problem).length, path).toBeGreaterThan(0);
    }
    expect((await planner.get('/api/zones/1')).status).toBe(200);
  });

  it('refuses a date that is not one with a 400 naming the field', async () => {
    const created = await (await caseworker.post('/api/households', { adults: 1 })).json();
    for (const field of ['consentProcessingDate', 'consentSharingDate']) {
      const problem = await expectProblem(await caseworker.patch(`/api/households/${created.id}`, { [field]: 'soon' }, { 'if-match': '"1"' }), 400);
      expect(errorsOf(problem).map((e) => e.pointer)).toContain(`/body/${field}`);
    }
    const plan = await (await caseworker.post('/api/relocation-plans', { householdId: created.id })).json();
    const move = await expectProblem(await caseworker.post(`/api/relocation-plans/${plan.id}/transitions`, { to: 'assessed', moveDate: 'soon' }), 400);
    expect(errorsOf(move).map((e) => e.pointer)).toContain('/body/moveDate');
    // Issue 15: a move dated before the programmes began would enter months no release published.
    const early = await expectProblem(await caseworker.post(`/api/relocation-plans/${plan.id}/transitions`, { to: 'assessed', moveDate: '2013-12-31' }), 400);
    expect(errorsOf(early)).toEqual([expect.objectContaining({ pointer: '/body/moveDate', detail: expect.stringMatching(/2014-01-01/) })]);
  });

  it('bounds the depth and size of free JSON', async () => {
    // Sent as text: building the object here would overflow this test's own stack.
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const text = `{"type":"Feature","properties":{"name":"Deep","category":"school","attributes":${deep}},"geometry":{"type":"Point","coordinates":[23.6,46.77]}}`;
    const refused = await expectProblem(await planner.post('/api/services', text), 400);
    expect(refused.detail).toMatch(/deeper than/);
    const body = { type: 'Feature', properties: { name: 'Deep', category: 'school' }, geometry: { type: 'Point', coordinates: [23.6, 46.77] } };
    const nine = { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } };
    const tooDeep = await expectProblem(await planner.post('/api/services', { ...body, properties: { ...body.properties, attributes: nine } }), 400);
    expect(errorsOf(tooDeep)[0]?.pointer).toBe('/body/properties/attributes');
  });

  it('answers a 1 MB query string with a problem+json 431', async () => {
    const response = await fetch(`${app.baseUrl}/api/zones?q=${'a'.repeat(1024 * 1024)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await response.json()).detail).toMatch(/query string/);
  });

  it('refuses writes from another origin or site, and form content types on imports, writing nothing', async () => {
    const csv = 'name,category,lon,lat\nStatie falsa,transit_stop,23.6,46.77\n';
    const count = async () => Number((await app.db.knex('services').where({ name: 'Statie falsa' }).count<{ n: number }[]>({ n: '*' }))[0]!.n);
    const other = 'http://127.0.0.1:1';
    await expectProblem(await planner.post('/api/imports?layer=services', csv, { 'content-type': 'text/csv', origin: other }), 403);
    await expectProblem(await planner.post('/api/imports?layer=services', csv, { 'content-type': 'text/csv', 'sec-fetch-site': 'same-site' }), 403);
    const form = await expectProblem(await planner.post('/api/imports?layer=services', csv, { 'content-type': 'text/plain', origin: app.baseUrl }), 415);
    expect(errorsOf(form)[0]?.pointer).toBe('/headers/content-type');
    await expectProblem(await planner.post('/api/imports?layer=services', `a=${csv}`, { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    expect(await count()).toBe(0);
    // The same import from the app's own page still works.
    const own = await planner.post('/api/imports?layer=services', csv, { 'content-type': 'text/csv', origin: app.baseUrl, 'sec-fetch-site': 'same-origin', prefer: 'wait=30' });
    expect(own.status).toBe(200);
    expect(await count()).toBe(1);
  });
});
