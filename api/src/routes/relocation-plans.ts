import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { can } from '../auth/roles';
import { forbidden, requirePermission } from '../auth/session-middleware';
import {
  auditPlanExport,
  createPlan,
  getPlanDetail,
  listPlans,
  listPlansForExport,
  PLAN_EXPORT_COLUMNS,
  transitionPlan,
  updatePlan,
  type Plan,
  type PlanOutcome,
  type TransitionOutcome,
} from '../db/relocation-plans';
import {
  createSupportMeasure,
  deleteSupportMeasure,
  listSupportMeasures,
  updateSupportMeasure,
  type SupportMeasure,
  type SupportMeasureOutcome,
} from '../db/support-measures';
import { REQUIRED_FIELDS } from '../domain/plan-state-machine';
import { PLAN_STATES, SUPPORT_MEASURE_KINDS, SUPPORT_MEASURE_STATUSES } from '../domain/vocabulary';
import { requireIfMatch } from '../http/if-match';
import { DEFAULT_LIMIT, idParamsSchema, MAX_LIMIT } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { actorOf } from '../http/actor-of';
import { bodyId, isoDate as isoDateSchema, MAX_ID, programmeDate, queryId, queryInteger } from '../http/input-schemas';
import { csvField } from '../export/to-csv';

const id = bodyId();
const isoDate = isoDateSchema();
const note = z.string().trim().max(2000);
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const filterFields = {
  state: commaList(PLAN_STATES).optional(),
  householdId: queryId().optional(),
  caseworkerId: queryId().optional(),
  programme: z.string().trim().min(1).max(200).optional(),
  q: z.string().trim().min(1).max(40).optional(),
};
const listSchema = z.strictObject({
  limit: queryInteger(1, MAX_LIMIT).default(DEFAULT_LIMIT),
  offset: queryInteger(0, MAX_ID).default(0),
  ...filterFields,
});
const exportSchema = z.strictObject(filterFields);

const createSchema = z.strictObject({
  householdId: id,
  programme: z.string().trim().min(1).max(200).nullable().default(null),
  note: note.nullable().default(null),
});
const patchSchema = z
  .strictObject({ programme: z.string().trim().min(1).max(200).nullable().optional(), note: note.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });

const transitionSchema = z.strictObject({
  to: z.enum(PLAN_STATES),
  note: note.min(1).optional(),
  housingUnitId: id.optional(),
  moveDate: programmeDate().optional(),
});
const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1–200 visible ASCII characters (a UUID is a good key)')
  .optional();

/** Returns the request's Idempotency-Key header, undefined without one; a malformed key is a 400 problem. */
function idempotencyKeyOf(req: Request): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(req.get('idempotency-key'));
  if (parsed.success) return parsed.data;
  throw new ProblemError({
    status: 400,
    type: '/problems/invalid-request',
    title: 'Invalid request',
    detail: 'Idempotency-Key must be 1–200 visible ASCII characters (a UUID is a good key).',
    errors: [{ pointer: '/headers/idempotency-key', detail: 'must be 1–200 visible ASCII characters' }],
  });
}

const measureFields = {
  kind: z.enum(SUPPORT_MEASURE_KINDS),
  status: z.enum(SUPPORT_MEASURE_STATUSES),
  dueDate: isoDate.nullable(),
  note: note.nullable(),
};
const measureCreateSchema = z.strictObject({
  ...measureFields,
  status: measureFields.status.default('planned'),
  dueDate: measureFields.dueDate.default(null),
  note: measureFields.note.default(null),
});
const measurePatchSchema = z
  .strictObject({
    kind: measureFields.kind.optional(),
    status: measureFields.status.optional(),
    dueDate: measureFields.dueDate.optional(),
    note: measureFields.note.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });
const measureParamsSchema = idParamsSchema.extend({ measureId: queryId() });

function staleProblem(res: Response, noun: string, recordId: number, sentVersion: number | undefined, current: Plan | SupportMeasure): ProblemError {
  res.setHeader('ETag', `"${current.version}"`);
  return new ProblemError({
    status: 412,
    type: '/problems/version-conflict',
    title: `The ${noun} changed since it was read`,
    detail: `This ${noun} (id ${recordId}) is at version ${current.version}${sentVersion === undefined ? '' : `; the request was based on version ${sentVersion}`}. Reload it and apply your change again.`,
    extensions: { currentVersion: current.version, current },
  });
}

const conflict = (type: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemError({ status: 409, type, title: 'Conflict with the current state', detail, ...(extensions ? { extensions } : {}) });

const invalid = (issues: Array<{ pointer: string; detail: string }>) =>
  new ProblemError({
    status: 422,
    type: '/problems/invalid-plan',
    title: 'Invalid relocation plan',
    detail: issues.map((i) => `${i.pointer}: ${i.detail}`).join('; '),
    errors: issues,
  });

/** Returns the plan of a finished write, or throws the problem of the other outcomes. */
function settlePlan(res: Response, planId: number, sentVersion: number | undefined, outcome: PlanOutcome): Plan {
  switch (outcome.status) {
    case 'done':
      return outcome.plan;
    case 'not-found':
      throw notFound('relocation plan', planId);
    case 'stale':
      throw staleProblem(res, 'relocation plan', planId, sentVersion, outcome.current);
    case 'invalid':
      throw invalid(outcome.issues);
    case 'conflict':
      throw conflict(outcome.type, outcome.detail, outcome.extensions);
  }
}

/** Returns the result of a finished transition, or throws the problem of the other outcomes. */
function settleTransition(res: Response, planId: number, sentVersion: number | undefined, outcome: TransitionOutcome) {
  switch (outcome.status) {
    case 'done':
      return outcome;
    case 'not-found':
      throw notFound('relocation plan', planId);
    case 'stale':
      throw staleProblem(res, 'relocation plan', planId, sentVersion, outcome.current);
    case 'illegal':
      throw conflict(
        '/problems/illegal-transition',
        `A plan in state '${outcome.from}' cannot go to '${outcome.to}'; allowed next states: ${outcome.allowed.join(', ') || 'none (final state)'}.`,
        { from: outcome.from, to: outcome.to, allowed: outcome.allowed },
      );
    case 'invalid':
      throw invalid(outcome.issues);
    case 'conflict':
      throw conflict(outcome.type, outcome.detail, outcome.extensions);
  }
}

/** Returns the support measure of a finished write, or throws the problem of the other outcomes. */
function settleMeasure(res: Response, planId: number, measureId: number, sentVersion: number | undefined, outcome: SupportMeasureOutcome): SupportMeasure {
  switch (outcome.status) {
    case 'done':
      return outcome.measure;
    case 'not-found':
      throw measureId ? notFound(`support measure of plan ${planId}`, measureId) : notFound('relocation plan', planId);
    case 'stale':
      throw staleProblem(res, 'support measure', measureId, sentVersion, outcome.current);
    case 'plan-closed':
      throw conflict('/problems/plan-closed', `Plan ${planId} is ${outcome.planState}: it takes no new support measures.`);
  }
}

/** Returns the router of relocation plans: board list, CSV export, plan page, transitions and support measures. */
export function relocationPlansRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/relocation-plans', requirePermission('households:read'), async (req, res) => {
    const query = parseInput(listSchema, req.query, 'query');
    res.json(await listPlans(knex, query));
  });

  // Before /:id, which would otherwise take "export.csv" for an id.
  router.get('/relocation-plans/export.csv', requirePermission('households:read'), async (req, res) => {
    const query = parseInput(exportSchema, req.query, 'query');
    const rows = await listPlansForExport(knex, query);
    await auditPlanExport(knex, actorOf(req), rows.length, query);
    const lines = [PLAN_EXPORT_COLUMNS.join(','), ...rows.map((row) => PLAN_EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','))];
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="relocation-plans-${new Date().toISOString().slice(0, 10)}.csv"`)
      .setHeader('Cache-Control', 'no-store')
      .send(`${lines.join('\r\n')}\r\n`);
  });

  router.post('/relocation-plans', requirePermission('households:write'), async (req, res) => {
    const body = parseInput(createSchema, req.body, 'body');
    const plan = settlePlan(res, 0, undefined, await createPlan(knex, body, actorOf(req)));
    res.status(201).setHeader('Location', `/api/relocation-plans/${plan.id}`).setHeader('ETag', `"${plan.version}"`);
    res.json(plan);
  });

  router.get('/relocation-plans/:id', requirePermission('households:read'), async (req, res) => {
    const { id: planId } = parseInput(idParamsSchema, req.params, 'params');
    const plan = await getPlanDetail(knex, planId);
    if (!plan) throw notFound('relocation plan', planId);
    res.setHeader('ETag', `"${plan.version}"`);
    res.json(plan);
  });

  router.patch('/relocation-plans/:id', requirePermission('households:write'), async (req, res) => {
    const { id: planId } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const body = parseInput(patchSchema, req.body, 'body');
    const plan = settlePlan(res, planId, version, await updatePlan(knex, planId, version, body, actorOf(req)));
    res.setHeader('ETag', `"${plan.version}"`);
    res.json(plan);
  });

  router.post('/relocation-plans/:id/transitions', requirePermission('households:write'), async (req: Request, res) => {
    const { id: planId } = parseInput(idParamsSchema, req.params, 'params');
    const body = parseInput(transitionSchema, req.body, 'body');
    const idempotencyKey = idempotencyKeyOf(req);
    const version = req.get('if-match') === undefined ? undefined : requireIfMatch(req);
    const user = req.user as NonNullable<Request['user']>;
    if (body.to === 'approved' && !can(user.role, 'plans:approve')) throw forbidden(user.role, 'plans:approve');
    const result = settleTransition(
      res,
      planId,
      version,
      await transitionPlan(knex, planId, body, { idempotencyKey, expectedVersion: version }, actorOf(req)),
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.setHeader('ETag', `"${result.plan.version}"`);
    res.json({ plan: result.plan, event: result.event, replayed: result.replayed });
  });

  router.get('/relocation-plans/:id/support-measures', requirePermission('households:read'), async (req, res) => {
    const { id: planId } = parseInput(idParamsSchema, req.params, 'params');
    if (!(await knex('relocation_plans').where({ id: planId }).first('id'))) throw notFound('relocation plan', planId);
    res.json({ items: await listSupportMeasures(knex, planId) });
  });

  router.post('/relocation-plans/:id/support-measures', requirePermission('households:write'), async (req, res) => {
    const { id: planId } = parseInput(idParamsSchema, req.params, 'params');
    const body = parseInput(measureCreateSchema, req.body, 'body');
    const measure = settleMeasure(res, planId, 0, undefined, await createSupportMeasure(knex, planId, body, actorOf(req)));
    res
      .status(201)
      .setHeader('Location', `/api/relocation-plans/${planId}/support-measures/${measure.id}`)
      .setHeader('ETag', `"${measure.version}"`);
    res.json(measure);
  });

  router.patch('/relocation-plans/:id/support-measures/:measureId', requirePermission('households:write'), async (req, res) => {
    const { id: planId, measureId } = parseInput(measureParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const body = parseInput(measurePatchSchema, req.body, 'body');
    const measure = settleMeasure(res, planId, measureId, version, await updateSupportMeasure(knex, planId, measureId, version, body, actorOf(req)));
    res.setHeader('ETag', `"${measure.version}"`);
    res.json(measure);
  });

  router.delete('/relocation-plans/:id/support-measures/:measureId', requirePermission('households:write'), async (req, res) => {
    const { id: planId, measureId } = parseInput(measureParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    settleMeasure(res, planId, measureId, version, await deleteSupportMeasure(knex, planId, measureId, version, actorOf(req)));
    res.status(204).end();
  });

  const tags = ['relocation plans'];
  const security = [{ session: [] }];
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const ifMatch = z.object({ 'if-match': z.string().describe('the ETag from GET, e.g. "3"') });
  const register = (method: 'get' | 'post' | 'patch' | 'delete', path: string, summary: string, request: object, responses: object) =>
    context.registry.registerPath({ method, path, summary, tags, security, request, responses: responses as never });
  register('get', '/api/relocation-plans', 'Relocation plans (by code), filtered by state, household, caseworker, programme or code', { query: listSchema }, {
    200: { description: '{ items: Plan[], numberMatched }' },
    ...problemResponses(400, 401, 403),
  });
  register('get', '/api/relocation-plans/export.csv', 'CSV export of plans, pseudonymous columns only (audited)', { query: exportSchema }, {
    200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401, 403),
  });
  register('post', '/api/relocation-plans', 'Open a draft plan for a household (one open plan per household)', { body: json(createSchema) }, {
    201: { description: 'The plan' },
    ...problemResponses(400, 401, 403, 409, 422),
  });
  register('get', '/api/relocation-plans/{id}', 'One plan with household, origin, destination, access gain, timeline and support measures', { params: idParamsSchema }, {
    200: { description: 'The plan detail, with its version as ETag' },
    ...problemResponses(400, 401, 403, 404),
  });
  register('patch', '/api/relocation-plans/{id}', "Change a plan's programme or note (If-Match required)", {
    params: idParamsSchema,
    headers: ifMatch,
    body: json(patchSchema),
  }, { 200: { description: 'The plan' }, ...problemResponses(400, 401, 403, 404, 412, 428) });
  register(
    'post',
    '/api/relocation-plans/{id}/transitions',
    `Move a plan to its next state. Required fields: ${Object.entries(REQUIRED_FIELDS)
      .map(([state, list]) => `${state}: ${list?.join(', ')}`)
      .join('; ')}. Idempotency-Key applies a repeated request once; If-Match is optional. Approving needs plans:approve.`,
    {
      params: idParamsSchema,
      headers: z.object({ 'idempotency-key': idempotencyKeySchema, 'if-match': z.string().optional() }),
      body: json(transitionSchema),
    },
    { 200: { description: '{ plan, event, replayed }' }, ...problemResponses(400, 401, 403, 404, 409, 412, 422) },
  );
  register('get', '/api/relocation-plans/{id}/support-measures', 'Support measures of a plan', { params: idParamsSchema }, {
    200: { description: '{ items: SupportMeasure[] }' },
    ...problemResponses(400, 401, 403, 404),
  });
  register('post', '/api/relocation-plans/{id}/support-measures', 'Add a support measure', { params: idParamsSchema, body: json(measureCreateSchema) }, {
    201: { description: 'The support measure' },
    ...problemResponses(400, 401, 403, 404, 409),
  });
  register('patch', '/api/relocation-plans/{id}/support-measures/{measureId}', 'Change a support measure (If-Match required)', {
    params: measureParamsSchema,
    headers: ifMatch,
    body: json(measurePatchSchema),
  }, { 200: { description: 'The support measure' }, ...problemResponses(400, 401, 403, 404, 412, 428) });
  register('delete', '/api/relocation-plans/{id}/support-measures/{measureId}', 'Delete a support measure (If-Match required)', {
    params: measureParamsSchema,
    headers: ifMatch,
  }, { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 412, 428) });
  return router;
}
