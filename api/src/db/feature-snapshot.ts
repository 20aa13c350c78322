import type { Knex } from 'knex';
import { toFeature, type Feature } from './features';
import type { LayerDefinition } from './layers';

// Audit snapshots keep full precision so an undo restores exactly what was there.
const SNAPSHOT_DECIMALS = 15;

/** Who writes: the signed-in user and the request, for updated_by and the audit log. */
export type Actor = { id: number; username: string; requestId: string };

/**
 * Returns the row of `layer` with this id as a GeoJSON Feature at full precision, locked for the rest of
 * the transaction when `lock` is set; undefined when there is no such row.
 */
export async function snapshotFeature(
  trx: Knex | Knex.Transaction,
  layer: LayerDefinition,
  id: number,
  lock = false,
): Promise<Feature | undefined> {
  const query = trx(layer.table)
    .select(['id', ...layer.columns.map((c) => c.column), trx.raw('ST_AsGeoJSON(geom, ?)::json as geometry', [SNAPSHOT_DECIMALS])])
    .where({ id })
    .first();
  if (lock) query.forUpdate();
  const row = await query;
  return row ? toFeature(layer, row) : undefined;
}

// Columns the server sets itself; clients may send their properties back but never change them.
const READ_ONLY_COLUMNS = new Set(['version', 'updated_at', 'access_score']);

/** Returns the columns to write for camelCase `properties` of `layer`, skipping unknown and read-only ones. */
export function toColumnValues(layer: LayerDefinition, properties: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { column, property } of layer.columns) {
    if (READ_ONLY_COLUMNS.has(column) || !(property in properties)) continue;
    const value = properties[property];
    if (value === undefined) continue;
    // jsonb columns take JSON text; knex would otherwise send an object as a Postgres array literal.
    values[column] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  }
  return values;
}

/** Returns the SQL expression turning a WGS84 GeoJSON geometry into the layer's 2D column type. */
export function geometryValue(knex: Knex | Knex.Transaction, layer: LayerDefinition, geometry: unknown): Knex.Raw {
  const sql =
    layer.geometryType === 'MultiPolygon'
      ? 'ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))'
      : 'ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))';
  return knex.raw(sql, [JSON.stringify(geometry)]);
}
