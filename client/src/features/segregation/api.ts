import type { SegregationReport, SimulationReport } from '../../../../contracts/analysis-reports';
import { apiGet, apiPost } from '../../lib/api-client';

export type { SegregationReport, SimulationReport };
export type UnitLevel = SegregationReport['level'];
export const UNIT_LEVELS: readonly UnitLevel[] = ['neighbourhood', 'locality', 'hex'];

/** A proposed move, as the simulation takes it. */
export type Move = { householdId: number; housingUnitId: number };

/** GET /api/analysis/segregation: indices, per-unit counts, concentration and the series up to `at` (default this month). */
export function getSegregation(units: UnitLevel, at: string | null, signal?: AbortSignal): Promise<SegregationReport> {
  const query = new URLSearchParams({ units });
  if (at) query.set('at', at);
  return apiGet<SegregationReport>(`/api/analysis/segregation?${query}`, signal);
}

/** POST /api/analysis/simulate: today and after each proposal, side by side; writes nothing. */
export function simulate(units: UnitLevel, proposals: Array<{ label: string; moves: Move[] }>, signal?: AbortSignal): Promise<SimulationReport> {
  return apiPost<SimulationReport>('/api/analysis/simulate', { units, proposals }, signal);
}

/** The limits a batch proposal is made under: the defaults, or a stricter set for comparison. */
export const BATCH_LIMITS = { default: {}, strict: { building: 2 } } as const;

/** POST /api/matching/batch: the proposal's moves (read only: the batch writes nothing either). */
export async function proposeMoves(householdIds: number[], limits: keyof typeof BATCH_LIMITS, signal?: AbortSignal): Promise<Move[]> {
  const proposal = await apiPost<{ assignments: Array<{ householdId: number; unitId: number }> }>(
    '/api/matching/batch',
    { householdIds, limits: BATCH_LIMITS[limits], timeLimitSeconds: 20 },
    signal,
  );
  return proposal.assignments.map((a) => ({ householdId: a.householdId, housingUnitId: a.unitId }));
}
