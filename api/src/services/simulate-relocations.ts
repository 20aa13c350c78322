import type { Knex } from 'knex';
import { nearestServiceDistances } from '../db/access-queries';
import { listMoveTargets } from '../db/segregation/move-targets';
import { loadSegregationInputs } from '../db/segregation/segregation-inputs';
import { DEFAULT_ACCESS_CONFIG } from '../domain/access-config';
import { accessScore, round } from '../domain/access-score';
import type { SegregationInputs, UnitLevel } from '../domain/segregation/analysis-inputs';
import { applyMoves, positionsAtMonths, type Move, type Positions } from '../domain/segregation/household-positions';
import { InvalidMovesError } from '../domain/segregation/invalid-moves-error';
import type { SegregationIndices } from '../domain/segregation/segregation-indices';
import { prepareAnalysis, snapshotOf, type AnalysisOptions, type Snapshot } from '../domain/segregation/snapshot';
import { SERVICE_CATEGORIES } from '../domain/vocabulary';
import { currentMonth } from './analyse-segregation';

// POST /api/analysis/simulate (issue 12): the indices, concentration and access of today's positions, and
// of the same positions after each proposal's moves, side by side. It only reads: nothing is written, no
// unit is reserved. A target (D must not rise by more than …, a cap on η²) is checked on every proposal.

/** A labelled set of moves; `pointer` is where its moves stand in the request (for error pointers). */
export type Proposal = { label: string; moves: Move[]; pointer?: string };
export type SegregationTarget = { maxDissimilarityRise?: number; maxCorrelationRatio?: number };
export type SimulationRequest = AnalysisOptions & {
  level: UnitLevel;
  hexSideM: number;
  proposals: Proposal[];
  target?: SegregationTarget;
  /** Leave out moves of households not from a segregated settlement instead of refusing them (batch matching). */
  groupMovesOnly?: boolean;
};

type Breach = { index: 'dissimilarity' | 'correlationRatio'; value: number; limit: number; detail: string };

/** Returns the target's breaches by `after` against `before` (empty: the proposal meets it). */
export function targetBreaches(before: SegregationIndices, after: SegregationIndices, target: SegregationTarget | undefined): Breach[] {
  const breaches: Breach[] = [];
  if (target?.maxDissimilarityRise !== undefined && before.dissimilarity !== null && after.dissimilarity !== null) {
    const limit = before.dissimilarity + target.maxDissimilarityRise;
    if (after.dissimilarity > limit + 1e-12) {
      breaches.push({ index: 'dissimilarity', value: after.dissimilarity, limit, detail: `D rises from ${before.dissimilarity.toFixed(3)} to ${after.dissimilarity.toFixed(3)}` });
    }
  }
  if (target?.maxCorrelationRatio !== undefined && after.correlationRatio !== null && after.correlationRatio > target.maxCorrelationRatio + 1e-12) {
    breaches.push({
      index: 'correlationRatio',
      value: after.correlationRatio,
      limit: target.maxCorrelationRatio,
      detail: `η² is ${after.correlationRatio.toFixed(3)}, above the cap of ${target.maxCorrelationRatio}`,
    });
  }
  return breaches;
}

/** Checks every move against the data: a household of the group, an existing unit free for it, no unit twice. */
async function checkMoves(knex: Knex, inputs: SegregationInputs, proposals: readonly Proposal[]): Promise<void> {
  const households = new Set(inputs.households.map((h) => h.id));
  const targets = await listMoveTargets(knex, [...new Set(proposals.flatMap((p) => p.moves.map((m) => m.housingUnitId)))]);
  const errors: Array<{ pointer: string; detail: string }> = [];
  proposals.forEach((proposal, p) => {
    const units = new Map<number, number>();
    const seen = new Set<number>();
    proposal.moves.forEach((move, i) => {
      const pointer = `${proposal.pointer ?? `/body/proposals/${p}/moves`}/${i}`;
      if (!households.has(move.householdId)) {
        errors.push({ pointer: `${pointer}/householdId`, detail: `household ${move.householdId} does not exist or is not from a segregated settlement` });
      }
      if (seen.has(move.householdId)) errors.push({ pointer: `${pointer}/householdId`, detail: `household ${move.householdId} is moved twice in this proposal` });
      seen.add(move.householdId);
      const target = targets.get(move.housingUnitId);
      if (!target) errors.push({ pointer: `${pointer}/housingUnitId`, detail: `there is no housing unit ${move.housingUnitId}` });
      else if (target.heldByHouseholdId !== null ? target.heldByHouseholdId !== move.householdId : target.status !== 'available') {
        errors.push({ pointer: `${pointer}/housingUnitId`, detail: `housing unit ${target.code} is not available (${target.heldByHouseholdId !== null ? 'held by another plan' : target.status})` });
      }
      const earlier = units.get(move.housingUnitId);
      if (earlier !== undefined) errors.push({ pointer: `${pointer}/housingUnitId`, detail: `housing unit ${move.housingUnitId} is already given to move ${earlier}` });
      units.set(move.housingUnitId, i);
    });
  });
  if (errors.length > 0) throw new InvalidMovesError(errors);
}

/** Returns the access score (0–100) of every settlement and housing unit the moves start or end at. */
async function accessScores(knex: Knex, inputs: SegregationInputs, positions: Positions, proposals: readonly Proposal[]): Promise<Map<string, number>> {
  const origins = new Map<string, { key: string; lon: number; lat: number }>();
  const add = (key: string, place: { lon: number; lat: number } | undefined) => {
    if (place) origins.set(key, { key, lon: place.lon, lat: place.lat });
  };
  const settlementOf = new Map(inputs.households.map((h) => [h.id, h.settlementId]));
  for (const move of proposals.flatMap((p) => p.moves)) {
    const current = positions.get(move.householdId) ?? null;
    if (current === null) add(`s${settlementOf.get(move.householdId)}`, inputs.settlements.get(settlementOf.get(move.householdId) as number));
    else add(`u${current}`, inputs.housingUnits.get(current));
    add(`u${move.housingUnitId}`, inputs.housingUnits.get(move.housingUnitId));
  }
  const nearest = await nearestServiceDistances(knex, [...origins.values()], SERVICE_CATEGORIES);
  const scores = new Map<string, number>();
  for (const [key, found] of nearest) {
    scores.set(key, accessScore(Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, found[c]?.distanceM ?? null])), DEFAULT_ACCESS_CONFIG));
  }
  return scores;
}

const summary = (snapshot: Snapshot) => ({
  indices: snapshot.indices,
  areas: snapshot.areas,
  unassigned: snapshot.unassigned,
  concentration: snapshot.concentration,
});

/** Returns today's snapshot and each proposal's, with the change of every index and the access gain. */
export async function simulateRelocations(knex: Knex, request: SimulationRequest) {
  const month = currentMonth();
  const targets = [...new Set(request.proposals.flatMap((p) => p.moves.map((m) => m.housingUnitId)))];
  const inputs = await loadSegregationInputs(knex, request.level, request.hexSideM, targets);
  if (request.groupMovesOnly) {
    const group = new Set(inputs.households.map((h) => h.id));
    request = { ...request, proposals: request.proposals.map((p) => ({ ...p, moves: p.moves.filter((m) => group.has(m.householdId)) })) };
  }
  await checkMoves(knex, inputs, request.proposals);
  const analysis = prepareAnalysis(inputs, request);
  const now = positionsAtMonths(inputs.households, inputs.steps, [month])[0] as Positions;
  const before = snapshotOf(analysis, now);
  const scores = await accessScores(knex, inputs, now, request.proposals);
  const settlementOf = new Map(inputs.households.map((h) => [h.id, h.settlementId]));
  const proposals = request.proposals.map((proposal) => {
    const after = snapshotOf(analysis, applyMoves(now, proposal.moves));
    const gains = proposal.moves.map((move) => {
      const current = now.get(move.householdId) ?? null;
      const from = scores.get(current === null ? `s${settlementOf.get(move.householdId)}` : `u${current}`) ?? null;
      const to = scores.get(`u${move.housingUnitId}`) ?? null;
      return { ...move, accessBefore: round(from), accessAfter: round(to), gain: from === null || to === null ? null : round(to - from) };
    });
    const known = gains.filter((g) => g.gain !== null);
    const change = Object.fromEntries(
      (Object.keys(before.indices) as Array<keyof SegregationIndices>).map((key) => {
        const a = before.indices[key];
        const b = after.indices[key];
        return [key, a === null || b === null ? null : b - a];
      }),
    );
    const breaches = targetBreaches(before.indices, after.indices, request.target);
    return {
      label: proposal.label,
      moves: proposal.moves.length,
      after: summary(after),
      change,
      access: {
        meanBefore: round(known.reduce((s, g) => s + (g.accessBefore as number), 0) / (known.length || 1)),
        meanAfter: round(known.reduce((s, g) => s + (g.accessAfter as number), 0) / (known.length || 1)),
        meanGain: round(known.reduce((s, g) => s + (g.gain as number), 0) / (known.length || 1)),
        worse: known.filter((g) => (g.gain as number) < 0).length,
        moves: gains,
      },
      target: request.target ? { met: breaches.length === 0, breaches } : null,
    };
  });
  return {
    level: request.level,
    month,
    parameters: { basis: 'persons' as const, minUnitPopulation: request.minUnitPopulation, spatialRadiusM: request.spatialRadiusM, ...(request.level === 'hex' ? { hexSideM: request.hexSideM } : {}) },
    written: false,
    before: summary(before),
    proposals,
  };
}
