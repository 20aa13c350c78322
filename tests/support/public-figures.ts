import type { Knex } from 'knex';

// Helpers for the tests of the public progress figures (issue 6): find every published count in a
// response, and record a move straight in the database, as the relocation workflow would.

/** One count found in a public document, with where it was found. */
export type FoundCount = { path: string; value: number | null; suppressed: boolean };

/**
 * Returns every count of households or people in a public document: each `{ value, suppressed }`
 * object, and the `households` / `people` properties of GeoJSON features.
 */
export function findCounts(document: unknown, path = ''): FoundCount[] {
  if (Array.isArray(document)) return document.flatMap((item, i) => findCounts(item, `${path}/${i}`));
  if (document === null || typeof document !== 'object') return [];
  const object = document as Record<string, unknown>;
  if ('suppressed' in object && 'value' in object) {
    return [{ path, value: object.value as number | null, suppressed: object.suppressed as boolean }];
  }
  const found: FoundCount[] = [];
  for (const key of ['households', 'people']) {
    const hiddenFlag = object[`${key}Hidden`];
    if (typeof hiddenFlag === 'boolean') found.push({ path: `${path}/${key}`, value: object[key] as number | null, suppressed: hiddenFlag });
  }
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object') found.push(...findCounts(value, `${path}/${key}`));
  }
  return found;
}

/** Returns 'YYYY-MM-DD' of the 15th of the month before `now` (the last complete month), UTC. */
export function dayInLastCompleteMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return d.toISOString().slice(0, 10);
}

/**
 * Records that a household moved into a unit on `moveDate`: a plan walked draft → moved with its
 * events, the unit marked occupied — what a caseworker's transitions leave behind. Returns the plan id.
 */
export async function recordMove(knex: Knex, householdId: number, unitId: number, moveDate: string, actorId: number | null): Promise<number> {
  return knex.transaction(async (trx) => {
    const code = `PL-T${householdId}-${unitId}`;
    const at = `${moveDate}T10:00:00Z`;
    const [plan] = await trx('relocation_plans')
      .insert({
        code,
        household_id: householdId,
        state: 'moved',
        programme: 'Test',
        housing_unit_id: unitId,
        approved_by: actorId,
        approved_at: at,
        move_date: moveDate,
        created_at: at,
        created_by: actorId,
        updated_by: actorId,
      })
      .returning('id');
    const steps: Array<[string | null, string]> = [
      [null, 'draft'],
      ['draft', 'assessed'],
      ['assessed', 'matched'],
      ['matched', 'approved'],
      ['approved', 'moved'],
    ];
    await trx('plan_events').insert(steps.map(([from, to]) => ({ plan_id: plan.id, actor_id: actorId, at, from_state: from, to_state: to })));
    await trx('housing_units').where({ id: unitId }).update({ status: 'occupied' });
    return plan.id as number;
  });
}
