import type { Knex } from 'knex';
import { toFeature, type Feature } from './features';
import type { LayerDefinition } from './layers';

/** The CRSs a layer is exported in: WGS84 and Stereo 70. */
export type ExportSrid = 4326 | 3844;

// Degrees to 8 decimals (~1 mm) and metres to 3 (1 mm): an export re-imports within 1 cm (issue 3).
const DECIMALS: Record<ExportSrid, number> = { 4326: 8, 3844: 3 };

/** An exported feature: GeoJSON geometry in the export CRS, plus its WKT and, for points, x/y. */
export type ExportedFeature = Feature & { wkt: string; x: number | null; y: number | null };

/** Returns every feature of `layer` ordered by id, its geometry transformed to `srid` by PostGIS. */
export async function exportFeatures(knex: Knex, layer: LayerDefinition, srid: ExportSrid): Promise<ExportedFeature[]> {
  const decimals = DECIMALS[srid];
  const geometry = srid === 4326 ? 'geom' : `ST_Transform(geom, ${srid})`;
  const rows = await knex(layer.table)
    .select([
      'id',
      ...layer.columns.map((c) => c.column),
      // Option 0: no per-geometry "crs" member (PostGIS adds one for any SRID but 4326); the collection names it once.
      knex.raw(`ST_AsGeoJSON(${geometry}, ?, 0)::json as geometry`, [decimals]),
      knex.raw(`ST_AsText(${geometry}, ?) as wkt`, [decimals]),
      knex.raw(`case when GeometryType(geom) = 'POINT' then round(ST_X(${geometry})::numeric, ?) end as x`, [decimals]),
      knex.raw(`case when GeometryType(geom) = 'POINT' then round(ST_Y(${geometry})::numeric, ?) end as y`, [decimals]),
    ])
    .orderBy('id');
  return rows.map((row: Record<string, unknown>) => ({
    ...toFeature(layer, row),
    wkt: row.wkt as string,
    x: row.x === null ? null : Number(row.x),
    y: row.y === null ? null : Number(row.y),
  }));
}
