import type { Knex } from 'knex';

// Full double precision out, so a round trip through EPSG:3844 loses nothing we added.
const OUTPUT_DECIMALS = 15;

/**
 * Returns the geometries (GeoJSON, in `srid`) transformed to 2D WGS84 GeoJSON by PostGIS ST_Transform in one
 * statement, in input order; an entry is undefined when the database returned nothing for it (PGlite does
 * that silently for geometry it cannot read).
 */
export async function transformToWgs84(knex: Knex, geometries: unknown[], srid: number): Promise<Array<unknown | undefined>> {
  if (geometries.length === 0) return [];
  const result = await knex.raw(
    `select e.ord,
            ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(e.value::text)), ?), 4326), ?)::json as geometry
       from jsonb_array_elements(?::jsonb) with ordinality as e(value, ord)`,
    [srid, OUTPUT_DECIMALS, JSON.stringify(geometries)],
  );
  const out: Array<unknown | undefined> = new Array(geometries.length).fill(undefined);
  for (const row of result.rows as Array<{ ord: number | string; geometry: unknown }>) out[Number(row.ord) - 1] = row.geometry ?? undefined;
  return out;
}
