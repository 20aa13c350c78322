import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Relocation plans (issue 5): the life cycle through the API, its timeline, what it does to the housing
// unit, one unit per family under concurrency, idempotent transitions, support measures and the CSV export.

describe('relocation plans', () => {
  let app: TestApp;
  let caseworker: ApiClient;
  const knex = () => app.db.knex;
  const availableUnit = async (skip = 0) =>
    (await knex()('housing_units').where({ status: 'available' }).orderBy('id').offset(skip).first('id', 'code')) as { id: number; code: string };
  const unitStatus = async (unitId: number) => (await knex()('housing_units').where({ id: unitId }).first('status')).status as string;
  const counts = async (planId: number) => ({
    events: Number((await knex()('plan_events').where({ plan_id: planId }).count({ n: '*' }).first())?.n),
    audits: Number((await knex()('audit_log').count({ n: '*' }).first())?.n),
    version: (await knex()('relocation_plans').where({ id: planId }).first('version')).version as number,
  });
  const transition = (client: ApiClient, planId: number, body: Record<string, unknown>, headers?: Record<string, string>) =>
    client.post(`/api/relocation-plans/${planId}/transitions`, body, headers);

  /** Creates a household and opens a draft plan for it; returns the plan. */
  async function openPlan(client: ApiClient = caseworker) {
    const household = await (await client.post('/api/households', { adults: 2, children: 1 })).json();
    const res = await client.post('/api/relocation-plans', { householdId: household.id, programme: 'Cluj4Home', note: 'first visit' });
    expect(res.status).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    app = await startTestApp({ PUNTE_IDENTITY_KEY: randomBytes(32).toString('base64') });
    caseworker = await app.as('caseworker');
  });
  afterAll(async () => app?.close());

  it('follows a household from draft to followed up: each step in the timeline with actor and time; the unit ends occupied', async () => {
    const plan = await openPlan();
    expect(plan).toMatchObject({ code: expect.stringMatching(/^PL-\d{4}$/), state: 'draft', allowedTransitions: ['assessed', 'on_hold', 'cancelled'] });
    expect((await transition(caseworker, plan.id, { to: 'assessed', note: 'documents checked' })).status).toBe(200);

    const candidates = await (await caseworker.get(`/api/households/${plan.householdId}/candidate-units?limit=3`)).json();
    const unitId = candidates.items[0].unit.id;
    const matched = await transition(caseworker, plan.id, { to: 'matched', housingUnitId: unitId });
    expect(matched.status).toBe(200);
    expect((await matched.json()).plan).toMatchObject({ state: 'matched', housingUnitId: unitId });
    expect(await unitStatus(unitId)).toBe('reserved');

    const approved = await (await transition(caseworker, plan.id, { to: 'approved' })).json();
    expect(approved.plan).toMatchObject({ state: 'approved', approvedByUsername: 'caseworker', approvedAt: expect.any(String) });
    expect(await unitStatus(unitId)).toBe('reserved');

    const today = new Date().toISOString().slice(0, 10);
    const moved = await (await transition(caseworker, plan.id, { to: 'moved', moveDate: today })).json();
    expect(moved.plan).toMatchObject({ state: 'moved', moveDate: today });
    expect(await unitStatus(unitId)).toBe('occupied');
    const unitFeature = await (await caseworker.get(`/api/housing-units/${unitId}`)).json();
    expect(unitFeature.properties.status).toBe('occupied');
    await transition(caseworker, plan.id, { to: 'followed_up', note: 'children enrolled' });

    const res = await caseworker.get(`/api/relocation-plans/${plan.id}`);
    expect(res.headers.get('etag')).toBe('"6"');
    const detail = await res.json();
    expect(detail.events.map((e: { fromState: string | null; toState: string }) => `${e.fromState}→${e.toState}`)).toEqual([
      'null→draft',
      'draft→assessed',
      'assessed→matched',
      'matched→approved',
      'approved→moved',
      'moved→followed_up',
    ]);
    for (const event of detail.events) expect(event).toMatchObject({ actorUsername: 'caseworker', at: expect.any(String) });
    expect(detail.events[1].note).toBe('documents checked');
    expect(detail.destination).toMatchObject({ id: unitId, status: 'occupied', position: [expect.any(Number), expect.any(Number)] });
    expect(detail.household).toMatchObject({ id: plan.householdId, size: 3 });
    expect(detail.allowedTransitions).toEqual([]);
    // Every transition and unit change is in the audit log with its request id.
    const audited = await knex()('audit_log').where({ table_name: 'relocation_plans', record_id: String(plan.id) }).orderBy('id').pluck('action');
    expect(audited).toEqual(['plan.create', 'plan.transition', 'plan.transition', 'plan.transition', 'plan.transition', 'plan.transition']);
    expect(await knex()('audit_log').where({ table_name: 'housing_units', record_id: String(unitId) }).pluck('details')).toHaveLength(2);
  });

  it('shows origin, destination and the access gain on a plan page', async () => {
    const seeded = await knex()('relocation_plans as p')
      .join('households as h', 'h.id', 'p.household_id')
      .whereNotNull('h.settlement_id')
      .where('p.state', 'followed_up')
      .first('p.id');
    const detail = await (await caseworker.get(`/api/relocation-plans/${seeded.id}`)).json();
    expect(detail.origin).toMatchObject({ name: expect.any(String), position: [expect.any(Number), expect.any(Number)] });
    expect(detail.accessGain.length).toBeGreaterThanOrEqual(2);
    for (const row of detail.accessGain) expect(row).toMatchObject({ category: expect.any(String), gain: expect.any(Number) });
    expect(detail.events.length).toBeGreaterThan(3);
    expect(detail.events[0].actorUsername).toEqual(expect.any(String));
  });

  it('refuses draft → moved with 409 naming the allowed next states, and writes nothing', async () => {
    const plan = await openPlan();
    const before = await counts(plan.id);
    const problem = await expectProblem(await transition(caseworker, plan.id, { to: 'moved', moveDate: '2026-01-01' }), 409);
    expect(problem).toMatchObject({ type: '/problems/illegal-transition', from: 'draft', to: 'moved', allowed: ['assessed', 'on_hold', 'cancelled'] });
    expect(await counts(plan.id)).toEqual(before);
  });

  it('asks for the fields each state needs (422) and rejects unknown fields and states (400)', async () => {
    const plan = await openPlan();
    await transition(caseworker, plan.id, { to: 'assessed' });
    const before = await counts(plan.id);
    const missingUnit = await expectProblem(await transition(caseworker, plan.id, { to: 'matched' }), 422);
    expect(missingUnit.errors).toEqual([expect.objectContaining({ pointer: '/body/housingUnitId' })]);
    await expectProblem(await transition(caseworker, plan.id, { to: 'matched', housingUnitId: 999999 }), 422);
    await expectProblem(await transition(caseworker, plan.id, { to: 'teleported' }), 400);
    await expectProblem(await transition(caseworker, plan.id, { to: 'matched', housingUnitId: 1, approvedBy: 1 }), 400);
    expect(await counts(plan.id)).toEqual(before);
    const unit = await availableUnit();
    await transition(caseworker, plan.id, { to: 'matched', housingUnitId: unit.id });
    await transition(caseworker, plan.id, { to: 'approved' });
    const missingDate = await expectProblem(await transition(caseworker, plan.id, { to: 'moved' }), 422);
    expect(missingDate.errors).toEqual([expect.objectContaining({ pointer: '/body/moveDate' })]);
    await transition(caseworker, plan.id, { to: 'cancelled', note: 'family withdrew' });
    expect(await unitStatus(unit.id)).toBe('available');
  });

  it('applies a transition repeated with the same Idempotency-Key once, and refuses the key for another request', async () => {
    const plan = await openPlan();
    const key = randomUUID();
    const first = await transition(caseworker, plan.id, { to: 'assessed', note: 'visit' }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const before = await counts(plan.id);
    const again = await transition(caseworker, plan.id, { to: 'assessed', note: 'visit' }, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const againBody = await again.json();
    expect(againBody.event).toEqual(firstBody.event);
    expect(againBody.replayed).toBe(true);
    expect(await counts(plan.id)).toEqual(before);
    expect(await knex()('plan_events').where({ plan_id: plan.id, to_state: 'assessed' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    const reused = await expectProblem(await transition(caseworker, plan.id, { to: 'on_hold' }, { 'idempotency-key': key }), 409);
    expect(reused.type).toBe('/problems/idempotency-key-reused');
    await expectProblem(await transition(caseworker, plan.id, { to: 'on_hold' }, { 'idempotency-key': 'ä'.repeat(3) }), 400);
  });

  it('checks If-Match on transitions when it is sent', async () => {
    const plan = await openPlan();
    const stale = await expectProblem(await transition(caseworker, plan.id, { to: 'assessed' }, { 'if-match': '"5"' }), 412);
    expect(stale.currentVersion).toBe(1);
    expect((await transition(caseworker, plan.id, { to: 'assessed' }, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('refuses to match a unit that is not available (409)', async () => {
    const plan = await openPlan();
    await transition(caseworker, plan.id, { to: 'assessed' });
    const occupied = await knex()('housing_units').where({ status: 'occupied' }).first('id');
    const problem = await expectProblem(await transition(caseworker, plan.id, { to: 'matched', housingUnitId: occupied.id }), 409);
    expect(problem).toMatchObject({ type: '/problems/unit-unavailable', unitStatus: 'occupied' });
  });

  it('holds a plan with its unit and resumes it to the held state', async () => {
    const plan = await openPlan();
    const unit = await availableUnit(1);
    await transition(caseworker, plan.id, { to: 'assessed' });
    await transition(caseworker, plan.id, { to: 'matched', housingUnitId: unit.id });
    const held = await (await transition(caseworker, plan.id, { to: 'on_hold', note: 'hospital stay' })).json();
    expect(held.plan).toMatchObject({ state: 'on_hold', heldFromState: 'matched', allowedTransitions: ['matched', 'cancelled'] });
    expect(await unitStatus(unit.id)).toBe('reserved');
    await expectProblem(await transition(caseworker, plan.id, { to: 'approved' }), 409);
    const resumed = await (await transition(caseworker, plan.id, { to: 'matched' })).json();
    expect(resumed.plan).toMatchObject({ state: 'matched', heldFromState: null, housingUnitId: unit.id });
    await transition(caseworker, plan.id, { to: 'assessed', note: 'family declined the flat' });
    expect(await unitStatus(unit.id)).toBe('available');
  });

  it('matches one unit to exactly one of 20 plans asking at once', async () => {
    const assessed = await knex()('relocation_plans').where({ state: 'assessed' }).orderBy('id').limit(20).pluck('id');
    while (assessed.length < 20) {
      const plan = await openPlan();
      await transition(caseworker, plan.id, { to: 'assessed' });
      assessed.push(plan.id);
    }
    const unit = await availableUnit(2);
    const responses = await Promise.all(assessed.map((planId: number) => transition(caseworker, planId, { to: 'matched', housingUnitId: unit.id })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 409)) expect((await r.json()).type).toMatch(/^\/problems\/unit-(unavailable|taken)$/);
    expect(await knex()('relocation_plans').where({ housing_unit_id: unit.id, state: 'matched' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    expect(await knex()('plan_events').whereIn('plan_id', assessed).where({ to_state: 'matched' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    expect(await unitStatus(unit.id)).toBe('reserved');
  });

  it('keeps one unit, one family in the database itself (unique index → 409 through the API)', async () => {
    const [first, second] = [await openPlan(), await openPlan()];
    const unit = await availableUnit(3);
    for (const plan of [first, second]) await transition(caseworker, plan.id, { to: 'assessed' });
    await transition(caseworker, first.id, { to: 'matched', housingUnitId: unit.id });
    // Someone sets the unit available by hand: the API's status check passes, the index does not.
    await knex()('housing_units').where({ id: unit.id }).update({ status: 'available' });
    const problem = await expectProblem(await transition(caseworker, second.id, { to: 'matched', housingUnitId: unit.id }), 409);
    expect(problem.type).toBe('/problems/unit-taken');
    expect((await knex()('relocation_plans').where({ id: second.id }).first('state')).state).toBe('assessed');
  });

  it('keeps one open plan per household (409) and lets only caseworkers and admins write; planners read', async () => {
    const plan = await openPlan();
    await expectProblem(await caseworker.post('/api/relocation-plans', { householdId: plan.householdId }), 409);
    await expectProblem(await caseworker.post('/api/relocation-plans', { householdId: 999999 }), 422);
    const planner = await app.as('planner');
    expect((await planner.get(`/api/relocation-plans/${plan.id}`)).status).toBe(200);
    await expectProblem(await transition(planner, plan.id, { to: 'assessed' }), 403);
    await expectProblem(await planner.post('/api/relocation-plans', { householdId: plan.householdId }), 403);
    const viewer = await app.as('viewer');
    await expectProblem(await viewer.get('/api/relocation-plans'), 403);
    await expectProblem(await viewer.get('/api/relocation-plans/export.csv'), 403);
  });

  it('edits a plan with If-Match and lists plans for the board by state', async () => {
    const plan = await openPlan();
    await expectProblem(await caseworker.patch(`/api/relocation-plans/${plan.id}`, { programme: 'Pata 2' }), 428);
    const res = await caseworker.patch(`/api/relocation-plans/${plan.id}`, { programme: 'Pata 2' }, { 'if-match': '"1"' });
    expect(await res.json()).toMatchObject({ programme: 'Pata 2', version: 2 });
    const board = await (await caseworker.get('/api/relocation-plans?state=followed_up,moved&limit=500')).json();
    expect(board.numberMatched).toBeGreaterThanOrEqual(74);
    expect(board.items.every((p: { state: string }) => ['followed_up', 'moved'].includes(p.state))).toBe(true);
    const ofHousehold = await (await caseworker.get(`/api/relocation-plans?householdId=${plan.householdId}`)).json();
    expect(ofHousehold.items.map((p: { id: number }) => p.id)).toEqual([plan.id]);
  });

  it('records support measures with their own status, changed with If-Match, all audited', async () => {
    const plan = await openPlan();
    const base = `/api/relocation-plans/${plan.id}/support-measures`;
    const created = await caseworker.post(base, { kind: 'school_enrolment', dueDate: '2026-09-15', note: 'two children' });
    expect(created.status).toBe(201);
    const measure = await created.json();
    expect(measure).toMatchObject({ kind: 'school_enrolment', status: 'planned', dueDate: '2026-09-15', version: 1 });
    await caseworker.post(base, { kind: 'documents', status: 'in_progress' });
    await expectProblem(await caseworker.post(base, { kind: 'haircut' }), 400);
    await expectProblem(await caseworker.patch(`${base}/${measure.id}`, { status: 'done' }), 428);
    const done = await caseworker.patch(`${base}/${measure.id}`, { status: 'done' }, { 'if-match': '"1"' });
    expect(await done.json()).toMatchObject({ status: 'done', version: 2 });
    await expectProblem(await caseworker.patch(`${base}/${measure.id}`, { status: 'planned' }, { 'if-match': '"1"' }), 412);
    const list = await (await caseworker.get(base)).json();
    expect(list.items.map((m: { kind: string; status: string }) => `${m.kind}:${m.status}`)).toEqual(['school_enrolment:done', 'documents:in_progress']);
    const detail = await (await caseworker.get(`/api/relocation-plans/${plan.id}`)).json();
    expect(detail.supportMeasures).toHaveLength(2);
    expect((await caseworker.delete(`${base}/${list.items[1].id}`, { 'if-match': '"1"' })).status).toBe(204);
    const audited = await knex()('audit_log').where({ table_name: 'support_measures' }).whereIn('record_id', [String(measure.id), String(list.items[1].id)]).pluck('action');
    expect(audited.sort()).toEqual(['support_measure.create', 'support_measure.create', 'support_measure.delete', 'support_measure.update']);
    await transition(caseworker, plan.id, { to: 'cancelled' });
    await expectProblem(await caseworker.post(base, { kind: 'health' }), 409);
  });

  it('exports plans as CSV with pseudonymous columns only, neutralising formulas, and audits the export', async () => {
    const plan = await openPlan();
    await caseworker.request('PUT', `/api/households/${plan.householdId}/identity`, { members: [{ name: 'Gheorghe Secretescu', idCardNumber: 'ZZ 999111' }], phone: '0744 000 111' });
    await caseworker.patch(`/api/relocation-plans/${plan.id}`, { programme: '=HYPERLINK("http://x")' }, { 'if-match': '"1"' });
    const res = await caseworker.get('/api/relocation-plans/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="relocation-plans-/);
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'plan_code,household_code,settlement,household_size,children,seniors,priority,state,held_from_state,programme,housing_unit_code,unit_locality,unit_building,approved_at,move_date,created_at,updated_at',
    );
    expect(lines.length).toBe(1 + Number((await knex()('relocation_plans').count({ n: '*' }).first())?.n));
    expect(text).not.toMatch(/Secretescu|ZZ 999111|0744/);
    const row = lines.find((l) => l.startsWith(`${plan.code},`)) as string;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    const filtered = await (await caseworker.get('/api/relocation-plans/export.csv?state=cancelled')).text();
    const cancelledRows = filtered.trim().split('\r\n').slice(1);
    expect(cancelledRows.length).toBeGreaterThanOrEqual(19);
    expect(cancelledRows.every((l) => l.includes(',cancelled,'))).toBe(true);
    expect(await knex()('audit_log').where({ action: 'plan.export', actor_username: 'caseworker' }).count({ n: '*' }).first()).toMatchObject({ n: 2 });
  });
});
