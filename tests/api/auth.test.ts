import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../api/src/auth/roles';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app';
import { TEST_PASSWORD } from '../support/test-engine';

describe('sessions and roles', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it.each(['/api/households', '/api/housing-units', '/api/settlements', '/api/zones/1', '/api/auth/me'])(
    'answers %s with 401 without a session',
    async (path) => {
      await expectProblem(await app.anonymous.get(path), 401);
    },
  );

  it('leaves health, openapi and public data open', async () => {
    expect((await app.anonymous.get('/api/health')).status).toBe(200);
    expect((await app.anonymous.get('/api/openapi.json')).status).toBe(200);
    expect((await app.anonymous.get('/api/public/basemap')).status).toBe(200);
  });

  it('logs in with an httpOnly SameSite cookie, reports the role, and logs out', async () => {
    const response = await app.anonymous.post('/api/auth/login', { username: 'planner', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/punte_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await response.json();
    expect(body.user).toMatchObject({ username: 'planner', role: 'planner' });
    expect(body.permissions).toEqual(permissionsOf('planner'));
    expect((await app.anonymous.get('/api/auth/me')).status).toBe(200);
    expect((await app.anonymous.post('/api/auth/logout')).status).toBe(204);
    await expectProblem(await app.anonymous.get('/api/auth/me'), 401);
  });

  it('rotates the session id at login: the old cookie stops working', async () => {
    const first = await app.anonymous.post('/api/auth/login', { username: 'viewer', password: TEST_PASSWORD });
    const oldCookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const second = await app.anonymous.post('/api/auth/login', { username: 'viewer', password: TEST_PASSWORD });
    const newCookie = (second.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(newCookie).not.toBe(oldCookie);
    await expectProblem(await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: oldCookie } }), 401);
    expect((await fetch(`${app.baseUrl}/api/auth/me`, { headers: { cookie: newCookie } })).status).toBe(200);
  });

  it('stores password hashes, never passwords', async () => {
    const hashes = await app.db.knex('users').pluck('password_hash');
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$/);
      expect(hash).not.toContain(TEST_PASSWORD);
    }
  });

  it('refuses a wrong password and a malformed body', async () => {
    await expectProblem(await app.anonymous.post('/api/auth/login', { username: 'admin', password: 'wrong-password' }), 401);
    await expectProblem(await app.anonymous.post('/api/auth/login', { username: 'admin' }), 400);
    await expectProblem(await app.anonymous.post('/api/auth/login', '{"username": "admin", '), 400);
  });

  it('records a failed login without a typed name that is no account (issue 15)', async () => {
    const typed = 'my-secret-pass-42';
    const res = await app.anonymous.post('/api/auth/login', { username: typed, password: 'whatever-it-is' });
    expect(res.status).toBe(401);
    await app.anonymous.post('/api/auth/login', { username: 'planner', password: 'not-the-password' });
    const rows = await app.db.knex('audit_log').where({ action: 'login_failed' }).orderBy('id', 'desc').limit(2);
    expect(JSON.stringify(rows)).not.toContain(typed);
    expect(rows.map((r: { actor_username: string | null }) => r.actor_username)).toEqual(['planner', null]);
  });

  it('rate-limits repeated failed logins', async () => {
    let last: TestResponse | undefined;
    for (let i = 0; i < 11; i++) {
      last = await app.anonymous.post('/api/auth/login', { username: 'caseworker2', password: `wrong-${i}` });
    }
    const body = await expectProblem(last as TestResponse, 429);
    expect(body.detail).toMatch(/try again/);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits until the window is over.
    await expectProblem(await app.anonymous.post('/api/auth/login', { username: 'caseworker2', password: TEST_PASSWORD }), 429);
  });

  it('counts failed logins by the real client address, whatever X-Forwarded-For says (issue 17)', async () => {
    let last: TestResponse | undefined;
    for (let i = 0; i < 11; i++) {
      last = await app.anonymous.post('/api/auth/login', { username: 'ghost', password: `wrong-${i}` }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
    }
    await expectProblem(last as TestResponse, 429);
  });

  it('lets a viewer read the map layers but not households', async () => {
    const viewer = await app.as('viewer');
    expect((await viewer.get('/api/settlements')).status).toBe(200);
    await expectProblem(await viewer.get('/api/households'), 403);
  });

  it('records logins in the audit log', async () => {
    const rows = await app.db.knex('audit_log').where({ action: 'login', actor_username: 'planner' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].request_id).toEqual(expect.any(String));
  });
});
