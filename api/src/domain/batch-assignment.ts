import loadHighs, { type Highs, type ModelData } from 'highs';

// The batch proposal of issue 5: assign households to units as a whole, maximising the total score
// under one-unit-one-household and the concentration limits. This is an integer program, solved with
// HiGHS (branch-and-cut, compiled to WebAssembly); a greedy assignment is kept as the baseline that
// the tests compare against, and as the solver's starting solution, so the answer is never worse.
//
// Model (x: one binary per eligible household–unit pair, y: one per unit, 1 when the unit is taken)
//   maximise   Σ score_p · x_p
//   household  Σ_{p of h} x_p ≤ 1
//   unit       Σ_{p of u} x_p − y_u = 0           (y_u ≤ 1: one household per unit)
//   group      Σ_{u in g} y_u ≤ capacity_g        (building, neighbourhood, locality, and the 250 m
//                                                  around each unit of the batch)
// The 250 m limit is a group per unit (the units within 250 m of it, itself included) whether or not
// that unit is taken: slightly stricter than "around each taken unit", but linear without a big-M, so
// the LP stays tight. When groups nest (buildings in neighbourhoods in localities), households → units →
// groups is a network flow and the LP is already integral; the overlapping 250 m groups rarely change that.
//
// 500 households × 1,000 units give ~400,000 pair columns, too many for the simplex of the root LP in
// WebAssembly. So: (1) the LP relaxation is solved by column generation (start from each household's
// best pairs, add pairs whose reduced cost is positive until none is: then it is the LP over all pairs);
// (2) the integer program over those generated pairs gives a good incumbent; (3) when it reaches the LP
// bound it is optimal; otherwise every pair whose reduced cost proves it cannot beat the incumbent
// (LP bound + reduced cost < incumbent) is left out and the integer program runs over the rest.
// Each step is exact: the answer is the optimum of the full model (up to the MIP gap or the time limit).

/** One instance: households and units are numbered 0..n−1 and 0..m−1 by the caller. */
export type AssignmentInstance = {
  householdCount: number;
  unitCount: number;
  /** Eligible pairs and their score; pairs with a score ≤ 0 are never chosen. */
  pairs: ReadonlyArray<{ household: number; unit: number; score: number }>;
  /** Sets of units that may take at most `capacity` more households (limit minus those already there). */
  groups: ReadonlyArray<{ key: string; capacity: number; units: readonly number[] }>;
};

export type Assignment = Array<{ household: number; unit: number; score: number }>;

export type AssignmentResult = {
  assignment: Assignment;
  total: number;
  /** The greedy baseline's total, for comparison. */
  greedyTotal: number;
  /** 'optimal', 'time-limit' (best found in time, see gap) or 'greedy' (the baseline was returned). */
  status: 'optimal' | 'time-limit' | 'greedy';
  /** Relative gap between the total and the solver's bound (0 when optimal). */
  gap: number;
  solveMs: number;
  /** Size of the last integer program; `pairs` with a positive score, `pairsInLp` generated, `pairsKept` after fixing. */
  model: { columns: number; rows: number; pairs: number; pairsInLp: number; pairsKept: number; lpRounds: number; lpBound: number };
  /** Milliseconds of each phase: greedy, LP by column generation, integer program on the generated pairs, on the kept pairs. */
  phases: { greedyMs: number; lpMs: number; restrictedMipMs: number; fullMipMs: number };
};

// The WebAssembly runtime is loaded once per process: it holds no data between solves.
let highsRuntime: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  highsRuntime ??= loadHighs();
  return highsRuntime;
}

const total = (assignment: Assignment) => Math.round(assignment.reduce((sum, a) => sum + a.score, 0) * 100) / 100;

/** Returns the greedy assignment: best pairs first, each taken when it breaks no limit. */
export function greedyAssignment(instance: AssignmentInstance): Assignment {
  const state = new LimitTracker(instance);
  const takenHousehold = new Uint8Array(instance.householdCount);
  const order = instance.pairs
    .map((pair, index) => ({ pair, index }))
    .filter(({ pair }) => pair.score > 0)
    .sort((a, b) => b.pair.score - a.pair.score || a.index - b.index);
  const assignment: Assignment = [];
  for (const { pair } of order) {
    if (takenHousehold[pair.household] || !state.canTake(pair.unit)) continue;
    takenHousehold[pair.household] = 1;
    state.take(pair.unit);
    assignment.push({ ...pair });
  }
  return assignment;
}

/** Returns every rule the assignment breaks (empty when it is valid). */
export function checkAssignment(instance: AssignmentInstance, assignment: Assignment): string[] {
  const problems: string[] = [];
  const households = new Set<number>();
  const units = new Set<number>();
  const pairScores = new Map(instance.pairs.map((p) => [`${p.household}:${p.unit}`, p.score]));
  for (const a of assignment) {
    if (households.has(a.household)) problems.push(`household ${a.household} has more than one unit`);
    if (units.has(a.unit)) problems.push(`unit ${a.unit} has more than one household`);
    if (!pairScores.has(`${a.household}:${a.unit}`)) problems.push(`household ${a.household} is not eligible for unit ${a.unit}`);
    households.add(a.household);
    units.add(a.unit);
  }
  for (const group of instance.groups) {
    const used = group.units.filter((u) => units.has(u)).length;
    if (used > Math.max(0, group.capacity)) problems.push(`group ${group.key} takes ${used} > ${group.capacity}`);
  }
  return problems;
}

/** Tracks what is left of each group's capacity while units are taken one by one. */
class LimitTracker {
  private readonly left: number[];
  private readonly groupsOfUnit: number[][];
  private readonly taken: Uint8Array;

  constructor(instance: AssignmentInstance) {
    this.taken = new Uint8Array(instance.unitCount);
    this.left = instance.groups.map((g) => Math.max(0, g.capacity));
    this.groupsOfUnit = Array.from({ length: instance.unitCount }, () => []);
    instance.groups.forEach((g, gi) => g.units.forEach((u) => this.groupsOfUnit[u]?.push(gi)));
  }

  canTake(unit: number): boolean {
    return !this.taken[unit] && (this.groupsOfUnit[unit] ?? []).every((gi) => (this.left[gi] ?? 0) >= 1);
  }

  take(unit: number): void {
    this.taken[unit] = 1;
    for (const gi of this.groupsOfUnit[unit] ?? []) this.left[gi] = (this.left[gi] ?? 0) - 1;
  }
}

/** Rows of the model, shared by the LP and the integer program; columns 0..m−1 are the y of each unit. */
type RowSet = {
  lower: number[];
  upper: number[];
  /** Row entries of the y columns (unit rows, group rows), by row. */
  yEntries: Array<Array<[number, number]>>;
  householdRow: Int32Array;
  unitRow: Int32Array;
  yUpper: Float64Array;
};

/** Returns the rows: one per household, one per unit, and one per group that can bind. */
function buildRows(instance: AssignmentInstance): RowSet {
  const m = instance.unitCount;
  const lower: number[] = [];
  const upper: number[] = [];
  const yEntries: Array<Array<[number, number]>> = [];
  const add = (lo: number, up: number, entries: Array<[number, number]>) => {
    lower.push(lo);
    upper.push(up);
    yEntries.push(entries);
    return lower.length - 1;
  };
  const householdRow = Int32Array.from({ length: instance.householdCount }, () => add(-Infinity, 1, []));
  const unitRow = Int32Array.from({ length: m }, (_, u) => add(0, 0, [[u, -1]]));
  const yUpper = new Float64Array(m).fill(1);
  for (const g of instance.groups) {
    const capacity = Math.max(0, g.capacity);
    if (capacity === 0) for (const u of g.units) yUpper[u] = 0;
    else if (g.units.length > capacity) add(-Infinity, capacity, g.units.map((u) => [u, 1]));
  }
  return { lower, upper, yEntries, householdRow, unitRow, yUpper };
}

/** Returns the model data with the y columns and the given pair columns (integer when `integer`). */
function modelData(
  runtime: Highs,
  instance: AssignmentInstance,
  rows: RowSet,
  pairs: ReadonlyArray<{ household: number; unit: number; score: number }>,
  integer: boolean,
): ModelData {
  const m = instance.unitCount;
  const numCols = m + pairs.length;
  const numRows = rows.lower.length;
  // CSC: y columns from the row entries, then two entries (household row, unit row) per pair.
  const yColumns: Array<Array<[number, number]>> = Array.from({ length: m }, () => []);
  rows.yEntries.forEach((entries, row) => entries.forEach(([u, value]) => yColumns[u]?.push([row, value])));
  const yNonzeros = yColumns.reduce((sum, c) => sum + c.length, 0);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(yNonzeros + 2 * pairs.length);
  const values = new Float64Array(indices.length);
  let k = 0;
  yColumns.forEach((entries, u) => {
    entries.sort((a, b) => a[0] - b[0]);
    for (const [row, value] of entries) {
      indices[k] = row;
      values[k++] = value;
    }
    starts[u + 1] = k;
  });
  pairs.forEach((p, j) => {
    indices[k] = rows.householdRow[p.household] as number;
    values[k++] = 1;
    indices[k] = rows.unitRow[p.unit] as number;
    values[k++] = 1;
    starts[m + j + 1] = k;
  });
  const colCost = new Float64Array(numCols);
  pairs.forEach((p, j) => (colCost[m + j] = p.score));
  const colUpper = new Float64Array(numCols).fill(1);
  colUpper.set(rows.yUpper, 0);
  const integrality = new Int32Array(numCols);
  if (integer) integrality.fill(runtime.constants.variableType.integer, m);
  return {
    numCols,
    numRows,
    sense: runtime.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower: Float64Array.from(rows.lower, (v) => (v === -Infinity ? -runtime.infinity : v)),
    rowUpper: Float64Array.from(rows.upper),
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
    ...(integer ? { integrality } : {}),
  };
}

/** How many of each household's best pairs start the column generation, and how many join per round. */
const INITIAL_PAIRS_PER_HOUSEHOLD = 15;
const ADDED_PAIRS_PER_HOUSEHOLD = 10;
const REDUCED_COST_TOLERANCE = 1e-7;
const OBJECTIVE_TOLERANCE = 1e-6;

type Pair = AssignmentInstance['pairs'][number];

/** Returns the LP bound over all pairs and each pair's reduced cost, by column generation; undefined if the LP fails. */
function solveRelaxation(
  runtime: Highs,
  instance: AssignmentInstance,
  rows: RowSet,
  pairs: readonly Pair[],
  initial: readonly number[],
  deadline: number,
): { bound: number; reducedCost: Float64Array; generated: number[]; values: Float64Array; rounds: number } | undefined {
  const byHousehold: number[][] = Array.from({ length: instance.householdCount }, () => []);
  pairs.forEach((p, j) => byHousehold[p.household]?.push(j));
  const inModel = new Uint8Array(pairs.length);
  const generated: number[] = [];
  for (const j of initial) {
    if (inModel[j]) continue;
    inModel[j] = 1;
    generated.push(j);
  }
  const m = instance.unitCount;
  const lp = runtime.createModel(modelData(runtime, instance, rows, generated.map((j) => pairs[j] as Pair), false));
  try {
    lp.options.set({ output_flag: false, time_limit: Math.max(1, (deadline - performance.now()) / 1000) });
    for (let rounds = 1; ; rounds++) {
      if (lp.run().modelStatus !== runtime.constants.modelStatus.optimal) return undefined;
      const solution = lp.getSolution();
      const rowDual = solution.rowDual;
      // Reduced cost of a pair when maximising: its score − the duals of its household row and unit row.
      const reducedCost = Float64Array.from(
        pairs,
        (p) => p.score - (rowDual[rows.householdRow[p.household] as number] ?? 0) - (rowDual[rows.unitRow[p.unit] as number] ?? 0),
      );
      const added: number[] = [];
      for (const list of byHousehold) {
        const improving = list.filter((j) => !inModel[j] && (reducedCost[j] as number) > REDUCED_COST_TOLERANCE);
        improving.sort((a, b) => (reducedCost[b] as number) - (reducedCost[a] as number));
        added.push(...improving.slice(0, ADDED_PAIRS_PER_HOUSEHOLD));
      }
      if (added.length === 0) {
        return { bound: lp.getObjectiveValue(), reducedCost, generated, values: solution.colValue.slice(m), rounds };
      }
      if (performance.now() > deadline) return undefined;
      for (const j of added) {
        inModel[j] = 1;
        generated.push(j);
      }
      // modelData puts the y columns first: keep only the new pair columns.
      const data = modelData(runtime, instance, rows, added.map((j) => pairs[j] as Pair), false);
      const starts = data.matrix.starts as Int32Array;
      const offset = starts[m] as number;
      lp.addCols({
        cost: (data.colCost as Float64Array).subarray(m),
        lower: new Float64Array(added.length),
        upper: new Float64Array(added.length).fill(1),
        matrix: {
          format: 'csc',
          numRows: data.numRows,
          numCols: added.length,
          starts: Int32Array.from(starts.subarray(m), (v) => v - offset),
          indices: (data.matrix.indices as Int32Array).subarray(offset),
          values: (data.matrix.values as Float64Array).subarray(offset),
        },
      });
    }
  } finally {
    lp.dispose();
  }
}

/** Returns HiGHS's best assignment over `pairs` from a starting assignment, and whether it is proven optimal over them. */
function solveInteger(
  runtime: Highs,
  instance: AssignmentInstance,
  rows: RowSet,
  pairs: readonly Pair[],
  start: Assignment,
  deadline: number,
  relativeGap: number,
): { assignment: Assignment; optimal: boolean; gap: number } | undefined {
  const data = modelData(runtime, instance, rows, pairs, true);
  const model = runtime.createModel(data);
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(1, (deadline - performance.now()) / 1000), mip_rel_gap: relativeGap });
    const m = instance.unitCount;
    const index = new Map(pairs.map((p, j) => [`${p.household}:${p.unit}`, j]));
    const values = new Float64Array(data.numCols);
    for (const a of start) {
      const j = index.get(`${a.household}:${a.unit}`);
      if (j === undefined) continue;
      values[m + j] = 1;
      values[a.unit] = 1;
    }
    model.setSolution({ colValue: values });
    const { modelStatus } = model.run();
    const statuses = runtime.constants.modelStatus;
    const stopped = modelStatus === statuses.optimal || modelStatus === statuses.timeLimit || modelStatus === statuses.interrupted;
    if (!stopped || Number(model.info.get('primal_solution_status')) !== runtime.constants.solutionStatus.feasible) return undefined;
    const x = model.getSolution().colValue;
    const assignment = pairs.filter((_, j) => (x[m + j] ?? 0) > 0.5).map((p) => ({ ...p }));
    const optimal = modelStatus === statuses.optimal;
    return { assignment, optimal, gap: optimal ? 0 : Number(model.info.get('mip_gap')) };
  } finally {
    model.dispose();
  }
}

/**
 * Returns the assignment of maximum total score within every limit, found by HiGHS, starting from
 * the greedy assignment (so it is never worse). With a time limit it returns the best found and its gap.
 */
export async function solveAssignment(
  instance: AssignmentInstance,
  options: {
    timeLimitSeconds?: number;
    relativeGap?: number;
    /** Each household's best pairs the column generation starts from (default 15; Infinity: all pairs at once). */
    initialPairsPerHousehold?: number;
  } = {},
): Promise<AssignmentResult> {
  const started = performance.now();
  const deadline = started + (options.timeLimitSeconds ?? 60) * 1000;
  const relativeGap = options.relativeGap ?? 1e-6;
  const pairs = instance.pairs.filter((p) => p.score > 0);
  const greedy = greedyAssignment(instance);
  const phases = { greedyMs: performance.now() - started, lpMs: 0, restrictedMipMs: 0, fullMipMs: 0 };
  const model = { columns: 0, rows: 0, pairs: pairs.length, pairsInLp: 0, pairsKept: 0, lpRounds: 0, lpBound: Number.NaN };
  let best = greedy;
  const finish = (status: AssignmentResult['status'], gap: number): AssignmentResult => {
    // Guard against tolerances: a result that breaks a rule, or is worse than greedy, is not returned.
    if (checkAssignment(instance, best).length > 0 || total(best) < total(greedy)) {
      best = greedy;
      status = 'greedy';
    }
    const ms = (v: number) => Math.round(v * 10) / 10;
    return {
      assignment: [...best].sort((a, b) => a.household - b.household),
      total: total(best),
      greedyTotal: total(greedy),
      status,
      gap,
      solveMs: ms(performance.now() - started),
      model,
      phases: { greedyMs: ms(phases.greedyMs), lpMs: ms(phases.lpMs), restrictedMipMs: ms(phases.restrictedMipMs), fullMipMs: ms(phases.fullMipMs) },
    };
  };
  if (pairs.length === 0) return finish('optimal', 0);

  const runtime = await highs();
  const rows = buildRows(instance);
  model.rows = rows.lower.length;

  // 1. The LP over all pairs, from each household's best pairs and the greedy ones.
  let t = performance.now();
  const pairIndex = new Map(pairs.map((p, j) => [`${p.household}:${p.unit}`, j]));
  const initial: number[] = [];
  const byHousehold: number[][] = Array.from({ length: instance.householdCount }, () => []);
  pairs.forEach((p, j) => byHousehold[p.household]?.push(j));
  for (const list of byHousehold) {
    list.sort((a, b) => (pairs[b] as Pair).score - (pairs[a] as Pair).score);
    initial.push(...list.slice(0, options.initialPairsPerHousehold ?? INITIAL_PAIRS_PER_HOUSEHOLD));
  }
  for (const a of greedy) initial.push(pairIndex.get(`${a.household}:${a.unit}`) as number);
  const relaxation = solveRelaxation(runtime, instance, rows, pairs, initial, deadline);
  phases.lpMs = performance.now() - t;
  if (!relaxation) return finish('greedy', Number.NaN);
  model.lpRounds = relaxation.rounds;
  model.lpBound = Math.round(relaxation.bound * 100) / 100;
  model.pairsInLp = relaxation.generated.length;
  model.columns = instance.unitCount + relaxation.generated.length;
  const gapTo = (value: number) => Math.max(0, (relaxation.bound - value) / Math.max(1, Math.abs(relaxation.bound)));

  // An integral LP optimum is the optimum: nothing is left to branch on.
  if (relaxation.values.every((v) => v < 1e-6 || v > 1 - 1e-6)) {
    best = relaxation.generated.filter((_, i) => (relaxation.values[i] ?? 0) > 0.5).map((j) => ({ ...(pairs[j] as Pair) }));
    if (total(best) >= relaxation.bound - OBJECTIVE_TOLERANCE && checkAssignment(instance, best).length === 0) return finish('optimal', 0);
    best = greedy;
  }

  // 2. The integer program over the generated pairs.
  t = performance.now();
  const generatedPairs = relaxation.generated.map((j) => pairs[j] as Pair);
  const restricted = solveInteger(runtime, instance, rows, generatedPairs, greedy, deadline, relativeGap);
  phases.restrictedMipMs = performance.now() - t;
  if (restricted && total(restricted.assignment) > total(best)) best = restricted.assignment;
  if (total(best) >= relaxation.bound - OBJECTIVE_TOLERANCE) return finish('optimal', 0);
  if (performance.now() > deadline) return finish('time-limit', gapTo(total(best)));

  // 3. Leave out the pairs that cannot beat the incumbent, and solve over the rest.
  t = performance.now();
  const incumbent = total(best);
  const keep = pairs.map((_, j) => relaxation.bound + (relaxation.reducedCost[j] as number) >= incumbent - OBJECTIVE_TOLERANCE);
  const kept = pairs.filter((_, j) => keep[j]);
  model.pairsKept = kept.length;
  // When every pair that could still improve was among the generated ones, step 2 already was exact.
  const generated = new Set(relaxation.generated);
  if (restricted?.optimal && keep.every((k, j) => !k || generated.has(j))) return finish('optimal', 0);
  model.columns = instance.unitCount + kept.length;
  const full = solveInteger(runtime, instance, rows, kept, best, deadline, relativeGap);
  phases.fullMipMs = performance.now() - t;
  if (full && total(full.assignment) >= total(best)) best = full.assignment;
  if (full?.optimal) return finish('optimal', 0);
  return finish('time-limit', gapTo(total(best)));
}
