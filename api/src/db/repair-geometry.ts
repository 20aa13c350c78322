import type { Knex } from 'knex';
import type { MultiPolygonGeometry } from '../geo/geojson-types';

/** What `?repair=true` did to a polygon geometry (issue 3: "reports what it changed"). */
export type RepairReport = {
  applied: boolean;
  /** PostGIS's verdict on the geometry as sent (ST_IsValidReason). */
  reasonBefore: string;
  partsBefore: number;
  partsAfter: number;
  verticesBefore: number;
  verticesAfter: number;
  areaBeforeM2: number;
  areaAfterM2: number;
  /** Pieces ST_MakeValid produced that are not areas (lines, points) and were dropped. */
  droppedPieces: string[];
};

export type RepairResult = { geometry: MultiPolygonGeometry; valid: boolean; empty: boolean; report: RepairReport };

// ST_MakeValid's 'structure' method (GEOS ≥ 3.10, both engines) unions overlapping parts and drops
// zero-area spikes — what a planner means by a sloppy drawing — where the default 'linework' method
// would cut overlaps out as holes. ST_CollectionExtract(…, 3) keeps only the areas (the layer's type);
// ST_ForcePolygonCCW restores the RFC 7946 winding ST_MakeValid does not promise.
const REPAIR_SQL = `
  with input as (select ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)) as g),
  made as (select g, ST_MakeValid(g, 'method=structure') as v from input),
  kept as (select g, v, ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(v, 3))) as k from made)
  select ST_IsValidReason(g) as reason,
         ST_NumGeometries(g) as parts_before, ST_NPoints(g) as vertices_before, ST_Area(g::geography) as area_before,
         ST_NumGeometries(k) as parts_after, ST_NPoints(k) as vertices_after, ST_Area(k::geography) as area_after,
         ST_IsValid(k) as valid, ST_IsEmpty(k) as empty,
         (select coalesce(array_agg(distinct GeometryType(d.geom)), '{}') from ST_Dump(v) d
           where GeometryType(d.geom) <> 'POLYGON') as dropped,
         ST_AsGeoJSON(k, 15)::json as geometry
  from kept`;

/**
 * Returns the polygon geometry mended by ST_MakeValid, reduced to its areas as a MultiPolygon, with a
 * report of what changed. The caller validates the result again before storing it.
 */
export async function repairPolygon(knex: Knex, geometry: unknown): Promise<RepairResult> {
  const result = await knex.raw(REPAIR_SQL, [JSON.stringify(geometry)]);
  const row = result.rows[0] as Record<string, unknown> | undefined;
  if (!row) throw new Error('ST_MakeValid returned no row');
  const round = (value: unknown) => Math.round(Number(value ?? 0) * 10) / 10;
  return {
    geometry: row.geometry as MultiPolygonGeometry,
    valid: Boolean(row.valid),
    empty: Boolean(row.empty),
    report: {
      applied: true,
      reasonBefore: String(row.reason),
      partsBefore: Number(row.parts_before),
      partsAfter: Number(row.parts_after),
      verticesBefore: Number(row.vertices_before),
      verticesAfter: Number(row.vertices_after),
      areaBeforeM2: round(row.area_before),
      areaAfterM2: round(row.area_after),
      droppedPieces: parsePgArray(row.dropped),
    },
  };
}

/** pg returns text[] as an array; PGlite may hand back the '{A,B}' literal. */
function parsePgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}
