import type { Knex } from 'knex';
import type { Actor } from '../db/feature-snapshot';
import { createFeature, deleteFeature, updateFeature, type FeatureChange, type WriteOutcome } from '../db/feature-writes';
import type { Feature } from '../db/features';
import type { LayerDefinition } from '../db/layers';
import { findPlanHoldingUnit } from '../db/plan-holding-unit';
import { undoLastEdit, type UndoOutcome } from '../db/undo-edit';
import { UnitHeldByPlanError } from '../domain/unit-held-by-plan-error';
import { refreshAfterEdit } from '../domain/refresh-after-edit';

// Use cases of the planner's map edits. Issue 10: a feature write and the refresh of the access scores
// it changes are ONE transaction, so a failed refresh leaves neither the edit nor stale scores behind.
// (The db functions open their own transactions; inside this one they become savepoints.)

/** Creates a feature and refreshes the scores it affects, atomically; returns the created feature. */
export function createLayerFeature(knex: Knex, layer: LayerDefinition, change: Required<FeatureChange>, actor: Actor): Promise<Feature> {
  return knex.transaction(async (trx) => {
    const created = await createFeature(trx, layer, change, actor);
    await refreshAfterEdit(trx, layer.path, [created.id]);
    return created;
  });
}

/**
 * Updates a feature at `expectedVersion` and refreshes the scores it affects, atomically. Throws an
 * UnitHeldByPlanError when a housing unit that a plan holds would be marked available.
 */
export function updateLayerFeature(
  knex: Knex,
  layer: LayerDefinition,
  id: number,
  expectedVersion: number,
  change: FeatureChange,
  actor: Actor,
): Promise<WriteOutcome> {
  return knex.transaction(async (trx) => {
    if (layer.path === 'housing-units' && change.properties?.status === 'available') {
      const holding = await findPlanHoldingUnit(trx, id);
      if (holding) throw new UnitHeldByPlanError(id, holding.planId, holding.state);
    }
    const outcome = await updateFeature(trx, layer, id, expectedVersion, change, actor);
    if (outcome.status === 'done') await refreshAfterEdit(trx, layer.path, [id]);
    return outcome;
  });
}

/** Deletes a feature at `expectedVersion`; a deleted service changes every unit's score, in the same transaction. */
export function deleteLayerFeature(knex: Knex, layer: LayerDefinition, id: number, expectedVersion: number, actor: Actor): Promise<WriteOutcome> {
  return knex.transaction(async (trx) => {
    const outcome = await deleteFeature(trx, layer, id, expectedVersion, actor);
    if (outcome.status === 'done' && layer.path === 'services') await refreshAfterEdit(trx, layer.path);
    return outcome;
  });
}

/** Reverses the actor's last map edit and refreshes the scores it affects, atomically. */
export function undoLayerEdit(knex: Knex, actor: Actor): Promise<UndoOutcome> {
  return knex.transaction(async (trx) => {
    const outcome = await undoLastEdit(trx, actor);
    if (outcome.status !== 'done') return outcome;
    const { candidate } = outcome;
    // Undoing a create deletes a unit (nothing to score); anything else changes a unit or a service.
    if (outcome.action !== 'delete' || candidate.layer.path === 'services') {
      await refreshAfterEdit(trx, candidate.layer.path, [candidate.recordId]);
    }
    return outcome;
  });
}
