import type { Knex } from 'knex';
import { UNIT_HOLDING_STATES } from '../domain/plan-state-machine';

/** Returns the plan (id, code of its household, state) that holds housing unit `unitId`, or undefined when none does. */
export async function findPlanHoldingUnit(
  knex: Knex,
  unitId: number,
): Promise<{ planId: number; householdCode: string; state: string } | undefined> {
  const row = await knex('relocation_plans as p')
    .join('households as h', 'h.id', 'p.household_id')
    .where('p.housing_unit_id', unitId)
    .whereIn('p.state', UNIT_HOLDING_STATES as unknown as string[])
    .first('p.id as planId', 'h.code as householdCode', 'p.state as state');
  return row as { planId: number; householdCode: string; state: string } | undefined;
}
