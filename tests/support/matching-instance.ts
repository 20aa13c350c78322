import type { AssignmentInstance } from '../../api/src/domain/batch-assignment';
import {
  DEFAULT_CONCENTRATION_LIMITS,
  levelLimits,
  NEAR_RADIUS_M,
  scoreCandidate,
  type ConcentrationLimits,
  type HouseholdProfile,
} from '../../api/src/domain/candidate-score';
import { SERVICE_CATEGORIES } from '../../api/src/domain/vocabulary';

// Generated matching instances for the batch tests and bench/batch-matching.ts: households, units in
// buildings, neighbourhoods and localities around Cluj, with random access distances and some households
// already relocated. Deterministic for a seed, so a failing case can be replayed.

/** Returns a deterministic pseudo-random generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type GeneratedInstance = AssignmentInstance & {
  limits: ConcentrationLimits;
  /** Eligible pairs before scores ≤ 0 were dropped, for statistics. */
  eligiblePairs: number;
};

/**
 * Returns a generated instance of `households` × `units`: scores from scoreCandidate, groups per
 * building, neighbourhood and locality, and one per unit for the units within 250 m of it.
 */
export function generateMatchingInstance(options: {
  households: number;
  units: number;
  seed: number;
  limits?: ConcentrationLimits;
  /** Units per building on average (default 6). */
  unitsPerBuilding?: number;
}): GeneratedInstance {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const limits = options.limits ?? DEFAULT_CONCENTRATION_LIMITS;
  // About 25 units per neighbourhood and two neighbourhoods per locality, like a metropolitan stock.
  const neighbourhoodCount = Math.max(4, Math.round(options.units / 25));
  const localities = Array.from({ length: Math.max(2, Math.round(neighbourhoodCount / 2)) }, (_, i) => `L${i + 1}`);
  const buildingCount = Math.max(2, Math.round(options.units / (options.unitsPerBuilding ?? 6)));

  // Neighbourhood centres in a 12 × 8 km box; buildings scattered within 800 m of one.
  // Neighbourhoods of 3,000–30,000 people; a locality has its neighbourhoods' people and half as many around them.
  const neighbourhoods = Array.from({ length: neighbourhoodCount }, (_, i) => ({
    x: random() * 12_000,
    y: random() * 8_000,
    locality: localities[i % localities.length] as string,
    population: Math.round(3_000 + random() * 27_000),
  }));
  const localityPopulation = new Map<string, number>();
  for (const n of neighbourhoods) localityPopulation.set(n.locality, (localityPopulation.get(n.locality) ?? 0) + 1.5 * n.population);
  const limitsOf = (u: { neighbourhood: number; locality: string }) =>
    levelLimits(limits, { neighbourhood: neighbourhoods[u.neighbourhood]?.population ?? null, locality: localityPopulation.get(u.locality) ?? null });
  const buildings = Array.from({ length: buildingCount }, () => {
    const n = Math.floor(random() * neighbourhoods.length);
    const centre = neighbourhoods[n] as (typeof neighbourhoods)[number];
    return { x: centre.x + (random() - 0.5) * 1600, y: centre.y + (random() - 0.5) * 1600, neighbourhood: n, locality: centre.locality };
  });
  const units = Array.from({ length: options.units }, () => {
    const b = Math.floor(random() * buildings.length);
    const building = buildings[b] as (typeof buildings)[number];
    const rooms = 1 + Math.floor(random() * 4);
    return {
      building: b,
      neighbourhood: building.neighbourhood,
      locality: building.locality,
      x: building.x + (random() - 0.5) * 20,
      y: building.y + (random() - 0.5) * 20,
      rooms,
      floorAreaM2: 18 + rooms * (14 + random() * 10),
      stepFree: random() < 0.4,
      distances: Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, random() < 0.05 ? null : 100 + random() * 2400])),
    };
  });
  // Households already relocated or planned: they fill part of the limits before the batch starts.
  const existing = { building: new Map<number, number>(), neighbourhood: new Map<number, number>(), locality: new Map<string, number>() };
  const existingPoints: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < Math.round(options.units * 0.15); i++) {
    const b = Math.floor(random() * buildings.length);
    const building = buildings[b] as (typeof buildings)[number];
    existing.building.set(b, (existing.building.get(b) ?? 0) + 1);
    existing.neighbourhood.set(building.neighbourhood, (existing.neighbourhood.get(building.neighbourhood) ?? 0) + 1);
    existing.locality.set(building.locality, (existing.locality.get(building.locality) ?? 0) + 1);
    existingPoints.push({ x: building.x, y: building.y });
  }
  const households: HouseholdProfile[] = Array.from({ length: options.households }, () => {
    const adults = 1 + Math.floor(random() * 3);
    const children = Math.floor(random() * 5);
    const seniors = random() < 0.25 ? 1 : 0;
    const needs = random() < 0.15 ? ['step_free'] : [];
    return {
      size: adults + children,
      children,
      seniors,
      disabledMembers: random() < 0.1 ? 1 : 0,
      needs,
      preferredLocalities: random() < 0.3 ? [pick(localities)] : [],
    };
  });
  const originDistances = Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, 1500 + random() * 3000]));

  // Neighbours within 250 m (a grid of 250 m cells keeps this linear).
  const cell = (v: number) => Math.floor(v / NEAR_RADIUS_M);
  const grid = new Map<string, number[]>();
  units.forEach((u, i) => {
    const key = `${cell(u.x)}:${cell(u.y)}`;
    grid.set(key, [...(grid.get(key) ?? []), i]);
  });
  const near = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y) <= NEAR_RADIUS_M;
  const neighboursOf = (i: number) => {
    const u = units[i] as (typeof units)[number];
    const found: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cell(u.x) + dx}:${cell(u.y) + dy}`) ?? []) if (j !== i && near(u, units[j] as typeof u)) found.push(j);
      }
    }
    return found;
  };
  const nearExisting = units.map((u) => existingPoints.filter((p) => near(u, p)).length);

  const pairs: AssignmentInstance['pairs'][number][] = [];
  let eligiblePairs = 0;
  households.forEach((household, h) => {
    units.forEach((unit, u) => {
      const result = scoreCandidate({
        household,
        unit: { rooms: unit.rooms, floorAreaM2: unit.floorAreaM2, stepFree: unit.stepFree, locality: unit.locality },
        originDistances,
        unitDistances: unit.distances,
        counts: {
          building: existing.building.get(unit.building) ?? 0,
          near: nearExisting[u] ?? 0,
          neighbourhood: existing.neighbourhood.get(unit.neighbourhood) ?? 0,
          locality: existing.locality.get(unit.locality) ?? 0,
        },
        limits: limitsOf(unit),
      });
      if (!result.eligible) return;
      eligiblePairs++;
      if (result.score > 0) pairs.push({ household: h, unit: u, score: result.score });
    });
  });

  const groupBy = <K>(key: (u: (typeof units)[number]) => K) => {
    const map = new Map<K, number[]>();
    units.forEach((u, i) => map.set(key(u), [...(map.get(key(u)) ?? []), i]));
    return map;
  };
  const groups: AssignmentInstance['groups'][number][] = [];
  for (const [b, members] of groupBy((u) => u.building)) {
    groups.push({ key: `building:${b}`, capacity: limits.building - (existing.building.get(b) ?? 0), units: members });
  }
  for (const [n, members] of groupBy((u) => u.neighbourhood)) {
    const limit = limitsOf(units[members[0] as number] as (typeof units)[number]).neighbourhood as number;
    groups.push({ key: `neighbourhood:${n}`, capacity: limit - (existing.neighbourhood.get(n) ?? 0), units: members });
  }
  for (const [l, members] of groupBy((u) => u.locality)) {
    const limit = limitsOf(units[members[0] as number] as (typeof units)[number]).locality as number;
    groups.push({ key: `locality:${l}`, capacity: limit - (existing.locality.get(l) ?? 0), units: members });
  }
  units.forEach((_, i) => groups.push({ key: `near:${i}`, capacity: limits.near - (nearExisting[i] ?? 0), units: [i, ...neighboursOf(i)] }));
  return { householdCount: options.households, unitCount: options.units, pairs, groups, limits, eligiblePairs };
}
