import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Matching (issue 5): candidate units ranked for a household with their score broken down, and the
// batch proposal solved as a whole under the concentration limits.

type Candidate = {
  unit: { id: number; code: string; building: string | null; stepFree: boolean; rooms: number };
  score: number;
  eligible: boolean;
  breakdown: Record<string, { score?: number; penalty?: number; counts?: Record<string, number | null> }>;
  warnings: Array<{ code: string; detail: string }>;
};

describe('matching', () => {
  let app: TestApp;
  let planner: ApiClient;
  let seededHousehold: { id: number; needs: string[] };

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
    // An assessed household with children, from Pata Rât: the usual case of the inclusion unit.
    seededHousehold = await app.db
      .knex('households as h')
      .join('relocation_plans as p', 'p.household_id', 'h.id')
      .where('p.state', 'assessed')
      .where('h.children', '>', 0)
      .whereNotNull('h.settlement_id')
      .orderBy('h.id')
      .first('h.id', 'h.needs');
  });
  afterAll(async () => app?.close());

  it('ranks available units by score, each with its breakdown and the origin it is measured from', async () => {
    const res = await planner.get(`/api/households/${seededHousehold.id}/candidate-units?limit=50`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.household).toMatchObject({ id: seededHousehold.id, categories: expect.arrayContaining(['school', 'kindergarten', 'transit_stop', 'grocery']) });
    expect(body.origin).toMatchObject({ name: expect.any(String), position: [expect.any(Number), expect.any(Number)] });
    expect(body.origin.distances.school).toEqual(expect.any(Number));
    expect(body.limits).toEqual({ building: 4, near: 8, neighbourhoodPer10k: 15, localityPer10k: 10 });
    const available = await app.db.knex('housing_units').where({ status: 'available' }).pluck('id');
    expect(body.numberAvailable).toBe(available.length);
    const items: Candidate[] = body.items;
    expect(items.length).toBe(Math.min(50, body.numberEligible));
    expect(items.every((c) => c.eligible && available.includes(c.unit.id))).toBe(true);
    const scores = items.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const c of items) {
      const b = c.breakdown;
      expect(Object.keys(b).sort()).toEqual(['access', 'concentration', 'features', 'locality', 'sizeFit']);
      const sum = (b.sizeFit?.score ?? 0) + (b.features?.score ?? 0) + (b.access?.score ?? 0) + (b.locality?.score ?? 0) - (b.concentration?.penalty ?? 0);
      expect(c.score).toBeCloseTo(sum, 1);
    }
    // Units away from Pata Rât bring schools closer: the best candidates gain access.
    expect(items[0]?.breakdown.access?.score).toBeGreaterThan(0);
  });

  it('keeps units without step-free access out for a household that needs it, unless asked to show them', async () => {
    const caseworker = await app.as('caseworker');
    const household = await (await caseworker.post('/api/households', { adults: 1, seniors: 1, needs: ['step_free'] })).json();
    const eligible = await (await planner.get(`/api/households/${household.id}/candidate-units?limit=200`)).json();
    expect(eligible.items.every((c: Candidate) => c.unit.stepFree)).toBe(true);
    const all = await (await planner.get(`/api/households/${household.id}/candidate-units?limit=200&includeIneligible=true`)).json();
    const refused = all.items.filter((c: Candidate) => !c.eligible);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c: Candidate) => c.warnings.some((w) => w.code === 'step-free-required'))).toBe(true);
    // Ineligible units come after every eligible one.
    expect(all.items.findIndex((c: Candidate) => !c.eligible)).toBe(eligible.numberMatched);
  });

  it('counts relocated and planned households around each unit and warns when a limit would be exceeded', async () => {
    const strict = await (await planner.get(`/api/households/${seededHousehold.id}/candidate-units?limit=200&buildingLimit=1&nearLimit=1&localityPer10k=0.1`)).json();
    expect(strict.limits).toMatchObject({ building: 1, near: 1, localityPer10k: 0.1 });
    const crowded = strict.items.filter((c: Candidate) => (c.breakdown.concentration?.counts?.near ?? 0) >= 1);
    expect(crowded.length).toBeGreaterThan(0);
    for (const c of crowded) expect(c.warnings.map((w: { code: string }) => w.code)).toContain('concentration-near');
    // The counts match the database: live plans in the same building.
    const sample = strict.items.find((c: Candidate) => c.unit.building) as Candidate;
    const live = await app.db
      .knex('relocation_plans as p')
      .join('housing_units as u', 'u.id', 'p.housing_unit_id')
      .where('u.building', sample.unit.building)
      .whereIn('p.state', ['matched', 'approved', 'moved', 'followed_up'])
      .count({ n: '*' })
      .first();
    expect(sample.breakdown.concentration?.counts?.building).toBeGreaterThanOrEqual(Number(live?.n));
    const relaxed = await (await planner.get(`/api/households/${seededHousehold.id}/candidate-units?limit=200&buildingLimit=1000&nearLimit=1000&neighbourhoodPer10k=10000&localityPer10k=10000`)).json();
    expect(relaxed.items.every((c: Candidate) => !c.warnings.some((w) => w.code.startsWith('concentration')))).toBe(true);
  });

  it('rejects bad parameters (400), unknown households (404), and viewers (403)', async () => {
    await expectProblem(await planner.get(`/api/households/${seededHousehold.id}/candidate-units?buildingLimit=0`), 400);
    await expectProblem(await planner.get(`/api/households/${seededHousehold.id}/candidate-units?colour=red`), 400);
    await expectProblem(await planner.get('/api/households/999999/candidate-units'), 404);
    await expectProblem(await (await app.as('viewer')).get(`/api/households/${seededHousehold.id}/candidate-units`), 403);
  });

  it('proposes a batch assignment at least as good as greedy, one family per unit, within every limit', async () => {
    // Households still looking for a home: no plan, or a draft or assessed one.
    const householdIds: number[] = await app.db
      .knex('households as h')
      .whereRaw(`not exists (select 1 from relocation_plans p where p.household_id = h.id and p.state not in ('draft', 'assessed'))`)
      .orderBy('h.id')
      .limit(60)
      .pluck('h.id');
    const limits = { building: 3, near: 4, neighbourhoodPer10k: 10, localityPer10k: 5 };
    const res = await planner.post('/api/matching/batch', { householdIds, limits });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ households: 60, limits, solver: { status: 'optimal' } });
    expect(body.totalScore).toBeGreaterThanOrEqual(body.greedyTotalScore);
    expect(body.assignments.length).toBeGreaterThan(0);
    expect(body.assignments.length + body.unassigned.length).toBe(60);
    const unitIds = body.assignments.map((a: { unitId: number }) => a.unitId);
    expect(new Set(unitIds).size).toBe(unitIds.length);
    expect(new Set(body.assignments.map((a: { householdId: number }) => a.householdId)).size).toBe(body.assignments.length);
    const total = body.assignments.reduce((s: number, a: { score: number }) => s + a.score, 0);
    expect(body.totalScore).toBeCloseTo(total, 1);

    // Check the limits against the database: relocated + planned + proposed per building and locality zone.
    const localityOf = `(select z.id from zones z where z.kind = 'locality' and ST_Covers(z.geom, u.geom) order by ST_Area(z.geom), z.id limit 1)`;
    const units = await app.db
      .knex('housing_units as u')
      .select('u.id', 'u.status', 'u.building', app.db.knex.raw(`${localityOf} as locality_id`))
      .whereIn('u.id', unitIds);
    const populations = new Map<number, number>(
      (await app.db.knex('zones').where({ kind: 'locality' }).select('id', 'population')).map((z: { id: number; population: number }) => [z.id, z.population]),
    );
    expect(units.every((u: { status: string }) => u.status === 'available')).toBe(true);
    const live = await app.db
      .knex('relocation_plans as p')
      .join('housing_units as u', 'u.id', 'p.housing_unit_id')
      .whereIn('p.state', ['matched', 'approved', 'moved', 'followed_up'])
      .select('u.building', app.db.knex.raw(`${localityOf} as locality_id`));
    const tally = (rows: Array<Record<string, unknown>>, key: string) => {
      const map = new Map<unknown, number>();
      for (const r of rows) if (r[key] !== null) map.set(r[key], (map.get(r[key]) ?? 0) + 1);
      return map;
    };
    const liveBuildings = tally(live, 'building');
    for (const [building, proposed] of tally(units, 'building')) {
      expect((liveBuildings.get(building) ?? 0) + proposed, `building ${building}`).toBeLessThanOrEqual(limits.building);
    }
    const liveLocalities = tally(live, 'locality_id');
    for (const [locality, proposed] of tally(units, 'locality_id')) {
      // 5 per 10,000 inhabitants (at least one); a locality already over its limit takes no one more.
      const limit = Math.max(1, Math.floor((limits.localityPer10k * (populations.get(locality as number) as number)) / 10_000));
      expect(proposed, `locality ${locality}`).toBeLessThanOrEqual(Math.max(0, limit - (liveLocalities.get(locality) ?? 0)));
    }
    // A proposal writes nothing.
    expect(await app.db.knex('housing_units').whereIn('id', unitIds).where({ status: 'available' }).count({ n: '*' }).first()).toMatchObject({ n: unitIds.length });
  });

  it('answers 422 for unknown households or units that are not available, and 400 for a malformed batch', async () => {
    const occupied = await app.db.knex('housing_units').where({ status: 'occupied' }).first('id');
    const problem = await expectProblem(await planner.post('/api/matching/batch', { householdIds: [1, 999999], unitIds: [occupied.id] }), 422);
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/body/householdIds/1' }),
      expect.objectContaining({ pointer: '/body/unitIds/0' }),
    ]);
    await expectProblem(await planner.post('/api/matching/batch', { householdIds: [] }), 400);
    await expectProblem(await planner.post('/api/matching/batch', { householdIds: [1, 1] }), 400);
    await expectProblem(await planner.post('/api/matching/batch', { householdIds: [1], limits: { building: 0 } }), 400);
    await expectProblem(await planner.post('/api/matching/batch', { householdIds: [1], limits: { locality: 3 } }), 400);
    await expectProblem(await (await app.as('viewer')).post('/api/matching/batch', { householdIds: [1] }), 403);
  });
});
