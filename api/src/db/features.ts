import type { Knex } from 'knex';
import type { LayerDefinition } from './layers';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export type FeatureQuery = {
  bbox?: Bbox;
  limit: number;
  offset: number;
  /** Filter parameter → accepted values (any of them). */
  filters: Record<string, string[]>;
  q?: string;
};

export type Feature = {
  type: 'Feature';
  id: number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
};

export type FeaturePage = { features: Feature[]; numberMatched: number };

// Seven decimals of a degree are ~1 cm: enough for a round trip through EPSG:3844 (issue 3).
const GEOJSON_DECIMALS = 7;

function selectColumns(knex: Knex, layer: LayerDefinition): Array<string | Knex.Raw> {
  return [
    'id',
    ...layer.columns.map((c) => c.column),
    knex.raw('ST_AsGeoJSON(geom, ?)::json as geometry', [GEOJSON_DECIMALS]),
  ];
}

/** Returns the GeoJSON Feature of one row of `layer`. */
export function toFeature(layer: LayerDefinition, row: Record<string, unknown>): Feature {
  const properties: Record<string, unknown> = {};
  for (const { column, property } of layer.columns) {
    const value = row[column];
    properties[property] = value instanceof Date ? value.toISOString() : value;
  }
  return { type: 'Feature', id: row.id as number, geometry: row.geometry as Feature['geometry'], properties };
}

function applyFilters(builder: Knex.QueryBuilder, layer: LayerDefinition, query: FeatureQuery): void {
  if (query.bbox) {
    // `&&` against an envelope in the column's own SRID, so the GiST index is used.
    builder.whereRaw('geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)', query.bbox);
  }
  for (const filter of layer.filters) {
    const values = query.filters[filter.param];
    if (values && values.length > 0) builder.whereIn(filter.column, values);
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    builder.where(layer.searchColumn, 'ilike', pattern);
  }
}

/** Returns one page of features of `layer` matching the query, and how many match in all. */
export async function listFeatures(knex: Knex, layer: LayerDefinition, query: FeatureQuery): Promise<FeaturePage> {
  const page = knex(layer.table).select(selectColumns(knex, layer)).orderBy('id').limit(query.limit).offset(query.offset);
  applyFilters(page, layer, query);
  const count = knex(layer.table).count<{ n: number }[]>({ n: '*' });
  applyFilters(count, layer, query);
  const [rows, counted] = await Promise.all([page, count]);
  return { features: rows.map((row: Record<string, unknown>) => toFeature(layer, row)), numberMatched: Number(counted[0]?.n ?? 0) };
}

/** Returns one feature of `layer`; undefined when there is no row with that id. */
export async function getFeature(knex: Knex, layer: LayerDefinition, id: number): Promise<Feature | undefined> {
  const row = await knex(layer.table).select(selectColumns(knex, layer)).where({ id }).first();
  return row ? toFeature(layer, row) : undefined;
}
