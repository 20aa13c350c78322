import type { Knex } from 'knex';

/** The pseudonymous household record: no name, phone or ID number ever lives in this table. */
export type Household = {
  id: number;
  code: string;
  settlementId: number | null;
  size: number;
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
  synthetic: boolean;
  version: number;
  updatedAt: string;
};

export type HouseholdQuery = { limit: number; offset: number; settlementId?: number; priority?: string[]; q?: string };

function toHousehold(row: Record<string, unknown>): Household {
  return {
    id: row.id as number,
    code: row.code as string,
    settlementId: (row.settlement_id as number | null) ?? null,
    size: row.size as number,
    adults: row.adults as number,
    children: row.children as number,
    seniors: row.seniors as number,
    disabledMembers: row.disabled_members as number,
    needs: row.needs as string[],
    priority: row.priority as string,
    caseworkerId: (row.caseworker_id as number | null) ?? null,
    consentProcessing: row.consent_processing as boolean,
    consentProcessingDate: (row.consent_processing_date as string | null) ?? null,
    consentSharing: row.consent_sharing as boolean,
    consentSharingDate: (row.consent_sharing_date as string | null) ?? null,
    synthetic: row.synthetic as boolean,
    version: row.version as number,
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}

/** Returns one page of pseudonymous households and how many match in all. */
export async function listHouseholds(knex: Knex, query: HouseholdQuery): Promise<{ items: Household[]; numberMatched: number }> {
  const filter = (builder: Knex.QueryBuilder) => {
    if (query.settlementId !== undefined) builder.where('settlement_id', query.settlementId);
    if (query.priority?.length) builder.whereIn('priority', query.priority);
    if (query.q) builder.where('code', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  };
  const page = knex('households').select('*').orderBy('code').limit(query.limit).offset(query.offset);
  filter(page);
  const count = knex('households').count<{ n: number }[]>({ n: '*' });
  filter(count);
  const [rows, counted] = await Promise.all([page, count]);
  return { items: rows.map(toHousehold), numberMatched: Number(counted[0]?.n ?? 0) };
}

/** Returns one pseudonymous household; undefined when there is none with this id. */
export async function getHousehold(knex: Knex, id: number): Promise<Household | undefined> {
  const row = await knex('households').select('*').where({ id }).first();
  return row ? toHousehold(row) : undefined;
}
