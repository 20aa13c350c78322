import type { GeometryIssue } from './geometry-issue';
import type { BoundingBox, LayerGeometry, Position } from './geojson-types';

type Located = { position: Position; pointer: string; part?: number; ring?: number; vertex?: number };

function* positionsOf(geometry: LayerGeometry, pointer: string): Generator<Located> {
  if (geometry.type === 'Point') {
    yield { position: geometry.coordinates, pointer };
    return;
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const multi = geometry.type === 'MultiPolygon';
  for (let part = 0; part < polygons.length; part++) {
    const rings = polygons[part]!;
    for (let ring = 0; ring < rings.length; ring++) {
      const positions = rings[ring]!;
      for (let vertex = 0; vertex < positions.length; vertex++) {
        const path = multi ? `${part}/${ring}/${vertex}` : `${ring}/${vertex}`;
        yield { position: positions[vertex]!, pointer: `${pointer}/${path}`, ...(multi ? { part } : {}), ring, vertex };
      }
    }
  }
}

const inBox = (lon: number, lat: number, box: BoundingBox) => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];

/** Returns a hint at the usual cause of coordinates in the wrong place: swapped axes or projected metres. */
function hint(lon: number, lat: number, region: BoundingBox | undefined): string {
  if (region && inBox(lat, lon, region)) {
    return ` Longitude and latitude look swapped: GeoJSON order is [longitude, latitude], i.e. [${lat}, ${lon}].`;
  }
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    return ' These look like projected metres (e.g. Stereo 70, EPSG:3844), not degrees: import the data with its CRS.';
  }
  return '';
}

/**
 * Returns at most one issue per check for positions outside WGS84 ranges (longitude ±180, latitude ±90)
 * or, when `region` is given, outside that bounding box; the detail counts the offenders and suggests
 * the likely cause. `pointer` points at the coordinates member. Empty when every position fits.
 */
export function checkCoordinateRanges(geometry: LayerGeometry, pointer: string, region?: BoundingBox): GeometryIssue[] {
  let outOfRange: { first: Located; count: number } | undefined;
  let outOfRegion: { first: Located; count: number } | undefined;
  for (const located of positionsOf(geometry, pointer)) {
    const [lon = 0, lat = 0] = located.position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      outOfRange = outOfRange ? { ...outOfRange, count: outOfRange.count + 1 } : { first: located, count: 1 };
    } else if (region && !inBox(lon, lat, region)) {
      outOfRegion = outOfRegion ? { ...outOfRegion, count: outOfRegion.count + 1 } : { first: located, count: 1 };
    }
  }
  const issues: GeometryIssue[] = [];
  const where = ({ position: _position, ...rest }: Located) => rest;
  if (outOfRange) {
    const [lon = 0, lat = 0] = outOfRange.first.position;
    issues.push({
      code: 'out-of-range',
      ...where(outOfRange.first),
      detail: `${outOfRange.count} position(s) lie outside WGS84 ranges (longitude −180…180, latitude −90…90), first [${lon}, ${lat}].${hint(lon, lat, region)}`,
    });
  }
  if (outOfRegion && region) {
    const [lon = 0, lat = 0] = outOfRegion.first.position;
    issues.push({
      code: 'out-of-region',
      ...where(outOfRegion.first),
      detail: `${outOfRegion.count} position(s) lie outside the configured region (longitude ${region[0]}…${region[2]}, latitude ${region[1]}…${region[3]}), first [${lon}, ${lat}].${hint(lon, lat, region)}`,
    });
  }
  return issues;
}
