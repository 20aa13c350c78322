import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Identity data (issue 5): encrypted at rest, readable only by the assigned caseworker and admins,
// every read and write audited, erasable on request; and the audit log admins browse.

const identity = {
  members: [
    { name: 'Florica Zăpârțan', idCardNumber: 'KX 734519' },
    { name: 'Ionuț Zăpârțan', idCardNumber: null },
  ],
  phone: '+40 745 118 903',
};
const plaintexts = ['Florica', 'Zăpârțan', 'KX 734519', '745 118 903', '745118903'];

describe('household identities', () => {
  let app: TestApp;
  let caseworker: ApiClient;
  let householdId: number;
  const path = () => `/api/households/${householdId}/identity`;
  const audits = (action: string) => app.db.knex('audit_log').where({ action, record_id: String(householdId) }).orderBy('id');

  beforeAll(async () => {
    // A server database refuses the development key, so the tests bring their own.
    app = await startTestApp({ PUNTE_IDENTITY_KEY: randomBytes(32).toString('base64') });
    caseworker = await app.as('caseworker');
    // HH-0001 is assigned to "caseworker" in the demo data.
    householdId = (await app.db.knex('households').where({ code: 'HH-0001' }).first('id')).id;
  });
  afterAll(async () => app?.close());

  it('records an identity for the assigned caseworker, audited without the data itself', async () => {
    const res = await caseworker.request('PUT', path(), identity);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ householdId, identity, erasedAt: null, version: 1, keyId: expect.stringMatching(/^k-/) });
    const [audit] = await audits('identity.create');
    expect(audit).toMatchObject({ actor_username: 'caseworker', table_name: 'household_identities', request_id: res.headers.get('x-request-id') });
    expect(JSON.stringify(audit.details)).not.toMatch(/Florica|KX 734519|745/);
  });

  it('stores no plaintext in any column of the identity row', async () => {
    const raw = await app.db.knex('household_identities').where({ household_id: householdId }).first();
    expect(raw.ciphertext).toBeTruthy();
    expect(Buffer.from(raw.iv)).toHaveLength(12);
    expect(Buffer.from(raw.auth_tag)).toHaveLength(16);
    // Every column as the database renders it as text, and the raw bytes as UTF-8.
    const asText = await app.db.knex.raw('select row_to_json(i)::text as json from household_identities i where household_id = ?', [householdId]);
    const rendered = `${asText.rows[0].json} ${Buffer.from(raw.ciphertext).toString('utf8')} ${Buffer.from(raw.ciphertext).toString('latin1')}`;
    for (const secret of plaintexts) expect(rendered).not.toContain(secret);
    const households = await app.db.knex.raw('select row_to_json(h)::text as json from households h where id = ?', [householdId]);
    for (const secret of plaintexts) expect(households.rows[0].json).not.toContain(secret);
  });

  it('lets the assigned caseworker and admins read it, each read audited with its request id', async () => {
    const before = (await audits('identity.read')).length;
    const res = await caseworker.get(path());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()).identity).toEqual(identity);
    const admin = await app.as('admin');
    expect((await (await admin.get(path())).json()).identity).toEqual(identity);
    const reads = await audits('identity.read');
    expect(reads).toHaveLength(before + 2);
    expect(reads.at(-2)).toMatchObject({ actor_username: 'caseworker', request_id: res.headers.get('x-request-id') });
    expect(reads.at(-1)).toMatchObject({ actor_username: 'admin' });
  });

  it('answers 403 to another caseworker, a planner and a viewer, and audits the refusals', async () => {
    for (const username of ['caseworker2', 'planner', 'viewer']) {
      const client = await app.as(username);
      const problem = await expectProblem(await client.get(path()), 403);
      expect(JSON.stringify(problem)).not.toMatch(/Florica|KX 734519/);
      await expectProblem(await client.request('PUT', path(), identity), 403);
      await expectProblem(await client.delete(path()), 403);
    }
    const refusals = await audits('identity.read.denied');
    expect(refusals.map((r: { actor_username: string }) => r.actor_username)).toEqual(['caseworker2', 'planner', 'viewer']);
    await expectProblem(await app.anonymous.get(path()), 401);
  });

  it('needs If-Match to replace an identity, and re-encrypts it', async () => {
    const changed = { ...identity, phone: '+40 700 000 001' };
    await expectProblem(await caseworker.request('PUT', path(), changed), 428);
    const stale = await expectProblem(await caseworker.request('PUT', path(), changed, { 'if-match': '"7"' }), 412);
    expect(stale.currentVersion).toBe(1);
    const before = await app.db.knex('household_identities').where({ household_id: householdId }).first();
    const res = await caseworker.request('PUT', path(), changed, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ identity: changed, version: 2 });
    const after = await app.db.knex('household_identities').where({ household_id: householdId }).first();
    expect(Buffer.from(after.iv).equals(Buffer.from(before.iv))).toBe(false);
    expect((await audits('identity.update')).length).toBe(1);
  });

  it('refuses an identity swapped into another household’s row (the ciphertext is bound to its household)', async () => {
    const other = (await app.db.knex('households').where({ code: 'HH-0002' }).first('id')).id;
    const row = await app.db.knex('household_identities').where({ household_id: householdId }).first();
    await app.db.knex('household_identities').insert({ ...row, household_id: other, created_at: undefined, updated_at: undefined });
    const problem = await expectProblem(await caseworker.get(`/api/households/${other}/identity`), 500);
    expect(problem.type).toBe('/problems/identity-integrity');
    expect(JSON.stringify(problem)).not.toMatch(/Florica/);
  });

  it('erases the identity on request and keeps the pseudonymous household and its history', async () => {
    const planBefore = await app.db.knex('relocation_plans').where({ household_id: householdId }).count({ n: '*' }).first();
    // Issue 17: no blind erasure: If-Match with the version read is required.
    const current = await caseworker.get(path());
    await expectProblem(await caseworker.delete(path()), 428);
    await expectProblem(await caseworker.delete(path(), { 'if-match': '"999"' }), 412);
    const res = await caseworker.delete(path(), { 'if-match': current.headers.get('etag')! });
    expect(res.status).toBe(200);
    const erased = await res.json();
    expect(erased).toMatchObject({ identity: null, keyId: null, erasedAt: expect.any(String) });
    const raw = await app.db.knex('household_identities').where({ household_id: householdId }).first();
    expect(raw).toMatchObject({ ciphertext: null, iv: null, auth_tag: null, key_id: null });
    expect(raw.erased_at).not.toBeNull();
    expect(await (await caseworker.get(path())).json()).toMatchObject({ identity: null, erasedAt: erased.erasedAt });
    expect((await (await caseworker.get(`/api/households/${householdId}`)).json()).code).toBe('HH-0001');
    expect(await app.db.knex('relocation_plans').where({ household_id: householdId }).count({ n: '*' }).first()).toEqual(planBefore);
    expect((await audits('identity.erase')).length).toBe(1);
  });

  it('records at most ten refusals per user and ten minutes, answering the rest 429 (issue 17)', async () => {
    const viewer = await app.as('viewer');
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await viewer.get(path())).status);
    expect(new Set(statuses)).toEqual(new Set([403, 429]));
    const rows = await app.db.knex('audit_log').where({ actor_username: 'viewer' }).where('action', 'like', 'identity.%.denied');
    expect(rows.length).toBe(10);
  });

  it('answers 404 for a household without an identity record', async () => {
    await expectProblem(await caseworker.get(`/api/households/${householdId + 5}/identity`), 404);
  });
});

describe('audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ PUNTE_IDENTITY_KEY: randomBytes(32).toString('base64') });
  });
  afterAll(async () => app?.close());

  it('lets admins browse it newest first, filtered and paged; others get 403', async () => {
    const caseworker = await app.as('caseworker');
    const household = (await app.db.knex('households').where({ code: 'HH-0003' }).first('id')).id;
    await caseworker.request('PUT', `/api/households/${household}/identity`, identity);
    const read = await caseworker.get(`/api/households/${household}/identity`);
    const admin = await app.as('admin');
    const page = await (await admin.get('/api/audit-log?limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    expect(page.numberMatched).toBeGreaterThanOrEqual(3);
    const reads = await (await admin.get(`/api/audit-log?action=identity.read&recordId=${household}`)).json();
    expect(reads.items).toEqual([
      expect.objectContaining({
        action: 'identity.read',
        actorUsername: 'caseworker',
        tableName: 'household_identities',
        recordId: String(household),
        requestId: read.headers.get('x-request-id'),
        at: expect.any(String),
      }),
    ]);
    const byRequest = await (await admin.get(`/api/audit-log?requestId=${read.headers.get('x-request-id')}`)).json();
    expect(byRequest.numberMatched).toBe(1);
    const since = await (await admin.get(`/api/audit-log?actor=caseworker&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json();
    expect(since.numberMatched).toBe(0);
    await expectProblem(await admin.get('/api/audit-log?from=yesterday'), 400);
    await expectProblem(await caseworker.get('/api/audit-log'), 403);
    await expectProblem(await (await app.as('planner')).get('/api/audit-log'), 403);
  });

  it('cannot be changed or deleted: no route does it and the database refuses', async () => {
    const admin = await app.as('admin');
    const [row] = (await (await admin.get('/api/audit-log?limit=1')).json()).items;
    await expectProblem(await admin.delete(`/api/audit-log/${row.id}`), 404);
    await expectProblem(await admin.patch(`/api/audit-log/${row.id}`, { action: 'nothing' }), 404);
    await expect(app.db.knex('audit_log').where({ id: row.id }).update({ action: 'nothing' })).rejects.toThrow(/append-only/);
    await expect(app.db.knex('audit_log').where({ id: row.id }).delete()).rejects.toThrow(/append-only/);
  });
});
