import type { GroupHousehold, PlanStep } from './analysis-inputs';

// Where each household of the group lives at the end of a month (issue 12): in the housing unit of a
// plan that is moved or followed up by then (on hold keeps what the plan was), else still at its origin
// settlement. Pure: the plan steps come in, positions go out.

/** Housing unit id of each household at the end of one month; null: at its origin settlement. */
export type Positions = Map<number, number | null>;

/** A proposed move: the household would live in the housing unit. */
export type Move = { householdId: number; housingUnitId: number };

type PlanTrack = { householdId: number; entries: Array<{ month: string; atUnit: boolean; housingUnitId: number | null }> };

function tracksOf(steps: readonly PlanStep[]): Map<number, PlanTrack> {
  const tracks = new Map<number, PlanTrack>();
  for (const step of steps) {
    let track = tracks.get(step.planId);
    if (!track) tracks.set(step.planId, (track = { householdId: step.householdId, entries: [] }));
    const previous = track.entries.at(-1)?.atUnit ?? false;
    const atUnit = step.toState === 'moved' || step.toState === 'followed_up' ? true : step.toState === 'on_hold' ? previous : false;
    track.entries.push({ month: step.month, atUnit, housingUnitId: step.housingUnitId });
  }
  return tracks;
}

/** Returns the positions of the households at the end of each month (YYYY-MM), in the order given. */
export function positionsAtMonths(households: readonly GroupHousehold[], steps: readonly PlanStep[], months: readonly string[]): Positions[] {
  const tracks = [...tracksOf(steps).entries()].sort(([a], [b]) => a - b);
  return months.map((month) => {
    const positions: Positions = new Map(households.map((h) => [h.id, null]));
    for (const [, track] of tracks) {
      if (!positions.has(track.householdId)) continue;
      // The plan's state at the end of the month: its last step recorded for that month or before.
      let current: PlanTrack['entries'][number] | undefined;
      for (const entry of track.entries) if (entry.month <= month) current = entry;
      // Plans in id order: a later plan at a unit wins over an earlier one.
      if (current?.atUnit && current.housingUnitId !== null) positions.set(track.householdId, current.housingUnitId);
    }
    return positions;
  });
}

/** Returns the positions after `moves` (a household moved twice ends in its last unit); the input is kept. */
export function applyMoves(positions: Positions, moves: readonly Move[]): Positions {
  const after: Positions = new Map(positions);
  for (const move of moves) after.set(move.householdId, move.housingUnitId);
  return after;
}
