import type { AccessConfig, CategoryScoring } from './access-config';
import { SERVICE_CATEGORIES, type ServiceCategory } from './vocabulary';

// The access score (issue 4), pure functions:
//
//   decay_c(d) = 1                                  if d ≤ full_c
//              = 2^(−(d − full_c) / half_c)         if d > full_c
//              = 0                                  if category c has no service (d unknown)
//   score      = 100 · Σ_c w_c · decay_c(d_c) / Σ_c w_c
//
// where d_c is the geodesic distance (m) to the nearest service of category c, w_c its weight,
// full_c the distance of full access and half_c the distance over which access halves
// (defaults in access-config.ts). A category score is 100 · decay_c(d_c).

/** The label of the formula, for API responses and the README. */
export const ACCESS_SCORE_FORMULA =
  'score = 100 · Σ w_c · decay_c(d_c) / Σ w_c; decay_c(d) = 1 for d ≤ full_c, else 2^(−(d − full_c)/half_c); 0 when no service of c exists';

/** Returns the access (0–1) left at `distanceM` for one category; 0 when the distance is unknown (no service). */
export function distanceDecay(distanceM: number | null | undefined, scoring: CategoryScoring): number {
  if (distanceM === null || distanceM === undefined || !Number.isFinite(distanceM)) return 0;
  if (distanceM <= scoring.fullAccessM) return 1;
  return 2 ** (-(distanceM - scoring.fullAccessM) / scoring.halfDistanceM);
}

/** Returns the score (0–100) of one category at `distanceM`. */
export function categoryScore(distanceM: number | null | undefined, scoring: CategoryScoring): number {
  return 100 * distanceDecay(distanceM, scoring);
}

/**
 * Returns the weighted access score (0–100) of nearest-service distances; categories missing from
 * `distancesM` or null count as without access. Only `categories` take part (all by default);
 * returns 0 when their weights add up to 0.
 */
export function accessScore(
  distancesM: Partial<Record<ServiceCategory, number | null>>,
  config: AccessConfig,
  categories: readonly ServiceCategory[] = SERVICE_CATEGORIES,
): number {
  let weighted = 0;
  let weights = 0;
  for (const category of categories) {
    const scoring = config.categories[category];
    weighted += scoring.weight * distanceDecay(distancesM[category], scoring);
    weights += scoring.weight;
  }
  return weights > 0 ? (100 * weighted) / weights : 0;
}

/** Returns the walking time in minutes for `distanceM` at `speedKmh`. */
export function walkingMinutes(distanceM: number, speedKmh: number): number {
  return distanceM / ((speedKmh * 1000) / 60);
}

/** Returns the mean of `values` weighted by `weights`; null when the weights add up to 0. */
export function weightedMean(values: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  let total = 0;
  values.forEach((value, i) => {
    const weight = weights[i] ?? 0;
    sum += value * weight;
    total += weight;
  });
  return total > 0 ? sum / total : null;
}

/** Returns `value` rounded to `decimals` places (null stays null), for responses. */
export function round(value: number | null | undefined, decimals = 1): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
