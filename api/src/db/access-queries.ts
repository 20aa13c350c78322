import fs from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Knex } from 'knex';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/vocabulary';

// Distances from origins to services (issue 4). Every distance is geodesic, on the WGS84 spheroid
// (PostGIS geography), and every query finds its candidates through a GiST index: the nearest query
// through the per-category partial indexes services_geom_gist_<category>, the profile through
// services_geom_gist (tests/db/access-index.test.ts reads both plans).
// On the embedded engine (one connection) do not call these with `knex` while holding a transaction:
// pass the transaction itself.

/** A place distances are measured from; `key` names it in the result. */
export type AccessOrigin = { key: string; lon: number; lat: number };

/** The nearest service of one category, or null when the category has no service at all. */
export type NearestService = { serviceId: number; name: string; distanceM: number };

/** What is around one origin for one category: nearest, n-th nearest and counts within fixed radii. */
export type CategoryAccess = {
  /** The nearest service with its position [lon, lat], so a client can draw the line to it. */
  nearest: (NearestService & { position: [number, number] }) | null;
  /** Geodesic metres to the n-th nearest service; null when the category has fewer than n. */
  nthNearestM: number | null;
  within500m: number;
  within1km: number;
  within2km: number;
};

/** Radii (metres) of the cumulative-opportunity counts; fixed by issue 4. */
export const COUNT_RADII_M = [500, 1000, 2000] as const;

const readSql = (name: string) => fs.readFileSync(new URL(name, import.meta.url), 'utf8');
const PROFILE_SQL = readSql('./access-profile.sql');
const NEAREST_TEMPLATE = (() => {
  const text = readSql('./access-nearest.sql');
  const [head, rest] = text.split('-- branch --');
  const [branch] = (rest ?? '').split('-- end --');
  if (!head || !branch) throw new Error('access-nearest.sql lacks its -- branch -- / -- end -- markers');
  return { head, branch };
})();

/** Returns the nearest-service SQL and its bindings: one UNION ALL branch per category (see access-nearest.sql). */
function nearestQuery(origins: readonly AccessOrigin[], categories: readonly ServiceCategory[]): { sql: string; bindings: unknown[] } {
  return {
    sql: NEAREST_TEMPLATE.head + categories.map(() => NEAREST_TEMPLATE.branch).join('union all\n'),
    bindings: [originsJson(origins), ...categories.flatMap((c) => [c, c, c])],
  };
}

/**
 * Runs a lateral-join query with JIT compilation off (in its own transaction, or the caller's).
 * The planner's cost of thousands of index lookups passes jit_above_cost, and on PostgreSQL 15 the
 * compilation then costs more than the whole query (bench/README.md); PGlite has no JIT, the SET is harmless.
 */
async function rawWithoutJit(knex: Knex | Knex.Transaction, sql: string, bindings: readonly unknown[]): Promise<{ rows: unknown[] }> {
  const run = async (trx: Knex | Knex.Transaction) => {
    await trx.raw('set local jit = off');
    return trx.raw(sql, bindings as Knex.RawBinding[]);
  };
  return (knex as Knex.Transaction).isTransaction ? run(knex) : knex.transaction(run);
}

/** Throws when an origin is not a finite WGS84 position or a category is unknown: SQL never sees bad input. */
function checkInput(origins: readonly AccessOrigin[], categories: readonly string[]): void {
  for (const o of origins) {
    if (!Number.isFinite(o.lon) || !Number.isFinite(o.lat) || Math.abs(o.lon) > 180 || Math.abs(o.lat) > 90) {
      throw new RangeError(`origin ${o.key}: (${o.lon}, ${o.lat}) is not a WGS84 longitude, latitude`);
    }
  }
  for (const c of categories) {
    if (!(SERVICE_CATEGORIES as readonly string[]).includes(c)) throw new RangeError(`unknown service category ${c}`);
  }
}

const originsJson = (origins: readonly AccessOrigin[]) =>
  JSON.stringify(origins.map(({ key, lon, lat }) => ({ key: String(key), lon, lat })));

/**
 * Returns, for each origin key, the nearest service of each requested category with its geodesic
 * distance (null for a category without any service), in one query for all origins. Keys that repeat
 * share one entry. Returns an empty map for no origins.
 */
export async function nearestServiceDistances(
  knex: Knex | Knex.Transaction,
  origins: ReadonlyArray<AccessOrigin>,
  categories: readonly ServiceCategory[],
): Promise<Map<string, Partial<Record<ServiceCategory, NearestService | null>>>> {
  checkInput(origins, categories);
  const result = new Map<string, Partial<Record<ServiceCategory, NearestService | null>>>();
  if (origins.length === 0 || categories.length === 0) {
    for (const o of origins) result.set(o.key, {});
    return result;
  }
  const query = nearestQuery(origins, [...new Set(categories)]);
  const { rows } = await rawWithoutJit(knex, query.sql, query.bindings);
  for (const row of rows as Array<{ key: string; category: ServiceCategory; service_id: number | null; name: string | null; distance_m: number | null }>) {
    let entry = result.get(row.key);
    if (!entry) result.set(row.key, (entry = {}));
    entry[row.category] =
      row.service_id === null ? null : { serviceId: row.service_id, name: row.name as string, distanceM: Number(row.distance_m) };
  }
  return result;
}

/**
 * Returns, for each origin key and requested category, the nearest service, the distance to the
 * n-th nearest and the counts within 500 m, 1 km and 2 km (all geodesic), in one query.
 */
export async function serviceAccessProfiles(
  knex: Knex | Knex.Transaction,
  origins: ReadonlyArray<AccessOrigin>,
  categories: readonly ServiceCategory[],
  n: number,
): Promise<Map<string, Partial<Record<ServiceCategory, CategoryAccess>>>> {
  checkInput(origins, categories);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const result = new Map<string, Partial<Record<ServiceCategory, CategoryAccess>>>();
  if (origins.length === 0 || categories.length === 0) return result;
  const { rows } = await rawWithoutJit(knex, PROFILE_SQL, [originsJson(origins), JSON.stringify(categories), n, n]);
  for (const row of rows as Array<{
    key: string;
    category: ServiceCategory;
    service_id: number | null;
    name: string | null;
    service_lon: number | null;
    service_lat: number | null;
    distance_m: number | null;
    nth_m: number | null;
    within_500: number | null;
    within_1000: number | null;
    within_2000: number | null;
  }>) {
    let entry = result.get(row.key);
    if (!entry) result.set(row.key, (entry = {}));
    entry[row.category] = {
      nearest:
        row.service_id === null
          ? null
          : {
              serviceId: row.service_id,
              name: row.name as string,
              distanceM: Number(row.distance_m),
              position: [Number(row.service_lon), Number(row.service_lat)],
            },
      nthNearestM: row.nth_m === null ? null : Number(row.nth_m),
      within500m: Number(row.within_500 ?? 0),
      within1km: Number(row.within_1000 ?? 0),
      within2km: Number(row.within_2000 ?? 0),
    };
  }
  return result;
}

/** A polygon origin (settlement or zone) with its representative point and outline. */
export type PolygonOrigin = {
  id: number;
  name: string;
  kind: 'settlement' | 'locality' | 'neighbourhood' | 'intervention';
  population: number | null;
  /** ST_PointOnSurface: a point guaranteed inside the polygon (a centroid may fall outside). */
  point: [number, number];
  geometry: MultiPolygon;
  /** Neighbourhoods inside a zone whose population is known, for population weighting. */
  parts: Array<{ id: number; name: string; population: number; geometry: MultiPolygon }>;
};

/** A housing unit as an origin. */
export type UnitOrigin = { id: number; code: string; address: string | null; locality: string | null; point: [number, number] };

type PolygonRow = { id: number; name: string; kind: PolygonOrigin['kind']; population: number | null; lon: number; lat: number; geometry: MultiPolygon };

const toPolygonOrigin = (row: PolygonRow, parts: PolygonOrigin['parts'] = []): PolygonOrigin => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  population: row.population,
  point: [Number(row.lon), Number(row.lat)],
  geometry: row.geometry,
  parts,
});

const POLYGON_COLUMNS = `ST_X(ST_PointOnSurface(geom)) as lon, ST_Y(ST_PointOnSurface(geom)) as lat, ST_AsGeoJSON(geom, 7)::json as geometry`;

/** Returns the settlements as origins (all, or those with `ids`), ordered by id. */
export async function listSettlementOrigins(knex: Knex, ids?: readonly number[]): Promise<PolygonOrigin[]> {
  const query = knex('settlements')
    .select('id', 'name', knex.raw(`'settlement' as kind`), knex.raw('population_estimate as population'), knex.raw(POLYGON_COLUMNS))
    .orderBy('id');
  if (ids) query.whereIn('id', ids);
  return ((await query) as PolygonRow[]).map((row) => toPolygonOrigin(row));
}

/** Returns zones as origins with their populated neighbourhoods (all of `kind`, or those with `ids`), ordered by id. */
export async function listZoneOrigins(knex: Knex, filter: { ids?: readonly number[]; kind?: PolygonOrigin['kind'] }): Promise<PolygonOrigin[]> {
  const query = knex('zones').select('id', 'name', 'kind', 'population', knex.raw(POLYGON_COLUMNS)).orderBy('id');
  if (filter.ids) query.whereIn('id', filter.ids);
  if (filter.kind) query.where('kind', filter.kind);
  const rows = (await query) as PolygonRow[];
  if (rows.length === 0) return [];
  const parts = (await knex('zones')
    .select('id', 'name', 'population', 'parent_id', knex.raw('ST_AsGeoJSON(geom, 7)::json as geometry'))
    .where('kind', 'neighbourhood')
    .whereNotNull('population')
    .whereIn(
      'parent_id',
      rows.map((r) => r.id),
    )
    .orderBy('id')) as Array<{ id: number; name: string; population: number; parent_id: number; geometry: MultiPolygon }>;
  return rows.map((row) =>
    toPolygonOrigin(
      row,
      parts.filter((p) => p.parent_id === row.id).map(({ id, name, population, geometry }) => ({ id, name, population, geometry })),
    ),
  );
}

/** Returns housing units as origins (all, or those with `ids`), ordered by id. */
export async function listUnitOrigins(knex: Knex, ids?: readonly number[]): Promise<UnitOrigin[]> {
  const query = knex('housing_units')
    .select('id', 'code', 'address', 'locality', knex.raw('ST_X(geom) as lon, ST_Y(geom) as lat'))
    .orderBy('id');
  if (ids) query.whereIn('id', ids);
  const rows = (await query) as Array<Omit<UnitOrigin, 'point'> & { lon: number; lat: number }>;
  return rows.map(({ lon, lat, ...unit }) => ({ ...unit, point: [Number(lon), Number(lat)] }));
}

/** The two ends of a relocation plan: the household's settlement and the planned housing unit (either may be unset). */
export type PlanEnds = { id: number; code: string; state: string; settlementId: number | null; housingUnitId: number | null };

/** Returns the ends of relocation plan `id`, or undefined when there is no such plan. */
export async function getPlanEnds(knex: Knex, id: number): Promise<PlanEnds | undefined> {
  const row = await knex('relocation_plans as p')
    .join('households as h', 'h.id', 'p.household_id')
    .select('p.id', 'p.code', 'p.state', 'h.settlement_id', 'p.housing_unit_id')
    .where('p.id', id)
    .first();
  if (!row) return undefined;
  return { id: row.id, code: row.code, state: row.state, settlementId: row.settlement_id, housingUnitId: row.housing_unit_id };
}

/** Returns a catchment disc (geodesic buffer) of every service of `category` for each radius, largest radius first. */
export async function listCatchments(
  knex: Knex,
  category: ServiceCategory,
  radiiM: readonly number[],
): Promise<Array<{ serviceId: number; name: string; radiusM: number; geometry: Polygon }>> {
  checkInput([], [category]);
  // ST_Buffer on geography buffers in a projection chosen for the service's position, so the ring
  // really is `radius` metres on the ground; 16 segments per quarter circle keep rings smooth.
  const { rows } = await knex.raw(
    `select s.id, s.name, r.radius_m,
            ST_AsGeoJSON(ST_Buffer(s.geom::geography, r.radius_m, 'quad_segs=16')::geometry, 6)::json as geometry
     from services s
     cross join (select value::float8 as radius_m from json_array_elements_text(cast(? as json))) r
     where s.category = ?
     order by r.radius_m desc, s.id`,
    [JSON.stringify(radiiM), category],
  );
  return (rows as Array<{ id: number; name: string; radius_m: number; geometry: Polygon }>).map((r) => ({
    serviceId: r.id,
    name: r.name,
    radiusM: Number(r.radius_m),
    geometry: r.geometry,
  }));
}

/** Writes access scores of housing units and stamps access_computed_at; returns how many rows changed. */
export async function storeAccessScores(knex: Knex, scores: ReadonlyArray<{ id: number; score: number }>): Promise<number> {
  if (scores.length === 0) return 0;
  // A derived value: version and updated_at stay, so a refresh never invalidates an editor's If-Match.
  const result = await knex.raw(
    `update housing_units u
     set access_score = v.score, access_computed_at = now()
     from json_to_recordset(cast(? as json)) as v(id int, score numeric)
     where u.id = v.id`,
    [JSON.stringify(scores)],
  );
  return Number(result.rowCount ?? result.affectedRows ?? scores.length);
}

/** Returns a string that changes whenever services, zones or settlements change (cache key of the overlays). */
export async function accessDataVersion(knex: Knex): Promise<string> {
  const { rows } = await knex.raw(
    `select (select count(*) || '/' || coalesce(max(updated_at)::text, '-') from services) as services,
            (select count(*) || '/' || coalesce(max(updated_at)::text, '-') from zones) as zones,
            (select count(*) || '/' || coalesce(max(updated_at)::text, '-') from settlements) as settlements`,
  );
  const row = rows[0] as { services: string; zones: string; settlements: string };
  return `s${row.services};z${row.zones};t${row.settlements}`;
}

/** Returns the planner's EXPLAIN lines of the nearest or profile query for these origins (speed checks, issue 4). */
export async function explainAccessQuery(
  knex: Knex | Knex.Transaction,
  query: 'nearest' | 'profile',
  origins: ReadonlyArray<AccessOrigin>,
  categories: readonly ServiceCategory[],
  n = 3,
): Promise<string[]> {
  checkInput(origins, categories);
  const { sql, bindings } =
    query === 'nearest' ? nearestQuery(origins, categories) : { sql: PROFILE_SQL, bindings: [originsJson(origins), JSON.stringify(categories), n, n] };
  const { rows } = await knex.raw(`explain ${sql}`, bindings as Knex.RawBinding[]);
  return (rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']);
}
