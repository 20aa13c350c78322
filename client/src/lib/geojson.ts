import type { Geometry } from 'geojson';

/**
 * The feature collection shape returned by the list endpoints (OGC API Features style):
 * every feature has a numeric top-level id, and the page reports how many matched.
 */
export interface ApiFeature<P, G extends Geometry = Geometry> {
  type: 'Feature';
  id: number;
  geometry: G;
  properties: P;
}

export interface ApiFeatureCollection<P, G extends Geometry = Geometry> {
  type: 'FeatureCollection';
  features: ApiFeature<P, G>[];
  numberMatched?: number;
  numberReturned?: number;
}

/** Returns an empty FeatureCollection, used before data arrives and after logout. */
export function emptyCollection<P, G extends Geometry = Geometry>(): ApiFeatureCollection<P, G> {
  return { type: 'FeatureCollection', features: [] };
}
