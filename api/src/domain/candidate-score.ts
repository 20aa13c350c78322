import type { ServiceCategory } from './vocabulary';

// How well a housing unit suits a household (issue 5, matching). Pure: distances and counts come in,
// a score with its breakdown and warnings goes out. The weights and thresholds below are policy
// defaults for the demo, documented here and in the API description, not research results.

/** The radius of the "nearby" concentration count, in metres. */
export const NEAR_RADIUS_M = 250;

/**
 * Default concentration limits: the most relocated or planned households (the new one included) that a
 * building and the 250 m around a unit should hold, and per 10,000 inhabitants of a neighbourhood or
 * locality (zones.population; a zone without a population is not limited). Critics of earlier programmes
 * warned that a few blocks at the metropolitan edge re-create segregation (docs/DOMAIN.md): the building and
 * 250 m limits catch that; the rates keep a small commune from taking as many families as the city.
 * 282 households spread over the ~380,000 inhabitants of the five localities are ~7 per 10,000.
 */
export const DEFAULT_CONCENTRATION_LIMITS: ConcentrationLimits = { building: 4, near: 8, neighbourhoodPer10k: 15, localityPer10k: 10 };

export type ConcentrationLimits = { building: number; near: number; neighbourhoodPer10k: number; localityPer10k: number };
export type ConcentrationLevel = 'building' | 'near' | 'neighbourhood' | 'locality';
/** The limit at each level for one unit, in households; null where the level does not apply. */
export type LevelLimits = Record<ConcentrationLevel, number | null>;
export const CONCENTRATION_LEVELS: readonly ConcentrationLevel[] = ['building', 'near', 'neighbourhood', 'locality'];

/** Maximum points of each component; the total is their sum minus the concentration penalty. */
export const SCORE_WEIGHTS = { sizeFit: 30, features: 10, access: 40, locality: 10, concentration: 30 } as const;

/** UN-Habitat's "sufficient living area": at most three people per habitable room. */
export const MAX_PERSONS_PER_ROOM = 3;
/** Persons per room at or below which the size fit is full. */
const COMFORTABLE_PERSONS_PER_ROOM = 1.5;
/** Below this many persons per room a large unit is wasted on a small household. */
const UNDER_OCCUPIED_PERSONS_PER_ROOM = 0.5;
/** m² per person at or above which the floor area fit is full, and below which it is zero. */
const COMFORTABLE_M2_PER_PERSON = 15;
const MIN_M2_PER_PERSON = 8;

/** Walking distances of the access value: full within 400 m (5 min), nothing beyond 1,600 m (20 min). */
export const ACCESS_FULL_M = 400;
export const ACCESS_ZERO_M = 1600;

export type HouseholdProfile = {
  size: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: readonly string[];
  preferredLocalities: readonly string[];
};

export type UnitProfile = {
  rooms: number;
  floorAreaM2: number;
  stepFree: boolean;
  locality: string | null;
};

/** Distance in metres to the nearest service of each category; null or absent: none found. */
export type AccessDistances = Partial<Record<ServiceCategory, number | null>>;

/** Relocated (moved, followed up) and planned (matched, approved) households already at each level; null: the unit is in no such zone. */
export type ConcentrationCounts = { building: number | null; near: number; neighbourhood: number | null; locality: number | null };

export type CandidateWarning = { code: string; detail: string };

export type CandidateScore = {
  /** The total: size fit + features + access + locality − concentration penalty, rounded to 0.01. */
  score: number;
  /** False when a hard requirement fails (a needed step-free access, more than 3 persons per room). */
  eligible: boolean;
  breakdown: {
    sizeFit: { score: number; max: number; personsPerRoom: number; m2PerPerson: number };
    features: { score: number; max: number; stepFreeNeeded: boolean; stepFree: boolean };
    access: {
      score: number;
      max: number;
      categories: Array<{ category: ServiceCategory; originM: number | null; unitM: number | null; gain: number }>;
    };
    locality: { score: number; max: number; preferred: readonly string[]; locality: string | null };
    concentration: { penalty: number; max: number; counts: ConcentrationCounts; limits: LevelLimits };
  };
  warnings: CandidateWarning[];
};

const round = (value: number) => Math.round(value * 100) / 100;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
/** Linear from 1 at `full` to 0 at `zero` (either direction). */
const ramp = (value: number, full: number, zero: number) => clamp01((value - zero) / (full - zero));

/** Returns the service categories whose access matters to this household (everyone: transit and grocery). */
export function accessCategoriesFor(household: HouseholdProfile): ServiceCategory[] {
  const categories = new Set<ServiceCategory>(['transit_stop', 'grocery']);
  if (household.children > 0 || household.needs.includes('near_school')) {
    categories.add('school');
    if (household.children > 0) categories.add('kindergarten');
  }
  if (household.seniors > 0) {
    categories.add('family_doctor');
    categories.add('pharmacy');
  }
  if (household.needs.includes('near_clinic')) categories.add('clinic');
  if (household.needs.includes('near_employment')) categories.add('employment_office');
  return [...categories];
}

/** Returns how well a distance serves: 1 within ACCESS_FULL_M, 0 beyond ACCESS_ZERO_M or when there is none. */
export function accessValue(distanceM: number | null | undefined): number {
  if (distanceM === null || distanceM === undefined || !Number.isFinite(distanceM)) return 0;
  return ramp(distanceM, ACCESS_FULL_M, ACCESS_ZERO_M);
}

/** Returns the size fit in [0, 1] and its two ratios. */
function sizeFit(household: HouseholdProfile, unit: UnitProfile) {
  const personsPerRoom = household.size / unit.rooms;
  const m2PerPerson = unit.floorAreaM2 / household.size;
  let roomFit: number;
  if (personsPerRoom > MAX_PERSONS_PER_ROOM) roomFit = 0;
  else if (personsPerRoom < UNDER_OCCUPIED_PERSONS_PER_ROOM) roomFit = 0.6;
  else if (personsPerRoom <= COMFORTABLE_PERSONS_PER_ROOM) roomFit = 1;
  else roomFit = 0.3 + 0.7 * ramp(personsPerRoom, COMFORTABLE_PERSONS_PER_ROOM, MAX_PERSONS_PER_ROOM);
  const areaFit = ramp(m2PerPerson, COMFORTABLE_M2_PER_PERSON, MIN_M2_PER_PERSON);
  return { fit: 0.5 * roomFit + 0.5 * areaFit, personsPerRoom, m2PerPerson };
}

/**
 * Returns the score of one unit for one household with its breakdown and warnings.
 * `originDistances` are from the household's settlement of origin, `unitDistances` from the unit.
 */
export function scoreCandidate(input: {
  household: HouseholdProfile;
  unit: UnitProfile;
  originDistances: AccessDistances | null;
  unitDistances: AccessDistances;
  counts: ConcentrationCounts;
  /** The unit's limits (levelLimits); by default those of DEFAULT_CONCENTRATION_LIMITS without zone populations. */
  limits?: LevelLimits;
}): CandidateScore {
  const { household, unit, counts } = input;
  const limits = input.limits ?? levelLimits(DEFAULT_CONCENTRATION_LIMITS, { neighbourhood: null, locality: null });
  const warnings: CandidateWarning[] = [];
  let eligible = true;

  const size = sizeFit(household, unit);
  if (size.personsPerRoom > MAX_PERSONS_PER_ROOM) {
    eligible = false;
    warnings.push({
      code: 'overcrowded',
      detail: `${round(size.personsPerRoom)} persons per room exceeds ${MAX_PERSONS_PER_ROOM} (UN-Habitat sufficient living area)`,
    });
  }
  if (size.m2PerPerson < MIN_M2_PER_PERSON) {
    warnings.push({ code: 'small-floor-area', detail: `${round(size.m2PerPerson)} m² per person is below ${MIN_M2_PER_PERSON}` });
  }

  const stepFreeNeeded = household.needs.includes('step_free');
  const mobilityRisk = household.seniors > 0 || household.disabledMembers > 0;
  let features = 1;
  if (stepFreeNeeded && !unit.stepFree) {
    eligible = false;
    features = 0;
    warnings.push({ code: 'step-free-required', detail: 'the household needs step-free access and this unit has none' });
  } else if (!unit.stepFree && mobilityRisk) {
    features = 0.3;
  }

  const categories = accessCategoriesFor(household).map((category) => {
    const originM = input.originDistances?.[category] ?? null;
    const unitM = input.unitDistances[category] ?? null;
    const metres = (d: number | null) => (d === null ? null : Math.round(d));
    return { category, originM: metres(originM), unitM: metres(unitM), gain: round(accessValue(unitM) - accessValue(originM)) };
  });
  const meanGain = categories.reduce((sum, c) => sum + c.gain, 0) / Math.max(1, categories.length);
  const worse = categories.filter((c) => c.gain < 0).map((c) => c.category);
  if (worse.length > 0) warnings.push({ code: 'access-worse', detail: `access is worse than at the origin for: ${worse.join(', ')}` });
  if (input.originDistances === null) warnings.push({ code: 'origin-unknown', detail: 'the household has no settlement of origin: gains are measured from no access' });

  const preferred = household.preferredLocalities;
  const localityFit = preferred.length === 0 || (unit.locality !== null && preferred.includes(unit.locality)) ? 1 : 0;

  // The penalty grows with each household already there, reaching the level's share at the limit.
  const shares: Record<ConcentrationLevel, number> = { building: 0.4, near: 0.3, neighbourhood: 0.15, locality: 0.15 };
  let penalty = 0;
  for (const level of CONCENTRATION_LEVELS) {
    const count = counts[level];
    const limit = limits[level];
    if (count === null || limit === null) continue;
    penalty += SCORE_WEIGHTS.concentration * shares[level] * Math.min(1.5, limit > 0 ? count / limit : 1.5);
    if (count + 1 > limit) {
      warnings.push({
        code: `concentration-${level}`,
        detail: `${count} relocated or planned households already ${LEVEL_PHRASE[level]}: one more exceeds the limit of ${limit}`,
      });
    }
  }

  const breakdown: CandidateScore['breakdown'] = {
    sizeFit: {
      score: round(SCORE_WEIGHTS.sizeFit * size.fit),
      max: SCORE_WEIGHTS.sizeFit,
      personsPerRoom: round(size.personsPerRoom),
      m2PerPerson: round(size.m2PerPerson),
    },
    features: { score: round(SCORE_WEIGHTS.features * features), max: SCORE_WEIGHTS.features, stepFreeNeeded, stepFree: unit.stepFree },
    access: { score: round(SCORE_WEIGHTS.access * clamp01(meanGain)), max: SCORE_WEIGHTS.access, categories },
    locality: { score: SCORE_WEIGHTS.locality * localityFit, max: SCORE_WEIGHTS.locality, preferred, locality: unit.locality },
    concentration: { penalty: round(penalty), max: round(SCORE_WEIGHTS.concentration * 1.5), counts, limits },
  };
  const score = round(
    breakdown.sizeFit.score + breakdown.features.score + breakdown.access.score + breakdown.locality.score - breakdown.concentration.penalty,
  );
  return { score, eligible, breakdown, warnings };
}

const LEVEL_PHRASE: Record<ConcentrationLevel, string> = {
  building: 'in this building',
  near: `within ${NEAR_RADIUS_M} m`,
  neighbourhood: 'in this neighbourhood',
  locality: 'in this locality',
};

/** Returns the limits of a unit in households: building and 250 m as given, zones by their population. */
export function levelLimits(limits: ConcentrationLimits, population: { neighbourhood: number | null; locality: number | null }): LevelLimits {
  // At least one household anywhere: a rate rounds down to zero in the smallest zones.
  const perPopulation = (rate: number, people: number | null) => (people === null || people <= 0 ? null : Math.max(1, Math.floor((rate * people) / 10_000)));
  return {
    building: limits.building,
    near: limits.near,
    neighbourhood: perPopulation(limits.neighbourhoodPer10k, population.neighbourhood),
    locality: perPopulation(limits.localityPer10k, population.locality),
  };
}
