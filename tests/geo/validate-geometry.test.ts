import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countVertices } from '../../api/src/geo/count-vertices';
import type { BoundingBox } from '../../api/src/geo/geojson-types';
import { validateGeometry, type GeometryRules } from '../../api/src/geo/validate-geometry';

const REGION: BoundingBox = [22.6, 46.2, 24.3, 47.3];
const polygonRules: GeometryRules = { layerType: 'MultiPolygon', maxVertices: 100_000, wgs84: true, region: REGION, topology: true };
const pointRules: GeometryRules = { ...polygonRules, layerType: 'Point' };
const X = 23.68;
const Y = 46.775;
const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const circle = (n: number) => {
  const ring = Array.from({ length: n }, (_, i) => [X + 0.01 * Math.cos((2 * Math.PI * i) / n), Y + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
  return [...ring, ring[0]!];
};

type Case = { file: string; layer: string; code: string; pointer: string | null; description: string };
const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'geometry');
const corpus = (JSON.parse(fs.readFileSync(path.join(fixtures, 'corpus.json'), 'utf8')) as { cases: Case[] }).cases;

describe('validateGeometry on the bad-geometry corpus', () => {
  // The Feature-level crs member is the route's to refuse; every other case is about the geometry itself.
  const geometryCases = corpus.filter((c) => c.pointer === null || c.pointer.startsWith('/body/geometry'));
  it.each(geometryCases.map((c) => [c.description, c] as const))('refuses %s', (_description, c) => {
    const body = JSON.parse(fs.readFileSync(path.join(fixtures, c.file), 'utf8'));
    const rules = c.layer === 'services' || c.layer === 'housing-units' ? pointRules : polygonRules;
    const { issues } = validateGeometry(body.geometry, '/body/geometry', rules);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.code).toBe(c.code);
    if (c.pointer) expect(issues[0]!.pointer).toBe(c.pointer);
    expect(issues[0]!.detail.length).toBeGreaterThan(10);
  });
});

describe('validateGeometry accepts', () => {
  it.each([
    ['a counter-clockwise polygon', { type: 'Polygon', coordinates: [square(X, Y, 0.01)] }],
    ['a clockwise polygon (normalised later)', { type: 'Polygon', coordinates: [square(X, Y, 0.01).reverse()] }],
    ['a polygon with a hole', { type: 'Polygon', coordinates: [square(X, Y, 0.01), square(X + 0.002, Y + 0.002, 0.002).reverse()] }],
    ['a hole touching the shell at one point', { type: 'Polygon', coordinates: [square(X, Y, 0.01), [[X, Y], [X + 0.002, Y + 0.004], [X + 0.004, Y + 0.002], [X, Y]]] }],
    ['parts touching at a corner', { type: 'MultiPolygon', coordinates: [[square(X, Y, 0.01)], [square(X + 0.01, Y + 0.01, 0.01)]] }],
    ['an island inside a hole of another part', { type: 'MultiPolygon', coordinates: [[square(X, Y, 0.01), square(X + 0.002, Y + 0.002, 0.006)], [square(X + 0.004, Y + 0.004, 0.001)]] }],
    ['positions with a height', { type: 'Polygon', coordinates: [square(X, Y, 0.01).map(([x, y]) => [x!, y!, 350])] }],
    ['repeated consecutive positions', { type: 'Polygon', coordinates: [[[X, Y], [X + 0.01, Y], [X + 0.01, Y], [X + 0.01, Y + 0.01], [X, Y]]] }],
  ])('%s', (_name, geometry) => {
    expect(validateGeometry(geometry, '/g', polygonRules).issues).toEqual([]);
  });

  it('a point in the region', () => {
    expect(validateGeometry({ type: 'Point', coordinates: [23.58932, 46.76996] }, '/g', pointRules).issues).toEqual([]);
  });

  it('a polygon of 100,000 vertices (the default maximum), quickly', () => {
    const ring = circle(99_999);
    expect(countVertices([ring])).toBe(100_000);
    const started = performance.now();
    expect(validateGeometry({ type: 'Polygon', coordinates: [ring] }, '/g', polygonRules).issues).toEqual([]);
    // Not a benchmark: a guard against the quadratic check creeping back (it took minutes).
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('validateGeometry refuses', () => {
  it('one vertex more than the maximum', () => {
    const { issues } = validateGeometry({ type: 'Polygon', coordinates: [circle(100_000)] }, '/body/geometry', polygonRules);
    expect(issues).toEqual([expect.objectContaining({ code: 'too-many-vertices', pointer: '/body/geometry/coordinates' })]);
  });

  it('swapped axes with a hint', () => {
    const { issues } = validateGeometry({ type: 'Point', coordinates: [Y, X] }, '/g', pointRules);
    expect(issues[0]!.detail).toMatch(/swapped/);
  });

  it('metres labelled as degrees with a hint', () => {
    const { issues } = validateGeometry({ type: 'Point', coordinates: [392395, 586559] }, '/g', pointRules);
    expect(issues[0]!.detail).toMatch(/EPSG:3844/);
  });

  it('names ring and vertex of a self-intersection', () => {
    const bowtie = [[X, Y], [X + 0.01, Y + 0.01], [X + 0.01, Y], [X, Y + 0.01], [X, Y]];
    const { issues } = validateGeometry({ type: 'MultiPolygon', coordinates: [[square(X + 0.1, Y, 0.01)], [bowtie]] }, '/g', polygonRules);
    expect(issues[0]).toMatchObject({ code: 'self-intersection', part: 1, ring: 0, vertex: 0, pointer: '/g/coordinates/1/0/0' });
  });

  it('skips range checks for projected coordinates, and topology when asked', () => {
    const metres = { type: 'Point', coordinates: [392395.35, 586559.42] };
    expect(validateGeometry(metres, '/g', { ...pointRules, wgs84: false }).issues).toEqual([]);
    const bowtie = { type: 'Polygon', coordinates: [[[X, Y], [X + 0.01, Y + 0.01], [X + 0.01, Y], [X, Y + 0.01], [X, Y]]] };
    expect(validateGeometry(bowtie, '/g', { ...polygonRules, topology: false }).issues).toEqual([]);
  });

  it('does not mutate its input', () => {
    const geometry = { type: 'Polygon', coordinates: [square(X, Y, 0.01).reverse()] };
    const copy = structuredClone(geometry);
    validateGeometry(geometry, '/g', polygonRules);
    expect(geometry).toEqual(copy);
  });
});
