import type { ProgressFacts, PublicAccessCategory, PublicArea, PublicInterventionFact, RelocationFact } from '../db/public-statistics';
import { PUBLIC_ACCESS_CATEGORIES } from '../db/public-statistics';
import { monthRange, previousMonth } from './months';
import {
  cumulativeReleasePattern,
  HIDDEN,
  protectTable,
  publishCount,
  publishMedian,
  publishShare,
  suppressionPattern,
  type DisclosurePolicy,
  type PublishedCount,
} from './disclosure-control';

// The public release of relocation progress (issue 6): aggregates the facts of db/public-statistics.ts
// into the figures of the public page, every count through domain/disclosure-control.ts.
//
// One release refers to one month, `asOfMonth`: the last month at which the cumulative series of
// households moved may be published (rule 4 of disclosure-control.ts), never later than the last
// complete month. Key figures, tables and medians all count the moves up to the end of that month,
// so no published "to date" figure differs from a published point of the series by a small number.

/** Key of the table row that collects unknown origins and destinations outside every locality. */
export const OTHER_AREA_KEY = 'other';
/** Distances are published in steps of this many metres. */
export const DISTANCE_STEP_M = 100;

/** One row of a published table: an area (name null for OTHER_AREA_KEY) with its households and people. */
export type PublishedAreaRow = { key: string; name: string | null; households: PublishedCount; people: PublishedCount };
/** A published table of areas with its totals. */
export type PublishedAreaTable = { rows: PublishedAreaRow[]; total: { households: PublishedCount; people: PublishedCount } };
/** One month of the cumulative series (households and people moved up to the end of the month). */
export type PublishedMonth = { month: string; households: PublishedCount; people: PublishedCount };
/** Medians for one service category, in metres rounded to DISTANCE_STEP_M; null below k households. */
export type PublishedAccessChange = {
  category: PublicAccessCategory;
  medianBeforeM: number | null;
  medianAfterM: number | null;
  medianChangeM: number | null;
};

/** The relocation figures of one public release. */
export type RelocationProgress = {
  /** The last complete month the release could cover ('YYYY-MM'). */
  cutoffMonth: string;
  /** The month every figure refers to (end of month). */
  asOfMonth: string;
  disclosure: { k: number; roundingBase: number };
  keyFigures: {
    householdsRelocated: PublishedCount;
    peopleRelocated: PublishedCount;
    plannedRelocations: PublishedCount;
    shareDonePercent: number | null;
  };
  byOrigin: PublishedAreaTable;
  byDestination: PublishedAreaTable;
  byMonth: PublishedMonth[];
  accessChange: PublishedAccessChange[];
};


/** Returns 'YYYY-MM' of the last complete month before `now` (UTC). */
export function lastCompleteMonth(now: Date): string {
  return previousMonth(now.toISOString().slice(0, 7));
}


/** The moves of each household up to `last`, oldest first; households without one are left out. */
function movesByHousehold(relocations: readonly RelocationFact[], last: string): Map<number, RelocationFact[]> {
  const byHousehold = new Map<number, RelocationFact[]>();
  for (const fact of relocations) {
    if (fact.moveMonth > last) continue;
    let list = byHousehold.get(fact.householdId);
    if (!list) byHousehold.set(fact.householdId, (list = []));
    list.push(fact);
  }
  for (const list of byHousehold.values()) list.sort((a, b) => a.moveMonth.localeCompare(b.moveMonth));
  return byHousehold;
}

/** Returns a table of areas as published: households by the rule of secondary suppression, people on the same pattern. */
function areaTable(
  policy: DisclosurePolicy,
  areas: readonly PublicArea[],
  keyOf: (fact: RelocationFact) => string | null,
  households: RelocationFact[],
  truth: TrueCounts,
  prefix: string,
): PublishedAreaTable {
  const keys = [...areas.map((a) => a.key), OTHER_AREA_KEY];
  const index = new Map(keys.map((key, i) => [key, i]));
  const householdCounts = keys.map(() => 0);
  const peopleCounts = keys.map(() => 0);
  for (const fact of households) {
    const i = index.get(keyOf(fact) ?? OTHER_AREA_KEY) ?? (index.get(OTHER_AREA_KEY) as number);
    householdCounts[i] = (householdCounts[i] as number) + 1;
    peopleCounts[i] = (peopleCounts[i] as number) + fact.people;
  }
  keys.forEach((key, i) => {
    truth.set(`${prefix}.${key}.households`, householdCounts[i] as number);
    truth.set(`${prefix}.${key}.people`, peopleCounts[i] as number);
  });
  truth.set(`${prefix}.total.households`, householdCounts.reduce((a, b) => a + b, 0));
  truth.set(`${prefix}.total.people`, peopleCounts.reduce((a, b) => a + b, 0));
  const householdTable = protectTable(policy, householdCounts, { pattern: suppressionPattern(policy, householdCounts), hideTotal: false });
  const peopleTable = protectTable(policy, peopleCounts, {
    pattern: householdTable.cells.map((c) => c.suppressed),
    hideTotal: householdTable.total.suppressed,
  });
  return {
    rows: keys.map((key, i) => ({
      key,
      name: areas[i]?.name ?? null,
      households: householdTable.cells[i] as PublishedCount,
      people: peopleTable.cells[i] as PublishedCount,
    })),
    total: { households: householdTable.total, people: peopleTable.total },
  };
}

/**
 * The exact counts behind the published figures of one release, by path (`byOrigin.<key>.households`,
 * `series.households.<month>`, `access.<category>.households` …). Stored with the release, never served:
 * the next release is checked against them (issue 15).
 */
export type TrueCounts = Map<string, number>;

/**
 * Returns the relocation figures of a release covering moves up to `cutoffMonth` (normally the last
 * complete month), every count protected by `policy`. `options.asOfMonth` fixes the month the figures
 * refer to (the carried-forward series of frozen releases decides it); `options.truth` collects the exact
 * counts behind them.
 */
export function publishRelocationProgress(
  facts: ProgressFacts,
  cutoffMonth: string,
  policy: DisclosurePolicy,
  options: { asOfMonth?: string; truth?: TrueCounts } = {},
): RelocationProgress {
  const truth: TrueCounts = options.truth ?? new Map();
  const moves = movesByHousehold(facts.relocations, cutoffMonth);
  const firstMoves = [...moves.values()].map((list) => list[0] as RelocationFact);

  // The series starts the month before the first move, at 0: a published point always exists.
  const earliest = firstMoves.reduce((min, f) => (f.moveMonth < min ? f.moveMonth : min), cutoffMonth);
  const months = monthRange(previousMonth(earliest), cutoffMonth);
  const householdIncrements = months.map(() => 0);
  const peopleIncrements = months.map(() => 0);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  for (const first of firstMoves) {
    const i = monthIndex.get(first.moveMonth) as number;
    householdIncrements[i] = (householdIncrements[i] as number) + 1;
    peopleIncrements[i] = (peopleIncrements[i] as number) + first.people;
  }
  const released = cumulativeReleasePattern(policy, householdIncrements);
  let householdsToDate = 0;
  let peopleToDate = 0;
  const byMonth = months.map((month, i): PublishedMonth => {
    householdsToDate += householdIncrements[i] as number;
    peopleToDate += peopleIncrements[i] as number;
    truth.set(`series.households.${month}`, householdsToDate);
    truth.set(`series.people.${month}`, peopleToDate);
    return released[i]
      ? { month, households: publishCount(policy, householdsToDate), people: publishCount(policy, peopleToDate) }
      : { month, households: HIDDEN, people: HIDDEN };
  });
  const asOfMonth = options.asOfMonth ?? (months[released.lastIndexOf(true)] as string);

  // As of the release month: each household once, where its latest move by then took it.
  const current = [...movesByHousehold(facts.relocations, asOfMonth).values()].map((list) => list[list.length - 1] as RelocationFact);
  const byOrigin = areaTable(policy, facts.origins, (f) => f.originKey, current, truth, 'byOrigin');
  const byDestination = areaTable(policy, facts.destinations, (f) => f.destinationKey, current, truth, 'byDestination');
  const planned = facts.openedPlanMonths.filter((m) => m <= asOfMonth).length;
  truth.set('keyFigures.plannedRelocations', planned);
  truth.set('keyFigures.householdsRelocated', current.length);

  const accessChange = PUBLIC_ACCESS_CATEGORIES.map((category): PublishedAccessChange => {
    const facts = current.filter((f) => f.access[category]);
    const measured = facts.map((f) => f.access[category] as NonNullable<RelocationFact['access'][PublicAccessCategory]>);
    truth.set(`access.${category}.households`, measured.length);
    // Issue 15: the distance "before" is one value per place of origin (four Pata Rât communities), so its
    // median over households would tell how the moved households split between them. A statistic needs k
    // contributing places as well as k households: before and change are withheld below that.
    const origins = new Set(facts.map((f) => f.originKey ?? OTHER_AREA_KEY)).size;
    const enoughOrigins = origins >= policy.k;
    return {
      category,
      medianBeforeM: enoughOrigins ? publishMedian(policy, measured.map((a) => a.beforeM), DISTANCE_STEP_M) : null,
      medianAfterM: publishMedian(policy, measured.map((a) => a.afterM), DISTANCE_STEP_M),
      medianChangeM: enoughOrigins ? publishMedian(policy, measured.map((a) => a.afterM - a.beforeM), DISTANCE_STEP_M) : null,
    };
  });

  return {
    cutoffMonth,
    asOfMonth,
    disclosure: { k: policy.k, roundingBase: policy.base },
    keyFigures: {
      householdsRelocated: byOrigin.total.households,
      peopleRelocated: byOrigin.total.people,
      plannedRelocations: publishCount(policy, planned),
      shareDonePercent: publishShare(policy, current.length, planned),
    },
    byOrigin,
    byDestination,
    byMonth,
    accessChange,
  };
}

/** One intervention as published: allow-listed fields only, dates as months. */
export type PublishedIntervention = Omit<PublicInterventionFact, 'id' | 'externalId'> & { key: string };

/** The interventions of one release: counts by status (not about people, so not suppressed) and the list. */
export type InterventionProgress = {
  counts: { planned: number; underWay: number; completed: number; cancelled: number };
  items: PublishedIntervention[];
};

/** Returns the interventions as published; progress is about works, not people, so it needs no threshold. */
export function publishInterventions(facts: readonly PublicInterventionFact[]): InterventionProgress {
  const count = (status: string) => facts.filter((f) => f.status === status).length;
  return {
    counts: { planned: count('planned'), underWay: count('under_way'), completed: count('completed'), cancelled: count('cancelled') },
    items: facts.map((f) => ({
      key: f.externalId ?? `intervention-${f.id}`,
      name: f.name,
      type: f.type,
      status: f.status,
      fundingProgramme: f.fundingProgramme,
      budgetLei: f.budgetLei,
      startMonth: f.startMonth,
      endMonth: f.endMonth,
      progressPct: f.progressPct,
      areaKey: f.areaKey,
      areaName: f.areaName,
      areaKind: f.areaKind,
      updates: f.updates.map((u) => ({ month: u.month, progressPct: u.progressPct })),
    })),
  };
}
