import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { runPunte, startServer } from '../support/server-process';
import { TEST_IDENTITY_KEY } from '../support/test-engine';

// The real start-up (api/src/main.ts) as `npm start` runs it: config, engine, migrations, listen,
// and a clean stop on SIGTERM.

describe('start-up and shutdown', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    // The copy must be closed before the server process opens it (PGlite has one owner).
    await test.db.close();
  });
  afterAll(async () => test?.drop().catch(() => undefined));

  it('logs engine and PostGIS version, answers health, and stops cleanly on SIGTERM', async () => {
    const env: Record<string, string> =
      test.db.engine === 'server'
        ? { DATABASE_URL: test.location, SESSION_SECRET: 'startup-test-secret-0123456789', PUNTE_IDENTITY_KEY: TEST_IDENTITY_KEY }
        : { PUNTE_DATA_DIR: test.location };
    const server = await startServer(env);
    const { url } = server;
    const ready = server.output().split('\n').find((line) => line.includes('Punte is ready')) as string;
    expect(JSON.parse(ready)).toMatchObject({ postgis: expect.stringMatching(/^3\./) });
    expect(ready).toMatch(test.db.engine === 'server' ? /PostgreSQL server/ : /embedded PGlite/);
    const health = await (await fetch(`${url}api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', engine: test.db.engine });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
  });

  it('refuses to start with a bad configuration, naming every bad variable', async () => {
    const server = runPunte('api/src/main.ts', { PORT: 'eighty', DATABASE_URL: 'postgres://127.0.0.1/x', SESSION_SECRET: '' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT');
    expect(server.output()).toContain('SESSION_SECRET');
    expect(server.output()).toContain('PUNTE_IDENTITY_KEY');
  });
});
