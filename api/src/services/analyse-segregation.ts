import type { Knex } from 'knex';
import { todayInCity } from '../../../contracts/city-date';
import { loadSegregationInputs } from '../db/segregation/segregation-inputs';
import type { SegregationInputs, UnitLevel } from '../domain/segregation/analysis-inputs';
import { monthRange, previousMonth } from '../domain/months';
import { positionsAtMonths } from '../domain/segregation/household-positions';
import { indicesAt, prepareAnalysis, snapshotOf, type AnalysisOptions } from '../domain/segregation/snapshot';

// GET /api/analysis/segregation (issue 12): the indices at a month, the per-unit counts they were computed
// from, the concentration of relocated households, and the series of the indices by month, from the month
// before the first move (when D is at its highest) to the month asked for.

export type SegregationRequest = AnalysisOptions & { level: UnitLevel; at?: string; hexSideM: number };

/** Returns this month in Cluj-Napoca (YYYY-MM). */
export const currentMonth = () => todayInCity().slice(0, 7);

/** Returns the months of the series: from the month before the first move up to `at`. */
export function seriesMonths(inputs: SegregationInputs, at: string): string[] {
  const moves = inputs.steps.filter((s) => s.toState === 'moved').map((s) => s.month);
  if (moves.length === 0) return [at];
  const first = previousMonth(moves.reduce((a, b) => (a < b ? a : b)));
  return first < at ? monthRange(first, at) : [at];
}

/** Returns the analysis at `at` (default: this month) with its series. */
export async function analyseSegregation(knex: Knex, request: SegregationRequest) {
  const at = request.at ?? currentMonth();
  const inputs = await loadSegregationInputs(knex, request.level, request.hexSideM);
  const analysis = prepareAnalysis(inputs, request);
  const months = seriesMonths(inputs, at);
  const positions = positionsAtMonths(inputs.households, inputs.steps, months);
  const series = months.map((month, i) => {
    const at = positions[i] as Map<number, number | null>;
    const indices = indicesAt(analysis, at);
    return {
      month,
      relocatedHouseholds: [...at.values()].filter((unit) => unit !== null).length,
      dissimilarity: indices.dissimilarity,
      isolation: indices.isolation,
      correlationRatio: indices.correlationRatio,
      theil: indices.theil,
      spatialDissimilarity: indices.spatialDissimilarity,
    };
  });
  const snapshot = snapshotOf(analysis, positions.at(-1) as Map<number, number | null>);
  const units = new Map(inputs.units.map((unit) => [unit.key, unit]));
  return {
    level: request.level,
    at,
    parameters: {
      basis: 'persons' as const,
      minUnitPopulation: request.minUnitPopulation,
      spatialRadiusM: request.spatialRadiusM,
      ...(request.level === 'hex' ? { hexSideM: request.hexSideM } : {}),
    },
    groupHouseholds: inputs.households.length,
    indices: snapshot.indices,
    areas: snapshot.areas.map((area) => {
      const unit = units.get(area.key);
      return { ...area, lon: unit?.lon ?? null, lat: unit?.lat ?? null, geometry: unit?.geometry ?? null };
    }),
    unassigned: snapshot.unassigned,
    concentration: snapshot.concentration,
    series,
  };
}
