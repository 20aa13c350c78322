import type { Geometry, Position } from 'geojson';

export type Bounds = [west: number, south: number, east: number, north: number];

function collectPositions(geometry: Geometry, out: Position[]): void {
  switch (geometry.type) {
    case 'Point':
      out.push(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      out.push(...geometry.coordinates);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((part) => out.push(...part));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => out.push(...ring)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((child) => collectPositions(child, out));
      break;
  }
}

/** Returns the [west, south, east, north] box of `geometry`, or null when it has no coordinates. */
export function geometryBounds(geometry: Geometry | null): Bounds | null {
  if (!geometry) return null;
  const positions: Position[] = [];
  collectPositions(geometry, positions);
  if (positions.length === 0) return null;
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of positions) {
    bounds[0] = Math.min(bounds[0], x);
    bounds[1] = Math.min(bounds[1], y);
    bounds[2] = Math.max(bounds[2], x);
    bounds[3] = Math.max(bounds[3], y);
  }
  return bounds;
}
