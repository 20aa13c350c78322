import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_CATEGORIES } from '../../api/src/domain/vocabulary';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

describe('point distances (map tool)', () => {
  let app: TestApp;
  let viewer: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    viewer = await app.as('viewer');
  });
  afterAll(async () => app?.close());

  it('measures from Piața Unirii: 0 m to the centre, the nearest service of every category', async () => {
    const response = await viewer.get('/api/point-distances?lon=23.58932&lat=46.76996');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.cityCentre).toMatchObject({ name: 'Piața Unirii', distanceM: 0 });
    expect(body.nearestServices.map((s: { category: string }) => s.category).sort()).toEqual([...SERVICE_CATEGORIES].sort());
    for (const service of body.nearestServices) expect(service.distanceM).toBeGreaterThanOrEqual(0);
    // Pata Rât is 7–8 km from the centre in a straight line (DOMAIN.md).
    expect(body.nearestSettlement.inside).toBe(false);
    expect(body.nearestSettlement.distanceM).toBeGreaterThan(5000);
    expect(body.nearestSettlement.distanceM).toBeLessThan(10_000);
  });

  it('says when the point lies inside a settlement, and agrees with PostGIS on the nearest stop', async () => {
    const inner = await app.db.knex.raw('select id, ST_X(p) as lon, ST_Y(p) as lat from (select id, ST_PointOnSurface(geom) as p from settlements order by id limit 1) t');
    const { id, lon, lat } = inner.rows[0];
    const body = await (await viewer.get(`/api/point-distances?lon=${lon}&lat=${lat}`)).json();
    expect(body.nearestSettlement).toMatchObject({ id, distanceM: 0, inside: true });
    expect(body.cityCentre.distanceM).toBeGreaterThan(5000);
    const stop = body.nearestServices.find((s: { category: string }) => s.category === 'transit_stop');
    const check = await app.db.knex.raw(
      `select min(ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)) as d from services where category = 'transit_stop'`,
      [lon, lat],
    );
    expect(stop.distanceM).toBeCloseTo(Number(check.rows[0].d), 3);
  });

  it.each(['lon=abc&lat=46.7', 'lon=23.6', 'lon=200&lat=46.7', 'lon=23.6&lat=46.7&zoom=3'])('refuses %s with 400', async (query) => {
    await expectProblem(await viewer.get(`/api/point-distances?${query}`), 400);
  });

  it('needs a session', async () => {
    await expectProblem(await app.anonymous.get('/api/point-distances?lon=23.6&lat=46.77'), 401);
  });
});
