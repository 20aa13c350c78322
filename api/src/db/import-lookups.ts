import type { Knex } from 'knex';
import type { LayerDefinition } from './layers';

/** Returns the id of each row of `layer` whose external_id is among `externalIds`, keyed by external id. */
export async function findByExternalId(knex: Knex, layer: LayerDefinition, externalIds: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < externalIds.length; i += 5000) {
    const rows = await knex(layer.table).select('id', 'external_id').whereIn('external_id', externalIds.slice(i, i + 5000));
    for (const row of rows) found.set(row.external_id as string, row.id as number);
    // PGlite answers within this thread without giving the event loop a turn: give it one (issue 17).
    await new Promise((resolve) => setImmediate(resolve));
  }
  return found;
}

/** Returns the housing units holding any of these codes: code → its id and external id. */
export async function findHousingUnitCodes(knex: Knex, codes: string[]): Promise<Map<string, { id: number; externalId: string | null }>> {
  const found = new Map<string, { id: number; externalId: string | null }>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await knex('housing_units').select('id', 'code', 'external_id').whereIn('code', codes.slice(i, i + 5000));
    for (const row of rows) found.set(row.code as string, { id: row.id as number, externalId: row.external_id as string | null });
  }
  return found;
}

/** Returns which of these zone ids exist. */
export async function findZoneIds(knex: Knex, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await knex('zones').select('id').whereIn('id', ids);
  return new Set(rows.map((row: { id: number }) => row.id));
}
