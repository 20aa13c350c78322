import { area, bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

// Population-weighted access (issue 4) spreads a polygon's population evenly over it: the figures
// are averages over a regular grid of sample points inside the polygon, each carrying an equal share.

const METRES_PER_DEGREE_LAT = 111_132;
const MIN_SPACING_M = 10;

/**
 * Returns about `target` points [lon, lat] on a regular grid (equal spacing in metres) strictly inside
 * `geometry`; never empty: a polygon too thin for the grid gets one point on its surface.
 */
export function polygonSamplePoints(geometry: Polygon | MultiPolygon, target = 48): Array<[number, number]> {
  const feature = { type: 'Feature' as const, geometry, properties: {} };
  const [west, south, east, north] = bbox(feature) as [number, number, number, number];
  let spacingM = Math.max(MIN_SPACING_M, Math.sqrt(area(feature) / target));
  for (let attempt = 0; attempt < 4; attempt++) {
    const points = gridInside(feature, { west, south, east, north }, spacingM);
    if (points.length >= Math.min(target, 8) / 2) return points;
    spacingM = Math.max(MIN_SPACING_M, spacingM / 2);
  }
  const surface = pointOnFeature(feature).geometry.coordinates;
  return [[surface[0] as number, surface[1] as number]];
}

function gridInside(
  feature: { type: 'Feature'; geometry: Polygon | MultiPolygon; properties: Record<string, never> },
  { west, south, east, north }: { west: number; south: number; east: number; north: number },
  spacingM: number,
): Array<[number, number]> {
  const dLat = spacingM / METRES_PER_DEGREE_LAT;
  const dLon = spacingM / (METRES_PER_DEGREE_LAT * Math.cos((((south + north) / 2) * Math.PI) / 180));
  // Centre the grid in the bounding box so the result does not depend on where the box starts.
  const columns = Math.floor((east - west) / dLon);
  const rows = Math.floor((north - south) / dLat);
  const x0 = west + (east - west - columns * dLon) / 2;
  const y0 = south + (north - south - rows * dLat) / 2;
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= columns; i++) {
    for (let j = 0; j <= rows; j++) {
      const p: [number, number] = [round7(x0 + i * dLon), round7(y0 + j * dLat)];
      if (booleanPointInPolygon(p, feature, { ignoreBoundary: true })) points.push(p);
    }
  }
  return points;
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
