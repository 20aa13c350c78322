import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { refreshAccessScores } from '../domain/access-refresh';
import { GEODATA_DIR } from '../paths';
import { seedDemoInterventions } from './seed-interventions';

type GeoFeature = { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> };
type GeoCollection = { type: 'FeatureCollection'; features: GeoFeature[] };

type DemoEvent = { from: string | null; to: string; at: string; actor: string; note?: string };
type DemoPlan = {
  code: string;
  programme: string | null;
  state: string;
  housingUnitCode: string | null;
  approvedBy: string | null;
  moveDate: string | null;
  events: DemoEvent[];
};
type DemoHousehold = {
  code: string;
  settlementExternalId: string | null;
  size: number;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  caseworker: string | null;
  consentProcessing: boolean;
  consentProcessingDate: string | null;
  consentSharing: boolean;
  consentSharingDate: string | null;
  plan: DemoPlan | null;
};

export type SeedReport = Record<'zones' | 'settlements' | 'services' | 'housingUnits' | 'households' | 'plans' | 'planEvents', number>;

async function readJson<T>(...parts: string[]): Promise<T> {
  return JSON.parse(await fs.readFile(path.join(GEODATA_DIR, ...parts), 'utf8')) as T;
}

const text = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));
const int = (value: unknown) => (value === undefined || value === null ? null : Number(value));

/** Geometry from GeoJSON; polygons are stored as MultiPolygons, the type of every polygon column. */
function geom(knex: Knex, geometry: unknown, multi: boolean): Knex.Raw {
  const sql = multi ? 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))' : 'ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)';
  return knex.raw(sql, [JSON.stringify(geometry)]);
}

/** Inserts rows or, when their unique key exists, overwrites them: running the seed twice changes nothing. */
async function upsert(trx: Knex.Transaction, table: string, key: string, rows: Record<string, unknown>[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const inserted = await trx(table).insert(batch).onConflict(key).merge().returning(['id', key]);
    for (const row of inserted) ids.set(String(row[key]), row.id as number);
  }
  return ids;
}

/**
 * Loads the Cluj demo of geodata/ into the database in one transaction and returns how many rows
 * of each kind it holds. Idempotent: features are matched by their externalId, households and
 * plans by their code, and plan events are only written for plans that have none yet (they are
 * append-only). Users named in the data (caseworker, admin) must exist or are left unassigned.
 */
export async function seedDemo(knex: Knex): Promise<SeedReport> {
  const [zones, settlements, services, units, households] = await Promise.all([
    readJson<GeoCollection>('zones', 'zones.geojson'),
    readJson<GeoCollection>('settlements', 'settlements.geojson'),
    readJson<GeoCollection>('services', 'services.geojson'),
    readJson<GeoCollection>('housing-units', 'housing-units.geojson'),
    readJson<{ households: DemoHousehold[] }>('households', 'households.json'),
  ]);

  const report = await knex.transaction(async (trx) => {
    const users = new Map<string, number>(
      (await trx('users').select('id', 'username')).map((u: { id: number; username: string }) => [u.username, u.id]),
    );
    const userId = (username: string | null) => (username ? (users.get(username) ?? null) : null);

    const zoneIds = await upsert(
      trx,
      'zones',
      'external_id',
      zones.features.map((f) => ({
        external_id: f.properties.externalId,
        name: f.properties.name,
        kind: f.properties.kind,
        status: text(f.properties.status),
        population: int(f.properties.population),
        target_date: text(f.properties.targetDate),
        description: text(f.properties.description),
        source: text(f.properties.source),
        geom: geom(knex, f.geometry, true),
      })),
    );
    for (const f of zones.features) {
      const parent = text(f.properties.parentExternalId);
      await trx('zones')
        .where({ external_id: f.properties.externalId })
        .update({ parent_id: parent ? (zoneIds.get(parent) ?? null) : null });
    }

    const settlementIds = await upsert(
      trx,
      'settlements',
      'external_id',
      settlements.features.map((f) => ({
        external_id: f.properties.externalId,
        name: f.properties.name,
        description: text(f.properties.description),
        population_estimate: int(f.properties.populationEstimate),
        households_estimate: int(f.properties.householdsEstimate),
        estimate_source: text(f.properties.estimateSource),
        estimate_date: text(f.properties.estimateDate),
        confidence: text(f.properties.confidence),
        geom: geom(knex, f.geometry, true),
      })),
    );

    await upsert(
      trx,
      'services',
      'external_id',
      services.features.map((f) => {
        const { externalId, name, category, address, locality, schematic, source, ...rest } = f.properties;
        return {
          external_id: externalId,
          name,
          category,
          address: text(address),
          locality: text(locality),
          schematic: Boolean(schematic),
          source: text(source),
          // Whatever else a service carries (routes and weekly trips of a stop) stays as attributes.
          attributes: JSON.stringify(rest),
          geom: geom(knex, f.geometry, false),
        };
      }),
    );

    const unitIds = await upsert(
      trx,
      'housing_units',
      'code',
      units.features.map((f) => ({
        external_id: f.properties.externalId ?? f.properties.code,
        code: f.properties.code,
        address: text(f.properties.address),
        locality: text(f.properties.locality),
        building: text(f.properties.building),
        rooms: f.properties.rooms,
        floor_area_m2: f.properties.floorAreaM2,
        floor: int(f.properties.floor),
        step_free: Boolean(f.properties.stepFree),
        status: f.properties.status,
        programme: text(f.properties.programme),
        monthly_rent_lei: int(f.properties.monthlyRentLei),
        geom: geom(knex, f.geometry, false),
      })),
    );

    const householdIds = await upsert(
      trx,
      'households',
      'code',
      households.households.map((h) => ({
        code: h.code,
        settlement_id: h.settlementExternalId ? (settlementIds.get(h.settlementExternalId) ?? null) : null,
        size: h.size,
        adults: h.adults,
        children: h.children,
        seniors: h.seniors,
        disabled_members: h.disabledMembers,
        needs: h.needs,
        priority: h.priority,
        caseworker_id: userId(h.caseworker),
        consent_processing: h.consentProcessing,
        consent_processing_date: h.consentProcessingDate,
        consent_sharing: h.consentSharing,
        consent_sharing_date: h.consentSharingDate,
        synthetic: true,
      })),
    );

    const withPlans = households.households.filter((h): h is DemoHousehold & { plan: DemoPlan } => h.plan !== null);
    const planIds = await upsert(
      trx,
      'relocation_plans',
      'code',
      withPlans.map(({ code, plan }) => {
        const approval = plan.events.find((e) => e.to === 'approved');
        return {
          code: plan.code,
          household_id: householdIds.get(code),
          state: plan.state,
          programme: plan.programme,
          housing_unit_id: plan.housingUnitCode ? (unitIds.get(plan.housingUnitCode) ?? null) : null,
          approved_by: userId(plan.approvedBy),
          approved_at: approval?.at ?? null,
          move_date: plan.moveDate,
          held_from_state: plan.state === 'on_hold' ? (plan.events.at(-1)?.from ?? null) : null,
        };
      }),
    );

    const planned = [...planIds.values()];
    const alreadyLogged = new Set<number>(
      (await trx('plan_events').distinct('plan_id').whereIn('plan_id', planned)).map((r: { plan_id: number }) => r.plan_id),
    );
    const events = withPlans.flatMap(({ plan }) => {
      const planId = planIds.get(plan.code) as number;
      if (alreadyLogged.has(planId)) return [];
      return plan.events.map((e) => ({
        plan_id: planId,
        actor_id: userId(e.actor),
        at: e.at,
        from_state: e.from,
        to_state: e.to,
        note: e.note ?? null,
      }));
    });
    for (let i = 0; i < events.length; i += 500) await trx('plan_events').insert(events.slice(i, i + 500));

    // Issue 6: demo interventions and their progress updates (geodata/interventions/).
    await seedDemoInterventions(trx);

    const count = async (table: string) => Number((await trx(table).count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
    return {
      zones: await count('zones'),
      settlements: await count('settlements'),
      services: await count('services'),
      housingUnits: await count('housing_units'),
      households: await count('households'),
      plans: await count('relocation_plans'),
      planEvents: await count('plan_events'),
    };
  });
  // Access scores of the housing stock follow from the services just loaded (issue 4).
  await refreshAccessScores(knex);
  return report;
}

/** Returns true when the database holds no demo data yet (no settlement, no service). */
export async function isDatabaseEmpty(knex: Knex): Promise<boolean> {
  const [row] = await knex.raw(`select (select count(*) from settlements) + (select count(*) from services) as n`).then((r) => r.rows);
  return Number(row.n) === 0;
}
