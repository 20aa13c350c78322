import type { Knex } from 'knex';

export type NearestSettlement = { id: number; name: string; distanceM: number; inside: boolean };
export type NearestService = { category: string; id: number; name: string; distanceM: number; position: [number, number] };

// Geodesic metres on the WGS84 spheroid (geography), as the rest of Punte measures.
const SETTLEMENT_SQL = `
  with p as (select ST_SetSRID(ST_MakePoint(?, ?), 4326) as g)
  select s.id, s.name, ST_Distance(s.geom::geography, p.g::geography) as distance_m, ST_Intersects(s.geom, p.g) as inside
    from settlements s, p
   order by distance_m, s.id
   limit 1`;

// One row per category: the nearest service of each (ties: lowest id). A scan of services, which is
// fine for the thousands of rows a city holds and exact on the spheroid.
const SERVICES_SQL = `
  with p as (select ST_SetSRID(ST_MakePoint(?, ?), 4326) as g)
  select distinct on (s.category) s.category, s.id, s.name,
         ST_Distance(s.geom::geography, p.g::geography) as distance_m, ST_X(s.geom) as lon, ST_Y(s.geom) as lat
    from services s, p
   order by s.category, distance_m, s.id`;

/** Returns the geodesic distance in metres between two WGS84 positions, computed by PostGIS. */
export async function distanceBetween(knex: Knex, a: [number, number], b: [number, number]): Promise<number> {
  const result = await knex.raw(
    'select ST_Distance(ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography) as d',
    [...a, ...b],
  );
  return Number(result.rows[0].d);
}

/** Returns the settlement nearest to a position (distance 0 and `inside` when it lies within one); undefined when there are none. */
export async function nearestSettlement(knex: Knex, position: [number, number]): Promise<NearestSettlement | undefined> {
  const row = (await knex.raw(SETTLEMENT_SQL, position)).rows[0];
  return row ? { id: row.id, name: row.name, distanceM: Number(row.distance_m), inside: Boolean(row.inside) } : undefined;
}

/** Returns the nearest service of every category that has one, ordered by category. */
export async function nearestServiceByCategory(knex: Knex, position: [number, number]): Promise<NearestService[]> {
  const rows = (await knex.raw(SERVICES_SQL, position)).rows as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    category: String(row.category),
    id: Number(row.id),
    name: String(row.name),
    distanceM: Number(row.distance_m),
    position: [Number(row.lon), Number(row.lat)],
  }));
}
