import { HIDDEN, publishCount, publishShare, type DisclosurePolicy, type PublishedCount } from './disclosure-control';
import type { PublishedAreaTable, PublishedMonth, RelocationProgress, TrueCounts } from './public-progress';

// Frozen releases (issue 15): how the release of a new closed month follows the earlier ones, so that
// someone who keeps every release learns nothing from their differences.
//
// 1. A published month is never revised: the series keeps every month of the previous release as it was
//    published; the new release only appends its new months. Late or cancelled moves of earlier months
//    enter the new months' figures ("revisions are carried forward").
// 2. A new month of the series is published only where the exact cumulative count has moved by 0 or by at
//    least k since the last published point of ANY earlier release (the differencing rule across releases).
// 3. While no new month is published, every other figure stays exactly as in the previous release: it
//    refers to the same month. When one is, each count (table cell, total, key figure) is compared with the
//    exact count behind its previous publication: a change by fewer than k keeps the previous published
//    value and its exact count, so that a difference between releases is always 0 or the work of at least
//    k households. Medians stay until at least k households more or fewer stand behind them.

export type StoredRelease = { month: string; progress: RelocationProgress; truth: TrueCounts };

const seriesKey = (kind: 'households' | 'people', month: string) => `series.${kind}.${month}`;
/** The exact cumulative counts at the last published point (kept so the next release can compare). */
const LAST_PUBLISHED = { households: 'series.lastPublished.households', people: 'series.lastPublished.people' } as const;

/** Returns the exact cumulative counts at the last published point of a progress and its truth. */
function lastPublished(progress: RelocationProgress, truth: TrueCounts): { households: number; people: number } {
  const stored = truth.get(LAST_PUBLISHED.households);
  if (stored !== undefined) return { households: stored, people: truth.get(LAST_PUBLISHED.people) ?? 0 };
  return { households: truth.get(seriesKey('households', progress.asOfMonth)) ?? 0, people: truth.get(seriesKey('people', progress.asOfMonth)) ?? 0 };
}

/**
 * Returns the series of a new release after `previous`: its months as published, then the fresh months
 * after its cutoff, each published only where the exact count moved by 0 or ≥ k since the last published point.
 */
export function carrySeries(previous: StoredRelease, fresh: { progress: RelocationProgress; truth: TrueCounts }, policy: DisclosurePolicy) {
  let last = lastPublished(previous.progress, previous.truth);
  let asOfMonth = previous.progress.asOfMonth;
  const appended: PublishedMonth[] = [];
  for (const { month } of fresh.progress.byMonth) {
    if (month <= previous.progress.cutoffMonth) continue;
    const households = fresh.truth.get(seriesKey('households', month)) ?? last.households;
    const people = fresh.truth.get(seriesKey('people', month)) ?? last.people;
    const growth = Math.abs(households - last.households);
    if (growth === 0 || growth >= policy.k) {
      appended.push({ month, households: publishCount(policy, households), people: publishCount(policy, people) });
      if (growth > 0) asOfMonth = month;
      last = { households, people };
    } else {
      appended.push({ month, households: HIDDEN, people: HIDDEN });
    }
  }
  return { byMonth: [...previous.progress.byMonth, ...appended], asOfMonth, last };
}

/** Returns `fresh` for a count unless its exact value moved by fewer than k (then the previous one). */
function sticky(
  path: string,
  previousCount: PublishedCount | undefined,
  freshCount: PublishedCount,
  previous: TrueCounts,
  fresh: TrueCounts,
  merged: TrueCounts,
  policy: DisclosurePolicy,
): PublishedCount {
  const before = previous.get(path);
  const now = fresh.get(path);
  if (previousCount === undefined || before === undefined || now === undefined) {
    if (now !== undefined) merged.set(path, now);
    return freshCount;
  }
  const change = Math.abs(now - before);
  if (change > 0 && change < policy.k) {
    merged.set(path, before);
    return previousCount;
  }
  merged.set(path, now);
  return freshCount;
}

function carryTable(name: 'byOrigin' | 'byDestination', previous: StoredRelease, fresh: { progress: RelocationProgress; truth: TrueCounts }, merged: TrueCounts, policy: DisclosurePolicy): PublishedAreaTable {
  const before = previous.progress[name];
  const now = fresh.progress[name];
  const rows = now.rows.map((row) => {
    const old = before.rows.find((r) => r.key === row.key);
    return {
      ...row,
      households: sticky(`${name}.${row.key}.households`, old?.households, row.households, previous.truth, fresh.truth, merged, policy),
      people: sticky(`${name}.${row.key}.people`, old?.people, row.people, previous.truth, fresh.truth, merged, policy),
    };
  });
  // An area that left the data keeps its last published row: removing it would reveal it changed.
  for (const old of before.rows) if (!rows.some((r) => r.key === old.key)) rows.push(old);
  return {
    rows,
    total: {
      households: sticky(`${name}.total.households`, before.total.households, now.total.households, previous.truth, fresh.truth, merged, policy),
      people: sticky(`${name}.total.people`, before.total.people, now.total.people, previous.truth, fresh.truth, merged, policy),
    },
  };
}

/**
 * Returns the progress of a new release that follows `previous`; `freshAt(asOfMonth)` computes today's
 * figures as of a month (with their exact counts). Returns the progress, its exact counts and a note.
 */
export function carryForward(
  previous: StoredRelease | null,
  cutoffMonth: string,
  freshAt: (asOfMonth?: string) => { progress: RelocationProgress; truth: TrueCounts },
  policy: DisclosurePolicy,
): { progress: RelocationProgress; truth: TrueCounts; note: string } {
  const first = freshAt();
  if (!previous) {
    const truth = new Map(first.truth);
    truth.set(LAST_PUBLISHED.households, first.truth.get(seriesKey('households', first.progress.asOfMonth)) ?? 0);
    truth.set(LAST_PUBLISHED.people, first.truth.get(seriesKey('people', first.progress.asOfMonth)) ?? 0);
    return { progress: first.progress, truth, note: 'First release.' };
  }
  const series = carrySeries(previous, first, policy);
  const merged: TrueCounts = new Map(previous.truth);
  // The exact series of the fresh months, for the months the next release will not revise either.
  for (const [path, value] of first.truth) if (path.startsWith('series.') && path.slice(-7) > previous.progress.cutoffMonth) merged.set(path, value);
  merged.set(LAST_PUBLISHED.households, series.last.households);
  merged.set(LAST_PUBLISHED.people, series.last.people);
  const carried = 'Published months are never revised: late and cancelled moves enter the figures of later months.';
  if (series.asOfMonth === previous.progress.asOfMonth) {
    return {
      progress: { ...previous.progress, cutoffMonth, byMonth: series.byMonth },
      truth: merged,
      note: `Fewer than ${policy.k} households moved since ${previous.progress.asOfMonth}: the figures stay as of that month. ${carried}`,
    };
  }
  const fresh = freshAt(series.asOfMonth);
  const byOrigin = carryTable('byOrigin', previous, fresh, merged, policy);
  const byDestination = carryTable('byDestination', previous, fresh, merged, policy);
  const planned = sticky('keyFigures.plannedRelocations', previous.progress.keyFigures.plannedRelocations, fresh.progress.keyFigures.plannedRelocations, previous.truth, fresh.truth, merged, policy);
  const relocatedNow = merged.get('byOrigin.total.households') ?? 0;
  const plannedNow = merged.get('keyFigures.plannedRelocations') ?? 0;
  const accessChange = fresh.progress.accessChange.map((change) => {
    const path = `access.${change.category}.households`;
    const before = previous.truth.get(path);
    const now = fresh.truth.get(path) ?? 0;
    const old = previous.progress.accessChange.find((c) => c.category === change.category);
    if (old && before !== undefined && Math.abs(now - before) < policy.k) return old;
    merged.set(path, now);
    return change;
  });
  return {
    progress: {
      ...fresh.progress,
      cutoffMonth,
      asOfMonth: series.asOfMonth,
      byMonth: series.byMonth,
      byOrigin,
      byDestination,
      keyFigures: {
        householdsRelocated: byOrigin.total.households,
        peopleRelocated: byOrigin.total.people,
        plannedRelocations: planned,
        shareDonePercent: publishShare(policy, relocatedNow, plannedNow),
      },
      accessChange,
    },
    truth: merged,
    note: `Figures as of ${series.asOfMonth}; a count changes only where at least ${policy.k} households changed it. ${carried}`,
  };
}
