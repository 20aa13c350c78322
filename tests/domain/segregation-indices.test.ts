import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entropyIndices } from '../../api/src/domain/segregation/entropy-indices';
import { neighboursWithin, spatialDissimilarity } from '../../api/src/domain/segregation/spatial-dissimilarity';
import { locationQuotients, SegregationInputError, twoGroupIndices } from '../../api/src/domain/segregation/two-group-indices';

// Issue 12: the indices against answers computed elsewhere (the R package `segregation` on its
// schools00 data) and against toy matrices worked by hand, plus the properties every index must keep.

/** schools00 as school → race → count. */
function readSchools(): Map<string, Map<string, number>> {
  const lines = fs.readFileSync(new URL('../fixtures/segregation/schools00.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const schools = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const [, , school, race, n] = line.split(',').map((cell) => cell.replace(/"/g, ''));
    const row = schools.get(school as string) ?? new Map<string, number>();
    row.set(race as string, Number(n));
    schools.set(school as string, row);
  }
  return schools;
}

describe('entropy indices on schools00 (R package segregation)', () => {
  const schools = readSchools();
  const races = [...new Set([...schools.values()].flatMap((row) => [...row.keys()]))].sort();

  it('gives M = 0.4255389759 and H = 0.4188083146', () => {
    const matrix = [...schools.values()].map((row) => races.map((race) => row.get(race) ?? 0));
    const result = entropyIndices(matrix);
    expect(races).toEqual(['asian', 'black', 'hisp', 'native', 'white']);
    expect(Math.abs((result?.mutualInformation as number) - 0.4255389759)).toBeLessThan(1e-9);
    expect(Math.abs((result?.theil as number) - 0.4188083146)).toBeLessThan(1e-9);
  });

  it('gives the black/white dissimilarity D = 0.7283878849', () => {
    const units = [...schools.values()].map((row) => ({ x: row.get('black') ?? 0, y: row.get('white') ?? 0 }));
    expect(Math.abs((twoGroupIndices(units).dissimilarity as number) - 0.7283878849)).toBeLessThan(1e-9);
  });
});

describe('two-group indices on toy matrices', () => {
  it('D = 0 when every unit has the same mix', () => {
    const r = twoGroupIndices([{ x: 10, y: 90 }, { x: 20, y: 180 }, { x: 5, y: 45 }]);
    expect(r.dissimilarity).toBeCloseTo(0, 12);
    // Isolation equals the group's share and η² is 0 when nobody is isolated.
    expect(r.isolation).toBeCloseTo(35 / 350, 12);
    expect(r.correlationRatio).toBeCloseTo(0, 12);
  });

  it('D = 1, xPx = 1 and η² = 1 when the groups never share a unit', () => {
    const r = twoGroupIndices([{ x: 30, y: 0 }, { x: 0, y: 70 }]);
    expect(r).toMatchObject({ dissimilarity: 1, isolation: 1, exposure: 0, correlationRatio: 1 });
  });

  it('D = 0.6: x split 80/20 and y split 20/80', () => {
    // ½ (|0.8 − 0.2| + |0.2 − 0.8|) = 0.6
    expect(twoGroupIndices([{ x: 80, y: 20 }, { x: 20, y: 80 }]).dissimilarity).toBeCloseTo(0.6, 12);
  });

  it('D = 1/3 with isolation, exposure and η² worked by hand', () => {
    // x: 2/3 in unit A, 1/3 in B; y: 1/3 in A, 2/3 in B. D = ½ (1/3 + 1/3) = 1/3.
    const r = twoGroupIndices([{ x: 20, y: 10 }, { x: 10, y: 20 }]);
    expect(r.dissimilarity).toBeCloseTo(1 / 3, 12);
    // xPx = (2/3)(20/30) + (1/3)(10/30) = 4/9 + 1/9 = 5/9; xPy = 4/9; P = 1/2; η² = (5/9 − 1/2)/(1/2) = 1/9.
    expect(r.isolation).toBeCloseTo(5 / 9, 12);
    expect(r.exposure).toBeCloseTo(4 / 9, 12);
    expect(r.correlationRatio).toBeCloseTo(1 / 9, 12);
  });

  it('location quotients: 1 at the city share, null for an empty unit', () => {
    expect(locationQuotients([{ x: 10, y: 90 }, { x: 30, y: 70 }, { x: 0, y: 0 }])).toEqual([0.5, 1.5, null]);
  });

  it('undefined indices are null, not NaN', () => {
    expect(twoGroupIndices([{ x: 0, y: 10 }]).dissimilarity).toBeNull();
    expect(twoGroupIndices([]).groupShare).toBeNull();
    expect(entropyIndices([[0, 0]])).toBeNull();
  });

  it('refuses negative and non-finite counts', () => {
    expect(() => twoGroupIndices([{ x: -1, y: 2 }])).toThrow(SegregationInputError);
    expect(() => entropyIndices([[1, Number.NaN]])).toThrow(SegregationInputError);
  });
});

describe('spatial dissimilarity', () => {
  const units = [
    { x: 50, y: 0, lon: 23.6, lat: 46.77 },
    { x: 0, y: 50, lon: 23.601, lat: 46.77 }, // ~76 m east
    { x: 0, y: 100, lon: 23.7, lat: 46.77 }, // ~7.6 km east
  ];

  it('equals D when no two centroids are within the radius', () => {
    expect(spatialDissimilarity(units, neighboursWithin(units, 10))).toBeCloseTo(twoGroupIndices(units).dissimilarity as number, 12);
  });

  it('falls when neighbouring units share their environment', () => {
    const spatial = spatialDissimilarity(units, neighboursWithin(units, 250)) as number;
    expect(spatial).toBeLessThan(twoGroupIndices(units).dissimilarity as number);
    // Environments: A and B both hold 50 x + 50 y (π̃ = 0.5), C alone (π̃ = 0); P = 0.25.
    // D̃ = (50·0.25 + 50·0.25 + 100·0.25) / (2·200·0.25·0.75) = 50 / 75 = 2/3.
    expect(spatial).toBeCloseTo(2 / 3, 12);
  });
});

describe('properties (seeded)', () => {
  const unitsArbitrary = fc.array(fc.record({ x: fc.nat(1000), y: fc.nat(1000) }), { minLength: 1, maxLength: 40 });
  const params = { seed: 12, numRuns: 300 };

  it('D, xPx, xPy and η² lie in [0, 1], and xPx + xPy = 1', () => {
    fc.assert(
      fc.property(unitsArbitrary, (units) => {
        const r = twoGroupIndices(units);
        for (const value of [r.dissimilarity, r.isolation, r.exposure, r.correlationRatio]) {
          if (value !== null && (value < 0 || value > 1)) return false;
        }
        return r.isolation === null || r.exposure === null || Math.abs(r.isolation + r.exposure - 1) < 1e-9;
      }),
      params,
    );
  });

  it('D = 0 when every unit has the city share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 9 }), (sizes, x) => {
        const units = sizes.map((size) => ({ x: x * size, y: (10 - x) * size }));
        return Math.abs(twoGroupIndices(units).dissimilarity as number) < 1e-12;
      }),
      params,
    );
  });

  it('every index is invariant to the order of the units', () => {
    fc.assert(
      fc.property(unitsArbitrary, fc.nat(), (units, shift) => {
        const turned = units.map((_, i) => units[(i + shift) % units.length] as { x: number; y: number }).reverse();
        const a = twoGroupIndices(units);
        const b = twoGroupIndices(turned);
        const m = entropyIndices(units.map((u) => [u.x, u.y]));
        const n = entropyIndices(turned.map((u) => [u.x, u.y]));
        const same = (p: number | null | undefined, q: number | null | undefined) => (p == null ? q == null : Math.abs(p - (q as number)) < 1e-12);
        return (
          same(a.dissimilarity, b.dissimilarity) &&
          same(a.isolation, b.isolation) &&
          same(a.correlationRatio, b.correlationRatio) &&
          same(m?.mutualInformation, n?.mutualInformation) &&
          same(m?.theil, n?.theil)
        );
      }),
      params,
    );
  });
});
