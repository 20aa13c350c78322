import type { MatchingContext, MatchingHousehold, MatchingUnit } from '../db/matching-context';
import { solveAssignment, type AssignmentInstance, type AssignmentResult } from './batch-assignment';
import {
  levelLimits,
  scoreCandidate,
  type CandidateScore,
  type CandidateWarning,
  type ConcentrationLimits,
  type LevelLimits,
} from './candidate-score';

// Matching (issue 5) from a loaded context: the ranked candidate units of one household, and the batch
// proposal that assigns many households at once under the concentration limits (batch-assignment.ts).

/** One candidate unit for a household: the unit, its score, breakdown and warnings. */
export type Candidate = CandidateScore & { unit: Omit<MatchingUnit, 'counts'> };

/** Returns a unit's limits in households, from the rates and its zones' populations. */
export function unitLimits(unit: MatchingUnit, limits: ConcentrationLimits): LevelLimits {
  return levelLimits(limits, { neighbourhood: unit.neighbourhood?.population ?? null, locality: unit.localityZone?.population ?? null });
}

function scorePair(context: MatchingContext, household: MatchingHousehold, unit: MatchingUnit, limits: ConcentrationLimits): CandidateScore {
  return scoreCandidate({
    household: household.profile,
    unit: { rooms: unit.rooms, floorAreaM2: unit.floorAreaM2, stepFree: unit.stepFree, locality: unit.locality },
    originDistances: context.originDistances.get(household.id) ?? null,
    unitDistances: context.unitDistances.get(unit.id) ?? {},
    counts: unit.counts,
    limits: unitLimits(unit, limits),
  });
}

/** Returns every unit of the context scored for the household: eligible first, then by score (best first). */
export function rankCandidates(context: MatchingContext, household: MatchingHousehold, limits: ConcentrationLimits): Candidate[] {
  return context.units
    .map((unit) => {
      const { counts: _counts, ...rest } = unit;
      return { ...scorePair(context, household, unit, limits), unit: rest };
    })
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.unit.id - b.unit.id);
}

export type BatchProposal = {
  limits: ConcentrationLimits;
  assignments: Array<{
    householdId: number;
    householdCode: string;
    unitId: number;
    unitCode: string;
    score: number;
    warnings: CandidateWarning[];
  }>;
  unassigned: Array<{ householdId: number; householdCode: string; reason: 'holds-unit' | 'no-eligible-unit' | 'limits-or-competition' }>;
  totalScore: number;
  greedyTotalScore: number;
  solver: Pick<AssignmentResult, 'status' | 'gap' | 'solveMs' | 'phases'> & { lpBound: number; pairs: number; lpRounds: number };
};

/** Returns the assignment instance of a context: eligible pairs, and one group per building, zone and 250 m window. */
export function buildAssignmentInstance(
  context: MatchingContext,
  households: readonly MatchingHousehold[],
  limits: ConcentrationLimits,
): { instance: AssignmentInstance; scores: Map<string, CandidateScore>; eligibleHouseholds: Set<number> } {
  const units = context.units;
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const pairs: Array<AssignmentInstance['pairs'][number]> = [];
  const scores = new Map<string, CandidateScore>();
  const eligibleHouseholds = new Set<number>();
  households.forEach((household, h) => {
    units.forEach((unit, u) => {
      const result = scorePair(context, household, unit, limits);
      if (!result.eligible) return;
      eligibleHouseholds.add(household.id);
      scores.set(`${h}:${u}`, result);
      pairs.push({ household: h, unit: u, score: result.score });
    });
  });

  const groups: Array<AssignmentInstance['groups'][number]> = [];
  const addGroups = (level: 'building' | 'neighbourhood' | 'locality', keyOf: (unit: MatchingUnit) => string | number | null | undefined) => {
    const members = new Map<string | number, number[]>();
    units.forEach((unit, i) => {
      const key = keyOf(unit);
      if (key === null || key === undefined) return;
      members.set(key, [...(members.get(key) ?? []), i]);
    });
    for (const [key, list] of members) {
      // Every unit of a group shares its zone or building, hence its count and limit.
      const first = units[list[0] as number] as MatchingUnit;
      const limit = unitLimits(first, limits)[level];
      if (limit === null) continue;
      groups.push({ key: `${level}:${key}`, capacity: limit - (first.counts[level] ?? 0), units: list });
    }
  };
  addGroups('building', (u) => u.building);
  addGroups('neighbourhood', (u) => u.neighbourhood?.id);
  addGroups('locality', (u) => u.localityZone?.id);
  const neighbours: number[][] = units.map(() => []);
  for (const [a, b] of context.nearPairs) {
    const ia = unitIndex.get(a);
    const ib = unitIndex.get(b);
    if (ia === undefined || ib === undefined) continue;
    neighbours[ia]?.push(ib);
    neighbours[ib]?.push(ia);
  }
  units.forEach((unit, i) => groups.push({ key: `near:${unit.id}`, capacity: limits.near - unit.counts.near, units: [i, ...(neighbours[i] ?? [])] }));

  return { instance: { householdCount: households.length, unitCount: units.length, pairs, groups }, scores, eligibleHouseholds };
}

/** Returns the batch proposal for the context's households: the assignment of maximum total score within the limits. */
export async function proposeBatch(
  context: MatchingContext,
  limits: ConcentrationLimits,
  options: { timeLimitSeconds?: number } = {},
): Promise<BatchProposal> {
  const candidates = context.households.filter((h) => !h.holdsUnit);
  const { instance, scores, eligibleHouseholds } = buildAssignmentInstance(context, candidates, limits);
  const result = await solveAssignment(instance, { timeLimitSeconds: options.timeLimitSeconds ?? 60 });
  const assigned = new Set<number>();
  const assignments = result.assignment.map((a) => {
    const household = candidates[a.household] as MatchingHousehold;
    const unit = context.units[a.unit] as MatchingUnit;
    assigned.add(household.id);
    return {
      householdId: household.id,
      householdCode: household.code,
      unitId: unit.id,
      unitCode: unit.code,
      score: a.score,
      warnings: scores.get(`${a.household}:${a.unit}`)?.warnings ?? [],
    };
  });
  const unassigned = context.households
    .filter((h) => !assigned.has(h.id))
    .map((h) => ({
      householdId: h.id,
      householdCode: h.code,
      reason: h.holdsUnit ? ('holds-unit' as const) : eligibleHouseholds.has(h.id) ? ('limits-or-competition' as const) : ('no-eligible-unit' as const),
    }));
  return {
    limits,
    assignments,
    unassigned,
    totalScore: result.total,
    greedyTotalScore: result.greedyTotal,
    solver: {
      status: result.status,
      gap: result.gap,
      solveMs: result.solveMs,
      phases: result.phases,
      lpBound: result.model.lpBound,
      pairs: result.model.pairs,
      lpRounds: result.model.lpRounds,
    },
  };
}
