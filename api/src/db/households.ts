import type { Knex } from 'knex';
import { auditAction, type Actor } from './audit-log';

/** The pseudonymous household record: no name, phone or ID number ever lives in this table. */
export type Household = {
  id: number;
  code: string;
  settlementId: number | null;
  settlementName: string | null;
  size: number;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  caseworkerId: number | null;
  caseworkerUsername: string | null;
  consentProcessing: boolean;
  consentProcessingDate: string | null;
  consentSharing: boolean;
  consentSharingDate: string | null;
  preferredLocalities: string[];
  synthetic: boolean;
  /** The household's newest relocation plan, if any. */
  currentPlan: { id: number; code: string; state: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type HouseholdQuery = {
  limit: number;
  offset: number;
  settlementId?: number;
  priority?: string[];
  q?: string;
  caseworkerId?: number;
  /** Plan states of the newest plan; 'none' matches households without a plan. */
  planState?: string[];
  needs?: string[];
};

/** The editable fields of a household; size is always adults + children. */
export type HouseholdFields = {
  settlementId: number | null;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  caseworkerId: number | null;
  consentProcessing: boolean;
  consentProcessingDate: string | null;
  consentSharing: boolean;
  consentSharingDate: string | null;
  preferredLocalities: string[];
};

export type FieldIssue = { pointer: string; detail: string };

export type HouseholdOutcome =
  | { status: 'done'; household: Household }
  | { status: 'not-found' }
  | { status: 'stale'; current: Household }
  | { status: 'invalid'; issues: FieldIssue[] };

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

function toHousehold(row: Record<string, unknown>): Household {
  return {
    id: row.id as number,
    code: row.code as string,
    settlementId: (row.settlement_id as number | null) ?? null,
    settlementName: (row.settlement_name as string | null) ?? null,
    size: row.size as number,
    adults: row.adults as number,
    children: row.children as number,
    seniors: row.seniors as number,
    disabledMembers: row.disabled_members as number,
    needs: row.needs as string[],
    priority: row.priority as string,
    caseworkerId: (row.caseworker_id as number | null) ?? null,
    caseworkerUsername: (row.caseworker_username as string | null) ?? null,
    consentProcessing: row.consent_processing as boolean,
    consentProcessingDate: (row.consent_processing_date as string | null) ?? null,
    consentSharing: row.consent_sharing as boolean,
    consentSharingDate: (row.consent_sharing_date as string | null) ?? null,
    preferredLocalities: (row.preferred_localities as string[] | null) ?? [],
    synthetic: row.synthetic as boolean,
    currentPlan:
      row.plan_id === null || row.plan_id === undefined
        ? null
        : { id: row.plan_id as number, code: row.plan_code as string, state: row.plan_state as string },
    version: row.version as number,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The households with their settlement, caseworker and newest plan. */
function householdRows(knex: Knex | Knex.Transaction): Knex.QueryBuilder {
  return knex('households as h')
    .select(
      'h.*',
      's.name as settlement_name',
      'u.username as caseworker_username',
      'p.id as plan_id',
      'p.code as plan_code',
      'p.state as plan_state',
    )
    .leftJoin('settlements as s', 's.id', 'h.settlement_id')
    .leftJoin('users as u', 'u.id', 'h.caseworker_id')
    .joinRaw(
      `left join lateral (select id, code, state from relocation_plans rp where rp.household_id = h.id order by rp.id desc limit 1) p on true`,
    );
}

/** Returns one page of pseudonymous households and how many match in all. */
export async function listHouseholds(knex: Knex, query: HouseholdQuery): Promise<{ items: Household[]; numberMatched: number }> {
  const filter = (builder: Knex.QueryBuilder) => {
    if (query.settlementId !== undefined) builder.where('h.settlement_id', query.settlementId);
    if (query.priority?.length) builder.whereIn('h.priority', query.priority);
    if (query.caseworkerId !== undefined) builder.where('h.caseworker_id', query.caseworkerId);
    if (query.needs?.length) builder.whereRaw('h.needs @> ?::text[]', [query.needs]);
    if (query.q) builder.where('h.code', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.planState?.length) {
      const states = query.planState.filter((s) => s !== 'none');
      builder.where((w) => {
        if (states.length) w.whereIn('p.state', states);
        if (query.planState?.includes('none')) w.orWhereNull('p.id');
      });
    }
  };
  const page = householdRows(knex).orderBy('h.code').limit(query.limit).offset(query.offset);
  filter(page);
  const count = householdRows(knex).clearSelect().count<{ n: number }[]>({ n: '*' });
  filter(count);
  const rows = await page;
  const counted = await count;
  return { items: rows.map(toHousehold), numberMatched: Number(counted[0]?.n ?? 0) };
}

/** Returns one pseudonymous household; undefined when there is none with this id. */
export async function getHousehold(knex: Knex | Knex.Transaction, id: number, forUpdate = false): Promise<Household | undefined> {
  if (forUpdate) await knex('households').select('id').where({ id }).forUpdate();
  const row = await householdRows(knex).where('h.id', id).first();
  return row ? toHousehold(row) : undefined;
}

/** Returns the problems of a combination of fields the database would refuse, each with its pointer. */
async function checkFields(trx: Knex.Transaction, fields: HouseholdFields): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (fields.seniors > fields.adults) issues.push({ pointer: '/body/seniors', detail: `must not exceed adults (${fields.adults})` });
  if (fields.disabledMembers > fields.adults + fields.children) {
    issues.push({ pointer: '/body/disabledMembers', detail: `must not exceed the household size (${fields.adults + fields.children})` });
  }
  for (const consent of ['consentProcessing', 'consentSharing'] as const) {
    const date = fields[`${consent}Date`];
    if (fields[consent] && date === null) issues.push({ pointer: `/body/${consent}Date`, detail: `is required when ${consent} is true` });
    if (!fields[consent] && date !== null) issues.push({ pointer: `/body/${consent}Date`, detail: `must be null when ${consent} is false` });
  }
  if (fields.settlementId !== null && !(await trx('settlements').where({ id: fields.settlementId }).first('id'))) {
    issues.push({ pointer: '/body/settlementId', detail: `there is no settlement ${fields.settlementId}` });
  }
  if (fields.caseworkerId !== null) {
    const user = await trx('users').where({ id: fields.caseworkerId }).first('role', 'active');
    if (!user || !user.active || !['caseworker', 'admin'].includes(user.role)) {
      issues.push({ pointer: '/body/caseworkerId', detail: `user ${fields.caseworkerId} is not an active caseworker or admin` });
    }
  }
  return issues;
}

function toColumns(fields: HouseholdFields) {
  return {
    settlement_id: fields.settlementId,
    size: fields.adults + fields.children,
    adults: fields.adults,
    children: fields.children,
    seniors: fields.seniors,
    disabled_members: fields.disabledMembers,
    needs: fields.needs,
    priority: fields.priority,
    caseworker_id: fields.caseworkerId,
    consent_processing: fields.consentProcessing,
    consent_processing_date: fields.consentProcessingDate,
    consent_sharing: fields.consentSharing,
    consent_sharing_date: fields.consentSharingDate,
    preferred_localities: fields.preferredLocalities,
  };
}

/**
 * Returns the next free code of a series ('HH-0283' after 'HH-0282'); call it inside the transaction
 * that inserts, after taking the series' advisory lock, so two requests never get the same code.
 */
export async function nextCode(trx: Knex.Transaction, table: 'households' | 'relocation_plans', prefix: 'HH' | 'PL'): Promise<string> {
  // One lock per series, held until the transaction ends (pg_advisory_xact_lock).
  await trx.raw('select pg_advisory_xact_lock(?, ?)', [5, table === 'households' ? 1 : 2]);
  const { rows } = await trx.raw(
    `select coalesce(max(substring(code from 4)::int), 0) + 1 as n from ?? where code ~ ?`,
    [table, `^${prefix}-[0-9]+$`],
  );
  return `${prefix}-${String(rows[0].n).padStart(4, '0')}`;
}

/** Creates a household with the next code, audited; returns it, or the problems of its fields. */
export async function createHousehold(knex: Knex, fields: HouseholdFields, actor: Actor): Promise<HouseholdOutcome> {
  return knex.transaction(async (trx) => {
    const issues = await checkFields(trx, fields);
    if (issues.length > 0) return { status: 'invalid', issues };
    const code = await nextCode(trx, 'households', 'HH');
    const [row] = await trx('households')
      .insert({ ...toColumns(fields), code, created_by: actor.id, updated_by: actor.id })
      .returning('id');
    await auditAction(trx, actor, 'household.create', 'households', row.id, { code, fields });
    return { status: 'done', household: (await getHousehold(trx, row.id)) as Household };
  });
}

/** Changes a household at `expectedVersion`, audited with the fields that changed; returns the outcome. */
export async function updateHousehold(
  knex: Knex,
  id: number,
  expectedVersion: number,
  changes: Partial<HouseholdFields>,
  actor: Actor,
): Promise<HouseholdOutcome> {
  return knex.transaction(async (trx) => {
    const before = await getHousehold(trx, id, true);
    if (!before) return { status: 'not-found' };
    if (before.version !== expectedVersion) return { status: 'stale', current: before };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<HouseholdFields>;
    const merged: HouseholdFields = { ...before, ...defined };
    const issues = await checkFields(trx, merged);
    if (issues.length > 0) return { status: 'invalid', issues };
    await trx('households')
      .where({ id })
      .update({ ...toColumns(merged), version: trx.raw('version + 1'), updated_at: trx.fn.now(), updated_by: actor.id });
    const changed = Object.fromEntries(
      Object.entries(defined).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof Household])),
    );
    await auditAction(trx, actor, 'household.update', 'households', id, { version: before.version + 1, changed });
    return { status: 'done', household: (await getHousehold(trx, id)) as Household };
  });
}
