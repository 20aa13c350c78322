import type { Point } from 'geojson';
import { apiGet } from '../../lib/api-client';
import type { ApiFeatureCollection } from '../../lib/geojson';
import type { HousingStatus } from '../../map/palette';

/** Properties of a housing unit as served by `GET /api/housing-units`. */
export interface HousingUnitProperties {
  code: string;
  address: string | null;
  locality: string | null;
  building: string | null;
  rooms: number | null;
  floorAreaM2: number | null;
  floor: number | null;
  stepFree: boolean | null;
  status: HousingStatus | (string & {});
  programme: string | null;
  monthlyRentLei: number | null;
  accessScore: number | null;
}

export type HousingUnitCollection = ApiFeatureCollection<HousingUnitProperties, Point>;

/** Returns the first 1000 housing units. */
export function listHousingUnits(signal?: AbortSignal): Promise<HousingUnitCollection> {
  return apiGet<HousingUnitCollection>('/api/housing-units?limit=1000', signal);
}
