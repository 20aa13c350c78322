import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/src/db/database';
import { startServer, type PunteProcess } from '../support/server-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TEST_PASSWORD } from '../support/test-engine';

// Issue 10: kill -9 of the embedded engine during a burst of writes, three times. After each crash the
// app starts again, every write it acknowledged (2xx) is there, and none is half-written: each zone
// created has exactly its one audit row, written in the same transaction.

const WORKERS = 3;

/** Signs in as `username` on `baseUrl` and returns the session cookie. */
async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') as string).split(';')[0] as string;
}

/** A small square zone near Pata Rât, unique per (round, worker, n). */
function zone(round: number, worker: number, n: number) {
  const lon = 23.55 + worker * 0.01 + (n % 50) * 0.0001;
  const lat = 46.75 + round * 0.01 + Math.floor(n / 50) * 0.0001;
  const d = 0.00005;
  return {
    type: 'Feature',
    properties: { name: `crash-${round}-${worker}-${n}`, kind: 'intervention' },
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] },
  };
}

describe('kill -9 during a burst of writes (embedded engine)', () => {
  let test: TestDatabase;
  let server: (PunteProcess & { url: string }) | undefined;
  const acknowledged = new Map<number, string>();

  beforeAll(async () => {
    test = await createTestDatabase();
    await test.db.close();
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await test?.drop().catch(() => undefined);
  });

  it('keeps every acknowledged write and half-writes none, over three crashes', async () => {
    for (let round = 1; round <= 3; round++) {
      server = await startServer({ PUNTE_DATA_DIR: test.location });
      const { url } = server;
      const health = await (await fetch(`${url}api/health`)).json();
      expect(health.status, `start after crash ${round - 1}`).toBe('ok');
      const cookie = await signIn(url, 'planner');
      let stop = false;
      const worker = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const body = zone(round, w, n);
          try {
            const response = await fetch(`${url}api/zones`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
            if (response.status === 201) acknowledged.set((await response.json()).id, body.properties.name);
          } catch {
            return; // the server died mid-request: that write was never acknowledged
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
      // Let the burst run, then crash at a moment that differs per round.
      const before = acknowledged.size;
      const deadline = Date.now() + 60_000;
      while (acknowledged.size < before + 20 * round && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(acknowledged.size, `writes acknowledged in round ${round}`).toBeGreaterThanOrEqual(before + 20 * round);
      server.child.kill('SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all(workers);
      server = undefined;
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(120);

    // A fourth start: the app works and serves every acknowledged zone.
    server = await startServer({ PUNTE_DATA_DIR: test.location });
    const cookie = await signIn(server.url, 'planner');
    const listed = await (await fetch(`${server.url}api/zones?q=crash-&limit=10000`, { headers: { cookie } })).json();
    const names = new Map<number, string>(listed.features.map((f: { id: number; properties: { name: string } }) => [f.id, f.properties.name]));
    for (const [id, name] of acknowledged) expect(names.get(id), `acknowledged zone ${id}`).toBe(name);
    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;

    // Nothing half-written: each crash zone has exactly one audit row of its creation, and no audit row
    // of a creation lacks its zone.
    const db = await openDatabase({ engine: 'embedded', dataDir: test.location });
    try {
      const zones = await db.knex('zones').where('name', 'like', 'crash-%').select('id');
      const audits = await db.knex('audit_log').where({ table_name: 'zones', action: 'create' }).whereIn('record_id', zones.map((z) => String(z.id))).select('record_id');
      expect(audits.length).toBe(zones.length);
      const orphans = await db.knex.raw(
        `select count(*)::int as n from audit_log a where a.table_name = 'zones' and a.action = 'create' and not exists (select 1 from zones z where z.id::text = a.record_id)`,
      );
      expect(orphans.rows[0].n).toBe(0);
      expect(zones.length).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      await db.close();
    }
  }, 240_000);
});
