import { describe, expect, it } from 'vitest';
import { parseWkt } from '../../api/src/geo/parse-wkt';

describe('parseWkt', () => {
  it.each([
    ['POINT (23.58932 46.76996)', { type: 'Point', coordinates: [23.58932, 46.76996] }],
    ['point(392395.35 586559.42)', { type: 'Point', coordinates: [392395.35, 586559.42] }],
    ['POINT Z (1 2 3)', { type: 'Point', coordinates: [1, 2, 3] }],
    ['POLYGON ((0 0, 1 0, 1 1, 0 0))', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }],
    [
      'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2), (2.1 2.1, 2.2 2.1, 2.2 2.2, 2.1 2.1)))',
      {
        type: 'MultiPolygon',
        coordinates: [
          [[[0, 0], [1, 0], [1, 1], [0, 0]]],
          [
            [[2, 2], [3, 2], [3, 3], [2, 2]],
            [[2.1, 2.1], [2.2, 2.1], [2.2, 2.2], [2.1, 2.1]],
          ],
        ],
      },
    ],
    ['MULTIPOINT ((1 2), (3 4))', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['MULTIPOINT (1 2, 3 4)', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['LINESTRING (1 2, 3 4)', { type: 'LineString', coordinates: [[1, 2], [3, 4]] }],
    ['POLYGON EMPTY', { type: 'Polygon', coordinates: [] }],
  ])('parses %s', (text, geometry) => {
    expect(parseWkt(text)).toEqual({ geometry });
  });

  it('reads the SRID of EWKT', () => {
    expect(parseWkt('SRID=3844;POINT(392395 586559)')).toEqual({ geometry: { type: 'Point', coordinates: [392395, 586559] }, srid: 3844 });
  });

  it('keeps NaN as a number so validation can name it', () => {
    const result = parseWkt('POINT (NaN 46.7)');
    expect('geometry' in result && Number.isNaN((result.geometry.coordinates as number[])[0])).toBe(true);
  });

  it('parses a GeometryCollection so validation can refuse it', () => {
    const result = parseWkt('GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))');
    expect('geometry' in result && result.geometry.type).toBe('GeometryCollection');
  });

  it.each(['', 'POINT', 'POINT (1 2', 'POINT (1 abc)', 'CIRCLE (1 2)', 'POINT (1 2) extra', 'POLYGON ((0 0, 1 0,, 0 0))'])(
    'explains why %j is not WKT',
    (text) => {
      const result = parseWkt(text);
      expect(result).toHaveProperty('error');
      expect((result as { error: string }).error).toMatch(/WKT|empty/);
    },
  );
});
