import type { Knex } from 'knex';

export type AuditEntry = {
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  tableName?: string;
  recordId?: string | number;
  requestId?: string;
  details?: Record<string, unknown>;
};

/** Appends one row to the audit log (inside the caller's transaction when given one). */
export async function recordAudit(knex: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await knex('audit_log').insert({
    actor_id: entry.actorId,
    actor_username: entry.actorUsername,
    action: entry.action,
    table_name: entry.tableName ?? null,
    record_id: entry.recordId === undefined ? null : String(entry.recordId),
    request_id: entry.requestId ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  });
}
