import type { LayerGeometry, MultiPolygonGeometry, PointGeometry } from './geojson-types';

/**
 * Returns the geometry in the type its layer stores: a Polygon becomes a one-part MultiPolygon,
 * anything else is returned as it is (validation has already checked the type fits the layer).
 */
export function toLayerGeometry(geometry: LayerGeometry): MultiPolygonGeometry | PointGeometry {
  if (geometry.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
  return geometry;
}
