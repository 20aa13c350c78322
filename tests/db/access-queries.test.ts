import { distance as turfDistance } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestServiceDistances, serviceAccessProfiles, type AccessOrigin } from '../../api/src/db/access-queries';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../api/src/domain/vocabulary';
import { vincentyDistance } from '../support/geodesic';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type ServiceRow = { id: number; name: string; category: ServiceCategory; lon: number; lat: number };

/** A deterministic PRNG (mulberry32), so a failing origin can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each origin's expected figures come from Vincenty's formula on WGS84 over EVERY service (no index,
// no SQL), an independent computation of what the indexed query must find.
describe('nearest-service queries', () => {
  let test: TestDatabase;
  let services: ServiceRow[];
  beforeAll(async () => {
    test = await createTestDatabase();
    services = await loadServices(test);
  });
  afterAll(async () => test?.drop());

  const loadServices = async (t: TestDatabase): Promise<ServiceRow[]> =>
    (await t.db.knex.raw('select id, name, category, ST_X(geom) as lon, ST_Y(geom) as lat from services order by id')).rows;

  const expectedNearest = (origin: AccessOrigin, category: ServiceCategory) => {
    let best: { id: number; distanceM: number } | null = null;
    for (const s of services) {
      if (s.category !== category) continue;
      const d = vincentyDistance([origin.lon, origin.lat], [s.lon, s.lat]);
      if (!best || d < best.distanceM - 1e-6 || (Math.abs(d - best.distanceM) <= 1e-6 && s.id < best.id)) best = { id: s.id, distanceM: d };
    }
    return best;
  };

  it('finds the geodesic nearest service of every category for the Pata Rât communities and the centre', async () => {
    const origins: AccessOrigin[] = [
      { key: 'cantonului', lon: 23.69175, lat: 46.78154 },
      { key: 'dallas', lon: 23.6839, lat: 46.7688 },
      { key: 'colina-verde', lon: 23.68321, lat: 46.77779 },
      { key: 'piata-unirii', lon: 23.58932, lat: 46.76996 },
    ];
    const result = await nearestServiceDistances(test.db.knex, origins, SERVICE_CATEGORIES);
    expect([...result.keys()].sort()).toEqual(origins.map((o) => o.key).sort());
    for (const origin of origins) {
      for (const category of SERVICE_CATEGORIES) {
        const expected = expectedNearest(origin, category);
        const found = result.get(origin.key)?.[category];
        expect(found, `${origin.key} ${category}`).toBeTruthy();
        expect(found?.serviceId, `${origin.key} ${category}`).toBe(expected?.id);
        expect(Math.abs((found?.distanceM ?? 0) - (expected?.distanceM ?? 0)), `${origin.key} ${category}`).toBeLessThan(0.01);
        expect(found?.name).toBe(services.find((s) => s.id === found?.serviceId)?.name);
      }
    }
  });

  it('answers 500 random origins over the metro area in one query, exactly as the brute force', async () => {
    const random = prng(4);
    const origins: AccessOrigin[] = Array.from({ length: 500 }, (_, i) => ({
      key: `o${i}`,
      lon: 23.4 + random() * 0.45,
      lat: 46.68 + random() * 0.18,
    }));
    const categories: ServiceCategory[] = ['school', 'transit_stop', 'social_services', 'family_doctor'];
    const result = await nearestServiceDistances(test.db.knex, origins, categories);
    expect(result.size).toBe(500);
    for (const origin of origins) {
      for (const category of categories) {
        const expected = expectedNearest(origin, category);
        const found = result.get(origin.key)?.[category];
        expect(found?.serviceId, `${origin.key} ${category}`).toBe(expected?.id);
        expect(Math.abs((found?.distanceM ?? 0) - (expected?.distanceM ?? 0))).toBeLessThan(0.01);
      }
    }
  });

  it('finds the geodesic nearest even when six services are nearer in planar degrees', async () => {
    // 50 km from the demo data. At 46.9° N a degree of longitude is ~0.68 of a degree of latitude, so the
    // services 0.007° north are nearer in degrees than the one 0.010° east, yet ~20–60 m farther on the ground.
    const origin = { key: 'decoy', lon: 24.3, lat: 46.9 };
    const east = { lon: 24.31, lat: 46.9 };
    const north = [-0.0008, -0.0004, 0, 0.0004, 0.0008, 0.0002].map((dx, i) => ({ lon: 24.3 + dx, lat: 46.9 + 0.0070 + i * 0.0001 }));
    await test.db.knex.transaction(async (trx) => {
      const insert = (name: string, p: { lon: number; lat: number }) =>
        trx('services')
          .insert({ name, category: 'employment_office', geom: trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [p.lon, p.lat]) })
          .returning('id');
      const [eastRow] = await insert('east', east);
      for (const [i, p] of north.entries()) await insert(`north ${i}`, p);
      for (const p of north) {
        expect(Math.hypot(p.lon - origin.lon, p.lat - origin.lat)).toBeLessThan(Math.hypot(east.lon - origin.lon, east.lat - origin.lat));
        expect(vincentyDistance([origin.lon, origin.lat], [p.lon, p.lat])).toBeGreaterThan(vincentyDistance([origin.lon, origin.lat], [east.lon, east.lat]));
      }
      const result = await nearestServiceDistances(trx, [origin], ['employment_office']);
      const found = result.get('decoy')?.employment_office;
      expect(found?.serviceId).toBe(eastRow.id);
      expect(found?.distanceM).toBeCloseTo(vincentyDistance([origin.lon, origin.lat], [east.lon, east.lat]), 2);

      const profile = await serviceAccessProfiles(trx, [origin], ['employment_office'], 3);
      const sorted = [east, ...north].map((p) => vincentyDistance([origin.lon, origin.lat], [p.lon, p.lat])).sort((a, b) => a - b);
      const access = profile.get('decoy')?.employment_office;
      expect(access?.nearest?.serviceId).toBe(eastRow.id);
      expect(access?.nthNearestM).toBeCloseTo(sorted[2] as number, 2);
      expect(access).toMatchObject({ within500m: 0, within1km: 7, within2km: 7 });
      await trx.rollback();
    }).catch((error) => {
      if (!/Transaction rejected with non-error: undefined/.test(String(error))) throw error;
    });
  });

  it('returns null for a category without services and keeps repeated keys as one entry', async () => {
    await test.db.knex.transaction(async (trx) => {
      await trx('services').where({ category: 'community_centre' }).delete();
      const result = await nearestServiceDistances(trx, [{ key: 'a', lon: 23.6, lat: 46.77 }, { key: 'a', lon: 23.6, lat: 46.77 }], ['community_centre', 'school']);
      expect(result.size).toBe(1);
      expect(result.get('a')?.community_centre).toBeNull();
      expect(result.get('a')?.school?.distanceM).toBeGreaterThan(0);
      const profile = await serviceAccessProfiles(trx, [{ key: 'a', lon: 23.6, lat: 46.77 }], ['community_centre'], 3);
      expect(profile.get('a')?.community_centre).toEqual({ nearest: null, nthNearestM: null, within500m: 0, within1km: 0, within2km: 0 });
      await trx.rollback();
    }).catch((error) => {
      if (!/Transaction rejected with non-error: undefined/.test(String(error))) throw error;
    });
  });

  it('counts the services within 500 m, 1 km and 2 km and the n-th nearest exactly', async () => {
    const random = prng(11);
    const origins: AccessOrigin[] = Array.from({ length: 60 }, (_, i) => ({ key: `p${i}`, lon: 23.55 + random() * 0.1, lat: 46.75 + random() * 0.04 }));
    const profiles = await serviceAccessProfiles(test.db.knex, origins, SERVICE_CATEGORIES, 3);
    for (const origin of origins) {
      for (const category of SERVICE_CATEGORIES) {
        const distances = services
          .filter((s) => s.category === category)
          .map((s) => vincentyDistance([origin.lon, origin.lat], [s.lon, s.lat]))
          .sort((a, b) => a - b);
        const access = profiles.get(origin.key)?.[category];
        const label = `${origin.key} ${category}`;
        expect(access?.nearest?.distanceM, label).toBeCloseTo(distances[0] as number, 2);
        expect(access?.nthNearestM, label).toBeCloseTo(distances[2] as number, 2);
        expect(access?.within500m, label).toBe(distances.filter((d) => d <= 500).length);
        expect(access?.within1km, label).toBe(distances.filter((d) => d <= 1000).length);
        expect(access?.within2km, label).toBe(distances.filter((d) => d <= 2000).length);
      }
    }
  });

  it('agrees with Turf within 1 m for services closer than 250 m', async () => {
    const origin = { key: 'near', lon: 23.58932, lat: 46.76996 };
    const nearby = services.filter((s) => turfDistance([origin.lon, origin.lat], [s.lon, s.lat], { units: 'meters' }) < 250);
    const result = await nearestServiceDistances(test.db.knex, [origin], [...new Set(nearby.map((s) => s.category))]);
    for (const [category, found] of Object.entries(result.get('near') ?? {})) {
      const service = services.find((s) => s.id === found?.serviceId) as ServiceRow;
      const turf = turfDistance([origin.lon, origin.lat], [service.lon, service.lat], { units: 'meters' });
      expect(Math.abs((found?.distanceM ?? 0) - turf), category).toBeLessThan(1);
    }
  });

  it('refuses origins outside WGS84 and unknown categories before any SQL', async () => {
    await expect(nearestServiceDistances(test.db.knex, [{ key: 'x', lon: 200, lat: 0 }], ['school'])).rejects.toThrow(/WGS84/);
    await expect(nearestServiceDistances(test.db.knex, [{ key: 'x', lon: Number.NaN, lat: 0 }], ['school'])).rejects.toThrow(/WGS84/);
    await expect(nearestServiceDistances(test.db.knex, [{ key: 'x', lon: 23, lat: 46 }], ['bakery' as ServiceCategory])).rejects.toThrow(/category/);
    expect((await nearestServiceDistances(test.db.knex, [], ['school'])).size).toBe(0);
  });
});
