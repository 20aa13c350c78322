import type { Ring } from './geojson-types';
import { segmentsIntersect } from './segments-intersect';

/** Returns where a point lies relative to a closed ring: inside, outside or on its boundary (even-odd rule). */
export function pointInRing(point: readonly number[], ring: Ring): 'inside' | 'outside' | 'boundary' {
  const x = point[0] ?? 0;
  const y = point[1] ?? 0;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (segmentsIntersect([xi, yi], [xj, yj], [x, y], [x, y]) !== 'none') return 'boundary';
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}
