import { SERVICE_CATEGORIES, type ServiceCategory } from './vocabulary';

// The defaults of the access measures (issue 4), from the walking thresholds in docs/DOMAIN.md:
// 400 m ≈ 5 min and 800 m ≈ 10 min on foot (so 4.8 km/h), 15 min at 3.6 km/h ≈ 900 m for slow
// walkers (children, seniors), and UN SDG 11.2.1's "convenient access": a stop within 500 m.

/** How one category counts in the access score: its weight and its distance-decay parameters. */
export type CategoryScoring = {
  /** Relative importance; the score divides by the sum of weights, so only ratios matter. */
  weight: number;
  /** Up to this geodesic distance (m) access counts as full (decay 1). */
  fullAccessM: number;
  /** Beyond fullAccessM, every halfDistanceM more halves the access (exponential decay). */
  halfDistanceM: number;
};

export type AccessConfig = {
  /** Walking speed used to turn metres into minutes. */
  walkingSpeedKmh: number;
  /** Default n of "distance to the n-th nearest service". */
  nthNearest: number;
  categories: Record<ServiceCategory, CategoryScoring>;
};

const daily = (weight: number): CategoryScoring => ({ weight, fullAccessM: 800, halfDistanceM: 800 });
const occasional = (weight: number): CategoryScoring => ({ weight, fullAccessM: 900, halfDistanceM: 900 });

/** The default access configuration; the weights add up to 100 so each reads as a percentage. */
export const DEFAULT_ACCESS_CONFIG: AccessConfig = {
  walkingSpeedKmh: 4.8,
  nthNearest: 3,
  categories: {
    // Daily trips, often with children: full access within a 10-minute walk (800 m).
    school: daily(15),
    kindergarten: daily(10),
    grocery: daily(10),
    family_doctor: daily(15),
    pharmacy: daily(5),
    // SDG 11.2.1: a bus or tram stop within 500 m.
    transit_stop: { weight: 20, fullAccessM: 500, halfDistanceM: 500 },
    // Weekly or rarer trips: 15 minutes at a slow 3.6 km/h (900 m).
    social_services: occasional(10),
    clinic: occasional(5),
    employment_office: occasional(5),
    community_centre: occasional(5),
  },
};

/** Returns `base` with the given category overrides and settings applied; throws on a negative or non-finite value. */
export function withAccessConfig(
  base: AccessConfig,
  overrides: { walkingSpeedKmh?: number; nthNearest?: number; categories?: Partial<Record<ServiceCategory, Partial<CategoryScoring>>> },
): AccessConfig {
  const categories = { ...base.categories };
  for (const category of SERVICE_CATEGORIES) {
    const change = overrides.categories?.[category];
    if (change) categories[category] = { ...categories[category], ...change };
  }
  const config: AccessConfig = {
    walkingSpeedKmh: overrides.walkingSpeedKmh ?? base.walkingSpeedKmh,
    nthNearest: overrides.nthNearest ?? base.nthNearest,
    categories,
  };
  if (!(config.walkingSpeedKmh > 0) || !Number.isFinite(config.walkingSpeedKmh)) throw new RangeError('walkingSpeedKmh must be positive');
  if (!Number.isInteger(config.nthNearest) || config.nthNearest < 1) throw new RangeError('nthNearest must be a positive integer');
  for (const [category, s] of Object.entries(categories)) {
    if (![s.weight, s.fullAccessM].every((v) => Number.isFinite(v) && v >= 0) || !(s.halfDistanceM > 0) || !Number.isFinite(s.halfDistanceM)) {
      throw new RangeError(`${category}: weight and fullAccessM must be ≥ 0 and halfDistanceM > 0`);
    }
  }
  return config;
}

/** The locality whose population-weighted figures are the "city average" of comparisons. */
export const CITY_LOCALITY_NAME = 'Cluj-Napoca';
