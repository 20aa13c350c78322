import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { accessCategoriesFor, accessValue } from '../domain/candidate-score';
import {
  allowedTransitions,
  IllegalTransitionError,
  planTransition,
  TransitionFieldError,
  type PlanSnapshot,
  type TransitionRequest,
} from '../domain/plan-state-machine';
import type { PlanState, ServiceCategory } from '../domain/vocabulary';
import { nearestServiceDistances } from './access-queries';
import { auditAction, type Actor } from './audit-log';
import type { FieldIssue } from './households';
import { nextCode } from './households';
import { listSupportMeasures, type SupportMeasure } from './support-measures';
import { todayInCity } from '../../../contracts/city-date';

// Relocation plans (issue 5): the board's list, one plan with its timeline, creation, edits and the
// state transitions. A transition changes the plan, its housing unit and appends its plan_events row
// and audit row in one transaction; the database's unique index keeps one live plan per unit.

/** A relocation plan as the API returns it (pseudonymous: the household appears by code only). */
export type Plan = {
  id: number;
  code: string;
  householdId: number;
  householdCode: string;
  caseworkerId: number | null;
  state: PlanState;
  heldFromState: PlanState | null;
  allowedTransitions: PlanState[];
  programme: string | null;
  housingUnitId: number | null;
  housingUnitCode: string | null;
  approvedBy: number | null;
  approvedByUsername: string | null;
  approvedAt: string | null;
  moveDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** One step of a plan's timeline. */
export type PlanEvent = {
  id: number;
  planId: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
  fromState: PlanState | null;
  toState: PlanState;
  note: string | null;
};

type Position = [number, number];

/** A plan with everything its page shows. */
export type PlanDetail = Plan & {
  household: {
    id: number;
    code: string;
    size: number;
    adults: number;
    children: number;
    seniors: number;
    disabledMembers: number;
    needs: string[];
    priority: string;
  };
  origin: { settlementId: number; name: string; position: Position } | null;
  destination: {
    id: number;
    code: string;
    address: string | null;
    locality: string | null;
    building: string | null;
    rooms: number;
    floorAreaM2: number;
    stepFree: boolean;
    status: string;
    position: Position;
  } | null;
  /** Nearest service of each category the household needs, from origin and destination (null without a destination). */
  accessGain: Array<{ category: ServiceCategory; originM: number | null; destinationM: number | null; gain: number }> | null;
  events: PlanEvent[];
  supportMeasures: SupportMeasure[];
};

export type PlanQuery = {
  limit: number;
  offset: number;
  state?: string[];
  householdId?: number;
  caseworkerId?: number;
  programme?: string;
  q?: string;
};

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));

function toPlan(row: Record<string, unknown>): Plan {
  const state = row.state as PlanState;
  const heldFromState = (row.held_from_state as PlanState | null) ?? null;
  return {
    id: row.id as number,
    code: row.code as string,
    householdId: row.household_id as number,
    householdCode: row.household_code as string,
    caseworkerId: (row.caseworker_id as number | null) ?? null,
    state,
    heldFromState,
    allowedTransitions: allowedTransitions(state, heldFromState),
    programme: (row.programme as string | null) ?? null,
    housingUnitId: (row.housing_unit_id as number | null) ?? null,
    housingUnitCode: (row.housing_unit_code as string | null) ?? null,
    approvedBy: (row.approved_by as number | null) ?? null,
    approvedByUsername: (row.approved_by_username as string | null) ?? null,
    approvedAt: iso(row.approved_at),
    moveDate: (row.move_date as string | null) ?? null,
    note: (row.note as string | null) ?? null,
    version: row.version as number,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

function toEvent(row: Record<string, unknown>): PlanEvent {
  return {
    id: Number(row.id),
    planId: row.plan_id as number,
    at: iso(row.at) as string,
    actorId: (row.actor_id as number | null) ?? null,
    actorUsername: (row.actor_username as string | null) ?? null,
    actorDisplayName: (row.actor_display_name as string | null) ?? null,
    fromState: (row.from_state as PlanState | null) ?? null,
    toState: row.to_state as PlanState,
    note: (row.note as string | null) ?? null,
  };
}

function planRows(knex: Knex | Knex.Transaction): Knex.QueryBuilder {
  return knex('relocation_plans as p')
    .select('p.*', 'h.code as household_code', 'h.caseworker_id', 'u.code as housing_unit_code', 'a.username as approved_by_username')
    .join('households as h', 'h.id', 'p.household_id')
    .leftJoin('housing_units as u', 'u.id', 'p.housing_unit_id')
    .leftJoin('users as a', 'a.id', 'p.approved_by');
}

function filterPlans(builder: Knex.QueryBuilder, query: Omit<PlanQuery, 'limit' | 'offset'>): void {
  if (query.state?.length) builder.whereIn('p.state', query.state);
  if (query.householdId !== undefined) builder.where('p.household_id', query.householdId);
  if (query.caseworkerId !== undefined) builder.where('h.caseworker_id', query.caseworkerId);
  if (query.programme !== undefined) builder.where('p.programme', query.programme);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    builder.where((w) => w.where('p.code', 'ilike', pattern).orWhere('h.code', 'ilike', pattern));
  }
}

/** Returns one page of plans (by code) and how many match in all. */
export async function listPlans(knex: Knex, query: PlanQuery): Promise<{ items: Plan[]; numberMatched: number }> {
  const page = planRows(knex).orderBy('p.code').limit(query.limit).offset(query.offset);
  filterPlans(page, query);
  const count = planRows(knex).clearSelect().count<{ n: number }[]>({ n: '*' });
  filterPlans(count, query);
  const rows = await page;
  const counted = await count;
  return { items: rows.map(toPlan), numberMatched: Number(counted[0]?.n ?? 0) };
}

/** Returns one plan; undefined when there is none with this id. */
export async function getPlan(knex: Knex | Knex.Transaction, id: number): Promise<Plan | undefined> {
  const row = await planRows(knex).where('p.id', id).first();
  return row ? toPlan(row) : undefined;
}

/** Returns a plan's events, oldest first, with their actors' names. */
export async function listPlanEvents(knex: Knex | Knex.Transaction, planId: number): Promise<PlanEvent[]> {
  const rows = await knex('plan_events as e')
    .select('e.*', 'u.username as actor_username', 'u.display_name as actor_display_name')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .where('e.plan_id', planId)
    .orderBy([{ column: 'e.at' }, { column: 'e.id' }]);
  return rows.map(toEvent);
}

/** Returns a plan with its household, origin, destination, access gain, timeline and support measures; undefined when missing. */
export async function getPlanDetail(knex: Knex, id: number): Promise<PlanDetail | undefined> {
  const plan = await getPlan(knex, id);
  if (!plan) return undefined;
  const household = await knex('households').where({ id: plan.householdId }).first();
  const origin = household.settlement_id
    ? await knex('settlements')
        .where({ id: household.settlement_id })
        .first('id', 'name', knex.raw('ST_X(ST_PointOnSurface(geom)) as lon'), knex.raw('ST_Y(ST_PointOnSurface(geom)) as lat'))
    : undefined;
  const unit = plan.housingUnitId
    ? await knex('housing_units')
        .where({ id: plan.housingUnitId })
        .first('*', knex.raw('ST_X(geom) as lon'), knex.raw('ST_Y(geom) as lat'))
    : undefined;
  const profile = {
    size: household.size,
    children: household.children,
    seniors: household.seniors,
    disabledMembers: household.disabled_members,
    needs: household.needs,
    preferredLocalities: household.preferred_localities ?? [],
  };
  let accessGain: PlanDetail['accessGain'] = null;
  if (unit) {
    const categories = accessCategoriesFor(profile);
    const points = [{ key: 'destination', lon: unit.lon, lat: unit.lat }];
    if (origin) points.push({ key: 'origin', lon: origin.lon, lat: origin.lat });
    const distances = await nearestServiceDistances(knex, points, categories);
    accessGain = categories.map((category) => {
      const originM = distances.get('origin')?.[category]?.distanceM ?? null;
      const destinationM = distances.get('destination')?.[category]?.distanceM ?? null;
      return {
        category,
        originM: originM === null ? null : Math.round(originM),
        destinationM: destinationM === null ? null : Math.round(destinationM),
        gain: Math.round((accessValue(destinationM) - accessValue(originM)) * 100) / 100,
      };
    });
  }
  return {
    ...plan,
    household: {
      id: household.id,
      code: household.code,
      size: household.size,
      adults: household.adults,
      children: household.children,
      seniors: household.seniors,
      disabledMembers: household.disabled_members,
      needs: household.needs,
      priority: household.priority,
    },
    origin: origin ? { settlementId: origin.id, name: origin.name, position: [origin.lon, origin.lat] } : null,
    destination: unit
      ? {
          id: unit.id,
          code: unit.code,
          address: unit.address,
          locality: unit.locality,
          building: unit.building,
          rooms: unit.rooms,
          floorAreaM2: unit.floor_area_m2,
          stepFree: unit.step_free,
          status: unit.status,
          position: [unit.lon, unit.lat],
        }
      : null,
    accessGain,
    events: await listPlanEvents(knex, id),
    supportMeasures: await listSupportMeasures(knex, id),
  };
}

type DatabaseError = { code?: string; constraint?: string; message?: string };
const violates = (error: unknown, constraint: string) =>
  (error as DatabaseError).code === '23505' &&
  ((error as DatabaseError).constraint === constraint || ((error as DatabaseError).message ?? '').includes(constraint));

export type PlanOutcome =
  | { status: 'done'; plan: Plan }
  | { status: 'not-found' }
  | { status: 'stale'; current: Plan }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; type: string; detail: string; extensions?: Record<string, unknown> };

/** Opens a draft plan for a household, with its first timeline event, audited; 409 when the household has an open plan. */
export async function createPlan(
  knex: Knex,
  fields: { householdId: number; programme: string | null; note: string | null },
  actor: Actor,
): Promise<PlanOutcome> {
  try {
    return await knex.transaction(async (trx): Promise<PlanOutcome> => {
      const household = await trx('households').where({ id: fields.householdId }).forUpdate().first('id', 'code');
      if (!household) return { status: 'invalid', issues: [{ pointer: '/body/householdId', detail: `there is no household ${fields.householdId}` }] };
      const code = await nextCode(trx, 'relocation_plans', 'PL');
      const [row] = await trx('relocation_plans')
        .insert({
          code,
          household_id: fields.householdId,
          state: 'draft',
          programme: fields.programme,
          note: fields.note,
          created_by: actor.id,
          updated_by: actor.id,
        })
        .returning('id');
      const [event] = await trx('plan_events')
        .insert({ plan_id: row.id, actor_id: actor.id, from_state: null, to_state: 'draft', note: fields.note, request_id: actor.requestId })
        .returning('id');
      await auditAction(trx, actor, 'plan.create', 'relocation_plans', row.id, {
        code,
        householdId: fields.householdId,
        eventId: Number(event.id),
      });
      return { status: 'done', plan: (await getPlan(trx, row.id)) as Plan };
    });
  } catch (error) {
    if (violates(error, 'relocation_plans_one_open_plan_per_household')) {
      return {
        status: 'conflict',
        type: '/problems/open-plan-exists',
        detail: `Household ${fields.householdId} already has an open relocation plan; finish or cancel it first.`,
      };
    }
    throw error;
  }
}

/** Changes a plan's programme or note at `expectedVersion`, audited; returns the outcome. */
export async function updatePlan(
  knex: Knex,
  id: number,
  expectedVersion: number,
  changes: { programme?: string | null; note?: string | null },
  actor: Actor,
): Promise<PlanOutcome> {
  return knex.transaction(async (trx) => {
    const locked = await trx('relocation_plans').where({ id }).forUpdate().first('version');
    if (!locked) return { status: 'not-found' };
    if (locked.version !== expectedVersion) return { status: 'stale', current: (await getPlan(trx, id)) as Plan };
    const columns: Record<string, unknown> = {};
    if (changes.programme !== undefined) columns.programme = changes.programme;
    if (changes.note !== undefined) columns.note = changes.note;
    await trx('relocation_plans')
      .where({ id })
      .update({ ...columns, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id });
    await auditAction(trx, actor, 'plan.update', 'relocation_plans', id, { version: expectedVersion + 1, changed: changes });
    return { status: 'done', plan: (await getPlan(trx, id)) as Plan };
  });
}

export type TransitionOutcome =
  | { status: 'done'; plan: Plan; event: PlanEvent; replayed: boolean }
  | { status: 'not-found' }
  | { status: 'stale'; current: Plan }
  | { status: 'illegal'; from: PlanState; to: PlanState; allowed: PlanState[] }
  | { status: 'invalid'; issues: FieldIssue[] }
  | { status: 'conflict'; type: string; detail: string; extensions?: Record<string, unknown> };

/** Returns the fingerprint of a transition request, stored with its Idempotency-Key. */
function fingerprintOf(request: TransitionRequest): string {
  const canonical = JSON.stringify([request.to, request.housingUnitId ?? null, request.moveDate ?? null, request.note ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Applies one state transition in a transaction: checks it against the state machine, reserves,
 * occupies or frees the housing unit, updates the plan, appends the plan_events row and the audit rows.
 * With an `idempotencyKey` already used on this plan, returns the original event without changing anything.
 * With `expectedVersion` (If-Match), a plan at another version answers 'stale'.
 */
export async function transitionPlan(
  knex: Knex,
  id: number,
  request: TransitionRequest,
  options: { idempotencyKey?: string; expectedVersion?: number },
  actor: Actor,
): Promise<TransitionOutcome> {
  const fingerprint = fingerprintOf(request);
  const attempt = () =>
    knex.transaction(async (trx): Promise<TransitionOutcome> => {
      const row = await trx('relocation_plans').where({ id }).forUpdate().first();
      if (!row) return { status: 'not-found' };
      if (options.idempotencyKey !== undefined) {
        const prior = await trx('plan_events').where({ plan_id: id, idempotency_key: options.idempotencyKey }).first('id', 'request_fingerprint');
        if (prior) {
          if (prior.request_fingerprint && prior.request_fingerprint !== fingerprint) {
            return {
              status: 'conflict',
              type: '/problems/idempotency-key-reused',
              detail: `Idempotency-Key ${options.idempotencyKey} was already used on this plan for a different transition; use a new key.`,
            };
          }
          const event = (await listPlanEvents(trx, id)).find((e) => e.id === Number(prior.id)) as PlanEvent;
          return { status: 'done', plan: (await getPlan(trx, id)) as Plan, event, replayed: true };
        }
      }
      if (options.expectedVersion !== undefined && row.version !== options.expectedVersion) {
        return { status: 'stale', current: (await getPlan(trx, id)) as Plan };
      }
      const snapshot: PlanSnapshot = {
        state: row.state,
        heldFromState: row.held_from_state,
        housingUnitId: row.housing_unit_id,
        approvedBy: row.approved_by,
        approvedAt: row.approved_at,
        moveDate: row.move_date,
      };
      const now = new Date();
      let outcome;
      try {
        outcome = planTransition(snapshot, request, { actorId: actor.id, now, today: todayInCity(now) });
      } catch (error) {
        if (error instanceof IllegalTransitionError) return { status: 'illegal', from: error.from, to: error.to, allowed: error.allowed };
        if (error instanceof TransitionFieldError) {
          return { status: 'invalid', issues: error.errors.map((e) => ({ pointer: `/body/${e.field}`, detail: e.detail })) };
        }
        throw error;
      }

      let unitBefore: { id: number; code: string; status: string } | undefined;
      if (outcome.unit) {
        unitBefore = await trx('housing_units').where({ id: outcome.unit.id }).forUpdate().first('id', 'code', 'status');
        if (!unitBefore) return { status: 'invalid', issues: [{ pointer: '/body/housingUnitId', detail: `there is no housing unit ${outcome.unit.id}` }] };
        if (outcome.unit.status === 'reserved' && unitBefore.status !== 'available') {
          return {
            status: 'conflict',
            type: '/problems/unit-unavailable',
            detail: `Housing unit ${unitBefore.code} is ${unitBefore.status}, not available: it cannot be matched.`,
            extensions: { housingUnitId: unitBefore.id, unitStatus: unitBefore.status },
          };
        }
      }

      await trx('relocation_plans')
        .where({ id })
        .update({
          state: outcome.plan.state,
          held_from_state: outcome.plan.heldFromState,
          housing_unit_id: outcome.plan.housingUnitId,
          approved_by: outcome.plan.approvedBy,
          approved_at: outcome.plan.approvedAt,
          move_date: outcome.plan.moveDate,
          version: trx.raw('version + 1'),
          updated_at: trx.fn.now(),
          updated_by: actor.id,
        });
      // A unit someone marked unavailable meanwhile stays so when a plan lets it go.
      if (outcome.unit && unitBefore && !(outcome.unit.status === 'available' && !['reserved', 'occupied'].includes(unitBefore.status))) {
        await trx('housing_units')
          .where({ id: outcome.unit.id })
          .update({ status: outcome.unit.status, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id });
        await auditAction(trx, actor, 'housing_unit.status', 'housing_units', outcome.unit.id, {
          from: unitBefore.status,
          to: outcome.unit.status,
          planId: id,
        });
      }
      const [eventRow] = await trx('plan_events')
        .insert({
          plan_id: id,
          actor_id: actor.id,
          at: now,
          from_state: row.state,
          to_state: outcome.plan.state,
          note: request.note ?? null,
          idempotency_key: options.idempotencyKey ?? null,
          request_fingerprint: options.idempotencyKey === undefined ? null : fingerprint,
          request_id: actor.requestId,
        })
        .returning('id');
      await auditAction(trx, actor, 'plan.transition', 'relocation_plans', id, {
        from: row.state,
        to: outcome.plan.state,
        eventId: Number(eventRow.id),
        ...(request.housingUnitId !== undefined ? { housingUnitId: request.housingUnitId } : {}),
        ...(request.moveDate !== undefined ? { moveDate: request.moveDate } : {}),
      });
      const event = (await listPlanEvents(trx, id)).find((e) => e.id === Number(eventRow.id)) as PlanEvent;
      return { status: 'done', plan: (await getPlan(trx, id)) as Plan, event, replayed: false };
    });

  try {
    return await attempt();
  } catch (error) {
    if (violates(error, 'relocation_plans_one_live_plan_per_unit')) {
      return {
        status: 'conflict',
        type: '/problems/unit-taken',
        detail: `Housing unit ${request.housingUnitId} already has a live relocation plan: one unit, one family.`,
        extensions: { housingUnitId: request.housingUnitId },
      };
    }
    // The same key raced in twice: the other request won, so this one is now a replay.
    if (violates(error, 'plan_events_plan_id_idempotency_key_unique')) return attempt();
    throw error;
  }
}

/** One row of the CSV export: pseudonymous columns only (codes, counts, states, dates). */
export type PlanExportRow = Record<(typeof PLAN_EXPORT_COLUMNS)[number], string | number | null>;

/** The columns of the CSV export, in order. */
export const PLAN_EXPORT_COLUMNS = [
  'plan_code',
  'household_code',
  'settlement',
  'household_size',
  'children',
  'seniors',
  'priority',
  'state',
  'held_from_state',
  'programme',
  'housing_unit_code',
  'unit_locality',
  'unit_building',
  'approved_at',
  'move_date',
  'created_at',
  'updated_at',
] as const;

/** Returns every plan matching the filters as export rows, by plan code. */
export async function listPlansForExport(knex: Knex, query: Omit<PlanQuery, 'limit' | 'offset'>): Promise<PlanExportRow[]> {
  const builder = knex('relocation_plans as p')
    .select(
      'p.code as plan_code',
      'h.code as household_code',
      's.name as settlement',
      'h.size as household_size',
      'h.children',
      'h.seniors',
      'h.priority',
      'p.state',
      'p.held_from_state',
      'p.programme',
      'u.code as housing_unit_code',
      'u.locality as unit_locality',
      'u.building as unit_building',
      'p.approved_at',
      'p.move_date',
      'p.created_at',
      'p.updated_at',
    )
    .join('households as h', 'h.id', 'p.household_id')
    .leftJoin('settlements as s', 's.id', 'h.settlement_id')
    .leftJoin('housing_units as u', 'u.id', 'p.housing_unit_id')
    .orderBy('p.code');
  filterPlans(builder, query);
  const rows = await builder;
  return rows.map((row: Record<string, unknown>) => ({
    ...(row as PlanExportRow),
    approved_at: iso(row.approved_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }));
}

/** Audits an export of plans (who took which rows out of the application). */
export async function auditPlanExport(knex: Knex, actor: Actor, rows: number, filters: Record<string, unknown>): Promise<void> {
  await auditAction(knex, actor, 'plan.export', 'relocation_plans', 'export', { rows, filters });
}
