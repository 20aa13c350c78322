import type { TwoGroupUnit } from './two-group-indices';

// A spatial dissimilarity index (issue 12): Reardon & O'Sullivan's (2004) D̃ with a box kernel.
// Each unit's "local environment" is itself plus every unit whose centroid lies within `radiusM`
// metres of its own; its local share π̃_u = Σ x_v / Σ t_v over that environment. Then
//
//   D̃ = Σ_u t_u · |π̃_u − P| / (2 · T · P · (1 − P)),   P = X / T
//
// With a radius smaller than the distance between any two centroids every environment is the unit
// alone and D̃ equals the aspatial D (the identity ½ Σ |x_u/X − y_u/Y| = Σ t_u |π_u − P| / (2TP(1−P))).
// A larger radius lets a small unit next to a large mixed one count as mixed, so D̃ ≤ D in practice:
// it measures separation that a resident notices within walking distance, not at the unit's border.
// The box kernel (weight 1 inside the radius, 0 outside) is the simplest one; the radius is the choice
// that matters, so the API reports it beside the value.

export type PlacedUnit = TwoGroupUnit & { lon: number; lat: number };

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine on the mean Earth radius: within 0.5 % at city scale). */
export function haversineMetres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Returns, for each point, the indices of the points within `radiusM` metres (itself included). A grid of
 * cells one radius wide keeps this near-linear: only the 3 × 3 cells around a point are compared.
 */
export function neighboursWithin(points: readonly { lon: number; lat: number }[], radiusM: number): number[][] {
  const metresPerDegreeLat = 111_320;
  const meanLat = points.length === 0 ? 0 : points.reduce((sum, p) => sum + p.lat, 0) / points.length;
  const metresPerDegreeLon = metresPerDegreeLat * Math.cos((meanLat * Math.PI) / 180);
  // Cells a little wider than the radius: the haversine check below has the last word.
  const cell = Math.max(radiusM * 1.01, 1);
  // Cells as one number (columns and rows of a city stay far below 2^20): no string per lookup.
  const key = (cx: number, cy: number) => cx * 1_048_576 + cy;
  const cellOf = (p: { lon: number; lat: number }) => [Math.floor((p.lon * metresPerDegreeLon) / cell), Math.floor((p.lat * metresPerDegreeLat) / cell)] as const;
  const grid = new Map<number, number[]>();
  points.forEach((p, i) => {
    const [cx, cy] = cellOf(p);
    const list = grid.get(key(cx, cy));
    if (list) list.push(i);
    else grid.set(key(cx, cy), [i]);
  });
  return points.map((p) => {
    const [cx, cy] = cellOf(p);
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(key(cx + dx, cy + dy)) ?? []) {
          if (haversineMetres(p, points[j] as PlacedUnit) <= radiusM) found.push(j);
        }
      }
    }
    return found;
  });
}

/** Returns D̃ for units and their environments (from neighboursWithin); null when a group is empty. */
export function spatialDissimilarity(units: readonly TwoGroupUnit[], environments: readonly number[][]): number | null {
  let groupTotal = 0;
  let total = 0;
  for (const { x, y } of units) {
    groupTotal += x;
    total += x + y;
  }
  if (groupTotal === 0 || groupTotal === total) return null;
  const share = groupTotal / total;
  let sum = 0;
  for (let u = 0; u < units.length; u++) {
    const { x, y } = units[u] as TwoGroupUnit;
    const t = x + y;
    if (t === 0) continue;
    let localX = 0;
    let localT = 0;
    const environment = environments[u] ?? [u];
    for (let k = 0; k < environment.length; k++) {
      const other = units[environment[k] as number] as TwoGroupUnit;
      localX += other.x;
      localT += other.x + other.y;
    }
    sum += t * Math.abs(localX / localT - share);
  }
  return Math.min(1, sum / (2 * total * share * (1 - share)));
}
