import type { Knex } from 'knex';
import { auditAction, type Actor } from './audit-log';

// Support measures of a relocation plan (issue 5): school enrolment, employment, health, documents,
// other — each with its own status, due date and note. Every write is audited in its transaction.

export type SupportMeasure = {
  id: number;
  planId: number;
  kind: string;
  status: string;
  dueDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type SupportMeasureFields = { kind: string; status: string; dueDate: string | null; note: string | null };

export type SupportMeasureOutcome =
  | { status: 'done'; measure: SupportMeasure }
  | { status: 'not-found' }
  | { status: 'stale'; current: SupportMeasure }
  | { status: 'plan-closed'; planState: string };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

function toMeasure(row: Record<string, unknown>): SupportMeasure {
  return {
    id: row.id as number,
    planId: row.plan_id as number,
    kind: row.kind as string,
    status: row.status as string,
    dueDate: (row.due_date as string | null) ?? null,
    note: (row.note as string | null) ?? null,
    version: row.version as number,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Returns the support measures of a plan, oldest first. */
export async function listSupportMeasures(knex: Knex | Knex.Transaction, planId: number): Promise<SupportMeasure[]> {
  const rows = await knex('support_measures').where({ plan_id: planId }).orderBy('id');
  return rows.map(toMeasure);
}

/** Returns one support measure of a plan; undefined when the plan has none with this id. */
export async function getSupportMeasure(knex: Knex | Knex.Transaction, planId: number, id: number): Promise<SupportMeasure | undefined> {
  const row = await knex('support_measures').where({ plan_id: planId, id }).first();
  return row ? toMeasure(row) : undefined;
}

/** Adds a support measure to a plan, audited; 'not-found' without the plan, 'plan-closed' on a cancelled plan. */
export async function createSupportMeasure(knex: Knex, planId: number, fields: SupportMeasureFields, actor: Actor): Promise<SupportMeasureOutcome> {
  return knex.transaction(async (trx) => {
    const plan = await trx('relocation_plans').where({ id: planId }).forUpdate().first('state');
    if (!plan) return { status: 'not-found' };
    if (plan.state === 'cancelled') return { status: 'plan-closed', planState: plan.state };
    const [row] = await trx('support_measures')
      .insert({
        plan_id: planId,
        kind: fields.kind,
        status: fields.status,
        due_date: fields.dueDate,
        note: fields.note,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning('*');
    await auditAction(trx, actor, 'support_measure.create', 'support_measures', row.id, { planId, kind: fields.kind, status: fields.status });
    return { status: 'done', measure: toMeasure(row) };
  });
}

/** Changes a support measure at `expectedVersion`, audited; returns the outcome. */
export async function updateSupportMeasure(
  knex: Knex,
  planId: number,
  id: number,
  expectedVersion: number,
  changes: Partial<SupportMeasureFields>,
  actor: Actor,
): Promise<SupportMeasureOutcome> {
  return knex.transaction(async (trx) => {
    const before = await trx('support_measures').where({ plan_id: planId, id }).forUpdate().first();
    if (!before) return { status: 'not-found' };
    if (before.version !== expectedVersion) return { status: 'stale', current: toMeasure(before) };
    const columns: Record<string, unknown> = {};
    if (changes.kind !== undefined) columns.kind = changes.kind;
    if (changes.status !== undefined) columns.status = changes.status;
    if (changes.dueDate !== undefined) columns.due_date = changes.dueDate;
    if (changes.note !== undefined) columns.note = changes.note;
    const [row] = await trx('support_measures')
      .where({ id })
      .update({ ...columns, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id })
      .returning('*');
    await auditAction(trx, actor, 'support_measure.update', 'support_measures', id, {
      planId,
      version: row.version,
      changed: changes,
      ...(changes.status !== undefined ? { statusFrom: before.status } : {}),
    });
    return { status: 'done', measure: toMeasure(row) };
  });
}

/** Deletes a support measure at `expectedVersion`, audited; returns the deleted measure or the outcome. */
export async function deleteSupportMeasure(
  knex: Knex,
  planId: number,
  id: number,
  expectedVersion: number,
  actor: Actor,
): Promise<SupportMeasureOutcome> {
  return knex.transaction(async (trx) => {
    const before = await trx('support_measures').where({ plan_id: planId, id }).forUpdate().first();
    if (!before) return { status: 'not-found' };
    if (before.version !== expectedVersion) return { status: 'stale', current: toMeasure(before) };
    await trx('support_measures').where({ id }).delete();
    await auditAction(trx, actor, 'support_measure.delete', 'support_measures', id, { planId, kind: before.kind, status: before.status });
    return { status: 'done', measure: toMeasure(before) };
  });
}
