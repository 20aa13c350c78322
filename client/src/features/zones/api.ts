import type { MultiPolygon, Polygon } from 'geojson';
import { apiGet } from '../../lib/api-client';
import type { ApiFeatureCollection } from '../../lib/geojson';

/** Properties of a zone as served by `GET /api/zones`. */
export interface ZoneProperties {
  name: string;
  kind: 'locality' | 'neighbourhood' | 'intervention' | (string & {});
  status: string | null;
  population: number | null;
  parentId: number | null;
  targetDate: string | null;
  description: string | null;
  source: string | null;
  version: number | null;
}

export type ZoneCollection = ApiFeatureCollection<ZoneProperties, Polygon | MultiPolygon>;

/** Returns the first 1000 zones (localities, neighbourhoods, intervention areas). */
export function listZones(signal?: AbortSignal): Promise<ZoneCollection> {
  return apiGet<ZoneCollection>('/api/zones?limit=1000', signal);
}
