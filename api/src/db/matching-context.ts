import fs from 'node:fs';
import type { Knex } from 'knex';
import {
  accessCategoriesFor,
  NEAR_RADIUS_M,
  type AccessDistances,
  type ConcentrationCounts,
  type HouseholdProfile,
} from '../domain/candidate-score';
import type { ServiceCategory } from '../domain/vocabulary';
import { nearestServiceDistances } from './access-queries';

// What matching needs from the database (issue 5): the households with their origin, the available
// units with the concentration of relocated and planned households around each, the pairs of units
// within 250 m of each other, and the nearest services from every origin and unit (issue 4's query).

const UNITS_SQL = fs.readFileSync(new URL('./matching-units.sql', import.meta.url), 'utf8');

type Position = [number, number];

export type MatchingHousehold = {
  id: number;
  code: string;
  priority: string;
  profile: HouseholdProfile;
  origin: { settlementId: number; name: string; position: Position } | null;
  /** True when one of its plans already holds a unit (matched, approved, moved, followed up). */
  holdsUnit: boolean;
};

export type MatchingUnit = {
  id: number;
  code: string;
  address: string | null;
  locality: string | null;
  building: string | null;
  rooms: number;
  floorAreaM2: number;
  floor: number | null;
  stepFree: boolean;
  monthlyRentLei: number | null;
  position: Position;
  /** The neighbourhood and locality zones covering the unit, with their population (null when unknown). */
  neighbourhood: { id: number; name: string; population: number | null } | null;
  localityZone: { id: number; name: string; population: number | null } | null;
  /** Relocated and planned households already in its building, within 250 m, neighbourhood and locality. */
  counts: ConcentrationCounts;
};

export type MatchingContext = {
  households: MatchingHousehold[];
  units: MatchingUnit[];
  /** Pairs of candidate unit ids less than 250 m apart (each pair once), when asked for. */
  nearPairs: Array<[number, number]>;
  /** Nearest-service distances from each household's origin (by household id; absent: no origin). */
  originDistances: Map<number, AccessDistances>;
  /** Nearest-service distances from each unit (by unit id). */
  unitDistances: Map<number, AccessDistances>;
};

/**
 * Returns the matching context of some households and the available units (all, or those in `unitIds`);
 * households that do not exist are missing from `households`. Runs outside any transaction (several queries).
 */
export async function loadMatchingContext(
  knex: Knex,
  options: { householdIds: number[]; unitIds?: number[]; preferredLocalities?: string[]; withNearPairs?: boolean },
): Promise<MatchingContext> {
  const householdRows = await knex('households as h')
    .select(
      'h.*',
      's.name as settlement_name',
      knex.raw('ST_X(ST_PointOnSurface(s.geom)) as lon'),
      knex.raw('ST_Y(ST_PointOnSurface(s.geom)) as lat'),
      knex.raw(`exists (
        select 1 from relocation_plans p where p.household_id = h.id and p.housing_unit_id is not null
          and (p.state in ('matched', 'approved', 'moved', 'followed_up')
               or (p.state = 'on_hold' and p.held_from_state in ('matched', 'approved', 'moved')))
      ) as holds_unit`),
    )
    .leftJoin('settlements as s', 's.id', 'h.settlement_id')
    .whereIn('h.id', options.householdIds)
    .orderBy('h.id');
  const households: MatchingHousehold[] = householdRows.map((row: Record<string, unknown>) => ({
    id: row.id as number,
    code: row.code as string,
    priority: row.priority as string,
    profile: {
      size: row.size as number,
      children: row.children as number,
      seniors: row.seniors as number,
      disabledMembers: row.disabled_members as number,
      needs: row.needs as string[],
      preferredLocalities: options.preferredLocalities ?? ((row.preferred_localities as string[] | null) ?? []),
    },
    origin:
      row.settlement_id === null || row.lon === null
        ? null
        : { settlementId: row.settlement_id as number, name: row.settlement_name as string, position: [row.lon as number, row.lat as number] },
    holdsUnit: row.holds_unit as boolean,
  }));

  const unitIds = options.unitIds ?? null;
  const { rows: unitRows } = await knex.raw(UNITS_SQL, [options.householdIds, unitIds, unitIds, NEAR_RADIUS_M]);
  const units: MatchingUnit[] = (unitRows as Array<Record<string, unknown>>).map((row) => ({
    id: row.id as number,
    code: row.code as string,
    address: (row.address as string | null) ?? null,
    locality: (row.locality as string | null) ?? null,
    building: (row.building as string | null) ?? null,
    rooms: row.rooms as number,
    floorAreaM2: Number(row.floor_area_m2),
    floor: (row.floor as number | null) ?? null,
    stepFree: row.step_free as boolean,
    monthlyRentLei: row.monthly_rent_lei === null ? null : Number(row.monthly_rent_lei),
    position: [row.lon as number, row.lat as number],
    neighbourhood:
      row.neighbourhood_id === null
        ? null
        : { id: row.neighbourhood_id as number, name: row.neighbourhood_name as string, population: (row.neighbourhood_population as number | null) ?? null },
    localityZone:
      row.locality_zone_id === null
        ? null
        : { id: row.locality_zone_id as number, name: row.locality_zone_name as string, population: (row.locality_zone_population as number | null) ?? null },
    counts: {
      building: row.building_count === null ? null : Number(row.building_count),
      near: Number(row.near_count),
      neighbourhood: row.neighbourhood_count === null ? null : Number(row.neighbourhood_count),
      locality: row.locality_count === null ? null : Number(row.locality_count),
    },
  }));

  let nearPairs: Array<[number, number]> = [];
  if (options.withNearPairs && units.length > 1) {
    const ids = units.map((u) => u.id);
    const { rows } = await knex.raw(
      `select a.id as a, b.id as b from housing_units a join housing_units b
         on a.id < b.id and ST_DWithin(a.geom, b.geom, 0.01) and ST_DWithin(a.geom::geography, b.geom::geography, ?)
       where a.id = any(?::int[]) and b.id = any(?::int[])`,
      [NEAR_RADIUS_M, ids, ids],
    );
    nearPairs = (rows as Array<{ a: number; b: number }>).map((r) => [r.a, r.b]);
  }

  const categories = [...new Set(households.flatMap((h) => accessCategoriesFor(h.profile)))] as ServiceCategory[];
  const origins = [
    // Households of one settlement share its origin: one key per settlement.
    ...households.flatMap((h) => (h.origin ? [{ key: `s:${h.origin.settlementId}`, lon: h.origin.position[0], lat: h.origin.position[1] }] : [])),
    ...units.map((u) => ({ key: `u:${u.id}`, lon: u.position[0], lat: u.position[1] })),
  ];
  const nearest = await nearestServiceDistances(knex, origins, categories);
  const distancesOf = (key: string): AccessDistances =>
    Object.fromEntries(
      Object.entries(nearest.get(key) ?? {}).map(([category, service]) => [category, service ? Math.round(service.distanceM) : null]),
    );
  return {
    households,
    units,
    nearPairs,
    originDistances: new Map(households.flatMap((h) => (h.origin ? [[h.id, distancesOf(`s:${h.origin.settlementId}`)] as const] : []))),
    unitDistances: new Map(units.map((u) => [u.id, distancesOf(`u:${u.id}`)])),
  };
}
