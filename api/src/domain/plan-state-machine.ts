import type { PlanState } from './vocabulary';

// The relocation plan life cycle of issue 5: draft → assessed → matched → approved → moved → followed_up,
// plus on_hold (resumes to the state it was held in) and cancelled from any active state.
// Pure rules: the route loads the plan, asks this module what changes, and writes it in one transaction.

/** States in which a plan is still being worked on (the database's held_from_state list). */
export const ACTIVE_PLAN_STATES = ['draft', 'assessed', 'matched', 'approved', 'moved'] as const;
export type ActivePlanState = (typeof ACTIVE_PLAN_STATES)[number];

/** States in which the plan holds its housing unit (mirrors relocation_plans_one_live_plan_per_unit). */
export const UNIT_HOLDING_STATES = ['matched', 'approved', 'moved', 'followed_up'] as const;

/** The next steps of each active state; on_hold and cancelled are added to every active state. */
const FORWARD: Record<ActivePlanState, readonly PlanState[]> = {
  draft: ['assessed'],
  assessed: ['matched'],
  // Back to assessed releases the unit: the family declined it or it fell through.
  matched: ['approved', 'assessed'],
  approved: ['moved'],
  moved: ['followed_up'],
};

/** The fields each state needs, as the API names them (for documentation and the client's forms). */
export const REQUIRED_FIELDS: Readonly<Partial<Record<PlanState, readonly string[]>>> = {
  matched: ['housingUnitId'],
  approved: ['approvedBy', 'approvedAt'],
  moved: ['moveDate'],
};

/** What the state machine needs to know about a plan. */
export type PlanSnapshot = {
  state: PlanState;
  heldFromState: PlanState | null;
  housingUnitId: number | null;
  approvedBy: number | null;
  approvedAt: Date | null;
  moveDate: string | null;
};

/** A requested transition, as posted to /api/relocation-plans/:id/transitions. */
export type TransitionRequest = { to: PlanState; housingUnitId?: number; moveDate?: string; note?: string };

/** What a transition changes: the plan's new fields, and the status its housing unit must take. */
export type TransitionOutcome = {
  plan: PlanSnapshot;
  unit: { id: number; status: 'reserved' | 'occupied' | 'available' } | null;
};

/** Thrown for a transition the life cycle does not allow; carries the allowed next states (HTTP 409). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly from: PlanState,
    readonly to: PlanState,
    readonly allowed: PlanState[],
  ) {
    super(
      `A plan in state '${from}' cannot go to '${to}'; allowed next states: ${allowed.length ? allowed.join(', ') : 'none (final state)'}.`,
    );
  }
}

/** Thrown when a transition lacks a field its target state needs, or carries one it does not take (HTTP 422). */
export class TransitionFieldError extends Error {
  constructor(readonly errors: Array<{ field: string; detail: string }>) {
    super(errors.map((e) => `${e.field}: ${e.detail}`).join('; '));
  }
}

/** Returns true for the states in which a plan is still being worked on. */
export function isActiveState(state: PlanState): state is ActivePlanState {
  return (ACTIVE_PLAN_STATES as readonly string[]).includes(state);
}

/** Returns the states a plan may go to next (empty for followed_up and cancelled). */
export function allowedTransitions(state: PlanState, heldFromState: PlanState | null): PlanState[] {
  if (state === 'on_hold') return heldFromState ? [heldFromState, 'cancelled'] : ['cancelled'];
  if (!isActiveState(state)) return [];
  return [...FORWARD[state], 'on_hold', 'cancelled'];
}

/** Returns the date `days` after a 'YYYY-MM-DD' date, as 'YYYY-MM-DD'. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Returns the plan after the transition and what happens to its housing unit; throws
 * IllegalTransitionError for a step the life cycle forbids and TransitionFieldError when the
 * target state's fields are missing or fields are sent that it does not take.
 * `today` is 'YYYY-MM-DD' (the move date may not lie later than tomorrow: moves are recorded, not planned).
 */
export function planTransition(
  plan: PlanSnapshot,
  request: TransitionRequest,
  context: { actorId: number; now: Date; today: string },
): TransitionOutcome {
  const allowed = allowedTransitions(plan.state, plan.heldFromState);
  if (!allowed.includes(request.to)) throw new IllegalTransitionError(plan.state, request.to, allowed);

  const fieldErrors: Array<{ field: string; detail: string }> = [];
  if (request.to === 'matched' && request.housingUnitId === undefined && plan.state !== 'on_hold') {
    fieldErrors.push({ field: 'housingUnitId', detail: "is required to match a plan: the housing unit it is matched to" });
  }
  if (request.housingUnitId !== undefined && !(request.to === 'matched' && plan.state !== 'on_hold')) {
    fieldErrors.push({ field: 'housingUnitId', detail: "is only accepted when matching a plan (to: 'matched')" });
  }
  if (request.to === 'moved' && plan.state !== 'on_hold') {
    if (request.moveDate === undefined) fieldErrors.push({ field: 'moveDate', detail: 'is required to record the move' });
    else if (request.moveDate > addDays(context.today, 1)) {
      fieldErrors.push({ field: 'moveDate', detail: `lies in the future (${request.moveDate}); record the move once it happened` });
    }
  }
  if (request.moveDate !== undefined && !(request.to === 'moved' && plan.state !== 'on_hold')) {
    fieldErrors.push({ field: 'moveDate', detail: "is only accepted when recording the move (to: 'moved')" });
  }
  if (fieldErrors.length > 0) throw new TransitionFieldError(fieldErrors);

  const next: PlanSnapshot = { ...plan, state: request.to, heldFromState: null };
  let unit: TransitionOutcome['unit'] = null;

  if (plan.state === 'on_hold' && request.to !== 'cancelled') {
    // Resuming: every field of the held state is still on the plan.
    return { plan: next, unit: null };
  }
  switch (request.to) {
    case 'on_hold':
      next.heldFromState = plan.state;
      break;
    case 'matched':
      next.housingUnitId = request.housingUnitId as number;
      unit = { id: next.housingUnitId, status: 'reserved' };
      break;
    case 'assessed':
      if (plan.housingUnitId !== null) unit = { id: plan.housingUnitId, status: 'available' };
      next.housingUnitId = null;
      break;
    case 'approved':
      next.approvedBy = context.actorId;
      next.approvedAt = context.now;
      break;
    case 'moved':
      next.moveDate = request.moveDate as string;
      if (plan.housingUnitId !== null) unit = { id: plan.housingUnitId, status: 'occupied' };
      break;
    case 'cancelled': {
      // The unit id stays on the cancelled plan as history; the unit itself becomes available again.
      const effective = plan.state === 'on_hold' ? plan.heldFromState : plan.state;
      if (plan.housingUnitId !== null && effective !== null && (UNIT_HOLDING_STATES as readonly string[]).includes(effective)) {
        unit = { id: plan.housingUnitId, status: 'available' };
      }
      break;
    }
    default:
      break;
  }
  const missing = missingFields(next);
  if (missing.length > 0) {
    throw new TransitionFieldError(missing.map((field) => ({ field, detail: `is required in state '${next.state}'` })));
  }
  return { plan: next, unit };
}

/** Returns the required fields of the plan's state that it lacks (empty when it is complete). */
export function missingFields(plan: PlanSnapshot): string[] {
  const effective = plan.state === 'on_hold' ? plan.heldFromState : plan.state;
  const missing: string[] = [];
  const atLeast = (s: PlanState) => {
    const order: PlanState[] = ['matched', 'approved', 'moved', 'followed_up'];
    return effective !== null && order.indexOf(effective) >= order.indexOf(s) && order.includes(effective);
  };
  if (atLeast('matched') && plan.housingUnitId === null) missing.push('housingUnitId');
  // Imported history may know when a plan was approved but not by whom (the database allows either).
  if (atLeast('approved') && plan.approvedBy === null && plan.approvedAt === null) missing.push('approvedBy');
  if (atLeast('moved') && plan.moveDate === null) missing.push('moveDate');
  return missing;
}
