import fs from 'node:fs';
import type { Geometry } from 'geojson';
import type { Knex } from 'knex';
import { CITY_TIME_ZONE } from '../../../../contracts/city-date';
import type { AreaUnit, Place, PlanStep, SegregationInputs, UnitLevel, Zone } from '../../domain/segregation/analysis-inputs';
import type { PlanState } from '../../domain/vocabulary';

// What a segregation analysis reads from the database (issue 12): the areal units with their
// population, where each settlement and housing unit lies among them, the households from the
// segregated settlements, and the state changes of their plans by month. Rows only: the rules of what
// a household's position is at a month live in domain/segregation.

const AREA_UNITS_SQL = fs.readFileSync(new URL('./area-units.sql', import.meta.url), 'utf8');
const HEX_UNITS_SQL = fs.readFileSync(new URL('./hex-units.sql', import.meta.url), 'utf8');
const PLACES_SQL = fs.readFileSync(new URL('./places.sql', import.meta.url), 'utf8');

type PlaceRow = {
  kind: 'settlement' | 'unit';
  id: number;
  building: string | null;
  lon: number;
  lat: number;
  zone_id: number | null;
  hex_key: string | null;
  neighbourhood_id: number | null;
  locality_id: number | null;
};

/** The level of a zone query: the hexagons are built over the neighbourhood level's units. */
const zoneLevel = (level: UnitLevel) => (level === 'hex' ? 'neighbourhood' : level);

/** Returns the areal units of `level` (hexagons of side `hexSideM` metres for 'hex'), ordered by key. */
export async function listAreaUnits(knex: Knex, level: UnitLevel, hexSideM: number): Promise<AreaUnit[]> {
  if (level === 'hex') {
    const { rows } = await knex.raw(HEX_UNITS_SQL, ['neighbourhood', 'neighbourhood', hexSideM]);
    return (rows as Array<{ i: number; j: number; population: number; lon: number; lat: number; geometry: Geometry }>).map((row) => ({
      key: `h${row.i}:${row.j}`,
      name: `${row.i}:${row.j}`,
      population: Number(row.population),
      lon: Number(row.lon),
      lat: Number(row.lat),
      geometry: row.geometry,
    }));
  }
  const { rows } = await knex.raw(AREA_UNITS_SQL, [level, level]);
  return (rows as Array<{ id: number; name: string; population: number; lon: number; lat: number; geometry: Geometry }>).map((row) => ({
    key: `z${row.id}`,
    name: row.name,
    population: Number(row.population),
    lon: Number(row.lon),
    lat: Number(row.lat),
    geometry: row.geometry,
  }));
}

// The units of a level change only when zones do, and the hexagons' areal weighting is the slowest read
// (150 ms for 5,000 hexagons on the server): kept per database and zones version.
const unitCache = new WeakMap<Knex, Map<string, AreaUnit[]>>();

async function cachedAreaUnits(root: Knex, trx: Knex.Transaction, level: UnitLevel, hexSideM: number): Promise<AreaUnit[]> {
  const { rows } = await trx.raw(`select count(*)::int as n, coalesce(sum(version), 0)::int as v, coalesce(max(updated_at)::text, '') as at from zones`);
  const version = JSON.stringify([rows[0], level, level === 'hex' ? hexSideM : null]);
  let entries = unitCache.get(root);
  if (!entries) unitCache.set(root, (entries = new Map()));
  const cached = entries.get(version);
  if (cached) return cached;
  const units = await listAreaUnits(trx as unknown as Knex, level, hexSideM);
  // A handful of levels and sizes at most; an old zones version is never asked for again.
  if (entries.size >= 8) entries.clear();
  entries.set(version, units);
  return units;
}

/**
 * Returns everything an analysis at `level` needs, read in one repeatable-read snapshot; `extraUnitIds`
 * are housing units to place besides those a plan names (the targets of simulated moves).
 */
export async function loadSegregationInputs(knex: Knex, level: UnitLevel, hexSideM: number, extraUnitIds: readonly number[] = []): Promise<SegregationInputs> {
  return knex.transaction(
    async (trx) => {
      // The planner's cost of the spatial lookups passes jit_above_cost: on PostgreSQL 15 compiling them took
      // 0.5 s, ten times the query (bench/README.md). PGlite has no JIT; the SET is harmless there.
      await trx.raw('set local jit = off');
      const units = await cachedAreaUnits(knex, trx, level, hexSideM);
      const hexSide = level === 'hex' ? hexSideM : null;
      const { rows: placeRows } = await trx.raw(PLACES_SQL, [zoneLevel(level), zoneLevel(level), [...extraUnitIds], hexSide, hexSide]);
      const settlements = new Map<number, Place>();
      const housingUnits = new Map<number, Place>();
      for (const row of placeRows as PlaceRow[]) {
        const unitKey = level === 'hex' ? (row.hex_key === null ? null : `h${row.hex_key}`) : row.zone_id === null ? null : `z${row.zone_id}`;
        const place: Place = {
          unitKey,
          building: row.building,
          lon: Number(row.lon),
          lat: Number(row.lat),
          neighbourhoodId: row.neighbourhood_id,
          localityId: row.locality_id,
        };
        (row.kind === 'settlement' ? settlements : housingUnits).set(row.id, place);
      }
      const households = (
        (await trx('households').select('id', 'size', 'settlement_id').whereNotNull('settlement_id').orderBy('id')) as Array<{
          id: number;
          size: number;
          settlement_id: number;
        }>
      ).map((row) => ({ id: row.id, size: row.size, settlementId: row.settlement_id }));
      // A move counts from its move date (the day the family moved), not from the day it was recorded;
      // every other step from when it was recorded, as a month in Cluj-Napoca's time zone.
      const { rows: stepRows } = await trx.raw(
        `select p.id as plan_id, p.household_id, p.housing_unit_id, e.to_state,
           case when e.to_state = 'moved' and p.move_date is not null then to_char(p.move_date, 'YYYY-MM')
                else to_char(e.at at time zone ?::text, 'YYYY-MM') end as month
         from plan_events e
         join relocation_plans p on p.id = e.plan_id
         join households h on h.id = p.household_id
         where h.settlement_id is not null
         order by e.id`,
        [CITY_TIME_ZONE],
      );
      const steps = (stepRows as Array<{ plan_id: number; household_id: number; housing_unit_id: number | null; to_state: PlanState; month: string }>).map(
        (row) => ({ planId: row.plan_id, householdId: row.household_id, housingUnitId: row.housing_unit_id, month: row.month, toState: row.to_state }),
      );
      const zones = new Map<number, Zone>();
      for (const row of (await trx('zones').select('id', 'name', 'kind', 'population').whereIn('kind', ['neighbourhood', 'locality'])) as Zone[]) {
        zones.set(row.id, row);
      }
      return { level, units, settlements, housingUnits, households, steps, zones };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
