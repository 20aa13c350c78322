import type { AreaUnit, SegregationInputs } from './analysis-inputs';
import type { Positions } from './household-positions';

// The per-unit counts an analysis is computed from (issue 12). The group is the people of households
// from the segregated settlements (persons, each household by its size), located at their origin
// settlement or in the housing unit they moved to. The rest of the population of a unit is its
// recorded population minus the group's people whose ORIGIN lies in it: the census counted the
// families where they lived then (the Pata Rât zone's 1,400 inhabitants are the 282 households), and
// the people who stay behind in a unit do not change when a family leaves it.

export type AreaCount = {
  key: string;
  name: string;
  population: number;
  /** People of the group living in the unit. */
  group: number;
  /** Households of the group living in the unit. */
  households: number;
  /** The rest of the population (never below 0). */
  others: number;
};

export type AreaCounts = {
  areas: AreaCount[];
  /** Group households whose origin or destination lies outside every unit (not counted). */
  unassigned: { households: number; persons: number };
};

/** Returns the unit each household lives in under `positions` (undefined: outside every unit). */
function unitKeyOf(inputs: SegregationInputs, householdId: number, settlementId: number, positions: Positions): string | null | undefined {
  const unitId = positions.get(householdId) ?? null;
  const place = unitId === null ? inputs.settlements.get(settlementId) : inputs.housingUnits.get(unitId);
  return place?.unitKey;
}

/** Returns the group's baseline people per unit: every household at its origin. */
export function baselineGroup(inputs: SegregationInputs): Map<string, number> {
  const baseline = new Map<string, number>();
  for (const household of inputs.households) {
    const key = inputs.settlements.get(household.settlementId)?.unitKey;
    if (key) baseline.set(key, (baseline.get(key) ?? 0) + household.size);
  }
  return baseline;
}

/** Returns the counts of every unit under `positions`; `baseline` from baselineGroup (computed once). */
export function countByArea(inputs: SegregationInputs, positions: Positions, baseline: Map<string, number>): AreaCounts {
  const index = new Map<string, AreaCount>();
  const areas = inputs.units.map((unit: AreaUnit) => {
    const area: AreaCount = {
      key: unit.key,
      name: unit.name,
      population: unit.population,
      group: 0,
      households: 0,
      others: Math.max(0, unit.population - (baseline.get(unit.key) ?? 0)),
    };
    index.set(unit.key, area);
    return area;
  });
  const unassigned = { households: 0, persons: 0 };
  for (const household of inputs.households) {
    const key = unitKeyOf(inputs, household.id, household.settlementId, positions);
    const area = key ? index.get(key) : undefined;
    if (!area) {
      unassigned.households += 1;
      unassigned.persons += household.size;
      continue;
    }
    area.group += household.size;
    area.households += 1;
  }
  return { areas, unassigned };
}
