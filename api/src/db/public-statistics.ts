import type { Knex } from 'knex';
import { nearestServiceDistances, type AccessOrigin } from './access-queries';

// The raw facts behind the public progress page (issue 6). Nothing here is published as it is: the
// rows go to domain/public-progress.ts, which aggregates them and passes every count through
// domain/disclosure-control.ts. No household code, plan code, identity field or unit coordinate
// leaves this module: a relocation is reduced to its size, its origin settlement, its destination
// locality, its month and its distances to three services before and after.

/** Service categories whose distance before and after a move the public page reports. */
export const PUBLIC_ACCESS_CATEGORIES = ['school', 'family_doctor', 'transit_stop'] as const;
export type PublicAccessCategory = (typeof PUBLIC_ACCESS_CATEGORIES)[number];

/** One move of one household, reduced to what aggregation needs. */
export type RelocationFact = {
  /** Only to count a household that moved twice once; never published. */
  householdId: number;
  people: number;
  /** Public key of the origin settlement; null when unknown. */
  originKey: string | null;
  /** Public key of the locality the unit lies in; null when outside every locality. */
  destinationKey: string | null;
  /** 'YYYY-MM' of the move date. */
  moveMonth: string;
  /** Geodesic metres to the nearest service from the origin settlement and from the new home. */
  access: Partial<Record<PublicAccessCategory, { beforeM: number; afterM: number }>>;
};

/** A public area (settlement or locality) with its stable public key. */
export type PublicArea = { key: string; name: string };

/** Everything the relocation statistics are computed from. */
export type ProgressFacts = {
  relocations: RelocationFact[];
  /** 'YYYY-MM' in which each plan that is not cancelled was opened (its first event). */
  openedPlanMonths: string[];
  origins: PublicArea[];
  destinations: PublicArea[];
};

/** A public area with its outline as GeoJSON, for the maps. */
export type PublicAreaShape = PublicArea & { geometry: unknown };

// A plan counts as a relocation once the family has moved: moved, followed up, or put on hold
// after the move (held_from_state = 'moved'). Cancelled plans never count.
const RELOCATIONS_SQL = `
select p.household_id, h.size as people, h.settlement_id,
       coalesce(s.external_id, 'settlement-' || s.id) as origin_key,
       loc.key as destination_key,
       u.id as unit_id, ST_X(u.geom) as unit_lon, ST_Y(u.geom) as unit_lat,
       to_char(p.move_date, 'YYYY-MM') as move_month
from relocation_plans p
join households h on h.id = p.household_id
left join settlements s on s.id = h.settlement_id
left join housing_units u on u.id = p.housing_unit_id
left join lateral (
  select coalesce(z.external_id, 'zone-' || z.id) as key
  from zones z
  where z.kind = 'locality' and u.geom is not null and ST_Intersects(z.geom, u.geom)
  order by z.id
  limit 1
) loc on true
where p.move_date is not null
  and (p.state in ('moved', 'followed_up') or (p.state = 'on_hold' and p.held_from_state = 'moved'))
order by p.move_date, p.id`;

// The month a plan was opened is that of its first event; a plan written without events falls back
// to its creation time.
const OPENED_PLANS_SQL = `
select to_char(coalesce(min(e.at), p.created_at) at time zone 'UTC', 'YYYY-MM') as month
from relocation_plans p
left join plan_events e on e.plan_id = p.id
where p.state <> 'cancelled'
group by p.id, p.created_at`;

/** Returns the facts of every relocation and plan, with the settlements and localities they refer to. */
export async function loadProgressFacts(knex: Knex): Promise<ProgressFacts> {
  const [relocationRows, planRows, settlementRows, localityRows] = await Promise.all([
    knex.raw(RELOCATIONS_SQL).then((r) => r.rows as Array<Record<string, unknown>>),
    knex.raw(OPENED_PLANS_SQL).then((r) => r.rows as Array<{ month: string }>),
    knex.raw(
      `select id, coalesce(external_id, 'settlement-' || id) as key, name,
              ST_X(ST_PointOnSurface(geom)) as lon, ST_Y(ST_PointOnSurface(geom)) as lat
       from settlements order by name, id`,
    ).then((r) => r.rows as Array<{ id: number; key: string; name: string; lon: number; lat: number }>),
    knex.raw(`select coalesce(external_id, 'zone-' || id) as key, name from zones where kind = 'locality' order by name, id`).then(
      (r) => r.rows as PublicArea[],
    ),
  ]);

  // Distances are measured from a point inside the settlement (its outline is public) and from the
  // unit; both positions stay in this function.
  const origins: AccessOrigin[] = settlementRows.map((s) => ({ key: `s${s.id}`, lon: Number(s.lon), lat: Number(s.lat) }));
  const seenUnits = new Set<number>();
  for (const row of relocationRows) {
    if (row.unit_id === null || seenUnits.has(row.unit_id as number)) continue;
    seenUnits.add(row.unit_id as number);
    origins.push({ key: `u${row.unit_id}`, lon: Number(row.unit_lon), lat: Number(row.unit_lat) });
  }
  const distances = await nearestServiceDistances(knex, origins, [...PUBLIC_ACCESS_CATEGORIES]);

  const relocations = relocationRows.map((row): RelocationFact => {
    const before = row.settlement_id === null ? undefined : distances.get(`s${row.settlement_id}`);
    const after = row.unit_id === null ? undefined : distances.get(`u${row.unit_id}`);
    const access: RelocationFact['access'] = {};
    for (const category of PUBLIC_ACCESS_CATEGORIES) {
      const from = before?.[category];
      const to = after?.[category];
      if (from && to) access[category] = { beforeM: from.distanceM, afterM: to.distanceM };
    }
    return {
      householdId: row.household_id as number,
      people: row.people as number,
      originKey: row.settlement_id === null ? null : (row.origin_key as string),
      destinationKey: (row.destination_key as string | null) ?? null,
      moveMonth: row.move_month as string,
      access,
    };
  });

  return {
    relocations,
    openedPlanMonths: planRows.map((r) => r.month),
    origins: settlementRows.map(({ key, name }) => ({ key, name })),
    destinations: localityRows.map(({ key, name }) => ({ key, name })),
  };
}

/** Returns the outlines of the settlements (origins) and of the localities (destinations), 5 decimals (~1 m). */
export async function listPublicAreaShapes(knex: Knex): Promise<{ settlements: PublicAreaShape[]; localities: PublicAreaShape[] }> {
  const [settlements, localities] = await Promise.all([
    knex.raw(
      `select coalesce(external_id, 'settlement-' || id) as key, name, ST_AsGeoJSON(geom, 5)::json as geometry
       from settlements order by name, id`,
    ),
    knex.raw(
      `select coalesce(external_id, 'zone-' || id) as key, name, ST_AsGeoJSON(geom, 5)::json as geometry
       from zones where kind = 'locality' order by name, id`,
    ),
  ]);
  return { settlements: settlements.rows as PublicAreaShape[], localities: localities.rows as PublicAreaShape[] };
}

/** The public facts of one intervention: no note, no description, no user, dates as months. */
export type PublicInterventionFact = {
  id: number;
  externalId: string | null;
  name: string;
  type: string;
  status: string;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startMonth: string | null;
  endMonth: string | null;
  progressPct: number;
  areaKey: string | null;
  areaName: string | null;
  areaKind: 'zone' | 'settlement' | null;
  /** The last progress recorded in each month, oldest first. */
  updates: Array<{ month: string; progressPct: number }>;
};

/** Returns every intervention with its area and its progress by month, and the outlines of those areas. */
export async function loadPublicInterventions(
  knex: Knex,
): Promise<{ interventions: PublicInterventionFact[]; areas: Array<PublicAreaShape & { kind: 'zone' | 'settlement' }> }> {
  const [interventionRows, updateRows, areaRows] = await Promise.all([
    knex.raw(
      `select i.id, i.external_id, i.name, i.type, i.status, i.funding_programme, i.budget_lei, i.progress_pct,
              to_char(i.start_date, 'YYYY-MM') as start_month, to_char(i.end_date, 'YYYY-MM') as end_month,
              case when z.id is not null then coalesce(z.external_id, 'zone-' || z.id)
                   when s.id is not null then coalesce(s.external_id, 'settlement-' || s.id) end as area_key,
              coalesce(z.name, s.name) as area_name,
              case when z.id is not null then 'zone' when s.id is not null then 'settlement' end as area_kind
       from interventions i
       left join zones z on z.id = i.zone_id
       left join settlements s on s.id = i.settlement_id
       order by i.start_date nulls last, i.id`,
    ),
    // The last update of each month wins (by date, then by entry order).
    knex.raw(
      `select distinct on (intervention_id, to_char(on_date, 'YYYY-MM'))
              intervention_id, to_char(on_date, 'YYYY-MM') as month, progress_pct
       from intervention_updates
       order by intervention_id, to_char(on_date, 'YYYY-MM'), on_date desc, id desc`,
    ),
    knex.raw(
      `select distinct on (key) key, name, kind, geometry from (
         select coalesce(z.external_id, 'zone-' || z.id) as key, z.name, 'zone' as kind, ST_AsGeoJSON(z.geom, 5)::json as geometry
         from zones z where z.id in (select zone_id from interventions where zone_id is not null)
         union all
         select coalesce(s.external_id, 'settlement-' || s.id), s.name, 'settlement', ST_AsGeoJSON(s.geom, 5)::json
         from settlements s
         where s.id in (select settlement_id from interventions where zone_id is null and settlement_id is not null)
       ) a order by key`,
    ),
  ]);
  const updates = new Map<number, Array<{ month: string; progressPct: number }>>();
  for (const row of updateRows.rows as Array<{ intervention_id: number; month: string; progress_pct: number }>) {
    let list = updates.get(row.intervention_id);
    if (!list) updates.set(row.intervention_id, (list = []));
    list.push({ month: row.month, progressPct: row.progress_pct });
  }
  const interventions = (interventionRows.rows as Array<Record<string, unknown>>).map(
    (row): PublicInterventionFact => ({
      id: row.id as number,
      externalId: (row.external_id as string | null) ?? null,
      name: row.name as string,
      type: row.type as string,
      status: row.status as string,
      fundingProgramme: (row.funding_programme as string | null) ?? null,
      budgetLei: row.budget_lei === null ? null : Number(row.budget_lei),
      startMonth: (row.start_month as string | null) ?? null,
      endMonth: (row.end_month as string | null) ?? null,
      progressPct: row.progress_pct as number,
      areaKey: (row.area_key as string | null) ?? null,
      areaName: (row.area_name as string | null) ?? null,
      areaKind: (row.area_kind as 'zone' | 'settlement' | null) ?? null,
      updates: (updates.get(row.id as number) ?? []).sort((a, b) => a.month.localeCompare(b.month)),
    }),
  );
  return { interventions, areas: areaRows.rows as Array<PublicAreaShape & { kind: 'zone' | 'settlement' }> };
}
