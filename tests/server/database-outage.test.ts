import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { hashPassword } from '../../api/src/auth/password';
import { loadConfig } from '../../api/src/config';
import { openDatabase, type Database } from '../../api/src/db/database';
import { migrateToLatest } from '../../api/src/db/migrations';
import { upsertUser } from '../../api/src/db/users';
import { createLogger } from '../../api/src/logger';
import { TEST_IDENTITY_KEY, TEST_PASSWORD } from '../support/test-engine';
import { createThrowawayCluster, type ThrowawayCluster } from '../support/throwaway-cluster';

// Issue 10: PostgreSQL goes away under a bounded read/write loop and comes back. Every answer is a 2xx
// or a 503 problem with Retry-After (never a 500, never a hang), health says the database is
// unreachable, the app recovers without a restart, and no write is half-done.

const ACQUIRE_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 2_000;

describe('the server database stops and starts under load', () => {
  let cluster: ThrowawayCluster;
  let db: Database;
  let server: Server;
  let baseUrl: string;
  let cookie: string;

  beforeAll(async () => {
    cluster = await createThrowawayCluster();
    const config = loadConfig({
      DATABASE_URL: cluster.url,
      SESSION_SECRET: 'outage-test-secret-0123456789',
      PUNTE_IDENTITY_KEY: TEST_IDENTITY_KEY,
      PUNTE_LOG_LEVEL: 'silent',
      PUNTE_DB_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS),
      PUNTE_DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    });
    db = await openDatabase({ engine: 'server', databaseUrl: cluster.url, statementTimeoutMs: config.statementTimeoutMs, acquireTimeoutMs: config.acquireTimeoutMs, log: () => {} });
    await migrateToLatest(db.knex);
    await upsertUser(db.knex, { username: 'planner', displayName: 'Planner', role: 'planner', passwordHash: await hashPassword(TEST_PASSWORD) });
    const app = createApp({ db, config, logger: createLogger('silent') });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: TEST_PASSWORD }) });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') as string).split(';')[0] as string;
  });
  afterAll(async () => {
    server?.close();
    await db?.close();
    cluster?.drop();
  });

  it('answers 2xx or 503 with Retry-After throughout, recovers by itself, and half-writes nothing', async () => {
    const answers: Array<{ status: number; ms: number; retryAfter: string | null; type: string | null }> = [];
    const acknowledged: number[] = [];
    let n = 0;
    let running = true;
    const loop = async () => {
      while (running) {
        const i = n++;
        const started = Date.now();
        const write = i % 2 === 0;
        const x = 23.55 + (i % 40) * 0.0005;
        const y = 46.75 + Math.floor(i / 40) * 0.0005;
        const response = write
          ? await fetch(`${baseUrl}/api/zones`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie },
              body: JSON.stringify({ type: 'Feature', properties: { name: `fault-${i}`, kind: 'intervention' }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.0002, y], [x + 0.0002, y + 0.0002], [x, y + 0.0002], [x, y]]] } }),
            })
          : await fetch(`${baseUrl}/api/zones?limit=5`, { headers: { cookie } });
        answers.push({ status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type') });
        const body = await response.json();
        if (write && response.status === 201) acknowledged.push(body.id);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const loops = [loop(), loop()];
    const waitForAnswers = async (count: number) => {
      const until = Date.now() + 30_000;
      while (answers.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await waitForAnswers(20);

    cluster.stop();
    const beforeOutage = answers.length;
    await waitForAnswers(beforeOutage + 20);
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(await health.json()).toMatchObject({ status: 'degraded', database: 'unreachable' });
    const during = answers.slice(beforeOutage);
    expect(during.some((a) => a.status === 503)).toBe(true);

    cluster.start();
    const restarted = answers.length;
    const until = Date.now() + 30_000;
    while (!answers.slice(restarted).some((a) => a.status < 300) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    await waitForAnswers(answers.length + 20);
    running = false;
    await Promise.all(loops);

    // Recovered without a restart: the last answers succeed again, and health is ok.
    expect(answers.slice(-10).every((a) => a.status < 300), JSON.stringify(answers.slice(-10))).toBe(true);
    expect((await (await fetch(`${baseUrl}/api/health`)).json()).status).toBe('ok');
    for (const answer of answers) {
      expect([200, 201, 503], JSON.stringify(answer)).toContain(answer.status);
      if (answer.status === 503) {
        expect(answer.retryAfter).toBe('5');
        expect(answer.type).toMatch(/application\/problem\+json/);
      }
      // Never a hang: a refused connection answers at once, a lost one within the acquire timeout.
      expect(answer.ms).toBeLessThan(ACQUIRE_TIMEOUT_MS + 5_000);
    }

    // No partial write: every acknowledged zone is there, and every zone of the loop has its audit row.
    const zones = await db.knex('zones').where('name', 'like', 'fault-%').select('id');
    const ids = new Set(zones.map((z) => z.id as number));
    for (const id of acknowledged) expect(ids.has(id), `acknowledged zone ${id}`).toBe(true);
    const audited = await db.knex('audit_log').where({ table_name: 'zones', action: 'create' }).whereIn('record_id', [...ids].map(String)).count<{ n: number }[]>({ n: '*' });
    expect(Number(audited[0]?.n)).toBe(ids.size);
  }, 120_000);

  it('answers 503 within the timeouts while the database is frozen (SIGSTOP), and recovers when it thaws', async () => {
    // Issue 17: a frozen database used to hold requests for 75 s.
    const read = async () => {
      const started = Date.now();
      const response = await fetch(`${baseUrl}/api/zones?limit=5`, { headers: { cookie } });
      await response.arrayBuffer();
      return { status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') };
    };
    expect((await read()).status).toBe(200);
    cluster.freeze();
    let frozen: Array<Awaited<ReturnType<typeof read>>>;
    try {
      frozen = await Promise.all([read(), read(), read()]);
      frozen.push(await read());
    } finally {
      cluster.thaw();
    }
    for (const answer of frozen) {
      expect(answer.status, JSON.stringify(answer)).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(answer.ms).toBeLessThan(Math.max(ACQUIRE_TIMEOUT_MS, STATEMENT_TIMEOUT_MS) + 2_000);
    }
    // Recovers: within a few requests every answer is a 200 again.
    const until = Date.now() + 20_000;
    let last = await read();
    while (last.status !== 200 && Date.now() < until) last = await read();
    const after = [await read(), await read(), await read()];
    expect(after.map((a) => a.status)).toEqual([200, 200, 200]);
  }, 60_000);
});
