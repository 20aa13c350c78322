import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  IllegalTransitionError,
  missingFields,
  planTransition,
  TransitionFieldError,
  type PlanSnapshot,
  type TransitionRequest,
} from '../../api/src/domain/plan-state-machine';
import { PLAN_STATES, type PlanState } from '../../api/src/domain/vocabulary';

const draft: PlanSnapshot = { state: 'draft', heldFromState: null, housingUnitId: null, approvedBy: null, approvedAt: null, moveDate: null };
const context = { actorId: 7, now: new Date('2026-03-02T10:00:00Z'), today: '2026-03-02' };
const step = (plan: PlanSnapshot, request: TransitionRequest) => planTransition(plan, request, context);

/** Walks a plan through the given requests, returning the final plan. */
function walk(...requests: TransitionRequest[]): PlanSnapshot {
  return requests.reduce((plan, request) => step(plan, request).plan, draft);
}

describe('relocation plan state machine', () => {
  it('allows the life cycle, on_hold and cancelled from every active state, nothing after the end', () => {
    expect(allowedTransitions('draft', null)).toEqual(['assessed', 'on_hold', 'cancelled']);
    expect(allowedTransitions('assessed', null)).toEqual(['matched', 'on_hold', 'cancelled']);
    expect(allowedTransitions('matched', null)).toEqual(['approved', 'assessed', 'on_hold', 'cancelled']);
    expect(allowedTransitions('approved', null)).toEqual(['moved', 'on_hold', 'cancelled']);
    expect(allowedTransitions('moved', null)).toEqual(['followed_up', 'on_hold', 'cancelled']);
    expect(allowedTransitions('on_hold', 'approved')).toEqual(['approved', 'cancelled']);
    expect(allowedTransitions('followed_up', null)).toEqual([]);
    expect(allowedTransitions('cancelled', null)).toEqual([]);
  });

  it('refuses draft → moved, naming the allowed next states', () => {
    const attempt = () => step(draft, { to: 'moved', moveDate: '2026-03-01' });
    expect(attempt).toThrow(IllegalTransitionError);
    try {
      attempt();
    } catch (error) {
      expect((error as IllegalTransitionError).allowed).toEqual(['assessed', 'on_hold', 'cancelled']);
    }
  });

  it('needs a housing unit to match, and takes one only then', () => {
    const assessed = walk({ to: 'assessed' });
    expect(() => step(assessed, { to: 'matched' })).toThrow(TransitionFieldError);
    expect(() => step(draft, { to: 'assessed', housingUnitId: 3 })).toThrow(/housingUnitId/);
    const matched = step(assessed, { to: 'matched', housingUnitId: 42 });
    expect(matched.plan).toMatchObject({ state: 'matched', housingUnitId: 42 });
    expect(matched.unit).toEqual({ id: 42, status: 'reserved' });
  });

  it('records who approved and when; the unit stays reserved', () => {
    const approved = step(walk({ to: 'assessed' }, { to: 'matched', housingUnitId: 42 }), { to: 'approved' });
    expect(approved.plan).toMatchObject({ state: 'approved', approvedBy: 7, approvedAt: context.now });
    expect(approved.unit).toBeNull();
  });

  it('needs a move date that is not in the future, and then occupies the unit', () => {
    const approved = walk({ to: 'assessed' }, { to: 'matched', housingUnitId: 42 }, { to: 'approved' });
    expect(() => step(approved, { to: 'moved' })).toThrow(/moveDate: is required/);
    expect(() => step(approved, { to: 'moved', moveDate: '2026-04-01' })).toThrow(/future/);
    const moved = step(approved, { to: 'moved', moveDate: '2026-03-01' });
    expect(moved.plan).toMatchObject({ state: 'moved', moveDate: '2026-03-01' });
    expect(moved.unit).toEqual({ id: 42, status: 'occupied' });
    expect(step(moved.plan, { to: 'followed_up' }).plan.state).toBe('followed_up');
  });

  it('holds a plan and resumes it only to the state it was held in, keeping its fields', () => {
    const approved = walk({ to: 'assessed' }, { to: 'matched', housingUnitId: 42 }, { to: 'approved' });
    const held = step(approved, { to: 'on_hold', note: 'family in hospital' });
    expect(held.plan).toMatchObject({ state: 'on_hold', heldFromState: 'approved', housingUnitId: 42 });
    expect(held.unit).toBeNull();
    expect(() => step(held.plan, { to: 'matched' })).toThrow(IllegalTransitionError);
    const resumed = step(held.plan, { to: 'approved' });
    expect(resumed.plan).toMatchObject({ state: 'approved', heldFromState: null, housingUnitId: 42, approvedBy: 7 });
    expect(resumed.unit).toBeNull();
  });

  it('frees the unit when a plan holding one is cancelled, also from on_hold, and when it goes back to assessed', () => {
    const matched = walk({ to: 'assessed' }, { to: 'matched', housingUnitId: 42 });
    expect(step(matched, { to: 'cancelled' }).unit).toEqual({ id: 42, status: 'available' });
    const held = step(matched, { to: 'on_hold' }).plan;
    expect(step(held, { to: 'cancelled' }).unit).toEqual({ id: 42, status: 'available' });
    const back = step(matched, { to: 'assessed', note: 'the family declined the flat' });
    expect(back.unit).toEqual({ id: 42, status: 'available' });
    expect(back.plan.housingUnitId).toBeNull();
    expect(step(walk({ to: 'assessed' }), { to: 'cancelled' }).unit).toBeNull();
  });

  it('never leaves a plan without the fields its state requires, whatever sequence is tried (property)', () => {
    const request = fc.record({
      to: fc.constantFrom(...PLAN_STATES),
      housingUnitId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      moveDate: fc.option(fc.constantFrom('2026-02-01', '2026-03-02', '2027-01-01'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), (requests) => {
        let plan = draft;
        const reserved = new Set<number>();
        for (const r of requests) {
          const clean = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as TransitionRequest;
          let outcome;
          try {
            outcome = step(plan, clean);
          } catch (error) {
            expect(error instanceof IllegalTransitionError || error instanceof TransitionFieldError).toBe(true);
            if (error instanceof IllegalTransitionError) expect(allowedTransitions(plan.state, plan.heldFromState)).not.toContain(r.to);
            continue;
          }
          expect(allowedTransitions(plan.state, plan.heldFromState)).toContain(r.to);
          if (outcome.unit?.status === 'reserved') reserved.add(outcome.unit.id);
          if (outcome.unit?.status === 'available') reserved.delete(outcome.unit.id);
          plan = outcome.plan;
          expect(missingFields(plan)).toEqual([]);
          const holding = (['matched', 'approved', 'moved', 'followed_up'] as PlanState[]).includes(
            plan.state === 'on_hold' ? (plan.heldFromState as PlanState) : plan.state,
          );
          // A live plan holds exactly the unit it reserved; a released plan holds none.
          if (holding) expect(reserved).toEqual(new Set([plan.housingUnitId]));
          else expect(reserved.size).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
