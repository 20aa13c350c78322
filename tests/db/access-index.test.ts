import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAccessQuery, type AccessOrigin } from '../../api/src/db/access-queries';
import { SERVICE_CATEGORIES } from '../../api/src/domain/vocabulary';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 4, speed: the nearest-service queries must reach services through a GiST index: the nearest query
// through each category's partial index services_geom_gist_<category> (migration 20261123020000), the
// profile query (n-th nearest, counts) through services_geom_gist. With the
// demo's 180 services a sequential scan is cheaper and the planner rightly takes it, so the test
// loads a metro-sized table (5,000 more services, as in bench/) inside a transaction, runs ANALYZE,
// and reads the plan the planner chooses on its own (no enable_seqscan tricks), then rolls back.
describe('nearest-service queries use the GiST index', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test?.drop());

  const origins: AccessOrigin[] = Array.from({ length: 200 }, (_, i) => ({ key: `o${i}`, lon: 23.45 + (i % 20) * 0.02, lat: 46.7 + Math.floor(i / 20) * 0.015 }));

  /** Runs `check` inside a rolled-back transaction holding 5,000 extra services. */
  async function withMetroServices(check: (trx: Parameters<Parameters<TestDatabase['db']['knex']['transaction']>[0]>[0]) => Promise<void>) {
    const rollback = new Error('rollback');
    await test.db.knex
      .transaction(async (trx) => {
        await trx.raw(
          `insert into services (name, category, geom)
           select 'bench ' || g, (?::json ->> (g % 10)), ST_SetSRID(ST_MakePoint(23.4 + ((g * 7919) % 5000) / 5000.0 * 0.5, 46.65 + ((g * 104729) % 5000) / 5000.0 * 0.25), 4326)
           from generate_series(1, 5000) g`,
          [JSON.stringify(SERVICE_CATEGORIES)],
        );
        await trx.raw('analyze services');
        await check(trx);
        throw rollback;
      })
      .catch((error) => {
        if (error !== rollback) throw error;
      });
  }

  it("KNN-orders and range-scans each category's services through its partial GiST index (nearest query)", async () => {
    await withMetroServices(async (trx) => {
      const plan = (await explainAccessQuery(trx, 'nearest', origins, SERVICE_CATEGORIES)).join('\n');
      for (const category of SERVICE_CATEGORIES) {
        // Both steps, the KNN of the three nearest and the exact range scan, are index scans.
        const scans = plan.match(new RegExp(`Index Scan using services_geom_gist_${category} on services`, 'g'));
        expect(scans?.length, `${category}\n${plan}`).toBe(2);
      }
      expect(plan.match(/Order By: \(geom <-> /g)?.length).toBe(SERVICE_CATEGORIES.length);
      expect(plan).not.toMatch(/Seq Scan on services/);
    });
  });

  it('uses services_geom_gist for the access profile (n-th nearest and counts)', async () => {
    await withMetroServices(async (trx) => {
      const plan = (await explainAccessQuery(trx, 'profile', origins, SERVICE_CATEGORIES, 3)).join('\n');
      expect(plan.match(/Index Scan using services_geom_gist on services/g)?.length, plan).toBe(2);
      expect(plan).not.toMatch(/Seq Scan on services/);
    });
  });

  it('really detects a plan without the index', async () => {
    // The same check on a plan where the index is switched off must fail, or the test proves nothing.
    await withMetroServices(async (trx) => {
      await trx.raw('set local enable_indexscan = off');
      await trx.raw('set local enable_bitmapscan = off');
      const plan = (await explainAccessQuery(trx, 'nearest', origins, SERVICE_CATEGORIES)).join('\n');
      expect(plan).not.toMatch(/Index Scan using services_geom_gist/);
    });
  });
});
