import type { Knex } from 'knex';
import { featureChanges, type FeatureChangeItem } from '../domain/feature-changes';
import type { LayerDefinition } from './layers';

/** One line of a feature's history, from the audit log. */
export type HistoryEntry = {
  auditId: number;
  at: string;
  action: string;
  actor: { id: number | null; username: string | null };
  requestId: string | null;
  /** The feature's version after this change (before it, for a delete). */
  version: number | null;
  /** Set on a change that undid an earlier one: that change's auditId. */
  undoOf?: number;
  /** Set on an import that inserted or updated the feature. */
  importId?: string;
  changes: FeatureChangeItem[];
};

type AuditRow = {
  id: number;
  at: Date | string;
  action: string;
  actor_id: number | null;
  actor_username: string | null;
  request_id: string | null;
  details: Record<string, unknown> | string | null;
};

/** Returns the entry of one audit row about a feature. */
export function toHistoryEntry(row: AuditRow): HistoryEntry {
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : (row.details ?? {})) as Record<string, unknown>;
  const entry: HistoryEntry = {
    auditId: Number(row.id),
    at: row.at instanceof Date ? row.at.toISOString() : String(row.at),
    action: row.action,
    actor: { id: row.actor_id, username: row.actor_username },
    requestId: row.request_id,
    version: typeof details.version === 'number' ? details.version : null,
    changes: row.action === 'import' ? [] : featureChanges(details.before as never, details.after as never),
  };
  if (typeof details.undoOf === 'number') entry.undoOf = details.undoOf;
  if (typeof details.importId === 'string') entry.importId = details.importId;
  return entry;
}

/**
 * Returns the history of one feature, newest first: its creates, updates, delete and undos, and the
 * imports that touched it, with who, when and what changed; and how many entries there are in all.
 */
export async function listFeatureHistory(
  knex: Knex,
  layer: LayerDefinition,
  id: number,
  page: { limit: number; offset: number },
): Promise<{ entries: HistoryEntry[]; total: number }> {
  const idJson = JSON.stringify([id]);
  const scope = (builder: Knex.QueryBuilder) =>
    builder.where('table_name', layer.table).andWhere((where) =>
      where
        .where('record_id', String(id))
        .orWhereRaw(`action = 'import' and (details->'insertedIds' @> ?::jsonb or details->'updatedIds' @> ?::jsonb)`, [idJson, idJson]),
    );
  const rows = scope(knex('audit_log').select('id', 'at', 'action', 'actor_id', 'actor_username', 'request_id', 'details'))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
  const counted = scope(knex('audit_log').count<{ n: number }[]>({ n: '*' }));
  const [list, count] = await Promise.all([rows, counted]);
  return { entries: (list as AuditRow[]).map(toHistoryEntry), total: Number(count[0]?.n ?? 0) };
}
