import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { listFeatureHistory } from '../db/feature-history';
import type { WriteOutcome } from '../db/feature-writes';
import { getFeature } from '../db/features';
import { LAYERS, type LayerDefinition, type LayerName } from '../db/layers';
import { findUndoCandidate } from '../db/undo-edit';
import { constraintProblem } from '../http/constraint-problem';
import { geometryProblem } from '../http/geometry-problem';
import { requireIfMatch, staleVersion } from '../http/if-match';
import { createBodySchema, patchBodySchema, writeQuerySchema } from '../http/layer-bodies';
import { idParamsSchema } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { prepareGeometry } from '../http/prepare-geometry';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { createLayerFeature, deleteLayerFeature, undoLayerEdit, updateLayerFeature } from '../services/write-layer-feature';
import { MAX_ID, queryInteger } from '../http/input-schemas';
import { actorOf } from '../http/actor-of';

const historyQuerySchema = z
  .object({ limit: queryInteger(1, 500).default(50), offset: queryInteger(0, MAX_ID).default(0) })
  .strict();

const feature = z.object({ type: z.literal('Feature'), id: z.number().int(), geometry: z.unknown(), properties: z.record(z.string(), z.unknown()) });

/** A write body must be a JSON object; a `crs` member on the Feature is refused like one on its geometry. */
function checkBodyShape(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemError({
      status: 400,
      type: '/problems/invalid-request',
      title: 'Invalid request',
      detail: 'The body must be a GeoJSON Feature (a JSON object sent as application/json or application/geo+json).',
      errors: [{ pointer: '/body', detail: 'expected a JSON object' }],
    });
  }
  const object = body as Record<string, unknown>;
  if ('crs' in object) {
    throw geometryProblem([
      {
        code: 'crs-member',
        pointer: '/body/crs',
        detail: 'A "crs" member is not accepted: features are written in WGS84 longitude/latitude (RFC 7946 §4). To load data in another CRS, use an import with crs=EPSG:….',
      },
    ]);
  }
  return object;
}

/** Runs a write, turning constraint violations into problems that name the field. */
async function guarded<T>(noun: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw constraintProblem(error, noun) ?? error;
  }
}

function settle(layer: LayerDefinition, id: number, sentVersion: number, outcome: WriteOutcome) {
  if (outcome.status === 'not-found') throw notFound(layer.noun, id);
  if (outcome.status === 'stale') throw staleVersion(layer.noun, id, sentVersion, outcome.current);
  return outcome.feature;
}

function layerWriteRoutes(router: Router, context: AppContext, name: LayerName, layer: LayerDefinition): void {
  const { knex } = context.db;
  const createSchema = createBodySchema(name);
  const patchSchema = patchBodySchema(name);
  const base = `/${layer.path}`;

  router.post(base, requirePermission('layers:write'), async (req, res) => {
    const { repair } = parseInput(writeQuerySchema, req.query, 'query');
    const body = parseInput(createSchema, checkBodyShape(req.body), 'body');
    const prepared = await prepareGeometry(knex, context.config, layer, body.geometry, { repair });
    const created = await guarded(layer.noun, () =>
      createLayerFeature(knex, layer, { properties: body.properties, geometry: prepared.geometry }, actorOf(req)),
    );
    res.status(201).setHeader('Location', `/api/${layer.path}/${created.id}`).setHeader('ETag', `"${created.properties.version}"`);
    res.type('application/geo+json').json(prepared.repair ? { ...created, repair: prepared.repair } : created);
  });

  router.patch(`${base}/:id`, requirePermission('layers:write'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const { repair } = parseInput(writeQuerySchema, req.query, 'query');
    const body = parseInput(patchSchema, checkBodyShape(req.body), 'body');
    const prepared = body.geometry === undefined ? undefined : await prepareGeometry(knex, context.config, layer, body.geometry, { repair });
    const outcome = await guarded(layer.noun, () =>
      updateLayerFeature(knex, layer, id, version, { properties: body.properties, geometry: prepared?.geometry }, actorOf(req)),
    );
    if (outcome.status === 'stale') res.setHeader('ETag', `"${outcome.current.properties.version}"`);
    const updated = settle(layer, id, version, outcome)!;
    res.setHeader('ETag', `"${updated.properties.version}"`);
    res.type('application/geo+json').json(prepared?.repair ? { ...updated, repair: prepared.repair } : updated);
  });

  router.delete(`${base}/:id`, requirePermission('layers:write'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const outcome = await guarded(layer.noun, () => deleteLayerFeature(knex, layer, id, version, actorOf(req)));
    if (outcome.status === 'stale') res.setHeader('ETag', `"${outcome.current.properties.version}"`);
    settle(layer, id, version, outcome);
    res.status(204).end();
  });

  router.get(`${base}/:id/history`, requirePermission('layers:write'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const page = parseInput(historyQuerySchema, req.query, 'query');
    const history = await listFeatureHistory(knex, layer, id, page);
    if (history.total === 0 && !(await getFeature(knex, layer, id))) throw notFound(layer.noun, id);
    res.json({ layer: layer.path, id, total: history.total, entries: history.entries });
  });

  const security = [{ session: [] }];
  const tags = ['layer writes'];
  context.registry.registerPath({
    method: 'post',
    path: `/api/${layer.path}`,
    summary: `Create a ${layer.noun} from a GeoJSON Feature (geometry validated before the database)`,
    tags,
    security,
    request: { query: writeQuerySchema, body: { content: { 'application/json': { schema: createSchema } } } },
    responses: {
      201: { description: 'The created feature; Location and ETag set; `repair` when ?repair=true changed the geometry', content: { 'application/geo+json': { schema: feature } } },
      ...problemResponses(400, 401, 403, 409, 422),
    },
  });
  context.registry.registerPath({
    method: 'patch',
    path: `/api/${layer.path}/{id}`,
    summary: `Change properties and/or the geometry of a ${layer.noun}; needs If-Match with the ETag from GET`,
    tags,
    security,
    request: {
      params: idParamsSchema,
      query: writeQuerySchema,
      headers: z.object({ 'if-match': z.string().describe('the ETag from GET, e.g. "3"') }),
      body: { content: { 'application/json': { schema: patchSchema } } },
    },
    responses: {
      200: { description: 'The updated feature with its new ETag', content: { 'application/geo+json': { schema: feature } } },
      ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428),
    },
  });
  context.registry.registerPath({
    method: 'delete',
    path: `/api/${layer.path}/{id}`,
    summary: `Delete a ${layer.noun}; needs If-Match with the ETag from GET`,
    tags,
    security,
    request: { params: idParamsSchema, headers: z.object({ 'if-match': z.string() }) },
    responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409, 412, 428) },
  });
  context.registry.registerPath({
    method: 'get',
    path: `/api/${layer.path}/{id}/history`,
    summary: `Who changed this ${layer.noun}, what and when (from the audit log), newest first`,
    tags,
    security,
    request: { params: idParamsSchema, query: historyQuerySchema },
    responses: { 200: { description: 'History entries' }, ...problemResponses(400, 401, 403, 404) },
  });
}

/** Returns the router of map edits: create, change, delete, history per layer, and undo of the user's last edit. */
export function layerWritesRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;
  for (const [name, layer] of Object.entries(LAYERS) as Array<[LayerName, LayerDefinition]>) layerWriteRoutes(router, context, name, layer);

  router.get('/undo', requirePermission('layers:write'), async (req, res) => {
    const candidate = await findUndoCandidate(knex, actorOf(req).id);
    if (!candidate) throw nothingToUndo();
    const { auditId, action, layer, recordId, at, before, after } = candidate;
    res.json({ auditId, action, layer: layer.path, id: recordId, at, name: (after ?? before)?.properties.name ?? (after ?? before)?.properties.code ?? null });
  });

  router.post('/undo', requirePermission('layers:write'), async (req, res) => {
    const outcome = await guarded('feature', () => undoLayerEdit(knex, actorOf(req)));
    if (outcome.status === 'nothing') throw nothingToUndo();
    const { candidate } = outcome;
    const undone = { auditId: candidate.auditId, action: candidate.action, layer: candidate.layer.path, id: candidate.recordId, at: candidate.at };
    if (outcome.status === 'changed') {
      throw new ProblemError({
        status: 409,
        type: '/problems/undo-conflict',
        title: 'Cannot undo: the feature changed since',
        detail: `Your last edit (${candidate.action} of ${candidate.layer.noun} ${candidate.recordId}) cannot be undone: the ${candidate.layer.noun} was changed or removed after it.`,
        extensions: { undone, currentVersion: outcome.current?.properties.version ?? null, current: outcome.current ?? null },
      });
    }
    if (outcome.feature) res.setHeader('ETag', `"${outcome.feature.properties.version}"`);
    res.json({ undone, result: { action: outcome.action, feature: outcome.feature ?? null } });
  });

  context.registry.registerPath({
    method: 'get',
    path: '/api/undo',
    summary: 'The edit POST /api/undo would reverse: your last create, update or delete of a map feature',
    tags: ['layer writes'],
    security: [{ session: [] }],
    responses: { 200: { description: 'The edit' }, ...problemResponses(401, 403, 404) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/undo',
    summary: 'Undo your last map edit (create → delete, update → restore, delete → re-create); 409 if the feature changed since',
    tags: ['layer writes'],
    security: [{ session: [] }],
    responses: { 200: { description: 'What was undone and the resulting feature' }, ...problemResponses(401, 403, 404, 409) },
  });
  return router;
}

function nothingToUndo(): ProblemError {
  return new ProblemError({ status: 404, type: '/problems/nothing-to-undo', title: 'Nothing to undo', detail: 'You have no map edit left to undo.' });
}
