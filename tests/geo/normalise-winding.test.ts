import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerGeometry } from '../../api/src/geo/geojson-types';
import { normaliseWinding } from '../../api/src/geo/normalise-winding';
import { ringSignedArea } from '../../api/src/geo/ring-signed-area';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'geometry', 'winding');
const read = (kind: 'in' | 'out', file: string) => JSON.parse(fs.readFileSync(path.join(dir, kind, file), 'utf8')) as LayerGeometry;
const files = fs.readdirSync(path.join(dir, 'in')).filter((f) => f.endsWith('.geojson'));

describe('normaliseWinding (RFC 7946 right-hand rule)', () => {
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(5));

  it.each(files)('turns in/%s into out/', (file) => {
    expect(normaliseWinding(read('in', file))).toEqual(read('out', file));
  });

  it.each(files)('does not mutate in/%s', (file) => {
    const input = read('in', file);
    const copy = structuredClone(input);
    normaliseWinding(input);
    expect(input).toEqual(copy);
  });

  it('leaves exteriors counter-clockwise and holes clockwise', () => {
    const out = normaliseWinding(read('in', 'multipolygon-mixed.geojson'));
    if (out.type !== 'MultiPolygon') throw new Error('expected a MultiPolygon');
    for (const polygon of out.coordinates) {
      expect(ringSignedArea(polygon[0]!)).toBeGreaterThan(0);
      for (const hole of polygon.slice(1)) expect(ringSignedArea(hole)).toBeLessThan(0);
    }
  });
});
