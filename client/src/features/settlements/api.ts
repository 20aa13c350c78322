import type { MultiPolygon, Polygon } from 'geojson';
import { apiGet } from '../../lib/api-client';
import type { ApiFeatureCollection } from '../../lib/geojson';

/** Properties of a Pata Rât community as served by `GET /api/settlements`. */
export interface SettlementProperties {
  name: string;
  description: string | null;
  populationEstimate: number | null;
  householdsEstimate: number | null;
  estimateSource: string | null;
  estimateDate: string | null;
  confidence: string | null;
}

export type SettlementCollection = ApiFeatureCollection<SettlementProperties, Polygon | MultiPolygon>;

/** Returns the settlements (the four Pata Rât communities). */
export function listSettlements(signal?: AbortSignal): Promise<SettlementCollection> {
  return apiGet<SettlementCollection>('/api/settlements?limit=1000', signal);
}
