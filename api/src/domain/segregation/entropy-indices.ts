import { SegregationInputError } from './two-group-indices';

// Multi-group segregation by information theory (issue 12), as in the R package `segregation`
// (Elbers 2021) and Theil (1972), natural logarithms throughout:
//
//   M  mutual information   Σ_u Σ_g p_ug · ln(p_ug / (p_u · p_g)), with p_ug = n_ug / N:
//                           how much knowing the unit tells about the group (0 = every unit has the
//                           city's mix; at most ln(number of groups))
//   H  Theil's entropy      M / E, E = −Σ_g p_g ln p_g (the entropy of the city's mix): M scaled to [0, 1]
//
// Both are decomposable (M within + between larger areas), which is why the segregation literature
// prefers them for nested units. Cells with n_ug = 0 add nothing (0 · ln 0 = 0).

export type EntropyIndices = { mutualInformation: number; theil: number; entropy: number; total: number };

/** Returns M and H of a units × groups matrix of counts; null when there is nobody or only one group. */
export function entropyIndices(counts: readonly (readonly number[])[]): EntropyIndices | null {
  const groups = counts[0]?.length ?? 0;
  const groupTotals = new Array<number>(groups).fill(0);
  const unitTotals = new Array<number>(counts.length).fill(0);
  let total = 0;
  // Plain loops: this runs for every unit of every month of a series.
  for (let u = 0; u < counts.length; u++) {
    const row = counts[u] as readonly number[];
    if (row.length !== groups) throw new SegregationInputError(`unit ${u}: expected ${groups} group counts, got ${row.length}`);
    for (let g = 0; g < groups; g++) {
      const n = row[g] as number;
      if (!(Number.isFinite(n) && n >= 0)) throw new SegregationInputError(`unit ${u}, group ${g}: counts must be finite and ≥ 0, got ${n}`);
      groupTotals[g] = (groupTotals[g] as number) + n;
      unitTotals[u] = (unitTotals[u] as number) + n;
      total += n;
    }
  }
  if (total === 0) return null;
  let entropy = 0;
  for (const n of groupTotals) if (n > 0) entropy -= (n / total) * Math.log(n / total);
  if (entropy === 0) return null;
  let mutualInformation = 0;
  for (let u = 0; u < counts.length; u++) {
    const row = counts[u] as readonly number[];
    const unitTotal = unitTotals[u] as number;
    if (unitTotal === 0) continue;
    for (let g = 0; g < groups; g++) {
      const n = row[g] as number;
      // n_ug/N · ln(n_ug · N / (n_u · n_g)): the same term with one division fewer.
      if (n > 0) mutualInformation += (n / total) * Math.log((n * total) / (unitTotal * (groupTotals[g] as number)));
    }
  }
  mutualInformation = Math.max(0, mutualInformation);
  return { mutualInformation, theil: Math.min(1, mutualInformation / entropy), entropy, total };
}
