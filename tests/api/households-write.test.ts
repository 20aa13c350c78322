import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Households (issue 5): pseudonymous records, created and changed by caseworkers with If-Match,
// each write audited in its transaction; planners read them, viewers do not.

const today = new Date().toISOString().slice(0, 10);
const newFamily = {
  adults: 2,
  children: 3,
  seniors: 1,
  needs: ['near_school', 'step_free'],
  priority: 'high',
  consentProcessing: true,
  preferredLocalities: ['Cluj-Napoca'],
};

describe('household records', () => {
  let app: TestApp;
  let caseworker: ApiClient;
  let caseworkerId: number;
  const auditRows = (action: string, recordId: number | string) =>
    app.db.knex('audit_log').where({ action, record_id: String(recordId) }).orderBy('id');

  beforeAll(async () => {
    app = await startTestApp();
    caseworker = await app.as('caseworker');
    caseworkerId = (await app.db.knex('users').where({ username: 'caseworker' }).first('id')).id;
  });
  afterAll(async () => app?.close());

  it('lets a caseworker record a household: next code, own caseworker, consent dated today, audited with the request id', async () => {
    const settlement = await app.db.knex('settlements').first('id');
    const res = await caseworker.post('/api/households', { ...newFamily, settlementId: settlement.id });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const household = await res.json();
    expect(household).toMatchObject({
      code: 'HH-0283',
      size: 5,
      caseworkerId,
      caseworkerUsername: 'caseworker',
      consentProcessing: true,
      consentProcessingDate: today,
      consentSharing: false,
      consentSharingDate: null,
      settlementId: settlement.id,
      synthetic: false,
      currentPlan: null,
      version: 1,
    });
    expect(res.headers.get('location')).toBe(`/api/households/${household.id}`);
    const [audit] = await auditRows('household.create', household.id);
    expect(audit).toMatchObject({ actor_username: 'caseworker', table_name: 'households', request_id: res.headers.get('x-request-id') });
  });

  it('needs If-Match to change a household: 428 without, 412 with a stale version (and the current one), 200 with the right one', async () => {
    const created = await (await caseworker.post('/api/households', { adults: 1 })).json();
    const path = `/api/households/${created.id}`;
    await expectProblem(await caseworker.patch(path, { priority: 'urgent' }), 428);

    const first = await caseworker.patch(path, { priority: 'urgent', children: 2 }, { 'if-match': '"1"' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ priority: 'urgent', size: 3, children: 2, version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');

    const stale = await caseworker.patch(path, { priority: 'low' }, { 'if-match': '"1"' });
    const problem = await expectProblem(stale, 412);
    expect(problem).toMatchObject({ currentVersion: 2, current: { priority: 'urgent' } });
    expect(stale.headers.get('etag')).toBe('"2"');

    const [audit] = await auditRows('household.update', created.id);
    expect(audit.details).toMatchObject({ version: 2, changed: { priority: 'urgent', children: 2 } });
    expect((await app.db.knex('households').where({ id: created.id }).first()).priority).toBe('urgent');
  });

  it('refuses impossible households with 422 or 400 naming the field, and writes nothing', async () => {
    const before = await app.db.knex('households').count({ n: '*' }).first();
    const tooManySeniors = await expectProblem(await caseworker.post('/api/households', { adults: 1, seniors: 2 }), 422);
    expect(tooManySeniors.errors).toEqual([expect.objectContaining({ pointer: '/body/seniors' })]);
    const datedWithout = await expectProblem(
      await caseworker.post('/api/households', { adults: 1, consentSharing: false, consentSharingDate: '2025-01-01' }),
      422,
    );
    expect(datedWithout.errors).toEqual([expect.objectContaining({ pointer: '/body/consentSharingDate' })]);
    await expectProblem(await caseworker.post('/api/households', { adults: 1, settlementId: 999999 }), 422);
    await expectProblem(await caseworker.post('/api/households', { adults: 0 }), 400);
    await expectProblem(await caseworker.post('/api/households', { adults: 1, needs: ['swimming_pool'] }), 400);
    await expectProblem(await caseworker.post('/api/households', { adults: 1, name: 'Ion Popescu' }), 400);
    expect(await app.db.knex('households').count({ n: '*' }).first()).toEqual(before);
  });

  it('lets only admins assign a household to another caseworker', async () => {
    const created = await (await caseworker.post('/api/households', { adults: 2 })).json();
    const other = (await app.db.knex('users').where({ username: 'caseworker2' }).first('id')).id;
    await expectProblem(await caseworker.patch(`/api/households/${created.id}`, { caseworkerId: other }, { 'if-match': '"1"' }), 403);
    await expectProblem(await caseworker.post('/api/households', { adults: 1, caseworkerId: other }), 403);
    const admin = await app.as('admin');
    const res = await admin.patch(`/api/households/${created.id}`, { caseworkerId: other }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ caseworkerId: other, caseworkerUsername: 'caseworker2' });
    const planner = await app.as('planner');
    await expectProblem(await admin.patch(`/api/households/${created.id}`, { caseworkerId: (await app.db.knex('users').where({ username: 'planner' }).first('id')).id }, { 'if-match': '"2"' }), 422);
    await expectProblem(await planner.post('/api/households', { adults: 1 }), 403);
  });

  it('lets only the assigned caseworker and admins change a household (issue 17)', async () => {
    const created = await (await caseworker.post('/api/households', { adults: 2 })).json();
    const second = await app.as('caseworker2');
    const refused = await expectProblem(await second.patch(`/api/households/${created.id}`, { priority: 'urgent' }, { 'if-match': '"1"' }), 403);
    expect(refused.detail).toContain(created.code);
    expect((await (await caseworker.get(`/api/households/${created.id}`)).json()).version).toBe(1);
    expect((await caseworker.patch(`/api/households/${created.id}`, { priority: 'urgent' }, { 'if-match': '"1"' })).status).toBe(200);
    expect((await (await app.as('admin')).patch(`/api/households/${created.id}`, { priority: 'low' }, { 'if-match': '"2"' })).status).toBe(200);
  });

  it('shows planners the pseudonymous record only, and viewers no household at all', async () => {
    const planner = await app.as('planner');
    const household = await (await planner.get('/api/households/1')).json();
    for (const field of ['members', 'name', 'names', 'phone', 'idCardNumber', 'ciphertext', 'identity']) expect(household).not.toHaveProperty(field);
    const viewer = await app.as('viewer');
    await expectProblem(await viewer.get('/api/households'), 403);
    await expectProblem(await viewer.get('/api/households/1'), 403);
    await expectProblem(await app.anonymous.get('/api/households'), 401);
  });

  it('filters the list by caseworker, newest plan state, needs and code', async () => {
    const planner = await app.as('planner');
    const noPlan = await (await planner.get('/api/households?planState=none&limit=1000')).json();
    expect(noPlan.numberMatched).toBeGreaterThan(100);
    expect(noPlan.items.every((h: { currentPlan: unknown }) => h.currentPlan === null)).toBe(true);
    const followed = await (await planner.get('/api/households?planState=followed_up&limit=1000')).json();
    expect(followed.numberMatched).toBe(52);
    expect(followed.items.every((h: { currentPlan: { state: string } }) => h.currentPlan.state === 'followed_up')).toBe(true);
    const stepFree = await (await planner.get('/api/households?needs=step_free&limit=1000')).json();
    expect(stepFree.items.every((h: { needs: string[] }) => h.needs.includes('step_free'))).toBe(true);
    const mine = await (await planner.get(`/api/households?caseworkerId=${caseworkerId}&q=HH-000&limit=1000`)).json();
    expect(mine.numberMatched).toBe(9);
    await expectProblem(await planner.get('/api/households?planState=lost'), 400);
  });
});
