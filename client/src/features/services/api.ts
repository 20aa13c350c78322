import type { Point } from 'geojson';
import { apiGet } from '../../lib/api-client';
import type { ApiFeatureCollection } from '../../lib/geojson';
import type { ServiceCategory } from '../../map/palette';

/** Properties of a public service point as served by `GET /api/services`. */
export interface ServiceProperties {
  name: string;
  category: ServiceCategory | (string & {});
  address: string | null;
  locality: string | null;
  /** True when the point is placed approximately (e.g. derived from a street, not surveyed). */
  schematic: boolean;
  source: string | null;
  /** Category-specific extras, e.g. `routes` and `weeklyTrips` for transit stops. */
  attributes: Record<string, unknown> | null;
}

export type ServiceCollection = ApiFeatureCollection<ServiceProperties, Point>;

/** Returns the first 1000 service points. */
export function listServices(signal?: AbortSignal): Promise<ServiceCollection> {
  return apiGet<ServiceCollection>('/api/services?limit=1000', signal);
}
