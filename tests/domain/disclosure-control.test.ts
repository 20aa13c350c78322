import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressFacts, RelocationFact } from '../../api/src/db/public-statistics';
import {
  cumulativeReleasePattern,
  disclosurePolicy,
  DisclosurePolicyError,
  protectTable,
  publishCount,
  publishShare,
  roundCount,
  suppressionPattern,
  type DisclosurePolicy,
} from '../../api/src/domain/disclosure-control';
import { monthRange, previousMonth } from '../../api/src/domain/months';
import { lastCompleteMonth, publishRelocationProgress } from '../../api/src/domain/public-progress';
import { findCounts } from '../support/public-figures';
import { composeRelease } from '../../api/src/services/public-releases';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 6, acceptance: random households, plans, moves and dates → every number published is 0 or ≥ k,
// and no hidden cell equals a difference of published ones. First the rules on their own (many runs),
// then the figures as /api/public/* publishes them from a real database (fewer runs: each one writes
// households and plans and reads every public endpoint).

const API_RUNS = Number(process.env.PUNTE_PROPERTY_RUNS ?? 20);

/** Asserts that a published count is 0, or at least k and a multiple of the base. */
function expectPublishable(policy: DisclosurePolicy, value: number | null, where: string): void {
  if (value === null) return;
  expect(value === 0 || value >= policy.k, `${where}: ${value} is between 1 and k − 1`).toBe(true);
  expect(value % policy.base, `${where}: ${value} is not a multiple of ${policy.base}`).toBe(0);
}

/**
 * Asserts that no hidden cell of a table can be recovered: its true value never equals the true total
 * minus the true values of the published cells (what anyone with exact published figures could compute).
 */
function expectHiddenCellsUnrecoverable(trueValues: number[], hidden: boolean[], totalHidden: boolean, where: string): void {
  if (totalHidden) return;
  const total = trueValues.reduce((a, b) => a + b, 0);
  const published = trueValues.reduce((sum, v, i) => sum + (hidden[i] ? 0 : v), 0);
  const difference = total - published;
  trueValues.forEach((v, i) => {
    if (hidden[i]) expect(v, `${where}: hidden cell ${i} equals total − published = ${difference}`).not.toBe(difference);
  });
}

const kArbitrary = fc.integer({ min: 5, max: 30 });

describe('disclosure rules', () => {
  it('refuses a threshold below 5', () => {
    expect(() => disclosurePolicy(4)).toThrow(DisclosurePolicyError);
    expect(() => disclosurePolicy(7.5)).toThrow(DisclosurePolicyError);
    expect(disclosurePolicy()).toEqual({ k: 10, base: 5 });
  });

  it('publishes a count as 0, hidden, or rounded to 5 and never below k', () => {
    const policy = disclosurePolicy(10);
    expect(publishCount(policy, 0)).toEqual({ value: 0, suppressed: false });
    expect(publishCount(policy, 9)).toEqual({ value: null, suppressed: true });
    expect(publishCount(policy, 12)).toEqual({ value: 10, suppressed: false });
    expect(publishCount(policy, 13)).toEqual({ value: 15, suppressed: false });
    expect(roundCount(disclosurePolicy(7), 7)).toBe(10);
    fc.assert(
      fc.property(kArbitrary, fc.nat({ max: 10_000 }), (k, n) => {
        const policy = disclosurePolicy(k);
        const published = publishCount(policy, n);
        expect(published.suppressed).toBe(n > 0 && n < k);
        expectPublishable(policy, published.value, `n=${n}`);
        if (!published.suppressed && n > 0) expect(Math.abs((published.value as number) - n)).toBeLessThanOrEqual(Math.max(2, Math.ceil(k / 5) * 5 - k));
      }),
      { numRuns: 2000 },
    );
  });

  it('hides, in any table, at least two cells adding up to k or more — or none', () => {
    fc.assert(
      fc.property(kArbitrary, fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.nat({ max: 200 })), { maxLength: 12, size: 'max' }), (k, values) => {
        const policy = disclosurePolicy(k);
        const hidden = suppressionPattern(policy, values);
        const table = protectTable(policy, values);
        const total = values.reduce((a, b) => a + b, 0);
        table.cells.forEach((cell, i) => {
          expectPublishable(policy, cell.value, `cell ${i}`);
          if (values[i] as number > 0 && (values[i] as number) < k) expect(cell.suppressed).toBe(true);
          if (values[i] === 0) expect(cell).toEqual({ value: 0, suppressed: false });
        });
        expectPublishable(policy, table.total.value, 'total');
        const hiddenValues = values.filter((_, i) => hidden[i]);
        if (total >= k && hiddenValues.length > 0) {
          expect(hiddenValues.length).toBeGreaterThanOrEqual(2);
          expect(hiddenValues.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(k);
        }
        expectHiddenCellsUnrecoverable(values, table.cells.map((c) => c.suppressed), table.total.suppressed, 'table');
      }),
      { numRuns: 3000 },
    );
  });

  it('publishes a cumulative series only where it grew by 0 or by at least k', () => {
    fc.assert(
      fc.property(kArbitrary, fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.nat({ max: 30 })), { maxLength: 60, size: 'max' }), (k, increments) => {
        const released = cumulativeReleasePattern(disclosurePolicy(k), increments);
        let cumulative = 0;
        const publishedValues: number[] = [0];
        increments.forEach((increment, i) => {
          cumulative += increment;
          if (released[i]) publishedValues.push(cumulative);
        });
        // Every difference between two published points is itself 0 or at least k.
        for (let a = 0; a < publishedValues.length; a++) {
          for (let b = a + 1; b < publishedValues.length; b++) {
            const difference = (publishedValues[b] as number) - (publishedValues[a] as number);
            expect(difference === 0 || difference >= k).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds shares to 5 points and withholds them when a count is hidden', () => {
    const policy = disclosurePolicy(10);
    expect(publishShare(policy, 66, 135)).toBe(50);
    expect(publishShare(policy, 9, 135)).toBeNull();
    expect(publishShare(policy, 0, 0)).toBeNull();
  });
});

/** Random relocations of households from 4 settlements to 5 localities over four years. */
const factsArbitrary = (cutoff: string) => {
  const months = monthRange('2022-01', cutoff);
  const settlement = fc.constantFrom('s-a', 's-a', 's-a', 's-b', 's-b', 's-c', 's-d', null);
  const locality = fc.constantFrom('l-1', 'l-1', 'l-1', 'l-2', 'l-2', 'l-3', 'l-4', 'l-5', null);
  const move = fc.record({
    people: fc.integer({ min: 1, max: 10 }),
    originKey: settlement,
    destinationKey: locality,
    moveMonth: fc.constantFrom(...months, previousMonth('2022-01')),
    second: fc.option(fc.record({ destinationKey: locality, later: fc.integer({ min: 1, max: 20 }) }), { freq: 8 }),
    school: fc.tuple(fc.integer({ min: 50, max: 6000 }), fc.integer({ min: 50, max: 6000 })),
  });
  return fc.record({
    moves: fc.array(move, { maxLength: 160, size: 'max' }),
    plansOnly: fc.array(fc.constantFrom(...months), { maxLength: 60, size: 'max' }),
  });
};

describe('the release built from random relocations', () => {
  it('publishes only counts that are 0 or ≥ k, and no hidden cell can be recovered', () => {
    const cutoff = '2025-12';
    fc.assert(
      fc.property(kArbitrary, factsArbitrary(cutoff), (k, generated) => {
        const policy = disclosurePolicy(k);
        const relocations: RelocationFact[] = [];
        generated.moves.forEach((m, householdId) => {
          const base = { householdId, people: m.people, originKey: m.originKey, access: { school: { beforeM: m.school[0], afterM: m.school[1] } } };
          relocations.push({ ...base, destinationKey: m.destinationKey, moveMonth: m.moveMonth });
          if (m.second) {
            const later = monthRange(m.moveMonth, cutoff)[m.second.later];
            if (later) relocations.push({ ...base, destinationKey: m.second.destinationKey, moveMonth: later });
          }
        });
        const facts: ProgressFacts = {
          relocations,
          openedPlanMonths: [...generated.moves.map((m) => m.moveMonth), ...generated.plansOnly],
          origins: ['s-a', 's-b', 's-c', 's-d'].map((key) => ({ key, name: key })),
          destinations: ['l-1', 'l-2', 'l-3', 'l-4', 'l-5'].map((key) => ({ key, name: key })),
        };
        const release = publishRelocationProgress(facts, cutoff, policy);
        for (const found of findCounts(release)) expectPublishable(policy, found.value, found.path);

        // The oracle: each household once, at its first move for the series, where its latest move by
        // the release month took it for the tables.
        const households = generated.moves.map((m, id) => {
          const all = relocations.filter((r) => r.householdId === id);
          return { first: all[0]?.moveMonth as string, all, people: m.people, origin: m.originKey };
        });
        const asOf = release.asOfMonth;
        const current = households
          .filter((h) => h.first <= asOf)
          .map((h) => ({ ...h, destination: h.all.filter((r) => r.moveMonth <= asOf).at(-1)?.destinationKey ?? null }));
        expect(release.keyFigures.householdsRelocated).toEqual(publishCount(policy, current.length));

        for (const [name, table, keyOf] of [
          ['byOrigin', release.byOrigin, (h: (typeof current)[number]) => h.origin],
          ['byDestination', release.byDestination, (h: (typeof current)[number]) => h.destination],
        ] as const) {
          const trueHouseholds = table.rows.map((row) => current.filter((h) => (keyOf(h) ?? 'other') === row.key).length);
          const truePeople = table.rows.map((row) => current.filter((h) => (keyOf(h) ?? 'other') === row.key).reduce((s, h) => s + h.people, 0));
          table.rows.forEach((row, i) => {
            if (!row.households.suppressed) expect(row.households).toEqual(publishCount(policy, trueHouseholds[i] as number));
            expect(row.people.suppressed).toBe(row.households.suppressed);
          });
          const hidden = table.rows.map((row) => row.households.suppressed);
          expectHiddenCellsUnrecoverable(trueHouseholds, hidden, table.total.households.suppressed, `${name} households`);
          expectHiddenCellsUnrecoverable(truePeople, hidden, table.total.people.suppressed, `${name} people`);
        }

        // Time slices: the true values behind any two published months differ by 0 or at least k.
        const cumulative = release.byMonth.map((m) => households.filter((h) => h.first <= m.month).length);
        const published = release.byMonth.flatMap((m, i) => (m.households.suppressed ? [] : [cumulative[i] as number]));
        expect(release.byMonth.find((m) => m.month === asOf)?.households).toEqual(release.keyFigures.householdsRelocated);
        for (let a = 0; a < published.length; a++) {
          for (let b = a + 1; b < published.length; b++) {
            const difference = (published[b] as number) - (published[a] as number);
            expect(difference === 0 || difference >= k, `months differ by ${difference}`).toBe(true);
          }
        }
        // Nothing later than the release month is counted, and medians stand on at least k households.
        expect(asOf <= cutoff).toBe(true);
        if (current.length < k) expect(release.accessChange.every((a) => a.medianChangeM === null)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('public releases over random households, plans and moves', () => {
  let app: TestApp;
  let settlementIds: number[];
  let unitIds: number[];
  const k = 10;
  const policy = disclosurePolicy(k);
  const cutoff = lastCompleteMonth(new Date());

  beforeAll(async () => {
    app = await startTestApp({ PUNTE_DISCLOSURE_K: String(k) });
    const { knex } = app.db;
    // Start from no relocation at all: the demo's plans are set aside (events are append-only, so the
    // plans stay, cancelled, and count for nothing).
    await knex('relocation_plans').update({ state: 'cancelled', held_from_state: null });
    settlementIds = (await knex('settlements').orderBy('id').pluck('id')) as number[];
    unitIds = (await knex('housing_units').orderBy('id').pluck('id')) as number[];
  });
  afterAll(async () => app?.close());

  it('publishes only counts that are 0 or ≥ k, and no hidden cell equals a difference of published ones', async () => {
    const { knex } = app.db;
    const months = monthRange('2023-01', cutoff);
    const household = fc.record({
      // Drawn through the run's own weights (below), so some runs leave one small cell and some several.
      pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      size: fc.integer({ min: 1, max: 9 }),
      state: fc.constantFrom('moved', 'moved', 'followed_up', 'on_hold', 'cancelled', 'draft', 'approved'),
      // Some moves fall in the current month, which no release may count yet.
      month: fc.constantFrom(...months, previousMonth(cutoff), cutoff, `${new Date().toISOString().slice(0, 7)}`),
      openedBefore: fc.integer({ min: 0, max: 6 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(household, { maxLength: 110, size: 'max' }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 5 }),
        fc.shuffledSubarray(unitIds, { minLength: unitIds.length, maxLength: unitIds.length }),
        async (drawn, weights, units) => {
        run += 1;
        // Settlements 0–3, or none (index 4), in proportion to this run's weights.
        const total = weights.reduce((a, b) => a + b, 0) || 1;
        const settlementOf = (pick: number) => {
          let bound = 0;
          const index = weights.findIndex((w) => pick < (bound += w / total));
          return index < 0 || index === 4 ? null : index;
        };
        const generated = drawn.map((g) => ({ ...g, settlement: settlementOf(g.pick) }));
        await knex('relocation_plans').where('code', 'like', 'PL-R%').delete();
        await knex('households').where('code', 'like', 'HH-8%').delete();
        const rows = generated.map((g, i) => ({ ...g, code: `HH-8${String(run).padStart(3, '0')}${String(i).padStart(3, '0')}`, unit: units[i] as number }));
        const ids = rows.length
          ? ((await knex('households')
              .insert(
                rows.map((r) => ({
                  code: r.code,
                  settlement_id: r.settlement === null ? null : settlementIds[r.settlement],
                  size: r.size,
                  adults: 1,
                  children: r.size - 1,
                  synthetic: true,
                })),
              )
              .returning('id')) as Array<{ id: number }>)
          : [];
        const withUnit = (state: string) => ['moved', 'followed_up', 'on_hold', 'approved'].includes(state);
        const moved = (state: string) => ['moved', 'followed_up', 'on_hold'].includes(state);
        if (rows.length) {
          await knex('relocation_plans').insert(
            rows.map((r, i) => {
              const opened = monthRange('2000-01', r.month).at(-1 - r.openedBefore) ?? r.month;
              return {
                code: `PL-R${run}-${i}`,
                household_id: ids[i]?.id,
                state: r.state,
                held_from_state: r.state === 'on_hold' ? 'moved' : null,
                housing_unit_id: withUnit(r.state) ? r.unit : null,
                approved_at: withUnit(r.state) ? `${r.month}-10T10:00:00Z` : null,
                move_date: moved(r.state) ? `${r.month}-15` : null,
                created_at: `${opened}-01T10:00:00Z`,
              };
            }),
          );
        }

        // The public API serves stored releases (issue 15), made once a month: each run composes the
        // first release of its data afresh, through the same code.
        const { documents } = await composeRelease(knex, policy.k, new Date(), null);
        const { progress, originSettlements: origins, destinationLocalities: destinations } = documents;
        for (const [name, document] of [['progress', progress], ['origins', origins], ['destinations', destinations]] as const) {
          for (const found of findCounts(document)) expectPublishable(policy, found.value, `${name}${found.path}`);
        }

        // The oracle, from what was generated: households counted once they moved by the release month.
        const asOf = progress.asOfMonth as string;
        expect(asOf <= cutoff).toBe(true);
        const counted = rows.filter((r) => moved(r.state) && r.month <= asOf);
        const settlementKeys = (await knex('settlements').orderBy('id').select(knex.raw(`coalesce(external_id, 'settlement-' || id) as key`))).map(
          (s: { key: string }) => s.key,
        );
        const trueByOrigin = (progress.byOrigin.rows as Array<{ key: string; households: { suppressed: boolean; value: number | null } }>).map(
          (row) => counted.filter((r) => (r.settlement === null ? 'other' : settlementKeys[r.settlement]) === row.key).length,
        );
        const hiddenByOrigin = progress.byOrigin.rows.map((row: { households: { suppressed: boolean } }) => row.households.suppressed);
        expectHiddenCellsUnrecoverable(trueByOrigin, hiddenByOrigin, progress.byOrigin.total.households.suppressed, 'origin');
        progress.byOrigin.rows.forEach((row: { households: { suppressed: boolean; value: number | null } }, i: number) => {
          if (!row.households.suppressed) expect(row.households.value).toBe(publishCount(policy, trueByOrigin[i] as number).value);
        });
        expect(progress.keyFigures.householdsRelocated).toEqual(publishCount(policy, counted.length));
        expect(origins.features.map((f: { properties: { households: number | null } }) => f.properties.households)).toEqual(
          progress.byOrigin.rows.filter((r: { key: string }) => r.key !== 'other').map((r: { households: { value: number | null } }) => r.households.value),
        );

        // Destination cells: the oracle places each unit in its locality the same way (point in polygon).
        const localityOf = new Map<number, string>(
          (
            await knex.raw(
              `select u.id, (select coalesce(z.external_id, 'zone-' || z.id) from zones z where z.kind = 'locality' and ST_Intersects(z.geom, u.geom) order by z.id limit 1) as key from housing_units u`,
            )
          ).rows.map((r: { id: number; key: string | null }) => [r.id, r.key ?? 'other']),
        );
        const trueByDestination = progress.byDestination.rows.map(
          (row: { key: string }) => counted.filter((r) => localityOf.get(r.unit) === row.key).length,
        );
        expectHiddenCellsUnrecoverable(
          trueByDestination,
          progress.byDestination.rows.map((row: { households: { suppressed: boolean } }) => row.households.suppressed),
          progress.byDestination.total.households.suppressed,
          'destination',
        );
        expect(destinations.features.length).toBeGreaterThan(0);

        // Time slices: true values behind published months differ by 0 or ≥ k.
        const published = (progress.byMonth as Array<{ month: string; households: { suppressed: boolean } }>)
          .filter((m) => !m.households.suppressed)
          .map((m) => rows.filter((r) => moved(r.state) && r.month <= m.month).length);
        for (let i = 1; i < published.length; i++) {
          const difference = (published[i] as number) - (published[i - 1] as number);
          expect(difference === 0 || difference >= k, `published months differ by ${difference}`).toBe(true);
        }
        },
      ),
      // Each run writes to the database: report the first counterexample rather than shrink it for minutes.
      { numRuns: API_RUNS, endOnFailure: true },
    );
  }, 600_000);
});
