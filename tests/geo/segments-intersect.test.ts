import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../api/src/geo/point-in-ring';
import { segmentsIntersect } from '../../api/src/geo/segments-intersect';

describe('segmentsIntersect', () => {
  it.each([
    ['crossing', [0, 0], [2, 2], [0, 2], [2, 0], 'cross'],
    ['apart', [0, 0], [1, 0], [0, 1], [1, 1], 'none'],
    ['sharing an end', [0, 0], [1, 0], [1, 0], [1, 1], 'touch'],
    ['T-junction', [0, 0], [2, 0], [1, 0], [1, 1], 'touch'],
    ['collinear overlap', [0, 0], [2, 0], [1, 0], [3, 0], 'overlap'],
    ['collinear, end to end', [0, 0], [1, 0], [1, 0], [2, 0], 'touch'],
    ['collinear, apart', [0, 0], [1, 0], [2, 0], [3, 0], 'none'],
    ['geographic crossing', [23.68, 46.775], [23.69, 46.785], [23.68, 46.785], [23.69, 46.775], 'cross'],
  ] as const)('%s', (_name, a1, a2, b1, b2, expected) => {
    expect(segmentsIntersect(a1, a2, b1, b2)).toBe(expected);
    expect(segmentsIntersect(b1, b2, a1, a2)).toBe(expected);
  });
});

describe('pointInRing', () => {
  const square = [
    [0, 0],
    [2, 0],
    [2, 2],
    [0, 2],
    [0, 0],
  ];
  it.each([
    [[1, 1], 'inside'],
    [[3, 1], 'outside'],
    [[2, 1], 'boundary'],
    [[0, 0], 'boundary'],
  ] as const)('%j is %s', (point, expected) => {
    expect(pointInRing(point, square)).toBe(expected);
  });
});
