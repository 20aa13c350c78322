import type { LayerGeometry, Ring } from './geojson-types';
import { ringSignedArea } from './ring-signed-area';

function wind(ring: Ring, counterClockwise: boolean): Ring {
  const isCounterClockwise = ringSignedArea(ring) > 0;
  const copy = ring.map((position) => [...position]);
  return isCounterClockwise === counterClockwise ? copy : copy.reverse();
}

function windPolygon(rings: Ring[]): Ring[] {
  return rings.map((ring, index) => wind(ring, index === 0));
}

/**
 * Returns a copy of the geometry following the right-hand rule of RFC 7946 §3.1.6: exterior rings
 * counter-clockwise, holes clockwise. Points are returned copied and unchanged; the input is never mutated.
 */
export function normaliseWinding<G extends LayerGeometry>(geometry: G): G {
  switch (geometry.type) {
    case 'Polygon':
      return { ...geometry, coordinates: windPolygon(geometry.coordinates) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map(windPolygon) };
    default:
      return { ...geometry, coordinates: [...geometry.coordinates] };
  }
}
