import type { Knex } from 'knex';
import { recordAudit } from './audit';
import { getFeature, type Feature } from './features';
import { geometryValue, snapshotFeature, toColumnValues, type Actor } from './feature-snapshot';
import type { LayerDefinition } from './layers';

/** A change to one feature: camelCase properties (as GET returns them) and/or a WGS84 geometry. */
export type FeatureChange = { properties?: Record<string, unknown>; geometry?: unknown };

/** How a versioned write ended: done, no such row, or the row has moved on from the version the client read. */
export type WriteOutcome =
  | { status: 'done'; feature: Feature | undefined }
  | { status: 'not-found' }
  | { status: 'stale'; current: Feature };

/** Thrown when the database stored nothing for a geometry it could not read (PGlite does this silently). */
export class GeometryNotStoredError extends Error {}

/** Appends the audit row of a feature write: what the row was before and after, in the same transaction. */
export async function auditFeatureWrite(
  trx: Knex.Transaction,
  layer: LayerDefinition,
  actor: Actor,
  action: 'create' | 'update' | 'delete',
  id: number,
  before: Feature | undefined,
  after: Feature | undefined,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(trx, {
    actorId: actor.id,
    actorUsername: actor.username,
    action,
    tableName: layer.table,
    recordId: id,
    requestId: actor.requestId,
    details: { layer: layer.path, version: (after ?? before)?.properties.version, before: before ?? null, after: after ?? null, ...extra },
  });
}

/** Inserts a feature of `layer` with its audit row; returns the stored feature as GET returns it. */
export async function createFeature(knex: Knex, layer: LayerDefinition, change: Required<FeatureChange>, actor: Actor): Promise<Feature> {
  return knex.transaction(async (trx) => {
    const [row] = await trx(layer.table)
      .insert({
        ...toColumnValues(layer, change.properties),
        geom: geometryValue(trx, layer, change.geometry),
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning('id');
    if (!row) throw new GeometryNotStoredError(`the database stored no ${layer.noun}`);
    const id = row.id as number;
    await auditFeatureWrite(trx, layer, actor, 'create', id, undefined, await snapshotFeature(trx, layer, id));
    return (await getFeature(trx, layer, id)) as Feature;
  });
}

/**
 * Changes the properties and/or geometry of one feature if it is still at `expectedVersion`, bumping the
 * version and recording the before and after state in the audit log; returns the outcome.
 */
export async function updateFeature(
  knex: Knex,
  layer: LayerDefinition,
  id: number,
  expectedVersion: number,
  change: FeatureChange,
  actor: Actor,
): Promise<WriteOutcome> {
  return knex.transaction(async (trx) => {
    const before = await snapshotFeature(trx, layer, id, true);
    if (!before) return { status: 'not-found' };
    if (before.properties.version !== expectedVersion) return { status: 'stale', current: (await getFeature(trx, layer, id)) as Feature };
    const updated = await trx(layer.table)
      .where({ id, version: expectedVersion })
      .update({
        ...toColumnValues(layer, change.properties ?? {}),
        ...(change.geometry !== undefined ? { geom: geometryValue(trx, layer, change.geometry) } : {}),
        version: trx.raw('version + 1'),
        updated_at: trx.fn.now(),
        updated_by: actor.id,
      });
    if (updated !== 1) throw new GeometryNotStoredError(`the database updated no ${layer.noun}`);
    await auditFeatureWrite(trx, layer, actor, 'update', id, before, await snapshotFeature(trx, layer, id));
    return { status: 'done', feature: await getFeature(trx, layer, id) };
  });
}

/** Deletes one feature if it is still at `expectedVersion`, recording its last state in the audit log; returns the outcome. */
export async function deleteFeature(
  knex: Knex,
  layer: LayerDefinition,
  id: number,
  expectedVersion: number,
  actor: Actor,
): Promise<WriteOutcome> {
  return knex.transaction(async (trx) => {
    const before = await snapshotFeature(trx, layer, id, true);
    if (!before) return { status: 'not-found' };
    if (before.properties.version !== expectedVersion) return { status: 'stale', current: (await getFeature(trx, layer, id)) as Feature };
    await trx(layer.table).where({ id }).delete();
    await auditFeatureWrite(trx, layer, actor, 'delete', id, before, undefined);
    return { status: 'done', feature: undefined };
  });
}
