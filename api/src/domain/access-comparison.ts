import type { Knex } from 'knex';
import { getPlanEnds, listSettlementOrigins, listUnitOrigins, listZoneOrigins } from '../db/access-queries';
import { CITY_LOCALITY_NAME } from './access-config';
import {
  ACCESS_METHOD,
  housingUnitAccess,
  polygonAccessCards,
  settlementAccess,
  unitAccessCards,
  type AccessCard,
  type AccessOptions,
  type WeightingBasis,
} from './access-card';
import { round } from './access-score';
import type { ServiceCategory } from './vocabulary';

// Comparisons of access (issue 4): the Pata Rât communities beside the city average and the
// localities, and a relocation plan's origin → destination change per category (the access gain).

/** How one category changes from origin to destination; negative changeM = the service is nearer. */
export type CategoryGain = {
  category: ServiceCategory;
  originDistanceM: number | null;
  destinationDistanceM: number | null;
  changeM: number | null;
  originScore: number;
  destinationScore: number;
  scoreChange: number;
};

export type PlanAccess = {
  method: typeof ACCESS_METHOD;
  plan: { id: number; code: string; state: string };
  /** The household's settlement (null when the household has none recorded). */
  origin: AccessCard | null;
  /** The plan's housing unit (null until a unit is matched). */
  destination: AccessCard | null;
  /** Gains compare the settlement's representative point with the unit's location ('at-point'). */
  gainBasis: 'at-point';
  gain: { scoreChange: number; originScore: number; destinationScore: number; categories: CategoryGain[] } | null;
  note: string | null;
};

/** Returns the origin → destination change of every category of two cards with the same categories. */
export function accessGain(origin: AccessCard, destination: AccessCard): NonNullable<PlanAccess['gain']> {
  return {
    originScore: origin.atPoint.score,
    destinationScore: destination.atPoint.score,
    scoreChange: round(destination.atPoint.score - origin.atPoint.score) as number,
    categories: origin.atPoint.categories.map((from, i) => {
      const to = destination.atPoint.categories[i] as (typeof destination.atPoint.categories)[number];
      const a = from.nearest?.distanceM ?? null;
      const b = to.nearest?.distanceM ?? null;
      return {
        category: from.category,
        originDistanceM: a,
        destinationDistanceM: b,
        changeM: a === null || b === null ? null : round(b - a),
        originScore: from.score,
        destinationScore: to.score,
        scoreChange: round(to.score - from.score) as number,
      };
    }),
  };
}

/** Returns the access at both ends of relocation plan `id` and the gain, or undefined when there is no such plan. */
export async function planAccess(knex: Knex, id: number, options: AccessOptions): Promise<PlanAccess | undefined> {
  const ends = await getPlanEnds(knex, id);
  if (!ends) return undefined;
  const origin = ends.settlementId === null ? null : ((await settlementAccess(knex, ends.settlementId, options)) ?? null);
  const destination = ends.housingUnitId === null ? null : ((await housingUnitAccess(knex, ends.housingUnitId, options)) ?? null);
  const missing = [origin ? null : 'the household has no settlement recorded', destination ? null : 'no housing unit is matched yet'].filter(Boolean);
  return {
    method: ACCESS_METHOD,
    plan: { id: ends.id, code: ends.code, state: ends.state },
    origin,
    destination,
    gainBasis: 'at-point',
    gain: origin && destination ? accessGain(origin, destination) : null,
    note: missing.length ? `No gain: ${missing.join(' and ')}.` : null,
  };
}

/** One row of the comparison table: a place, how it was measured and, per category, distance and score. */
export type ComparisonRow = {
  kind: 'settlement' | 'city-average' | 'locality' | 'housing-unit';
  id: number;
  name: string;
  /** 'population-weighted' where population is known, else 'point' (a unit, or a representative point). */
  basis: 'population-weighted' | 'point';
  weighting: WeightingBasis | null;
  population: number | null;
  score: number;
  categories: Array<{ category: ServiceCategory; distanceM: number | null; walkMinutes: number | null; score: number }>;
};

export type AccessComparison = {
  method: typeof ACCESS_METHOD;
  walkingSpeedKmh: number;
  categories: ServiceCategory[];
  /** How the city average is made, in words. */
  cityAverage: string;
  rows: ComparisonRow[];
};

/** Returns a comparison row from an access card: population-weighted figures when it has them, else its point. */
export function comparisonRow(card: AccessCard, kind: ComparisonRow['kind']): ComparisonRow {
  const weighted = card.populationWeighted;
  const base = {
    kind,
    id: card.origin.id as number,
    name: kind === 'city-average' ? `${card.origin.name} (city average)` : (card.origin.name as string),
    population: card.origin.population,
  };
  if (weighted) {
    return {
      ...base,
      basis: 'population-weighted',
      weighting: weighted.basis,
      score: weighted.score,
      categories: weighted.categories.map((c) => ({ category: c.category, distanceM: c.meanNearestM, walkMinutes: c.meanWalkMinutes, score: c.score })),
    };
  }
  return {
    ...base,
    basis: 'point',
    weighting: null,
    score: card.atPoint.score,
    categories: card.atPoint.categories.map((c) => ({
      category: c.category,
      distanceM: c.nearest?.distanceM ?? null,
      walkMinutes: c.nearest?.walkMinutes ?? null,
      score: c.score,
    })),
  };
}

/** Returns the comparison rows of the settlements, the city average and the other localities (no housing units). */
export async function placeComparisonRows(knex: Knex, options: AccessOptions): Promise<ComparisonRow[]> {
  const [settlements, localities] = await Promise.all([listSettlementOrigins(knex), listZoneOrigins(knex, { kind: 'locality' })]);
  const city = localities.filter((l) => l.name === CITY_LOCALITY_NAME);
  const others = localities.filter((l) => l.name !== CITY_LOCALITY_NAME);
  const cards = await polygonAccessCards(knex, [...settlements, ...city, ...others], options);
  return cards.map((card, i) =>
    comparisonRow(card, i < settlements.length ? 'settlement' : i < settlements.length + city.length ? 'city-average' : 'locality'),
  );
}

/** Returns the comparison rows of housing units `ids` (those that exist), in the order asked. */
export async function unitComparisonRows(knex: Knex, ids: readonly number[], options: AccessOptions): Promise<ComparisonRow[]> {
  const units = await listUnitOrigins(knex, ids);
  const cards = await unitAccessCards(knex, units, options);
  const byId = new Map(cards.map((card) => [card.origin.id, comparisonRow(card, 'housing-unit')]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Returns the comparison table from its rows. */
export function accessComparison(rows: ComparisonRow[], options: AccessOptions): AccessComparison {
  return {
    method: ACCESS_METHOD,
    walkingSpeedKmh: options.config.walkingSpeedKmh,
    categories: [...options.categories],
    cityAverage: `${CITY_LOCALITY_NAME}: population-weighted over its neighbourhoods (each sampled on a regular grid of points, each neighbourhood's points sharing its population)`,
    rows,
  };
}
