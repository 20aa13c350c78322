import type { Knex } from 'knex';
import { recordAudit } from './audit';

// Interventions (issue 6): what the city does in an area — a zone or a settlement — with its funding,
// dates, status and progress. Progress is recorded as dated updates; the intervention keeps the
// progress of its latest update so lists and maps need no join.

/** Who writes, for the audit log and the created_by/updated_by columns. */
export type InterventionActor = { id: number; username: string; requestId: string };

/** An intervention as the API returns it to signed-in users. */
export type Intervention = {
  id: number;
  externalId: string | null;
  name: string;
  type: string;
  zoneId: number | null;
  settlementId: number | null;
  /** Name of the zone or settlement concerned (the zone's when both are set). */
  areaName: string | null;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startDate: string | null;
  endDate: string | null;
  status: string;
  progressPct: number;
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** One dated progress update of an intervention. */
export type InterventionUpdate = {
  id: number;
  interventionId: number;
  onDate: string;
  progressPct: number;
  note: string | null;
  actor: string | null;
  createdAt: string;
};

/** The writable fields, camelCase; undefined leaves a field as it is. */
export type InterventionFields = {
  externalId?: string | null;
  name?: string;
  type?: string;
  zoneId?: number | null;
  settlementId?: number | null;
  fundingProgramme?: string | null;
  budgetLei?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  status?: string;
  progressPct?: number;
  description?: string | null;
};

/** A field whose value the database cannot accept, with a JSON pointer into the request body. */
export type FieldIssue = { pointer: string; detail: string };

/** How a write ended. */
export type InterventionOutcome =
  | { status: 'done'; intervention: Intervention }
  | { status: 'not-found' }
  | { status: 'stale'; current: Intervention }
  | { status: 'invalid'; issues: FieldIssue[] };

export type InterventionQuery = { limit: number; offset: number; status?: string[]; type?: string[]; zoneId?: number; settlementId?: number };

const COLUMNS: Record<keyof InterventionFields, string> = {
  externalId: 'external_id',
  name: 'name',
  type: 'type',
  zoneId: 'zone_id',
  settlementId: 'settlement_id',
  fundingProgramme: 'funding_programme',
  budgetLei: 'budget_lei',
  startDate: 'start_date',
  endDate: 'end_date',
  status: 'status',
  progressPct: 'progress_pct',
  description: 'description',
};

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

function toIntervention(row: Record<string, unknown>): Intervention {
  return {
    id: row.id as number,
    externalId: (row.external_id as string | null) ?? null,
    name: row.name as string,
    type: row.type as string,
    zoneId: (row.zone_id as number | null) ?? null,
    settlementId: (row.settlement_id as number | null) ?? null,
    areaName: ((row.zone_name ?? row.settlement_name) as string | null) ?? null,
    fundingProgramme: (row.funding_programme as string | null) ?? null,
    budgetLei: row.budget_lei === null || row.budget_lei === undefined ? null : Number(row.budget_lei),
    startDate: (row.start_date as string | null) ?? null,
    endDate: (row.end_date as string | null) ?? null,
    status: row.status as string,
    progressPct: row.progress_pct as number,
    description: (row.description as string | null) ?? null,
    version: row.version as number,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function toUpdate(row: Record<string, unknown>): InterventionUpdate {
  return {
    id: row.id as number,
    interventionId: row.intervention_id as number,
    onDate: row.on_date as string,
    progressPct: row.progress_pct as number,
    note: (row.note as string | null) ?? null,
    actor: (row.actor as string | null) ?? null,
    createdAt: iso(row.created_at),
  };
}

function selectInterventions(knex: Knex | Knex.Transaction) {
  return knex('interventions as i')
    .leftJoin('zones as z', 'z.id', 'i.zone_id')
    .leftJoin('settlements as s', 's.id', 'i.settlement_id')
    .select('i.*', 'z.name as zone_name', 's.name as settlement_name');
}

/** Returns one page of interventions (newest start first) and how many match in all. */
export async function listInterventions(knex: Knex, query: InterventionQuery): Promise<{ items: Intervention[]; numberMatched: number }> {
  const filter = (builder: Knex.QueryBuilder) => {
    if (query.status?.length) builder.whereIn('i.status', query.status);
    if (query.type?.length) builder.whereIn('i.type', query.type);
    if (query.zoneId !== undefined) builder.where('i.zone_id', query.zoneId);
    if (query.settlementId !== undefined) builder.where('i.settlement_id', query.settlementId);
  };
  const page = selectInterventions(knex).orderByRaw('i.start_date desc nulls last, i.id').limit(query.limit).offset(query.offset);
  filter(page);
  const count = knex('interventions as i').count<{ n: number }[]>({ n: '*' });
  filter(count);
  const [rows, counted] = await Promise.all([page, count]);
  return { items: rows.map(toIntervention), numberMatched: Number(counted[0]?.n ?? 0) };
}

/** Returns one intervention; undefined when there is none with this id. */
export async function getIntervention(knex: Knex | Knex.Transaction, id: number, lock = false): Promise<Intervention | undefined> {
  const query = selectInterventions(knex).where('i.id', id).first();
  if (lock) query.forUpdate('i');
  const row = await query;
  return row ? toIntervention(row) : undefined;
}

/** Returns the progress updates of one intervention, oldest first. */
export async function listInterventionUpdates(knex: Knex | Knex.Transaction, interventionId: number): Promise<InterventionUpdate[]> {
  const rows = await knex('intervention_updates as u')
    .leftJoin('users', 'users.id', 'u.actor_id')
    .select('u.*', 'users.display_name as actor')
    .where('u.intervention_id', interventionId)
    .orderBy([{ column: 'u.on_date' }, { column: 'u.id' }]);
  return rows.map(toUpdate);
}

/** Returns the issues of a complete set of fields: the area must exist, dates in order. Empty when fine. */
async function checkFields(trx: Knex.Transaction, fields: InterventionFields, pointerPrefix = '/body'): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if ((fields.zoneId ?? null) === null && (fields.settlementId ?? null) === null) {
    issues.push({ pointer: `${pointerPrefix}/zoneId`, detail: 'name the zone or the settlement concerned (zoneId or settlementId)' });
  }
  if (fields.zoneId !== undefined && fields.zoneId !== null && !(await trx('zones').where({ id: fields.zoneId }).first('id'))) {
    issues.push({ pointer: `${pointerPrefix}/zoneId`, detail: `there is no zone with id ${fields.zoneId}` });
  }
  if (
    fields.settlementId !== undefined &&
    fields.settlementId !== null &&
    !(await trx('settlements').where({ id: fields.settlementId }).first('id'))
  ) {
    issues.push({ pointer: `${pointerPrefix}/settlementId`, detail: `there is no settlement with id ${fields.settlementId}` });
  }
  if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) {
    issues.push({ pointer: `${pointerPrefix}/endDate`, detail: `the end date ${fields.endDate} is before the start date ${fields.startDate}` });
  }
  return issues;
}

function toColumns(fields: InterventionFields): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof InterventionFields, string]>) {
    if (fields[key] !== undefined) columns[column] = fields[key];
  }
  return columns;
}

async function audit(
  trx: Knex.Transaction,
  actor: InterventionActor,
  action: string,
  id: number,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, {
    actorId: actor.id,
    actorUsername: actor.username,
    action,
    tableName: 'interventions',
    recordId: id,
    requestId: actor.requestId,
    details,
  });
}

/** Inserts an intervention with its audit row; returns it, or the issues that stop it. */
export async function createIntervention(
  knex: Knex,
  fields: InterventionFields & { name: string; type: string },
  actor: InterventionActor,
): Promise<InterventionOutcome> {
  return knex.transaction(async (trx) => {
    const issues = await checkFields(trx, fields);
    if (issues.length > 0) return { status: 'invalid', issues };
    const [row] = await trx('interventions')
      .insert({ ...toColumns(fields), created_by: actor.id, updated_by: actor.id })
      .returning('id');
    const id = row.id as number;
    const intervention = (await getIntervention(trx, id)) as Intervention;
    await audit(trx, actor, 'create', id, { after: intervention });
    return { status: 'done', intervention };
  });
}

/** Changes an intervention still at `expectedVersion` (bumping its version, with an audit row); returns the outcome. */
export async function updateIntervention(
  knex: Knex,
  id: number,
  expectedVersion: number,
  fields: InterventionFields,
  actor: InterventionActor,
): Promise<InterventionOutcome> {
  return knex.transaction(async (trx) => {
    const before = await getIntervention(trx, id, true);
    if (!before) return { status: 'not-found' };
    if (before.version !== expectedVersion) return { status: 'stale', current: before };
    const merged: InterventionFields = { ...before, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    const issues = await checkFields(trx, merged);
    if (issues.length > 0) return { status: 'invalid', issues };
    await trx('interventions')
      .where({ id, version: expectedVersion })
      .update({ ...toColumns(fields), version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id });
    const intervention = (await getIntervention(trx, id)) as Intervention;
    await audit(trx, actor, 'update', id, { before, after: intervention });
    return { status: 'done', intervention };
  });
}

/** Deletes an intervention still at `expectedVersion` with its updates (audit row kept); returns the outcome. */
export async function deleteIntervention(
  knex: Knex,
  id: number,
  expectedVersion: number,
  actor: InterventionActor,
): Promise<Exclude<InterventionOutcome, { status: 'invalid' }>> {
  return knex.transaction(async (trx) => {
    const before = await getIntervention(trx, id, true);
    if (!before) return { status: 'not-found' };
    if (before.version !== expectedVersion) return { status: 'stale', current: before };
    const updates = await listInterventionUpdates(trx, id);
    await trx('interventions').where({ id }).delete();
    await audit(trx, actor, 'delete', id, { before, updates });
    return { status: 'done', intervention: before };
  });
}

/**
 * Appends a dated progress update and sets the intervention's progress to that of its latest update
 * (by date, then by entry order), bumping its version; returns the update and the intervention, or
 * undefined when there is no such intervention.
 */
export async function addInterventionUpdate(
  knex: Knex,
  interventionId: number,
  update: { onDate: string; progressPct: number; note?: string | null },
  actor: InterventionActor,
): Promise<{ update: InterventionUpdate; intervention: Intervention } | undefined> {
  return knex.transaction(async (trx) => {
    const before = await getIntervention(trx, interventionId, true);
    if (!before) return undefined;
    const [row] = await trx('intervention_updates')
      .insert({
        intervention_id: interventionId,
        on_date: update.onDate,
        progress_pct: update.progressPct,
        note: update.note ?? null,
        actor_id: actor.id,
      })
      .returning('id');
    const latest = await trx('intervention_updates')
      .where({ intervention_id: interventionId })
      .orderBy([{ column: 'on_date', order: 'desc' }, { column: 'id', order: 'desc' }])
      .first('progress_pct');
    await trx('interventions')
      .where({ id: interventionId })
      .update({ progress_pct: latest.progress_pct, version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id });
    const updates = await listInterventionUpdates(trx, interventionId);
    const created = updates.find((u) => u.id === row.id) as InterventionUpdate;
    const intervention = (await getIntervention(trx, interventionId)) as Intervention;
    await audit(trx, actor, 'progress', interventionId, { update: created, progressBefore: before.progressPct, progressAfter: intervention.progressPct });
    return { update: created, intervention };
  });
}
