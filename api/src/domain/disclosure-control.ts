// Statistical disclosure control: the one module every public figure about households and people
// goes through (issue 6). No Express, no SQL: it sees counts, never records.
//
// The rules, in the order they apply (docs/DOMAIN.md, "Disclosure control used by statistical offices"):
//
// 1. Threshold. A published count is 0 or at least k (PUNTE_DISCLOSURE_K, default 10, never below 5).
//    A count from 1 to k − 1 is hidden ("primary suppression"). Zero is published: knowing that nobody
//    moved from a place singles nobody out, and it keeps hidden cells known to be non-zero (below).
// 2. Rounding. Every published count is rounded to the nearest multiple of 5 (halves up), and never
//    below the smallest multiple of 5 that is ≥ k, so "0 or ≥ k" still holds after rounding when k is
//    not a multiple of 5. Totals are rounded on their own and may differ from the sum of their parts.
// 3. Secondary suppression in a table with a published total (one dimension: origin settlements, or
//    destination localities). Since zeros are published, a reader knows every hidden cell is ≥ 1. The
//    total minus the published cells gives the SUM of the hidden cells, so the hidden set must be
//    either empty or (a) hold at least two cells and (b) add up to at least k. While it does not, the
//    smallest published non-zero cell (ties: the first) is hidden too. Every such cell is ≥ k, so one
//    addition fixes (b); when the total itself is ≥ k a candidate always exists (were every non-zero
//    cell hidden, their sum would be the total). A total from 1 to k − 1 is itself hidden, which also
//    protects its cells. Derived tables over the same records (people per settlement) reuse the
//    households' pattern, so the two never expose different cells.
// 4. Time slices. A cumulative series (households moved to date, by month) is published only at
//    months where it has grown by 0 or by at least k since the last published month ("same rule across
//    slices": the difference of two published points is itself a count that is 0 or ≥ k); the months
//    in between are hidden. Everything else in a release (tables, key figures, medians) refers to the
//    last published month, so no "to date" figure minus a published point reveals a small increment.
// 5. Only months, never days, and only areas: the callers never hand this module anything finer.
//
// What it does not protect against (also noted in routes/public-progress.ts): someone who keeps two
// releases can compare a rounded cell across them, in a window that always holds ≥ k moves in all.
// Counts of interventions are about works, not people, and are published as they are.

/** The lowest threshold any statistics office uses (docs/DOMAIN.md); configuration cannot go below it. */
export const MIN_DISCLOSURE_K = 5;
/** The threshold used by ONS, CMS and CDC WONDER, and Punte's default. */
export const DEFAULT_DISCLOSURE_K = 10;
/** Every published count is a multiple of this. */
export const ROUNDING_BASE = 5;

/** The threshold and rounding base applied to one release. */
export type DisclosurePolicy = { readonly k: number; readonly base: number };

/** A count as published: its rounded value, or hidden (fewer than k, or withheld to protect one). */
export type PublishedCount = { value: number; suppressed: false } | { value: null; suppressed: true };

/** The published form of a hidden count. */
export const HIDDEN: PublishedCount = Object.freeze({ value: null, suppressed: true }) as PublishedCount;

/** Thrown for a threshold below MIN_DISCLOSURE_K or not an integer. */
export class DisclosurePolicyError extends Error {}

/** Returns the policy for threshold `k`; throws a DisclosurePolicyError when k is not an integer ≥ 5. */
export function disclosurePolicy(k: number = DEFAULT_DISCLOSURE_K): DisclosurePolicy {
  if (!Number.isInteger(k) || k < MIN_DISCLOSURE_K) {
    throw new DisclosurePolicyError(`the disclosure threshold must be an integer of at least ${MIN_DISCLOSURE_K}, got ${k}`);
  }
  return Object.freeze({ k, base: ROUNDING_BASE });
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count must be a non-negative integer, got ${n}`);
}

/** Returns `n` (≥ k) rounded to the base, halves up, and never below the smallest multiple of the base that is ≥ k. */
export function roundCount(policy: DisclosurePolicy, n: number): number {
  checkCount(n);
  if (n < policy.k) throw new RangeError(`only counts of at least k (${policy.k}) are rounded for publication, got ${n}`);
  const floor = Math.ceil(policy.k / policy.base) * policy.base;
  return Math.max(floor, Math.floor(n / policy.base + 0.5) * policy.base);
}

/** Returns a stand-alone count as published: 0, hidden when 1..k−1, else rounded. */
export function publishCount(policy: DisclosurePolicy, n: number): PublishedCount {
  checkCount(n);
  if (n === 0) return { value: 0, suppressed: false };
  if (n < policy.k) return HIDDEN;
  return { value: roundCount(policy, n), suppressed: false };
}

/**
 * Returns which cells of a one-dimensional table (whose total is published) must be hidden: the
 * primary cells (1..k−1) plus, while the hidden cells are fewer than two or add up to less than k,
 * the smallest published non-zero cell (rule 3 above). Ties go to the earlier cell.
 */
export function suppressionPattern(policy: DisclosurePolicy, values: readonly number[]): boolean[] {
  values.forEach(checkCount);
  const hidden = values.map((v) => v > 0 && v < policy.k);
  const hiddenCount = () => hidden.filter(Boolean).length;
  const hiddenSum = () => values.reduce((sum, v, i) => sum + (hidden[i] ? v : 0), 0);
  while (hiddenCount() > 0 && (hiddenCount() < 2 || hiddenSum() < policy.k)) {
    let pick = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (pick < 0 || v < (values[pick] as number))) pick = i;
    });
    // No candidate left means every non-zero cell is hidden: then the total is below k and hidden too.
    if (pick < 0) break;
    hidden[pick] = true;
  }
  return hidden;
}

/** A table as published: one count per cell (in the input order) and its total. */
export type PublishedTable = { cells: PublishedCount[]; total: PublishedCount };

/**
 * Returns the cells and total of a table as published. A table derived from the same records (people
 * per settlement, from households per settlement) passes the households' `pattern` and `hideTotal`, so
 * it never shows a cell or total that the households table hides.
 */
export function protectTable(
  policy: DisclosurePolicy,
  values: readonly number[],
  linked?: { pattern: readonly boolean[]; hideTotal: boolean },
): PublishedTable {
  const hidden = linked?.pattern ?? suppressionPattern(policy, values);
  if (hidden.length !== values.length) throw new RangeError('a suppression pattern must have one entry per cell');
  const sum = values.reduce((total, v) => total + v, 0);
  const total = linked?.hideTotal && sum > 0 ? HIDDEN : publishCount(policy, sum);
  return {
    // A hidden total hides every non-zero cell (with a total below k they are all below k anyway).
    cells: values.map((v, i) => (hidden[i] || (total.suppressed && v > 0) ? HIDDEN : publishCount(policy, v))),
    total,
  };
}

/**
 * Returns, for a cumulative series given by its increments (one per month), which points may be
 * published: those where the series has grown by 0 or by at least k since the last published point
 * (rule 4). The first point is compared with 0.
 */
export function cumulativeReleasePattern(policy: DisclosurePolicy, increments: readonly number[]): boolean[] {
  increments.forEach(checkCount);
  let cumulative = 0;
  let lastPublished = 0;
  return increments.map((increment) => {
    cumulative += increment;
    const growth = cumulative - lastPublished;
    if (growth === 0 || growth >= policy.k) {
      lastPublished = cumulative;
      return true;
    }
    return false;
  });
}

/** Returns the median of `values` rounded to `step` metres, or null when fewer than k values stand behind it. */
export function publishMedian(policy: DisclosurePolicy, values: readonly number[], step: number): number | null {
  if (values.length < policy.k || values.some((v) => !Number.isFinite(v))) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(median / step) * step;
}

/**
 * Returns part/whole as a percentage rounded to the rounding base (so it cannot pin the exact counts
 * more finely than the rounded counts do), or null when either count is hidden or the whole is 0.
 */
export function publishShare(policy: DisclosurePolicy, part: number, whole: number): number | null {
  checkCount(part);
  checkCount(whole);
  if (whole === 0 || publishCount(policy, part).suppressed || publishCount(policy, whole).suppressed) return null;
  return Math.min(100, Math.round((100 * part) / whole / policy.base) * policy.base);
}
