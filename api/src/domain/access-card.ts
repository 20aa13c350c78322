import type { Knex } from 'knex';
import {
  listSettlementOrigins,
  listUnitOrigins,
  listZoneOrigins,
  nearestServiceDistances,
  serviceAccessProfiles,
  type AccessOrigin,
  type CategoryAccess,
  type PolygonOrigin,
  type UnitOrigin,
} from '../db/access-queries';
import { polygonSamplePoints } from '../geo/polygon-sample-points';
import type { AccessConfig } from './access-config';
import { accessScore, categoryScore, round, walkingMinutes, weightedMean } from './access-score';
import { SERVICE_CATEGORIES, type ServiceCategory } from './vocabulary';

// The access card (issue 4): what a family at a place can reach on foot, per service category.
// Every distance is geodesic (the response says `method: "geodesic"`, so a network method can sit
// beside it later). Distances are rounded to 0.1 m, minutes and scores to 0.1.

/** The distance method of every figure; a later street-network method would add another value. */
export const ACCESS_METHOD = 'geodesic' as const;

/** Sample points per polygon (or per neighbourhood of a zone) for population-weighted figures. */
export const SAMPLE_POINTS_PER_POLYGON = 48;

export type AccessOptions = { config: AccessConfig; n: number; categories: readonly ServiceCategory[] };

/** One category at one point. */
export type CategoryCard = {
  category: ServiceCategory;
  weight: number;
  nearest: { serviceId: number; name: string; distanceM: number; walkMinutes: number; position: [number, number] } | null;
  nthNearestM: number | null;
  nthNearestWalkMinutes: number | null;
  within500m: number;
  within1km: number;
  within2km: number;
  /** 100 · decay(nearest distance). */
  score: number;
};

/** Figures at one point: the access score over all categories and the requested categories' details. */
export type PointFigures = { score: number; categories: CategoryCard[] };

/** One category averaged over the people of a polygon. */
export type WeightedCategory = {
  category: ServiceCategory;
  /** Population-weighted mean of the distance to the nearest service. */
  meanNearestM: number | null;
  meanWalkMinutes: number | null;
  /** Share (0–1) of the population whose nearest service of the category is within 500 m / 1 km / 2 km. */
  shareWithin500m: number;
  shareWithin1km: number;
  shareWithin2km: number;
  /** Population-weighted mean of the category score. */
  score: number;
};

/**
 * How population-weighted figures were made:
 * - 'uniform-within-polygon': a regular grid of sample points inside the polygon, each an equal share
 *   of its population (people assumed evenly spread);
 * - 'neighbourhood-population': the same inside each neighbourhood of the zone, each neighbourhood's
 *   points sharing that neighbourhood's population (so dense neighbourhoods count more).
 */
export type WeightingBasis = 'uniform-within-polygon' | 'neighbourhood-population';

export type WeightedFigures = {
  basis: WeightingBasis;
  population: number;
  samplePoints: number;
  /** Population-weighted mean of the access score. */
  score: number;
  categories: WeightedCategory[];
};

export type OriginKind = 'point' | 'housing-unit' | PolygonOrigin['kind'];

export type AccessCard = {
  method: typeof ACCESS_METHOD;
  origin: {
    kind: OriginKind;
    id: number | null;
    name: string | null;
    population: number | null;
    /** Where `atPoint` is measured from, [lon, lat]. */
    position: [number, number];
    /** 'given' (lon/lat), 'unit-location', or 'point-on-surface' (ST_PointOnSurface of a polygon). */
    positionMethod: 'given' | 'unit-location' | 'point-on-surface';
  };
  walkingSpeedKmh: number;
  n: number;
  atPoint: PointFigures;
  /** Null for a point, or for a polygon of unknown population (`populationWeightedNote` says why). */
  populationWeighted: WeightedFigures | null;
  populationWeightedNote: string | null;
};

const minutes = (distanceM: number | null | undefined, config: AccessConfig) =>
  distanceM === null || distanceM === undefined ? null : round(walkingMinutes(distanceM, config.walkingSpeedKmh));

/** Returns the point figures of one profile (all categories): the score over all, details for the requested. */
function pointFigures(profile: Partial<Record<ServiceCategory, CategoryAccess>>, options: AccessOptions): PointFigures {
  const { config } = options;
  const distances = Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, profile[c]?.nearest?.distanceM ?? null]));
  return {
    score: round(accessScore(distances, config)) as number,
    categories: options.categories.map((category) => {
      const access = profile[category];
      const nearest = access?.nearest ?? null;
      return {
        category,
        weight: config.categories[category].weight,
        nearest: nearest && {
          serviceId: nearest.serviceId,
          name: nearest.name,
          distanceM: round(nearest.distanceM) as number,
          walkMinutes: minutes(nearest.distanceM, config) as number,
          position: nearest.position,
        },
        nthNearestM: round(access?.nthNearestM),
        nthNearestWalkMinutes: minutes(access?.nthNearestM, config),
        within500m: access?.within500m ?? 0,
        within1km: access?.within1km ?? 0,
        within2km: access?.within2km ?? 0,
        score: round(categoryScore(nearest?.distanceM, config.categories[category])) as number,
      };
    }),
  };
}

/** Returns the full-category access profiles of `origins` (one query). */
function profilesOf(knex: Knex, origins: AccessOrigin[], options: AccessOptions) {
  return serviceAccessProfiles(knex, origins, SERVICE_CATEGORIES, options.n);
}

/** Sample points with population weights for a polygon origin; undefined when its population is unknown. */
function weightedSamples(origin: PolygonOrigin): { basis: WeightingBasis; population: number; points: Array<{ position: [number, number]; weight: number }> } | undefined {
  if (origin.parts.length > 0) {
    const points = origin.parts.flatMap((part) => {
      const samples = polygonSamplePoints(part.geometry, SAMPLE_POINTS_PER_POLYGON);
      return samples.map((position) => ({ position, weight: part.population / samples.length }));
    });
    return { basis: 'neighbourhood-population', population: origin.parts.reduce((sum, p) => sum + p.population, 0), points };
  }
  if (origin.population === null || origin.population <= 0) return undefined;
  const samples = polygonSamplePoints(origin.geometry, SAMPLE_POINTS_PER_POLYGON);
  const population = origin.population;
  return { basis: 'uniform-within-polygon', population, points: samples.map((position) => ({ position, weight: population / samples.length })) };
}

/** Returns the population-weighted figures of several polygon origins in one query (undefined entries: population unknown). */
async function weightedFigures(knex: Knex, origins: PolygonOrigin[], options: AccessOptions): Promise<Array<WeightedFigures | undefined>> {
  const { config } = options;
  const sampled = origins.map(weightedSamples);
  const points: AccessOrigin[] = [];
  sampled.forEach((s, o) => s?.points.forEach((p, i) => points.push({ key: `${o}:${i}`, lon: p.position[0], lat: p.position[1] })));
  const nearest = await nearestServiceDistances(knex, points, SERVICE_CATEGORIES);
  return sampled.map((s, o) => {
    if (!s) return undefined;
    const weights = s.points.map((p) => p.weight);
    const perPoint = s.points.map((_, i) => nearest.get(`${o}:${i}`) ?? {});
    const distanceOf = (i: number, c: ServiceCategory) => perPoint[i]?.[c]?.distanceM ?? null;
    const share = (c: ServiceCategory, radius: number) =>
      weightedMean(perPoint.map((_, i) => ((distanceOf(i, c) ?? Infinity) <= radius ? 1 : 0)), weights) ?? 0;
    const scores = perPoint.map((_, i) => accessScore(Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, distanceOf(i, c)])), config));
    return {
      basis: s.basis,
      population: s.population,
      samplePoints: s.points.length,
      score: round(weightedMean(scores, weights)) as number,
      categories: options.categories.map((category) => {
        const known = perPoint.map((_, i) => distanceOf(i, category));
        const meanNearest = known.some((d) => d === null) ? null : weightedMean(known as number[], weights);
        return {
          category,
          meanNearestM: round(meanNearest),
          meanWalkMinutes: minutes(meanNearest, config),
          shareWithin500m: round(share(category, 500), 3) as number,
          shareWithin1km: round(share(category, 1000), 3) as number,
          shareWithin2km: round(share(category, 2000), 3) as number,
          score: round(weightedMean(known.map((d) => categoryScore(d, config.categories[category])), weights)) as number,
        };
      }),
    };
  });
}

const cardBase = (options: AccessOptions) => ({ method: ACCESS_METHOD, walkingSpeedKmh: options.config.walkingSpeedKmh, n: options.n });

/** Returns the access card of a position given as lon/lat. */
export async function pointAccess(knex: Knex, position: [number, number], options: AccessOptions): Promise<AccessCard> {
  const profiles = await profilesOf(knex, [{ key: 'p', lon: position[0], lat: position[1] }], options);
  return {
    ...cardBase(options),
    origin: { kind: 'point', id: null, name: null, population: null, position, positionMethod: 'given' },
    atPoint: pointFigures(profiles.get('p') ?? {}, options),
    populationWeighted: null,
    populationWeightedNote: 'A point has no population to weight by.',
  };
}

/** Returns the access cards of housing units, in the order of `units`. */
export async function unitAccessCards(knex: Knex, units: UnitOrigin[], options: AccessOptions): Promise<AccessCard[]> {
  const profiles = await profilesOf(knex, units.map((u) => ({ key: String(u.id), lon: u.point[0], lat: u.point[1] })), options);
  return units.map((unit) => ({
    ...cardBase(options),
    origin: { kind: 'housing-unit', id: unit.id, name: unit.code, population: null, position: unit.point, positionMethod: 'unit-location' },
    atPoint: pointFigures(profiles.get(String(unit.id)) ?? {}, options),
    populationWeighted: null,
    populationWeightedNote: 'A housing unit is a point; its figures are those at its location.',
  }));
}

/** Returns the access cards of polygon origins (settlements or zones), in the order of `origins`. */
export async function polygonAccessCards(knex: Knex, origins: PolygonOrigin[], options: AccessOptions): Promise<AccessCard[]> {
  const [profiles, weighted] = await Promise.all([
    profilesOf(knex, origins.map((o) => ({ key: String(o.id), lon: o.point[0], lat: o.point[1] })), options),
    weightedFigures(knex, origins, options),
  ]);
  return origins.map((origin, i) => ({
    ...cardBase(options),
    origin: {
      kind: origin.kind,
      id: origin.id,
      name: origin.name,
      population: origin.parts.length > 0 ? origin.parts.reduce((s, p) => s + p.population, 0) : origin.population,
      position: origin.point,
      positionMethod: 'point-on-surface',
    },
    atPoint: pointFigures(profiles.get(String(origin.id)) ?? {}, options),
    populationWeighted: weighted[i] ?? null,
    populationWeightedNote: weighted[i] ? null : 'The population of this area is not known, so only its representative point is given.',
  }));
}

/** Returns the access card of settlement `id`, or undefined when there is none. */
export async function settlementAccess(knex: Knex, id: number, options: AccessOptions): Promise<AccessCard | undefined> {
  const origins = await listSettlementOrigins(knex, [id]);
  return origins.length ? (await polygonAccessCards(knex, origins, options))[0] : undefined;
}

/** Returns the access card of zone `id`, or undefined when there is none. */
export async function zoneAccess(knex: Knex, id: number, options: AccessOptions): Promise<AccessCard | undefined> {
  const origins = await listZoneOrigins(knex, { ids: [id] });
  return origins.length ? (await polygonAccessCards(knex, origins, options))[0] : undefined;
}

/** Returns the access card of housing unit `id`, or undefined when there is none. */
export async function housingUnitAccess(knex: Knex, id: number, options: AccessOptions): Promise<AccessCard | undefined> {
  const units = await listUnitOrigins(knex, [id]);
  return units.length ? (await unitAccessCards(knex, units, options))[0] : undefined;
}
