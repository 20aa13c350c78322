import type { Knex } from 'knex';
import { sameFeatureState } from '../domain/feature-changes';
import { auditFeatureWrite } from './feature-writes';
import { geometryValue, snapshotFeature, toColumnValues, type Actor } from './feature-snapshot';
import { getFeature, type Feature } from './features';
import { LAYERS, type LayerDefinition } from './layers';

/** The edit an undo would reverse: one create, update or delete of a map feature by this user. */
export type UndoCandidate = {
  auditId: number;
  action: 'create' | 'update' | 'delete';
  layer: LayerDefinition;
  recordId: number;
  at: string;
  before: Feature | null;
  after: Feature | null;
};

export type UndoOutcome =
  | { status: 'nothing' }
  | { status: 'changed'; candidate: UndoCandidate; current: Feature | undefined }
  | { status: 'done'; candidate: UndoCandidate; action: 'create' | 'update' | 'delete'; feature: Feature | undefined };

const LAYER_BY_TABLE = new Map<string, LayerDefinition>(Object.values(LAYERS).map((layer) => [layer.table, layer]));

/**
 * Returns the user's most recent map edit that is neither an undo nor already undone (so repeated
 * undos walk back through the user's edits); undefined when there is none. Imports are not undoable.
 */
export async function findUndoCandidate(knex: Knex | Knex.Transaction, actorId: number): Promise<UndoCandidate | undefined> {
  const row = await knex('audit_log as a')
    .select('a.id', 'a.at', 'a.action', 'a.table_name', 'a.record_id', 'a.details')
    .where('a.actor_id', actorId)
    .whereIn('a.table_name', [...LAYER_BY_TABLE.keys()])
    .whereIn('a.action', ['create', 'update', 'delete'])
    .whereRaw(`a.details->>'undoOf' is null`)
    .whereNotExists((sub) => sub.select(knex.raw('1')).from('audit_log as u').whereRaw(`u.details->>'undoOf' = a.id::text`))
    .orderBy('a.id', 'desc')
    .first();
  if (!row) return undefined;
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as { before: Feature | null; after: Feature | null };
  return {
    auditId: Number(row.id),
    action: row.action,
    layer: LAYER_BY_TABLE.get(row.table_name) as LayerDefinition,
    recordId: Number(row.record_id),
    at: row.at instanceof Date ? row.at.toISOString() : String(row.at),
    before: details.before,
    after: details.after,
  };
}

/** Writes `state` (a snapshot from the audit log) back into the row, bumping its version. */
async function restore(trx: Knex.Transaction, layer: LayerDefinition, id: number, state: Feature, actor: Actor): Promise<void> {
  await trx(layer.table)
    .where({ id })
    .update({
      ...toColumnValues(layer, state.properties),
      geom: geometryValue(trx, layer, state.geometry),
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
      updated_by: actor.id,
    });
}

/**
 * Reverses the user's last map edit in one transaction — a create is deleted, an update restored to its
 * before state, a delete re-created with its id — unless the feature changed since (then nothing is
 * written and the outcome is 'changed'). The reversal is audited with `undoOf` pointing at the edit.
 */
export async function undoLastEdit(knex: Knex, actor: Actor): Promise<UndoOutcome> {
  return knex.transaction(async (trx) => {
    const candidate = await findUndoCandidate(trx, actor.id);
    if (!candidate) return { status: 'nothing' };
    const { layer, recordId: id } = candidate;
    const current = await snapshotFeature(trx, layer, id, true);
    const undoOf = { undoOf: candidate.auditId };
    if (candidate.action === 'delete') {
      const before = candidate.before as Feature;
      if (current) return { status: 'changed', candidate, current: await getFeature(trx, layer, id) };
      await trx(layer.table).insert({
        id,
        ...toColumnValues(layer, before.properties),
        geom: geometryValue(trx, layer, before.geometry),
        // A higher version than the deleted row had, so a client still holding that one gets a 412.
        version: Number(before.properties.version) + 1,
        created_by: actor.id,
        updated_by: actor.id,
      });
      await auditFeatureWrite(trx, layer, actor, 'create', id, undefined, await snapshotFeature(trx, layer, id), undoOf);
      return { status: 'done', candidate, action: 'create', feature: await getFeature(trx, layer, id) };
    }
    // "Changed since" compares content, not versions: undoing the user's later edits bumped the version
    // but brought the feature back to exactly the state this edit left it in.
    if (!sameFeatureState(current, candidate.after)) {
      return { status: 'changed', candidate, current: current ? await getFeature(trx, layer, id) : undefined };
    }
    if (candidate.action === 'create') {
      await trx(layer.table).where({ id }).delete();
      await auditFeatureWrite(trx, layer, actor, 'delete', id, current, undefined, undoOf);
      return { status: 'done', candidate, action: 'delete', feature: undefined };
    }
    await restore(trx, layer, id, candidate.before as Feature, actor);
    await auditFeatureWrite(trx, layer, actor, 'update', id, current, await snapshotFeature(trx, layer, id), undoOf);
    return { status: 'done', candidate, action: 'update', feature: await getFeature(trx, layer, id) };
  });
}
