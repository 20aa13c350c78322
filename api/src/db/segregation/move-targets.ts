import type { Knex } from 'knex';
import { UNIT_HOLDING_STATES } from '../../domain/plan-state-machine';

/** A housing unit a simulated move names: its status and the household whose plan holds it, if any. */
export type MoveTarget = { id: number; code: string; status: string; heldByHouseholdId: number | null };

/** Returns the housing units with `ids` (missing ones are absent) and who holds each. */
export async function listMoveTargets(knex: Knex, ids: readonly number[]): Promise<Map<number, MoveTarget>> {
  if (ids.length === 0) return new Map();
  const rows = (await knex('housing_units as u')
    .select(
      'u.id',
      'u.code',
      'u.status',
      knex.raw(
        `(select p.household_id from relocation_plans p where p.housing_unit_id = u.id
           and (p.state = any(?::text[]) or (p.state = 'on_hold' and p.held_from_state = any(?::text[])))
           order by p.id desc limit 1) as held_by`,
        [[...UNIT_HOLDING_STATES], [...UNIT_HOLDING_STATES]],
      ),
    )
    .whereIn('u.id', [...ids])) as Array<{ id: number; code: string; status: string; held_by: number | null }>;
  return new Map(rows.map((row) => [row.id, { id: row.id, code: row.code, status: row.status, heldByHouseholdId: row.held_by }]));
}
