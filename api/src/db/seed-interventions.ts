import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { GEODATA_DIR } from '../paths';

type DemoUpdate = { onDate: string; progressPct: number; note?: string | null };
type DemoIntervention = {
  externalId: string;
  name: string;
  type: string;
  zoneExternalId: string | null;
  settlementExternalId: string | null;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startDate: string | null;
  endDate: string | null;
  status: string;
  progressPct: number;
  description: string | null;
  updates: DemoUpdate[];
};

/**
 * Loads geodata/interventions/interventions.json inside the demo seed's transaction and returns how
 * many interventions the database then holds. Idempotent: interventions are matched by externalId,
 * and updates are only written for an intervention that has none yet. Zones and settlements must be
 * seeded first; an unknown one leaves the reference empty. Updates are signed by the demo planner
 * when that user exists.
 */
export async function seedDemoInterventions(trx: Knex.Transaction): Promise<number> {
  const file = JSON.parse(await fs.readFile(path.join(GEODATA_DIR, 'interventions', 'interventions.json'), 'utf8')) as {
    interventions: DemoIntervention[];
  };
  const idsOf = async (table: string) =>
    new Map<string, number>(
      (await trx(table).whereNotNull('external_id').select('id', 'external_id')).map((r: { id: number; external_id: string }) => [r.external_id, r.id]),
    );
  const [zones, settlements] = [await idsOf('zones'), await idsOf('settlements')];
  const planner = (await trx('users').where({ username: 'planner' }).first('id'))?.id ?? null;

  for (const item of file.interventions) {
    const [row] = await trx('interventions')
      .insert({
        external_id: item.externalId,
        name: item.name,
        type: item.type,
        zone_id: item.zoneExternalId ? (zones.get(item.zoneExternalId) ?? null) : null,
        settlement_id: item.settlementExternalId ? (settlements.get(item.settlementExternalId) ?? null) : null,
        funding_programme: item.fundingProgramme,
        budget_lei: item.budgetLei,
        start_date: item.startDate,
        end_date: item.endDate,
        status: item.status,
        progress_pct: item.progressPct,
        description: item.description,
        created_by: planner,
        updated_by: planner,
      })
      .onConflict('external_id')
      .merge(['name', 'type', 'zone_id', 'settlement_id', 'funding_programme', 'budget_lei', 'start_date', 'end_date', 'status', 'progress_pct', 'description'])
      .returning('id');
    const id = row.id as number;
    const existing = await trx('intervention_updates').where({ intervention_id: id }).first('id');
    if (existing || item.updates.length === 0) continue;
    await trx('intervention_updates').insert(
      item.updates.map((u) => ({ intervention_id: id, on_date: u.onDate, progress_pct: u.progressPct, note: u.note ?? null, actor_id: planner })),
    );
  }
  return Number((await trx('interventions').count<{ n: number }[]>({ n: '*' }))[0]?.n ?? 0);
}
