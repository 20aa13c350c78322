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

/** What every month of one analysis shares: each unit's position in `inputs.units` and its other residents. */
export type AreaIndex = { positionOf: Map<string, number>; others: Float64Array };

/** Returns the group's baseline people per unit: every household at its origin. */
export function baselineGroup(inputs: SegregationInputs): Map<string, number> {
  const baseline = new Map<string, number>();
  for (const household of inputs.households) {
    const key = inputs.settlements.get(household.settlementId)?.unitKey;
    if (key) baseline.set(key, (baseline.get(key) ?? 0) + household.size);
  }
  return baseline;
}

/** Returns the index of the units, with the rest of the population of each (never below 0). */
export function indexAreas(inputs: SegregationInputs): AreaIndex {
  const baseline = baselineGroup(inputs);
  const positionOf = new Map<string, number>();
  const others = new Float64Array(inputs.units.length);
  inputs.units.forEach((unit: AreaUnit, i) => {
    positionOf.set(unit.key, i);
    others[i] = Math.max(0, unit.population - (baseline.get(unit.key) ?? 0));
  });
  return { positionOf, others };
}

/** The group per unit (people and households, by position in `inputs.units`) and who lies outside every unit. */
export type GroupCounts = { persons: Float64Array; households: Int32Array; unassigned: { households: number; persons: number } };

/** Returns the group's people and households per unit under `positions`. */
export function groupCounts(inputs: SegregationInputs, positions: Positions, index: AreaIndex): GroupCounts {
  const persons = new Float64Array(inputs.units.length);
  const households = new Int32Array(inputs.units.length);
  const unassigned = { households: 0, persons: 0 };
  for (const household of inputs.households) {
    const unitId = positions.get(household.id) ?? null;
    const place = unitId === null ? inputs.settlements.get(household.settlementId) : inputs.housingUnits.get(unitId);
    const at = place?.unitKey ? index.positionOf.get(place.unitKey) : undefined;
    if (at === undefined) {
      unassigned.households += 1;
      unassigned.persons += household.size;
      continue;
    }
    persons[at] = (persons[at] as number) + household.size;
    households[at] = (households[at] as number) + 1;
  }
  return { persons, households, unassigned };
}

/** Returns the counts of every unit under `positions`. */
export function countByArea(inputs: SegregationInputs, positions: Positions, index: AreaIndex): AreaCounts {
  const counts = groupCounts(inputs, positions, index);
  const areas = inputs.units.map((unit, i) => ({
    key: unit.key,
    name: unit.name,
    population: unit.population,
    group: counts.persons[i] as number,
    households: counts.households[i] as number,
    others: index.others[i] as number,
  }));
  return { areas, unassigned: counts.unassigned };
}
