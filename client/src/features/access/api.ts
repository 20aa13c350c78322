import type { Polygon } from 'geojson';
import { apiGet } from '../../lib/api-client';
import type { ApiFeatureCollection } from '../../lib/geojson';
import type { ServiceCategory } from '../../map/palette';

// Types and calls of the service-access API (issue 4, api/src/routes/access.ts). Every distance is
// geodesic (`method: "geodesic"`); the card says so, so a later network method can sit beside it.

/** One category at one point: nearest service, n-th nearest, counts within 500 m / 1 km / 2 km, score. */
export interface CategoryCard {
  category: ServiceCategory;
  weight: number;
  nearest: { serviceId: number; name: string; distanceM: number; walkMinutes: number; position: [number, number] } | null;
  nthNearestM: number | null;
  nthNearestWalkMinutes: number | null;
  within500m: number;
  within1km: number;
  within2km: number;
  score: number;
}

/** One category averaged over the people of a polygon. */
export interface WeightedCategory {
  category: ServiceCategory;
  meanNearestM: number | null;
  meanWalkMinutes: number | null;
  shareWithin500m: number;
  shareWithin1km: number;
  shareWithin2km: number;
  score: number;
}

export type WeightingBasis = 'uniform-within-polygon' | 'neighbourhood-population';

export interface AccessCard {
  method: 'geodesic';
  origin: {
    kind: 'point' | 'housing-unit' | 'settlement' | 'locality' | 'neighbourhood' | 'intervention' | (string & {});
    id: number | null;
    name: string | null;
    population: number | null;
    position: [number, number];
    positionMethod: 'given' | 'unit-location' | 'point-on-surface';
  };
  walkingSpeedKmh: number;
  n: number;
  atPoint: { score: number; categories: CategoryCard[] };
  populationWeighted: {
    basis: WeightingBasis;
    population: number;
    samplePoints: number;
    score: number;
    categories: WeightedCategory[];
  } | null;
  populationWeightedNote: string | null;
}

/** The place an access card is asked for. */
export type AccessTarget =
  | { kind: 'point'; position: [number, number] }
  | { kind: 'settlements' | 'housing-units' | 'zones'; id: number; name?: string };

export type GridCategory = 'all' | ServiceCategory;

export interface GridProperties {
  score: number;
  nearestM: number | null;
}

export type AccessGridCollection = ApiFeatureCollection<GridProperties, Polygon> & {
  category: GridCategory;
  cellWidthM: number;
};

export interface CatchmentProperties {
  serviceId: number;
  name: string;
  category: ServiceCategory;
  radiusM: number;
}

export type CatchmentCollection = ApiFeatureCollection<CatchmentProperties, Polygon> & { radiiM: number[] };

export interface ComparisonRow {
  kind: 'settlement' | 'city-average' | 'locality' | 'housing-unit';
  id: number;
  name: string;
  basis: 'population-weighted' | 'point';
  weighting: WeightingBasis | null;
  population: number | null;
  score: number;
  categories: Array<{ category: ServiceCategory; distanceM: number | null; walkMinutes: number | null; score: number }>;
}

export interface AccessComparison {
  method: 'geodesic';
  walkingSpeedKmh: number;
  categories: ServiceCategory[];
  cityAverage: string;
  rows: ComparisonRow[];
}

/** The catchment radii drawn on the map (DOMAIN.md: 500 m ≈ SDG 11.2.1 stop distance, 1 km). */
export const CATCHMENT_RADII_M = [500, 1000] as const;

/** Returns the access card of `target`. */
export function getAccessCard(target: AccessTarget, signal?: AbortSignal): Promise<AccessCard> {
  if (target.kind === 'point') {
    const [lon, lat] = target.position;
    // Six decimals (~0.1 m) are plenty and keep the URL stable for the same click.
    return apiGet<AccessCard>(`/api/access?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`, signal);
  }
  return apiGet<AccessCard>(`/api/access/${target.kind}/${target.id}`, signal);
}

/** Returns the hexagon grid coloured by the overall score ('all') or one category's score. */
export function getAccessGrid(category: GridCategory, signal?: AbortSignal): Promise<AccessGridCollection> {
  return apiGet<AccessGridCollection>(`/api/access/grid?category=${encodeURIComponent(category)}`, signal);
}

/** Returns the 500 m and 1 km catchment discs around every service of `category`, largest first. */
export function getCatchments(category: ServiceCategory, signal?: AbortSignal): Promise<CatchmentCollection> {
  return apiGet<CatchmentCollection>(
    `/api/access/catchments?category=${encodeURIComponent(category)}&radii=${CATCHMENT_RADII_M.join(',')}`,
    signal,
  );
}

/** Returns the comparison rows: Pata Rât communities, the city average, the localities and the housing units `unitIds`. */
export function getAccessComparison(unitIds: readonly number[], signal?: AbortSignal): Promise<AccessComparison> {
  const query = unitIds.length > 0 ? `?housingUnitIds=${unitIds.join(',')}` : '';
  return apiGet<AccessComparison>(`/api/access/comparison${query}`, signal);
}

/** How one category changes from a plan's origin to its destination; negative changeM = nearer. */
export interface CategoryGain {
  category: ServiceCategory;
  originDistanceM: number | null;
  destinationDistanceM: number | null;
  changeM: number | null;
  originScore: number;
  destinationScore: number;
  scoreChange: number;
}

/** Access at both ends of a relocation plan and the gain per category (null until a unit is matched). */
export interface PlanAccess {
  method: 'geodesic';
  plan: { id: number; code: string; state: string };
  origin: AccessCard | null;
  destination: AccessCard | null;
  gainBasis: 'at-point';
  gain: { scoreChange: number; originScore: number; destinationScore: number; categories: CategoryGain[] } | null;
  note: string | null;
}

/** Returns the access gain of relocation plan `id` (needs households:read). */
export function getPlanAccess(id: number, signal?: AbortSignal): Promise<PlanAccess> {
  return apiGet<PlanAccess>(`/api/access/relocation-plans/${id}`, signal);
}
