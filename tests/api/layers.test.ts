import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_CATEGORIES } from '../../api/src/domain/vocabulary';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

describe('map layers API', () => {
  let app: TestApp;
  let planner: ApiClient;
  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
  });
  afterAll(async () => app?.close());

  it('lists the four Pata Rât communities with their estimates', async () => {
    const response = await planner.get('/api/settlements');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const body = await response.json();
    expect(body.type).toBe('FeatureCollection');
    const names = body.features.map((f: { properties: { name: string } }) => f.properties.name).sort();
    expect(names).toHaveLength(4);
    expect(names.join(' ')).toMatch(/Cantonului/);
    expect(names.join(' ')).toMatch(/Dallas/);
    expect(names.join(' ')).toMatch(/Colina Verde/);
    expect(names.join(' ')).toMatch(/Rampa/);
    for (const feature of body.features) {
      expect(feature.geometry.type).toBe('MultiPolygon');
      expect(feature.properties.populationEstimate).toBeGreaterThan(0);
      expect(feature.properties.householdsEstimate).toBeGreaterThan(0);
      expect(feature.properties.estimateSource).toEqual(expect.any(String));
    }
    const households = body.features.reduce((sum: number, f: { properties: { householdsEstimate: number } }) => sum + f.properties.householdsEstimate, 0);
    expect(households).toBe(282);
  });

  it('lists at least 150 services in all ten categories', async () => {
    const body = await (await planner.get('/api/services?limit=1000')).json();
    expect(body.numberMatched).toBeGreaterThanOrEqual(150);
    expect(body.numberReturned).toBe(body.features.length);
    const categories = new Set(body.features.map((f: { properties: { category: string } }) => f.properties.category));
    expect([...categories].sort()).toEqual([...SERVICE_CATEGORIES].sort());
  });

  it('filters by category and pages with limit and offset', async () => {
    const all = await (await planner.get('/api/services?category=transit_stop&limit=1000')).json();
    expect(all.features.every((f: { properties: { category: string } }) => f.properties.category === 'transit_stop')).toBe(true);
    const first = await (await planner.get('/api/services?category=transit_stop&limit=5')).json();
    const second = await (await planner.get('/api/services?category=transit_stop&limit=5&offset=5')).json();
    expect(first.features.map((f: { id: number }) => f.id)).toEqual(all.features.slice(0, 5).map((f: { id: number }) => f.id));
    expect(second.features.map((f: { id: number }) => f.id)).toEqual(all.features.slice(5, 10).map((f: { id: number }) => f.id));
    expect(first.links.find((l: { rel: string }) => l.rel === 'next').href).toContain('offset=5');
    const two = await (await planner.get('/api/services?category=school,pharmacy&limit=1000')).json();
    expect(new Set(two.features.map((f: { properties: { category: string } }) => f.properties.category))).toEqual(new Set(['school', 'pharmacy']));
  });

  it('keeps only features inside a bbox', async () => {
    // Around Pata Rât, far from the centre.
    const bbox = [23.67, 46.76, 23.71, 46.79];
    const body = await (await planner.get(`/api/services?bbox=${bbox.join(',')}&limit=1000`)).json();
    expect(body.features.length).toBeGreaterThan(0);
    const all = await (await planner.get('/api/services?limit=1000')).json();
    expect(body.features.length).toBeLessThan(all.features.length);
    for (const f of body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThanOrEqual(bbox[0]!);
      expect(lat).toBeGreaterThanOrEqual(bbox[1]!);
      expect(lon).toBeLessThanOrEqual(bbox[2]!);
      expect(lat).toBeLessThanOrEqual(bbox[3]!);
    }
  });

  it('filters zones by kind and housing units by status', async () => {
    const localities = await (await planner.get('/api/zones?kind=locality')).json();
    const names = localities.features.map((f: { properties: { name: string } }) => f.properties.name);
    for (const name of ['Cluj-Napoca', 'Florești', 'Apahida', 'Baciu', 'Gilău']) expect(names).toContain(name);
    const units = await (await planner.get('/api/housing-units?status=available&limit=1000')).json();
    expect(units.features.length).toBeGreaterThan(0);
    expect(units.features.every((f: { properties: { status: string } }) => f.properties.status === 'available')).toBe(true);
  });

  it('returns one feature with its version as ETag', async () => {
    const list = await (await planner.get('/api/zones?limit=1')).json();
    const id = list.features[0].id;
    const response = await planner.get(`/api/zones/${id}`);
    expect(response.status).toBe(200);
    const feature = await response.json();
    expect(feature.id).toBe(id);
    expect(response.headers.get('etag')).toBe(`"${feature.properties.version}"`);
  });

  it.each([
    ['/api/settlements?bbox=nonsense', 400, /bbox/],
    ['/api/settlements?bbox=1,2,3', 400, /bbox/],
    ['/api/settlements?bbox=23.7,46.7,23.6,46.8', 400, /bbox/],
    ['/api/settlements?bbox=200,46.7,201,46.8', 400, /bbox/],
    ['/api/settlements?limit=-1', 400, /limit/],
    ['/api/settlements?limit=0', 400, /limit/],
    ['/api/settlements?limit=100001', 400, /limit/],
    ['/api/settlements?limit=ten', 400, /limit/],
    ['/api/settlements?offset=-3', 400, /offset/],
    ['/api/services?category=casino', 400, /category/],
    ['/api/zones?kind=ghetto', 400, /kind/],
    ['/api/housing-units?status=sold', 400, /status/],
    ['/api/zones?colour=red', 400, /colour/],
    ['/api/zones/999999', 404, /999999/],
    ['/api/zones/abc', 400, /id/],
    ['/api/services/0', 400, /id/],
    ['/api/housing-units/99999999999', 400, /id/],
    ['/api/no-such-layer', 404, /no-such-layer/],
  ])('answers %s with %i problem+json', async (path, status, detail) => {
    const body = await expectProblem(await planner.get(path), status);
    expect(`${body.detail} ${JSON.stringify(body.errors ?? [])}`).toMatch(detail);
  });
});
