import type { AreaCount } from './area-counts';
import { entropyIndices } from './entropy-indices';
import { spatialDissimilarity } from './spatial-dissimilarity';
import { locationQuotients, twoGroupIndices } from './two-group-indices';

// The whole set of indices of one moment (issue 12), from the per-unit counts of area-counts.ts.

/** Units with fewer people than this are flagged: a handful of people moves their shares a lot. */
export const DEFAULT_MIN_UNIT_POPULATION = 100;
/** The radius of the spatial D's environment: a 10-minute walk. */
export const DEFAULT_SPATIAL_RADIUS_M = 800;

export type SegregationIndices = {
  dissimilarity: number | null;
  isolation: number | null;
  exposure: number | null;
  correlationRatio: number | null;
  theil: number | null;
  mutualInformation: number | null;
  spatialDissimilarity: number | null;
  groupShare: number | null;
  groupPersons: number;
  otherPersons: number;
};

/** A unit's counts with its location quotient and whether it is too small to read on its own. */
export type AreaRow = AreaCount & { locationQuotient: number | null; small: boolean };

/** Returns every index of the counts; `environments` are each unit's neighbours for the spatial D. */
export function segregationIndices(areas: readonly AreaCount[], environments: readonly number[][]): SegregationIndices {
  return indicesOfUnits(
    areas.map((a) => ({ x: a.group, y: a.others })),
    environments,
  );
}

/** Returns every index of units given as (group, others) pairs. */
export function indicesOfUnits(units: ReadonlyArray<{ x: number; y: number }>, environments: readonly number[][]): SegregationIndices {
  const twoGroup = twoGroupIndices(units);
  const entropy = entropyIndices(units.map((u) => [u.x, u.y]));
  return {
    dissimilarity: twoGroup.dissimilarity,
    isolation: twoGroup.isolation,
    exposure: twoGroup.exposure,
    correlationRatio: twoGroup.correlationRatio,
    theil: entropy?.theil ?? null,
    mutualInformation: entropy?.mutualInformation ?? null,
    spatialDissimilarity: spatialDissimilarity(units, environments),
    groupShare: twoGroup.groupShare,
    groupPersons: twoGroup.groupTotal ?? 0,
    otherPersons: twoGroup.otherTotal ?? 0,
  };
}

/** Returns the units with their location quotients, flagged small below `minPopulation` people. */
export function areaRows(areas: readonly AreaCount[], minPopulation: number): AreaRow[] {
  const quotients = locationQuotients(areas.map((a) => ({ x: a.group, y: a.others })));
  return areas.map((area, i) => ({ ...area, locationQuotient: quotients[i] ?? null, small: area.group + area.others < minPopulation }));
}
