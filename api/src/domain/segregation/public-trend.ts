import { cumulativeReleasePattern, protectTable, publishCount, suppressionPattern, type DisclosurePolicy } from '../disclosure-control';
import type { SegregationInputs } from './analysis-inputs';
import { baselineGroup, countByArea, indexAreas } from './area-counts';
import type { Positions } from './household-positions';
import { twoGroupIndices } from './two-group-indices';

// The public segregation trend (issue 12): D and isolation by month over localities, computed from the
// published counts only, so the indices say nothing the disclosure-controlled tables would not.
//
// For each month: the households of the group per locality go through protectTable (0 or ≥ k, rounded,
// secondary suppression); the people per locality reuse that pattern. Hidden cells share equally what
// the published total leaves over the published cells, so the input of an index is a function of
// published figures. The rest of the population is the locality's census population minus the group's
// published (rounded) people at their origin. A month is published only where the number of relocated
// households has grown by 0 or by at least k since the last published month (the same rule as the
// public progress series), up to the last complete month; indices are rounded to two decimals.

export type PublicTrendPoint = { month: string; dissimilarity: number | null; isolation: number | null };

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** Returns the published people per unit of one month, hidden cells filled from the published total; null when the total is hidden. */
function publishedPeople(policy: DisclosurePolicy, households: readonly number[], people: readonly number[]): number[] | null {
  const pattern = suppressionPattern(policy, households);
  const householdTable = protectTable(policy, households, { pattern, hideTotal: false });
  const peopleTable = protectTable(policy, people, { pattern, hideTotal: householdTable.total.suppressed });
  if (peopleTable.total.suppressed) return null;
  const shown = peopleTable.cells.reduce((sum, cell) => sum + (cell.value ?? 0), 0);
  const hidden = peopleTable.cells.filter((cell) => cell.suppressed).length;
  const share = hidden === 0 ? 0 : Math.max(0, (peopleTable.total.value as number) - shown) / hidden;
  return peopleTable.cells.map((cell) => (cell.suppressed ? share : (cell.value as number)));
}

/** Returns the published points of the trend; `positions[i]` are the positions at the end of `months[i]`. */
export function publishSegregationTrend(inputs: SegregationInputs, months: readonly string[], positions: readonly Positions[], policy: DisclosurePolicy): PublicTrendPoint[] {
  const baseline = baselineGroup(inputs);
  const index = indexAreas(inputs);
  const relocated = positions.map((p) => [...p.values()].filter((unit) => unit !== null).length);
  const increments = relocated.map((count, i) => Math.max(0, count - (i === 0 ? 0 : (relocated[i - 1] as number))));
  const releasable = cumulativeReleasePattern(policy, increments);
  const others = inputs.units.map((unit) => {
    const origin = baseline.get(unit.key) ?? 0;
    const published = publishCount(policy, origin).value ?? 0;
    return Math.max(0, unit.population - published);
  });
  const points: PublicTrendPoint[] = [];
  months.forEach((month, i) => {
    if (!releasable[i]) return;
    const { areas } = countByArea(inputs, positions[i] as Positions, index);
    const people = publishedPeople(
      policy,
      areas.map((a) => a.households),
      areas.map((a) => a.group),
    );
    if (people === null) return;
    const indices = twoGroupIndices(people.map((x, u) => ({ x, y: others[u] as number })));
    points.push({ month, dissimilarity: round2(indices.dissimilarity), isolation: round2(indices.isolation) });
  });
  return points;
}
