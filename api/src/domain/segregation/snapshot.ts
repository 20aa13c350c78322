import type { ConcentrationLimits } from '../candidate-score';
import type { SegregationInputs } from './analysis-inputs';
import { countByArea, groupCounts, indexAreas, type AreaIndex } from './area-counts';
import { concentrationOf, type Concentration } from './concentration';
import type { Positions } from './household-positions';
import { areaRows, indicesOfUnits, segregationIndices, type AreaRow, type SegregationIndices } from './segregation-indices';
import { neighboursWithin } from './spatial-dissimilarity';

// One moment of the analysis (issue 12): the indices, the per-unit counts they come from and the
// concentration of relocated households, for one set of positions (a month, or a simulation's after).

export type AnalysisOptions = { minUnitPopulation: number; spatialRadiusM: number; limits: ConcentrationLimits };

export type Snapshot = {
  indices: SegregationIndices;
  areas: AreaRow[];
  unassigned: { households: number; persons: number };
  concentration: Concentration;
};

/** What every snapshot of one set of inputs shares: the baseline and the units' environments. */
export type Analysis = { inputs: SegregationInputs; options: AnalysisOptions; index: AreaIndex; environments: number[][] };

/** Returns the parts of an analysis computed once for all its moments. */
export function prepareAnalysis(inputs: SegregationInputs, options: AnalysisOptions): Analysis {
  return { inputs, options, index: indexAreas(inputs), environments: neighboursWithin(inputs.units, options.spatialRadiusM) };
}

/** Returns the indices only (for a time series: no per-unit rows, no concentration). */
export function indicesAt(analysis: Analysis, positions: Positions): SegregationIndices {
  const { persons } = groupCounts(analysis.inputs, positions, analysis.index);
  const others = analysis.index.others;
  const units = new Array<{ x: number; y: number }>(persons.length);
  for (let i = 0; i < persons.length; i++) units[i] = { x: persons[i] as number, y: others[i] as number };
  return indicesOfUnits(units, analysis.environments);
}

/** Returns the whole snapshot of `positions`. */
export function snapshotOf(analysis: Analysis, positions: Positions): Snapshot {
  const counts = countByArea(analysis.inputs, positions, analysis.index);
  return {
    indices: segregationIndices(counts.areas, analysis.environments),
    areas: areaRows(counts.areas, analysis.options.minUnitPopulation),
    unassigned: counts.unassigned,
    concentration: concentrationOf(analysis.inputs, positions, analysis.options.limits),
  };
}
