import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import {
  addInterventionUpdate,
  createIntervention,
  deleteIntervention,
  getIntervention,
  listInterventions,
  listInterventionUpdates,
  updateIntervention,
  type InterventionOutcome,
} from '../db/interventions';
import { INTERVENTION_STATUSES, INTERVENTION_TYPES } from '../domain/vocabulary';
import { requireIfMatch } from '../http/if-match';
import { DEFAULT_LIMIT, idParamsSchema, MAX_LIMIT } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { bodyId, isoDate as isoDateSchema, MAX_ID, queryId, queryInteger } from '../http/input-schemas';
import { actorOf } from '../http/actor-of';

const isoDate = isoDateSchema();
const id = bodyId();
const shortText = (max: number) => z.string().trim().min(1).max(max);

const fields = {
  externalId: shortText(100).nullable(),
  name: shortText(200),
  type: z.enum(INTERVENTION_TYPES),
  zoneId: id.nullable(),
  settlementId: id.nullable(),
  fundingProgramme: shortText(200).nullable(),
  budgetLei: z.number().min(0).max(999_999_999_999).nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  status: z.enum(INTERVENTION_STATUSES),
  progressPct: z.number().int().min(0).max(100),
  description: z.string().max(4000).nullable(),
};

const datesInOrder = (body: { startDate?: string | null; endDate?: string | null }) =>
  !body.startDate || !body.endDate || body.endDate >= body.startDate;
const datesMessage = { message: 'endDate must not be before startDate', path: ['endDate'] };

const createSchema = z
  .strictObject({
    ...fields,
    externalId: fields.externalId.optional(),
    zoneId: fields.zoneId.optional(),
    settlementId: fields.settlementId.optional(),
    fundingProgramme: fields.fundingProgramme.optional(),
    budgetLei: fields.budgetLei.optional(),
    startDate: fields.startDate.optional(),
    endDate: fields.endDate.optional(),
    status: fields.status.default('planned'),
    progressPct: fields.progressPct.default(0),
    description: fields.description.optional(),
  })
  .refine((body) => (body.zoneId ?? null) !== null || (body.settlementId ?? null) !== null, {
    message: 'name the zone or the settlement concerned (zoneId or settlementId)',
    path: ['zoneId'],
  })
  .refine(datesInOrder, datesMessage);

const patchSchema = z
  .strictObject(Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' })
  .refine(datesInOrder, datesMessage);

const updateSchema = z.strictObject({
  onDate: isoDate,
  progressPct: fields.progressPct,
  note: z.string().trim().max(2000).nullable().optional(),
});

const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const listSchema = z.strictObject({
  limit: queryInteger(1, MAX_LIMIT).default(DEFAULT_LIMIT),
  offset: queryInteger(0, MAX_ID).default(0),
  status: listParam(INTERVENTION_STATUSES).optional(),
  type: listParam(INTERVENTION_TYPES).optional(),
  zoneId: queryId().optional(),
  settlementId: queryId().optional(),
});

/** Returns the intervention of a finished write, or throws the problem of the other outcomes. */
function settle(res: { setHeader(name: string, value: string): unknown }, interventionId: number, sentVersion: number, outcome: InterventionOutcome) {
  switch (outcome.status) {
    case 'done':
      return outcome.intervention;
    case 'not-found':
      throw notFound('intervention', interventionId);
    case 'stale':
      res.setHeader('ETag', `"${outcome.current.version}"`);
      throw new ProblemError({
        status: 412,
        type: '/problems/version-conflict',
        title: 'The intervention changed since it was read',
        detail: `Intervention ${interventionId} is at version ${outcome.current.version}; the request was based on version ${sentVersion}. Reload it and apply your change again.`,
        extensions: { currentVersion: outcome.current.version, current: outcome.current },
      });
    case 'invalid':
      throw new ProblemError({
        status: 422,
        type: '/problems/invalid-intervention',
        title: 'Invalid intervention',
        detail: outcome.issues.map((i) => `${i.pointer}: ${i.detail}`).join('; '),
        errors: outcome.issues,
      });
  }
}

/** Returns the router of interventions: list, read, create, change, delete, and dated progress updates. */
export function interventionsRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/interventions', requirePermission('interventions:read'), async (req, res) => {
    const query = parseInput(listSchema, req.query, 'query');
    res.json(await listInterventions(knex, query));
  });

  router.get('/interventions/:id', requirePermission('interventions:read'), async (req, res) => {
    const { id: interventionId } = parseInput(idParamsSchema, req.params, 'params');
    const intervention = await getIntervention(knex, interventionId);
    if (!intervention) throw notFound('intervention', interventionId);
    res.setHeader('ETag', `"${intervention.version}"`);
    res.json(intervention);
  });

  router.post('/interventions', requirePermission('interventions:write'), async (req, res) => {
    const body = parseInput(createSchema, req.body, 'body');
    const intervention = settle(res, 0, 0, await createIntervention(knex, body, actorOf(req)));
    res.status(201).setHeader('Location', `/api/interventions/${intervention.id}`).setHeader('ETag', `"${intervention.version}"`);
    res.json(intervention);
  });

  router.patch('/interventions/:id', requirePermission('interventions:write'), async (req, res) => {
    const { id: interventionId } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const body = parseInput(patchSchema, req.body, 'body');
    const intervention = settle(res, interventionId, version, await updateIntervention(knex, interventionId, version, body, actorOf(req)));
    res.setHeader('ETag', `"${intervention.version}"`);
    res.json(intervention);
  });

  router.delete('/interventions/:id', requirePermission('interventions:write'), async (req, res) => {
    const { id: interventionId } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    settle(res, interventionId, version, await deleteIntervention(knex, interventionId, version, actorOf(req)));
    res.status(204).end();
  });

  router.get('/interventions/:id/updates', requirePermission('interventions:read'), async (req, res) => {
    const { id: interventionId } = parseInput(idParamsSchema, req.params, 'params');
    if (!(await getIntervention(knex, interventionId))) throw notFound('intervention', interventionId);
    res.json({ items: await listInterventionUpdates(knex, interventionId) });
  });

  // An update is appended, never edited, so it needs no If-Match; it moves the intervention's ETag on.
  router.post('/interventions/:id/updates', requirePermission('interventions:write'), async (req, res) => {
    const { id: interventionId } = parseInput(idParamsSchema, req.params, 'params');
    const body = parseInput(updateSchema, req.body, 'body');
    const result = await addInterventionUpdate(knex, interventionId, body, actorOf(req));
    if (!result) throw notFound('intervention', interventionId);
    res.status(201).setHeader('ETag', `"${result.intervention.version}"`);
    res.json(result);
  });

  const tags = ['interventions'];
  const security = [{ session: [] }];
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const ifMatch = z.object({ 'if-match': z.string().describe('the ETag from GET, e.g. "3"') });
  context.registry.registerPath({
    method: 'get',
    path: '/api/interventions',
    summary: 'Interventions (newest start first), filtered by status, type, zone or settlement',
    tags,
    security,
    request: { query: listSchema },
    responses: { 200: { description: 'A page of interventions' }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/interventions/{id}',
    summary: 'One intervention, with its version as ETag',
    tags,
    security,
    request: { params: idParamsSchema },
    responses: { 200: { description: 'The intervention' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/interventions',
    summary: 'Record an intervention (planners and admins)',
    tags,
    security,
    request: { body: json(createSchema) },
    responses: { 201: { description: 'The intervention; Location and ETag set' }, ...problemResponses(400, 401, 403, 422) },
  });
  context.registry.registerPath({
    method: 'patch',
    path: '/api/interventions/{id}',
    summary: 'Change an intervention; needs If-Match with the ETag from GET',
    tags,
    security,
    request: { params: idParamsSchema, headers: ifMatch, body: json(patchSchema) },
    responses: { 200: { description: 'The changed intervention with its new ETag' }, ...problemResponses(400, 401, 403, 404, 412, 422, 428) },
  });
  context.registry.registerPath({
    method: 'delete',
    path: '/api/interventions/{id}',
    summary: 'Delete an intervention and its updates; needs If-Match',
    tags,
    security,
    request: { params: idParamsSchema, headers: ifMatch },
    responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 412, 428) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/interventions/{id}/updates',
    summary: 'The dated progress updates of an intervention, oldest first',
    tags,
    security,
    request: { params: idParamsSchema },
    responses: { 200: { description: 'Progress updates' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/interventions/{id}/updates',
    summary: "Record dated progress (0–100 %) with a note; the intervention's progress becomes that of its latest update",
    tags,
    security,
    request: { params: idParamsSchema, body: json(updateSchema) },
    responses: { 201: { description: 'The update and the intervention (new ETag)' }, ...problemResponses(400, 401, 403, 404) },
  });
  return router;
}
