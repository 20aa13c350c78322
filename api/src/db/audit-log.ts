import type { Knex } from 'knex';
import { recordAudit } from './audit';

// The audit log of issue 5, as admins browse it, and the one helper every relocation write uses to
// add its row inside its own transaction. Rows are never changed: the table's trigger refuses it.

/** Who acts, and in which request: every audited write and identity read carries it. */
export type Actor = { id: number; username: string; requestId: string };

/** Appends the audit row of one action by `actor` on one record, inside the caller's transaction. */
export async function auditAction(
  trx: Knex | Knex.Transaction,
  actor: Actor,
  action: string,
  tableName: string,
  recordId: number | string,
  details?: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, {
    actorId: actor.id,
    actorUsername: actor.username,
    action,
    tableName,
    recordId,
    requestId: actor.requestId,
    ...(details ? { details } : {}),
  });
}

/** One audit row as the API returns it. */
export type AuditRow = {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  tableName: string | null;
  recordId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

export type AuditQuery = {
  limit: number;
  offset: number;
  actorId?: number;
  actor?: string;
  action?: string[];
  tableName?: string;
  recordId?: string;
  requestId?: string;
  from?: string;
  to?: string;
};

/** Returns one page of audit rows, newest first, and how many match in all. */
export async function listAuditLog(knex: Knex, query: AuditQuery): Promise<{ items: AuditRow[]; numberMatched: number }> {
  const filter = (builder: Knex.QueryBuilder) => {
    if (query.actorId !== undefined) builder.where('actor_id', query.actorId);
    if (query.actor !== undefined) builder.where('actor_username', query.actor);
    if (query.action?.length) builder.whereIn('action', query.action);
    if (query.tableName !== undefined) builder.where('table_name', query.tableName);
    if (query.recordId !== undefined) builder.where('record_id', query.recordId);
    if (query.requestId !== undefined) builder.where('request_id', query.requestId);
    if (query.from !== undefined) builder.where('at', '>=', query.from);
    if (query.to !== undefined) builder.where('at', '<', query.to);
  };
  const page = knex('audit_log').select('*').orderBy('id', 'desc').limit(query.limit).offset(query.offset);
  filter(page);
  const count = knex('audit_log').count<{ n: number }[]>({ n: '*' });
  filter(count);
  const rows = await page;
  const counted = await count;
  return {
    items: rows.map((row: Record<string, unknown>) => ({
      id: Number(row.id),
      at: (row.at as Date).toISOString(),
      actorId: (row.actor_id as number | null) ?? null,
      actorUsername: (row.actor_username as string | null) ?? null,
      action: row.action as string,
      tableName: (row.table_name as string | null) ?? null,
      recordId: (row.record_id as string | null) ?? null,
      requestId: (row.request_id as string | null) ?? null,
      details: (row.details as Record<string, unknown> | null) ?? null,
    })),
    numberMatched: Number(counted[0]?.n ?? 0),
  };
}
