import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLockOwner } from '../../api/src/db/data-folder-lock';
import { runPunte, startServer, type PunteProcess } from '../support/server-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TEST_PASSWORD } from '../support/test-engine';

// Issue 10: two processes on one embedded data folder corrupt it. With real processes: while the
// server holds the folder, every other command stops at once (without opening the database), import
// and export reach the data through the server's API instead, and a lock left by a dead process is
// taken over.

/** Returns every file of the PGlite folder with its size and mtime, to prove a process did not write to it. */
async function snapshotFolder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = await fs.stat(file);
    files.set(file, `${stat.size}:${stat.mtimeMs}`);
  }
  return files;
}

describe('one process per embedded data folder', () => {
  let test: TestDatabase;
  let server: PunteProcess & { url: string };
  const work = path.join(os.tmpdir(), `punte-lock-${process.pid}`);

  beforeAll(async () => {
    test = await createTestDatabase();
    await test.db.close();
    await fs.mkdir(work, { recursive: true });
    server = await startServer({ PUNTE_DATA_DIR: test.location });
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await test?.drop().catch(() => undefined);
    await fs.rm(work, { recursive: true, force: true });
  });

  it('records the server in the lock: pid and port', () => {
    const owner = readLockOwner(test.location);
    expect(owner).toMatchObject({ pid: server.child.pid, command: 'server', port: Number(new URL(server.url).port) });
  });

  it('stops a second server, seed, migrate and a direct import at once, naming pid and port, without touching the folder', async () => {
    const before = await snapshotFolder(path.join(test.location, 'pgdata'));
    const port = new URL(server.url).port;
    const csv = path.join(work, 'stops.csv');
    await fs.writeFile(csv, 'name,category,lon,lat\nStatie test,transit_stop,23.6,46.77\n');
    const env = { PUNTE_DATA_DIR: test.location };
    const seconds = [
      runPunte('api/src/main.ts', { ...env, PORT: '0' }),
      runPunte('scripts/seed.ts', env),
      runPunte('scripts/migrate.ts', env),
      runPunte('scripts/import.ts', env, ['--layer', 'services', '--file', csv]),
    ];
    for (const second of seconds) {
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Punte is running on this data folder (pid ${server.child.pid}, port ${port})`);
      expect(second.output()).toContain('--server');
      expect(second.output()).not.toMatch(/Seeded|Applied|inserted|Punte is ready/);
    }
    expect(await snapshotFolder(path.join(test.location, 'pgdata'))).toEqual(before);
    // The running server is unharmed.
    expect((await (await fetch(`${server.url}api/health`)).json()).status).toBe('ok');
  });

  it('imports and exports through the running server with --server', async () => {
    const csv = path.join(work, 'stops-server.csv');
    await fs.writeFile(csv, 'name,category,lon,lat\nStatie prin server,transit_stop,23.601,46.771\n');
    const env = { PUNTE_DATA_DIR: test.location, PUNTE_PASSWORD: TEST_PASSWORD };
    const imported = runPunte('scripts/import.ts', env, ['--server', server.url, '--user', 'planner', '--layer', 'services', '--file', csv]);
    expect(await imported.exited, imported.output()).toBe(0);
    expect(imported.output()).toMatch(/1 inserted/);
    const out = path.join(work, 'services.geojson');
    const exported = runPunte('scripts/export.ts', env, ['--server', server.url, '--user', 'planner', '--layer', 'services', '--out', out]);
    expect(await exported.exited, exported.output()).toBe(0);
    const names = JSON.parse(await fs.readFile(out, 'utf8')).features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(names).toContain('Statie prin server');
  });

  it('takes over the lock of a process that died, and releases it when done', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    // kill -9 left the lock file behind, naming a pid that no longer runs.
    expect(readLockOwner(test.location)?.pid).toBe(server.child.pid);
    const out = path.join(work, 'zones.geojson');
    const exported = runPunte('scripts/export.ts', { PUNTE_DATA_DIR: test.location }, ['--layer', 'zones', '--out', out]);
    expect(await exported.exited, exported.output()).toBe(0);
    expect(JSON.parse(await fs.readFile(out, 'utf8')).features.length).toBeGreaterThan(0);
    expect(readLockOwner(test.location)).toBeUndefined();
  });
});
