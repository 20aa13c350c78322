import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Every bad geometry of issue 3 — and more — must be refused with a 422 that says what and where,
// before the database sees it, on both engines; and a refused request must write nothing.

type Case = { file: string; layer: string; code: string; pointer: string | null; description: string };
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'geometry');
const corpus = (JSON.parse(fs.readFileSync(path.join(fixtures, 'corpus.json'), 'utf8')) as { cases: Case[] }).cases;
const TABLES: Record<string, string> = { zones: 'zones', settlements: 'settlements', 'housing-units': 'housing_units', services: 'services' };

function circleRing(vertices: number): number[][] {
  const ring = Array.from({ length: vertices - 1 }, (_, i) => [
    23.68 + 0.01 * Math.cos((2 * Math.PI * i) / (vertices - 1)),
    46.775 + 0.01 * Math.sin((2 * Math.PI * i) / (vertices - 1)),
  ]);
  return [...ring, ring[0]!];
}

describe('bad-geometry corpus', () => {
  let app: TestApp;
  let planner: ApiClient;
  const existing: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    for (const [layer, table] of Object.entries(TABLES)) existing[layer] = (await app.db.knex(table).orderBy('id').first('id')).id;
  });
  afterAll(async () => app?.close());

  const rowCount = async (layer: string) => Number((await app.db.knex(TABLES[layer]!).count<{ n: number }[]>({ n: '*' }))[0]!.n);
  const auditCount = async () => Number((await app.db.knex('audit_log').count<{ n: number }[]>({ n: '*' }))[0]!.n);

  it('holds at least 20 cases covering every check of issue 3', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    const codes = new Set(corpus.map((c) => c.code));
    for (const code of [
      'unclosed-ring',
      'ring-too-short',
      'self-intersection',
      'hole-outside-shell',
      'overlapping-parts',
      'empty',
      'non-numeric-coordinate',
      'non-finite-coordinate',
      'out-of-range',
      'out-of-region',
      'wrong-type',
      'too-many-dimensions',
      'geometry-collection',
      'crs-member',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it.each(corpus.map((c) => [c.description, c] as const))('POST refuses %s with 422 and writes nothing', async (_description, c) => {
    const body = fs.readFileSync(path.join(fixtures, c.file), 'utf8');
    const [rowsBefore, auditBefore] = [await rowCount(c.layer), await auditCount()];
    const problem = await expectProblem(await planner.post(`/api/${c.layer}`, body), 422);
    expect(problem.type).toBe('/problems/geometry-invalid');
    const errors = problem.errors as Array<{ code: string; pointer: string; detail: string }>;
    expect(errors[0]!.code).toBe(c.code);
    if (c.pointer) expect(errors[0]!.pointer).toBe(c.pointer);
    expect(errors[0]!.detail.length).toBeGreaterThan(10);
    expect(problem.detail).toContain(errors[0]!.pointer);
    expect(await rowCount(c.layer)).toBe(rowsBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it.each(corpus.map((c) => [c.description, c] as const))('PATCH refuses %s with 422 and leaves the feature as it was', async (_description, c) => {
    const id = existing[c.layer]!;
    const before = await planner.get(`/api/${c.layer}/${id}`);
    const feature = await before.json();
    const body = JSON.parse(fs.readFileSync(path.join(fixtures, c.file), 'utf8')) as { properties?: unknown };
    delete body.properties;
    const raw = fs.readFileSync(path.join(fixtures, c.file), 'utf8');
    // Keep the raw text where JSON.stringify would lose what is wrong (1e999 becomes null).
    const payload = raw.includes('1e999') ? raw.replace(/,"properties":\{[^}]*\}/, '') : JSON.stringify(body);
    const problem = await expectProblem(await planner.patch(`/api/${c.layer}/${id}`, payload, { 'if-match': before.headers.get('etag')! }), 422);
    expect((problem.errors as Array<{ code: string }>)[0]!.code).toBe(c.code);
    const after = await (await planner.get(`/api/${c.layer}/${id}`)).json();
    expect(after).toEqual(feature);
  });

  it('refuses more vertices than the maximum (100,000), writing nothing', async () => {
    const before = await rowCount('zones');
    const body = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(100_001)] }, properties: { name: 'Too detailed', kind: 'intervention' } };
    const problem = await expectProblem(await planner.post('/api/zones', body), 422);
    expect((problem.errors as Array<{ code: string; pointer: string }>)[0]).toMatchObject({ code: 'too-many-vertices', pointer: '/body/geometry/coordinates' });
    expect(await rowCount('zones')).toBe(before);
  });

  it('accepts the same shape at the maximum', async () => {
    const body = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(100_000)] }, properties: { name: 'Detailed', kind: 'intervention' } };
    const response = await planner.post('/api/zones', body);
    expect(response.status).toBe(201);
  });

  it('answers with a region that a planner can act on: swapped axes are named as such', async () => {
    const problem = await expectProblem(
      await planner.post('/api/services', { type: 'Feature', geometry: { type: 'Point', coordinates: [46.76996, 23.58932] }, properties: { name: 'Swapped', category: 'school' } }),
      422,
    );
    expect(problem.detail).toMatch(/swapped/);
  });
});
