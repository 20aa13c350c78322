import { destination, distance as turfDistance } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_CONFIG } from '../../api/src/domain/access-config';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../api/src/domain/vocabulary';
import { vincentyDistance } from '../support/geodesic';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

type Position = [number, number];
type ServiceRow = { id: number; name: string; category: ServiceCategory; lon: number; lat: number };

// Independent figures: Turf (a sphere) for the fixture, whose services all lie within 250 m where the
// sphere and the WGS84 spheroid differ by < 0.75 m; Vincenty's formula on WGS84 (tests/support/geodesic.ts)
// for the demo data, whose distances are kilometres (Turf would differ by up to ~0.3% there).

// The fixture: an origin ~25 km east of the demo data, with services of every category placed by
// bearing and distance. The three nearest lie within 250 m; the others, far from the 500 m / 1 km /
// 2 km edges, only count.
const ORIGIN: Position = [23.95, 46.95];
const FIXTURE_DISTANCES_M = [60, 140, 235, 700, 1450, 2600];

/** Returns the position `metres` from ORIGIN at `bearing`, as Turf computes it on its sphere. */
const around = (metres: number, bearing: number): Position =>
  destination(ORIGIN, metres, bearing, { units: 'meters' }).geometry.coordinates as Position;

describe('service access API', () => {
  let app: TestApp;
  let planner: ApiClient;
  let viewer: ApiClient;
  let caseworker: ApiClient;
  let fixture: Map<ServiceCategory, Array<{ id: number; position: Position }>>;
  let services: ServiceRow[];

  beforeAll(async () => {
    app = await startTestApp();
    [planner, viewer, caseworker] = await Promise.all([app.as('planner'), app.as('viewer'), app.as('caseworker')]);
    fixture = new Map();
    const { knex } = app.db;
    for (const [c, category] of SERVICE_CATEGORIES.entries()) {
      const rows = [];
      for (const [i, metres] of FIXTURE_DISTANCES_M.entries()) {
        const position = around(metres, (c * 37 + i * 71) % 360);
        const [row] = await knex('services')
          .insert({
            name: `Fixture ${category} ${metres} m`,
            category,
            geom: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', position),
          })
          .returning('id');
        rows.push({ id: row.id as number, position });
      }
      fixture.set(category, rows);
    }
    services = (await knex.raw('select id, name, category, ST_X(geom) as lon, ST_Y(geom) as lat from services order by id')).rows;
  });
  afterAll(async () => app?.close());

  const vincentyNearest = (from: Position, category: ServiceCategory) =>
    services
      .filter((s) => s.category === category)
      .map((s) => ({ id: s.id, d: vincentyDistance(from, [s.lon, s.lat]) }))
      .sort((a, b) => a.d - b.d || a.id - b.id);

  it('matches Turf within 1 m for every distance of the fixture, with counts, minutes and score', async () => {
    const response = await planner.get(`/api/access?lon=${ORIGIN[0]}&lat=${ORIGIN[1]}&n=3`);
    expect(response.status).toBe(200);
    const card = await response.json();
    expect(card).toMatchObject({ method: 'geodesic', n: 3, walkingSpeedKmh: 4.8, origin: { kind: 'point', position: ORIGIN }, populationWeighted: null });
    expect(card.atPoint.categories.map((c: { category: string }) => c.category)).toEqual([...SERVICE_CATEGORIES]);
    for (const entry of card.atPoint.categories) {
      const placed = fixture.get(entry.category) as Array<{ id: number; position: Position }>;
      const turf = placed.map((p) => ({ id: p.id, d: turfDistance(ORIGIN, p.position, { units: 'meters' }) })).sort((a, b) => a.d - b.d);
      expect(entry.nearest.serviceId, entry.category).toBe(turf[0]?.id);
      expect(Math.abs(entry.nearest.distanceM - (turf[0]?.d as number)), entry.category).toBeLessThan(1);
      expect(Math.abs(entry.nthNearestM - (turf[2]?.d as number)), entry.category).toBeLessThan(1);
      expect(Math.abs(entry.nearest.walkMinutes - entry.nearest.distanceM / 80)).toBeLessThanOrEqual(0.051);
      expect(entry.nearest.position[0]).toBeCloseTo(placed.find((p) => p.id === entry.nearest.serviceId)?.position[0] as number, 7);
      expect(entry).toMatchObject({
        within500m: turf.filter((t) => t.d <= 500).length,
        within1km: turf.filter((t) => t.d <= 1000).length,
        within2km: turf.filter((t) => t.d <= 2000).length,
        score: 100,
        weight: DEFAULT_ACCESS_CONFIG.categories[entry.category as ServiceCategory].weight,
      });
      expect([entry.within500m, entry.within1km, entry.within2km]).toEqual([3, 4, 5]);
    }
    expect(card.atPoint.score).toBe(100);
  });

  it('gives a housing unit at the fixture the same figures, and scores a partial access by the formula', async () => {
    const { knex } = app.db;
    const [unit] = await knex('housing_units')
      .insert({ code: 'HU-FIXTURE', rooms: 2, floor_area_m2: 40, geom: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', ORIGIN) })
      .returning('id');
    const card = await (await planner.get(`/api/access/housing-units/${unit.id}?categories=school,transit_stop`)).json();
    expect(card.origin).toMatchObject({ kind: 'housing-unit', id: unit.id, name: 'HU-FIXTURE', positionMethod: 'unit-location' });
    expect(card.atPoint.categories.map((c: { category: string }) => c.category)).toEqual(['school', 'transit_stop']);
    const school = card.atPoint.categories[0];
    const turf = Math.min(...(fixture.get('school') ?? []).map((p) => turfDistance(ORIGIN, p.position, { units: 'meters' })));
    expect(Math.abs(school.nearest.distanceM - turf)).toBeLessThan(1);

    // 1.3 km east of the fixture origin only the 1450 m and 2600 m services are near: the score follows the formula.
    const east = around(1300, 90);
    const partial = await (await planner.get(`/api/access?lon=${east[0]}&lat=${east[1]}`)).json();
    let weighted = 0;
    let weights = 0;
    for (const c of partial.atPoint.categories) {
      const { weight, fullAccessM, halfDistanceM } = DEFAULT_ACCESS_CONFIG.categories[c.category as ServiceCategory];
      const d = vincentyNearest(east, c.category)[0]?.d as number;
      expect(Math.abs(c.nearest.distanceM - d)).toBeLessThan(0.06);
      const decay = d <= fullAccessM ? 1 : 2 ** (-(d - fullAccessM) / halfDistanceM);
      expect(c.score).toBeCloseTo(100 * decay, 0);
      weighted += weight * decay;
      weights += weight;
    }
    expect(partial.atPoint.score).toBeCloseTo((100 * weighted) / weights, 0);
    expect(partial.atPoint.score).toBeGreaterThan(0);
    expect(partial.atPoint.score).toBeLessThan(100);
  });

  it('shows each Pata Rât community its nearest school, family doctor, transit stop and social services', async () => {
    const settlements = (await app.db.knex('settlements').select('id', 'name', 'population_estimate').orderBy('id')) as Array<{
      id: number;
      name: string;
      population_estimate: number;
    }>;
    expect(settlements).toHaveLength(4);
    for (const settlement of settlements) {
      const response = await viewer.get(`/api/access/settlements/${settlement.id}`);
      expect(response.status).toBe(200);
      const card = await response.json();
      expect(card.origin).toMatchObject({ kind: 'settlement', id: settlement.id, name: settlement.name, positionMethod: 'point-on-surface' });
      for (const category of ['school', 'family_doctor', 'transit_stop', 'social_services'] as const) {
        const entry = card.atPoint.categories.find((c: { category: string }) => c.category === category);
        const expected = vincentyNearest(card.origin.position, category)[0];
        expect(entry.nearest.name, `${settlement.name} ${category}`).toEqual(expect.any(String));
        expect(entry.nearest.serviceId).toBe(expected?.id);
        expect(Math.abs(entry.nearest.distanceM - (expected?.d as number)), `${settlement.name} ${category}`).toBeLessThan(1);
        expect(Math.abs(entry.nthNearestM - (vincentyNearest(card.origin.position, category)[2]?.d as number))).toBeLessThan(1);
      }
      expect(card.populationWeighted).toMatchObject({ basis: 'uniform-within-polygon', population: settlement.population_estimate });
      expect(card.populationWeighted.samplePoints).toBeGreaterThanOrEqual(8);
      for (const c of card.populationWeighted.categories) {
        expect(c.meanNearestM).toBeGreaterThan(0);
        expect(c.shareWithin500m).toBeLessThanOrEqual(c.shareWithin1km);
        expect(c.shareWithin1km).toBeLessThanOrEqual(c.shareWithin2km);
      }
    }
  });

  it('weights a locality by its neighbourhoods and says when a zone has no population', async () => {
    const zones = (await app.db.knex('zones').select('id', 'name', 'kind', 'population', 'parent_id')) as Array<{
      id: number;
      name: string;
      kind: string;
      population: number | null;
      parent_id: number | null;
    }>;
    const cluj = zones.find((z) => z.name === 'Cluj-Napoca') as (typeof zones)[number];
    const neighbourhoods = zones.filter((z) => z.parent_id === cluj.id && z.kind === 'neighbourhood');
    const card = await (await planner.get(`/api/access/zones/${cluj.id}`)).json();
    expect(card.populationWeighted.basis).toBe('neighbourhood-population');
    expect(card.populationWeighted.population).toBe(neighbourhoods.reduce((s, z) => s + (z.population ?? 0), 0));
    expect(card.populationWeighted.samplePoints).toBeGreaterThanOrEqual(neighbourhoods.length * 8);

    const intervention = zones.find((z) => z.kind === 'intervention') as (typeof zones)[number];
    const plain = await (await planner.get(`/api/access/zones/${intervention.id}`)).json();
    expect(plain.populationWeighted).toBeNull();
    expect(plain.populationWeightedNote).toMatch(/population/);
    expect(plain.atPoint.categories).toHaveLength(10);
  });

  it("compares a relocation plan's settlement with its housing unit, category by category", async () => {
    const plan = await app.db
      .knex('relocation_plans as p')
      .join('households as h', 'h.id', 'p.household_id')
      .whereNotNull('p.housing_unit_id')
      .whereNotNull('h.settlement_id')
      .select('p.id', 'p.code', 'p.housing_unit_id', 'h.settlement_id')
      .first();
    const response = await caseworker.get(`/api/access/relocation-plans/${plan.id}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ method: 'geodesic', plan: { id: plan.id, code: plan.code }, gainBasis: 'at-point', note: null });
    expect(body.origin.origin).toMatchObject({ kind: 'settlement', id: plan.settlement_id });
    expect(body.destination.origin).toMatchObject({ kind: 'housing-unit', id: plan.housing_unit_id });
    for (const [i, gain] of body.gain.categories.entries()) {
      const from = body.origin.atPoint.categories[i];
      const to = body.destination.atPoint.categories[i];
      expect(gain.category).toBe(from.category);
      expect(gain.changeM).toBeCloseTo(to.nearest.distanceM - from.nearest.distanceM, 0);
      expect(gain.scoreChange).toBeCloseTo(to.score - from.score, 0);
    }
    expect(body.gain.scoreChange).toBeCloseTo(body.destination.atPoint.score - body.origin.atPoint.score, 0);
    await expectProblem(await viewer.get(`/api/access/relocation-plans/${plan.id}`), 403);
    await expectProblem(await caseworker.get('/api/access/relocation-plans/999999'), 404);
  });

  it('serves the hexagon grid with scores and distances that match Vincenty, cached by ETag', async () => {
    const response = await viewer.get('/api/access/grid');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const grid = await response.json();
    expect(grid).toMatchObject({ type: 'FeatureCollection', method: 'geodesic', category: 'all', cellWidthM: 400 });
    expect(grid.legend.classes).toHaveLength(5);
    expect(grid.features.length).toBeGreaterThan(200);
    for (const feature of grid.features.filter((_: unknown, i: number) => i % 97 === 0)) {
      expect(feature.geometry.type).toBe('Polygon');
      expect(feature.geometry.coordinates[0]).toHaveLength(7);
      expect(feature.properties.score).toBeGreaterThanOrEqual(0);
      expect(feature.properties.score).toBeLessThanOrEqual(100);
      const ring = feature.geometry.coordinates[0] as Position[];
      const centre: Position = [ring.slice(0, 6).reduce((s, p) => s + p[0], 0) / 6, ring.slice(0, 6).reduce((s, p) => s + p[1], 0) / 6];
      for (const category of SERVICE_CATEGORIES) {
        // Distances are whole metres; the ring is rounded to 6 decimals (~0.1 m).
        expect(Math.abs(feature.properties[category] - (vincentyNearest(centre, category)[0]?.d as number)), category).toBeLessThan(1);
      }
    }
    const etag = response.headers.get('etag') as string;
    // fetch() sends `Cache-Control: no-cache` with a hand-made If-None-Match (a browser revalidates by itself).
    const revalidate = (tag: string) => ({ 'if-none-match': tag, 'cache-control': 'max-age=0' });
    expect((await viewer.get('/api/access/grid', revalidate(etag))).status).toBe(304);

    const schoolsResponse = await viewer.get('/api/access/grid?category=school');
    const schoolsTag = schoolsResponse.headers.get('etag') as string;
    expect((await viewer.get('/api/access/grid?category=school', revalidate(schoolsTag))).status).toBe(304);
    const schools = await schoolsResponse.json();
    expect(schools.category).toBe('school');
    expect(schools.features).toHaveLength(grid.features.length);
    const cell = schools.features[0];
    const { fullAccessM, halfDistanceM } = DEFAULT_ACCESS_CONFIG.categories.school;
    const d = cell.properties.school as number;
    expect(cell.properties.nearestM).toBe(d);
    expect(cell.properties.score).toBeCloseTo(d <= fullAccessM ? 100 : 100 * 2 ** (-(d - fullAccessM) / halfDistanceM), 0);

    // A new school in the first cell changes the data version: the grid is rebuilt, not served stale.
    const centre = cell.geometry.coordinates[0][0] as Position;
    await app.db.knex('services').insert({ name: 'New school', category: 'school', geom: app.db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', centre) });
    const after = await viewer.get('/api/access/grid?category=school', revalidate(schoolsTag));
    expect(after.status).toBe(200);
    expect((await after.json()).features[0].properties.school).toBeLessThan(d);
  });

  it('draws catchment rings of the asked radii around every service of a category', async () => {
    const response = await viewer.get('/api/access/catchments?category=social_services&radii=1000,500');
    expect(response.status).toBe(200);
    const body = await response.json();
    const socials = services.filter((s) => s.category === 'social_services');
    expect(body.features).toHaveLength(socials.length * 2);
    expect(body.features[0].properties.radiusM).toBe(1000);
    expect(body.features.at(-1).properties.radiusM).toBe(500);
    for (const feature of body.features) {
      const service = socials.find((s) => s.id === feature.properties.serviceId) as ServiceRow;
      expect(feature.geometry.type).toBe('Polygon');
      for (const vertex of feature.geometry.coordinates[0] as Position[]) {
        // Within 0.5% of the radius: ST_Buffer works in a local projection, and coordinates have 6 decimals.
        expect(Math.abs(vincentyDistance([service.lon, service.lat], vertex) - feature.properties.radiusM)).toBeLessThan(feature.properties.radiusM * 0.005);
      }
    }
    const again = await viewer.get('/api/access/catchments?category=social_services&radii=500,1000', {
      'if-none-match': response.headers.get('etag') as string,
      'cache-control': 'max-age=0',
    });
    expect(again.status).toBe(304);
  });

  it('compares the Pata Rât communities with the city average, the localities and chosen units', async () => {
    const units = (await app.db.knex('housing_units').select('id').orderBy('id').limit(2)) as Array<{ id: number }>;
    const response = await viewer.get(`/api/access/comparison?housingUnitIds=${units.map((u) => u.id).join(',')}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.method).toBe('geodesic');
    expect(body.cityAverage).toMatch(/neighbourhoods/);
    const kinds = body.rows.map((r: { kind: string }) => r.kind);
    expect(kinds.filter((k: string) => k === 'settlement')).toHaveLength(4);
    expect(kinds.filter((k: string) => k === 'city-average')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'locality').length).toBeGreaterThanOrEqual(3);
    expect(body.rows.slice(-2).map((r: { id: number }) => r.id)).toEqual(units.map((u) => u.id));
    for (const row of body.rows) {
      expect(row.categories.map((c: { category: string }) => c.category)).toEqual([...SERVICE_CATEGORIES]);
      expect(row.basis).toBe(row.kind === 'housing-unit' ? 'point' : 'population-weighted');
    }
    // What the comparison is for: the communities are far worse served than the city on average.
    const city = body.rows.find((r: { kind: string }) => r.kind === 'city-average');
    for (const settlement of body.rows.filter((r: { kind: string }) => r.kind === 'settlement')) {
      expect(settlement.score).toBeLessThan(city.score);
    }
    const schoolOnly = await (await viewer.get('/api/access/comparison?categories=school')).json();
    expect(schoolOnly.rows[0].categories.map((c: { category: string }) => c.category)).toEqual(['school']);
    await expectProblem(await viewer.get('/api/access/comparison?housingUnitIds=999999'), 404);
  });

  it('stores the access score of every housing unit on refresh, without bumping versions', async () => {
    await expectProblem(await viewer.post('/api/access/refresh', {}), 403);
    const before = await app.db.knex('housing_units').select('id', 'version', 'updated_at').orderBy('id');
    const response = await planner.post('/api/access/refresh', {});
    expect(response.status).toBe(200);
    const { updated } = await response.json();
    expect(updated).toBe(before.length);
    const after = await app.db.knex('housing_units').select('id', 'version', 'updated_at', 'access_score', 'access_computed_at').orderBy('id');
    expect(after.map((u) => [u.id, u.version, String(u.updated_at)])).toEqual(before.map((u) => [u.id, u.version, String(u.updated_at)]));
    for (const unit of after) {
      expect(unit.access_score).toBeGreaterThanOrEqual(0);
      expect(unit.access_computed_at).not.toBeNull();
    }
    const first = after[0] as { id: number; access_score: number };
    const card = await (await planner.get(`/api/access/housing-units/${first.id}`)).json();
    expect(first.access_score).toBeCloseTo(card.atPoint.score, 0);
    const audit = await app.db.knex('audit_log').where({ action: 'access.refresh' });
    expect(audit).toHaveLength(1);

    await expectProblem(await planner.post('/api/access/refresh', { housingUnitIds: [first.id, 999999] }), 404);
    await expectProblem(await planner.post('/api/access/refresh', { housingUnitIds: 'all' }), 400);
  });

  it('answers bad input with a problem naming the parameter', async () => {
    const bad = [
      '/api/access?lat=46.77',
      '/api/access?lon=23.6',
      '/api/access?lon=abc&lat=46.77',
      '/api/access?lon=&lat=46.77',
      '/api/access?lon=200&lat=46.77',
      '/api/access?lon=23.6&lat=-91',
      '/api/access?lon=23.6&lat=46.77&lat=46.8',
      '/api/access?lon=23.6&lat=46.77&categories=bakery',
      '/api/access?lon=23.6&lat=46.77&n=0',
      '/api/access?lon=23.6&lat=46.77&radius=5',
      '/api/access/settlements/abc',
      '/api/access/grid?category=bakery',
      '/api/access/catchments?category=school&radii=10',
      '/api/access/catchments?category=school&radii=abc',
      '/api/access/catchments',
      '/api/access/comparison?housingUnitIds=x',
    ];
    for (const path of bad) {
      const problem = await expectProblem(await viewer.get(path), 400);
      expect((problem.errors as unknown[]).length, path).toBeGreaterThan(0);
    }
    const missing = await expectProblem(await viewer.get('/api/access?lat=46.77'), 400);
    expect(missing.errors).toEqual([expect.objectContaining({ pointer: '/query/lon' })]);
    for (const path of ['/api/access/settlements/999999', '/api/access/zones/999999', '/api/access/housing-units/999999']) {
      await expectProblem(await viewer.get(path), 404);
    }
    await expectProblem(await app.anonymous.get('/api/access?lon=23.6&lat=46.77'), 401);
  });
});
