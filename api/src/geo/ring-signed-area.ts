import type { Ring } from './geojson-types';

/**
 * Returns twice the signed area of a ring in its own coordinate units (shoelace formula):
 * positive when the ring runs counter-clockwise (x east, y north), negative when clockwise.
 */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i]!;
    const [x2 = 0, y2 = 0] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}
