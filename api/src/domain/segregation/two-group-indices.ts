// Segregation of one group (x) against everybody else (y) across areal units (issue 12). Pure: counts
// in, indices out. Definitions follow Massey & Denton (1988), "The dimensions of residential
// segregation", as summarised in docs/SEGREGATION.md:
//
//   D    dissimilarity       ½ Σ |x_u/X − y_u/Y|: the share of either group that would have to move
//                            for every unit to hold the city's mix (0 = even, 1 = complete separation)
//   xPx  isolation           Σ (x_u/X)(x_u/t_u): the share of x in the unit of the average x member
//   xPy  exposure            Σ (x_u/X)(y_u/t_u): the share of y there (xPx + xPy = 1)
//   η²   correlation ratio   (xPx − P)/(1 − P) with P = X/T: isolation corrected for the group's size
//   LQ   location quotient   (x_u/t_u)/P per unit: 1 = the city's share, 3 = three times it
//
// Units with no people are left out of the sums (they contribute 0 to each of them anyway).

/** The people of one areal unit: x in the group, y the rest of the population. */
export type TwoGroupUnit = { x: number; y: number };

export type TwoGroupIndices = {
  dissimilarity: number;
  isolation: number;
  exposure: number;
  correlationRatio: number;
  /** x / (x + y) over all units. */
  groupShare: number;
  groupTotal: number;
  otherTotal: number;
};

/** Thrown for a count that is negative or not a finite number. */
export class SegregationInputError extends Error {}

function checkUnits(units: readonly TwoGroupUnit[]): void {
  // A plain loop: this runs for every unit of every month of a series.
  for (let i = 0; i < units.length; i++) {
    const { x, y } = units[i] as TwoGroupUnit;
    if (!(Number.isFinite(x) && x >= 0 && Number.isFinite(y) && y >= 0)) {
      throw new SegregationInputError(`unit ${i}: counts must be finite and ≥ 0, got ${x}, ${y}`);
    }
  }
}

/** Returns D, xPx, xPy and η² of x against y; null indices where a group is empty (they are undefined). */
export function twoGroupIndices(units: readonly TwoGroupUnit[]): { [K in keyof TwoGroupIndices]: TwoGroupIndices[K] | null } {
  checkUnits(units);
  let groupTotal = 0;
  let otherTotal = 0;
  for (const unit of units) {
    groupTotal += unit.x;
    otherTotal += unit.y;
  }
  const total = groupTotal + otherTotal;
  if (groupTotal === 0 || otherTotal === 0) {
    return {
      dissimilarity: null,
      isolation: groupTotal === 0 ? null : 1,
      exposure: groupTotal === 0 ? null : 0,
      correlationRatio: null,
      groupShare: total === 0 ? null : groupTotal / total,
      groupTotal,
      otherTotal,
    };
  }
  let dissimilarity = 0;
  let isolation = 0;
  let exposure = 0;
  for (const { x, y } of units) {
    const t = x + y;
    if (t === 0) continue;
    dissimilarity += Math.abs(x / groupTotal - y / otherTotal);
    isolation += (x / groupTotal) * (x / t);
    exposure += (x / groupTotal) * (y / t);
  }
  const share = groupTotal / total;
  return {
    dissimilarity: clamp01(dissimilarity / 2),
    isolation: clamp01(isolation),
    exposure: clamp01(exposure),
    correlationRatio: clamp01((isolation - share) / (1 - share)),
    groupShare: share,
    groupTotal,
    otherTotal,
  };
}

/** Returns each unit's location quotient (its x share over the city's), null for an empty unit or group. */
export function locationQuotients(units: readonly TwoGroupUnit[]): Array<number | null> {
  checkUnits(units);
  const groupTotal = units.reduce((sum, u) => sum + u.x, 0);
  const total = units.reduce((sum, u) => sum + u.x + u.y, 0);
  if (groupTotal === 0) return units.map(() => null);
  // (x_u / t_u) / (X / T) as one quotient of products: fewer roundings.
  return units.map(({ x, y }) => (x + y === 0 ? null : (x * total) / ((x + y) * groupTotal)));
}

// Sums of floating-point shares can land a hair outside [0, 1]; the indices are proportions.
function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
