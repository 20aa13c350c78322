import type { Knex } from 'knex';
import type { LayerDefinition } from './layers';

/** Who imports: a signed-in user (API) or whoever runs the CLI, with or without a Punte account. */
export type ImportActor = { id: number | null; username: string; requestId?: string };

/** One row to write: column values (snake_case) and a 2D WGS84 GeoJSON geometry of the layer's type. */
export type ImportRow = { columns: Record<string, unknown>; geometry: unknown };

/** Rows per INSERT: one statement carries the batch as one jsonb parameter. */
export const IMPORT_BATCH_SIZE = 1000;

/**
 * Writes rows into `layer` in one transaction, a batch per statement: rows whose external_id exists are
 * updated when they differ (only `columns`, plus geometry; version bumped) and left alone when equal, the
 * others inserted. Records one audit entry
 * naming every inserted and updated id; returns those ids. Throws (and writes nothing) on any violation.
 */
export async function writeImport(
  knex: Knex,
  layer: LayerDefinition,
  rows: ImportRow[],
  columns: string[],
  actor: ImportActor,
  audit: Record<string, unknown>,
  onBatch: (written: number) => void = () => {},
): Promise<{ insertedIds: number[]; updatedIds: number[]; auditId: number }> {
  const selectList = columns.map(() => 'r.??').join(', ');
  const updateList = columns.map(() => '?? = excluded.??').join(', ');
  const geometry =
    layer.geometryType === 'MultiPolygon'
      ? `ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(e.value->>'geometry'), 4326)))`
      : `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(e.value->>'geometry'), 4326))`;
  // jsonb_populate_record casts each value to its column's type (dates, numerics, jsonb) exactly as an INSERT would.
  const sql = `
    insert into ?? (${columns.map(() => '??').join(', ')}${columns.length ? ', ' : ''}geom, created_by, updated_by)
    select ${selectList}${columns.length ? ', ' : ''}${geometry}, ?::int, ?::int
      from jsonb_array_elements(?::jsonb) with ordinality as e(value, ord)
      cross join lateral jsonb_populate_record(null::??, e.value->'row') as r
     order by e.ord
    on conflict (external_id) do update set ${updateList}${columns.length ? ', ' : ''}geom = excluded.geom,
       version = ??.version + 1, updated_at = now(), updated_by = excluded.updated_by
     -- Issue 10: a row re-imported unchanged keeps its version, so editors' ETags stay valid.
     where (${columns.map(() => '??.??').join(', ')}${columns.length ? ', ' : ''}ST_AsEWKB(??.geom))
           is distinct from (${columns.map(() => 'excluded.??').join(', ')}${columns.length ? ', ' : ''}ST_AsEWKB(excluded.geom))
    returning id, (xmax = 0) as inserted`;
  return knex.transaction(async (trx) => {
    const insertedIds: number[] = [];
    const updatedIds: number[] = [];
    for (let i = 0; i < rows.length; i += IMPORT_BATCH_SIZE) {
      const batch = rows.slice(i, i + IMPORT_BATCH_SIZE).map((row) => ({ row: row.columns, geometry: JSON.stringify(row.geometry) }));
      const bindings = [
        layer.table,
        ...columns,
        ...columns,
        actor.id,
        actor.id,
        JSON.stringify(batch),
        layer.table,
        ...columns.flatMap((c) => [c, c]),
        layer.table,
        ...columns.flatMap((c) => [layer.table, c]),
        layer.table,
        ...columns,
      ];
      const result = await trx.raw(sql, bindings);
      for (const row of result.rows as Array<{ id: number; inserted: boolean }>) (row.inserted ? insertedIds : updatedIds).push(row.id);
      onBatch(Math.min(rows.length, i + IMPORT_BATCH_SIZE));
      // Let other requests in between batches: on the embedded engine the database runs in this thread,
      // and its answers resolve without ever giving the event loop a turn (issue 17).
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [auditRow] = await trx('audit_log')
      .insert({
        actor_id: actor.id,
        actor_username: actor.username,
        action: 'import',
        table_name: layer.table,
        request_id: actor.requestId ?? null,
        details: JSON.stringify({ layer: layer.path, ...audit, inserted: insertedIds.length, updated: updatedIds.length, insertedIds, updatedIds }),
      })
      .returning('id');
    return { insertedIds, updatedIds, auditId: Number(auditRow.id) };
  });
}
