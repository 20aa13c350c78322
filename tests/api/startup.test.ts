import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TEST_IDENTITY_KEY } from '../support/test-engine';

// The real start-up (api/src/main.ts) as `npm start` runs it: config, engine, migrations, listen,
// and a clean stop on SIGTERM.

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'api/src/main.ts'], {
    // Only the machine's basics are inherited: CI's DATABASE_URL must not turn an embedded start into a server one.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PUNTE_LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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
    const server = startServer({ ...env, PORT: '0' });
    // Wait for the whole line (its newline), not a chunk that ends mid-line.
    await waitFor(() => /Punte is ready[^\n]*\n/.test(server.output()) || server.child.exitCode !== null, 60_000);
    const ready = server.output().split('\n').find((line) => line.includes('Punte is ready'));
    if (!ready) throw new Error(`the server did not start:\n${server.output()}`);
    const url = JSON.parse(ready).url as string;
    expect(JSON.parse(ready)).toMatchObject({ postgis: expect.stringMatching(/^3\./) });
    expect(ready).toMatch(test.db.engine === 'server' ? /PostgreSQL server/ : /embedded PGlite/);
    const health = await (await fetch(`${url}api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', engine: test.db.engine });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
  });

  it('refuses to start with a bad configuration, naming every bad variable', async () => {
    const server = startServer({ PORT: 'eighty', DATABASE_URL: 'postgres://127.0.0.1/x', SESSION_SECRET: '' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT');
    expect(server.output()).toContain('SESSION_SECRET');
    expect(server.output()).toContain('PUNTE_IDENTITY_KEY');
  });
});
