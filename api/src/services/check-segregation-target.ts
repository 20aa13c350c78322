import type { Knex } from 'knex';
import type { ConcentrationLimits } from '../domain/candidate-score';
import type { BatchProposal } from '../domain/matching-proposal';
import type { UnitLevel } from '../domain/segregation/analysis-inputs';
import { DEFAULT_MIN_UNIT_POPULATION, DEFAULT_SPATIAL_RADIUS_M } from '../domain/segregation/segregation-indices';
import { DEFAULT_HEX_SIDE_M } from '../domain/segregation/analysis-defaults';
import { simulateRelocations, type SegregationTarget } from './simulate-relocations';

// Batch matching with a segregation target (issue 12). The integer program maximises the score under
// the concentration limits; D and η² are not linear in the assignment, so the target is checked on the
// proposal afterwards and its breaches reported, for the caseworker to tighten the limits or drop moves.

/** Returns the indices before and after the proposal's moves and whether they meet `target`. */
export async function checkSegregationTarget(
  knex: Knex,
  proposal: BatchProposal,
  limits: ConcentrationLimits,
  target: SegregationTarget & { units: UnitLevel },
) {
  const moves = proposal.assignments.map((a) => ({ householdId: a.householdId, housingUnitId: a.unitId }));
  const report = await simulateRelocations(knex, {
    level: target.units,
    hexSideM: DEFAULT_HEX_SIDE_M,
    minUnitPopulation: DEFAULT_MIN_UNIT_POPULATION,
    spatialRadiusM: DEFAULT_SPATIAL_RADIUS_M,
    limits,
    target,
    groupMovesOnly: true,
    proposals: [{ label: 'batch', moves }],
  });
  const result = report.proposals[0];
  return {
    units: target.units,
    before: report.before.indices,
    after: result?.after.indices ?? report.before.indices,
    met: result?.target?.met ?? true,
    breaches: result?.target?.breaches ?? [],
  };
}
