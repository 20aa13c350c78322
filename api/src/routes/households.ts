import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { can } from '../auth/roles';
import { RefusalLimit } from '../auth/refusal-limit';
import { forbidden, requirePermission, requireSession } from '../auth/session-middleware';
import { createIdentityKeyring, IdentityIntegrityError, IdentityKeyUnavailableError, type IdentityKeyring } from '../crypto/identity-cipher';
import {
  auditIdentityRefusal,
  eraseIdentity,
  readIdentity,
  writeIdentity,
  type IdentityOutcome,
} from '../db/household-identities';
import {
  createHousehold,
  getHousehold,
  listHouseholds,
  updateHousehold,
  type Household,
  type HouseholdOutcome,
} from '../db/households';
import { HOUSEHOLD_NEEDS, PLAN_STATES, PRIORITIES } from '../domain/vocabulary';
import { requireIfMatch } from '../http/if-match';
import { DEFAULT_LIMIT, idParamsSchema, MAX_LIMIT } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { todayInCity } from '../../../contracts/city-date';
import { bodyId, MAX_ID, pastOrTodayDate, queryId, queryInteger } from '../http/input-schemas';
import { actorOf } from '../http/actor-of';

const consentDate = pastOrTodayDate();
const id = bodyId();
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const listSchema = z
  .object({
    limit: queryInteger(1, MAX_LIMIT).default(DEFAULT_LIMIT),
    offset: queryInteger(0, MAX_ID).default(0),
    settlementId: queryId().optional(),
    priority: commaList(PRIORITIES).optional(),
    caseworkerId: queryId().optional(),
    planState: commaList([...PLAN_STATES, 'none'] as const).optional(),
    needs: commaList(HOUSEHOLD_NEEDS).optional(),
    q: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

const fields = {
  settlementId: id.nullable(),
  adults: z.number().int().min(1).max(30),
  children: z.number().int().min(0).max(30),
  seniors: z.number().int().min(0).max(30),
  disabledMembers: z.number().int().min(0).max(60),
  needs: z
    .array(z.enum(HOUSEHOLD_NEEDS))
    .max(HOUSEHOLD_NEEDS.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a need'),
  priority: z.enum(PRIORITIES),
  caseworkerId: id.nullable(),
  consentProcessing: z.boolean(),
  consentProcessingDate: consentDate.nullable(),
  consentSharing: z.boolean(),
  consentSharingDate: consentDate.nullable(),
  preferredLocalities: z.array(z.string().trim().min(1).max(100)).max(10),
};

const createSchema = z.strictObject({
  ...fields,
  settlementId: fields.settlementId.default(null),
  children: fields.children.default(0),
  seniors: fields.seniors.default(0),
  disabledMembers: fields.disabledMembers.default(0),
  needs: fields.needs.default([]),
  priority: fields.priority.default('medium'),
  caseworkerId: fields.caseworkerId.optional(),
  consentProcessing: fields.consentProcessing.default(false),
  consentProcessingDate: fields.consentProcessingDate.optional(),
  consentSharing: fields.consentSharing.default(false),
  consentSharingDate: fields.consentSharingDate.optional(),
  preferredLocalities: fields.preferredLocalities.default([]),
});

const patchSchema = z
  .strictObject(Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });

const identitySchema = z.strictObject({
  members: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        idCardNumber: z.string().trim().min(1).max(40).nullable().default(null),
      }),
    )
    .min(1)
    .max(30),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,24}$/, 'must be a phone number (digits, spaces, + ( ) - . /)')
    .nullable()
    .default(null),
});

/** Fills a consent date the client left out: today when consent is given, none when it is withdrawn. */
function withConsentDates<T extends { consentProcessing?: boolean; consentProcessingDate?: string | null; consentSharing?: boolean; consentSharingDate?: string | null }>(
  body: T,
): T {
  const filled = { ...body };
  if (filled.consentProcessing !== undefined && filled.consentProcessingDate === undefined) {
    filled.consentProcessingDate = filled.consentProcessing ? todayInCity() : null;
  }
  if (filled.consentSharing !== undefined && filled.consentSharingDate === undefined) {
    filled.consentSharingDate = filled.consentSharing ? todayInCity() : null;
  }
  return filled;
}

/** Returns the household of a finished write, or throws the problem of the other outcomes. */
function settle(res: Response, householdId: number, sentVersion: number, outcome: HouseholdOutcome): Household {
  switch (outcome.status) {
    case 'done':
      return outcome.household;
    case 'not-found':
      throw notFound('household', householdId);
    case 'stale':
      res.setHeader('ETag', `"${outcome.current.version}"`);
      throw new ProblemError({
        status: 412,
        type: '/problems/version-conflict',
        title: 'The household changed since it was read',
        detail: `Household ${householdId} is at version ${outcome.current.version}; the request was based on version ${sentVersion}. Reload it and apply your change again.`,
        extensions: { currentVersion: outcome.current.version, current: outcome.current },
      });
    case 'invalid':
      throw new ProblemError({
        status: 422,
        type: '/problems/invalid-household',
        title: 'Invalid household',
        detail: outcome.issues.map((i) => `${i.pointer}: ${i.detail}`).join('; '),
        errors: outcome.issues,
      });
  }
}

/** Returns the identity record of a finished identity write, or throws the problem of the other outcomes. */
function settleIdentity(res: Response, householdId: number, outcome: IdentityOutcome) {
  switch (outcome.status) {
    case 'done':
      return outcome;
    case 'not-found':
      throw notFound('household identity', householdId);
    case 'precondition-required':
      res.setHeader('ETag', `"${outcome.currentVersion}"`);
      throw new ProblemError({
        status: 428,
        type: '/problems/precondition-required',
        title: 'If-Match required',
        detail: `Household ${householdId} already has an identity record (version ${outcome.currentVersion}): send If-Match to replace it.`,
        extensions: { currentVersion: outcome.currentVersion },
      });
    case 'stale':
      res.setHeader('ETag', `"${outcome.currentVersion}"`);
      throw new ProblemError({
        status: 412,
        type: '/problems/version-conflict',
        title: 'The identity changed since it was read',
        detail: `The identity of household ${householdId} is at version ${outcome.currentVersion}; reload it and apply your change again.`,
        extensions: { currentVersion: outcome.currentVersion },
      });
  }
}

/** Returns the 503 problem of a server started without PUNTE_IDENTITY_KEY. */
function keyMissing(): ProblemError {
  return new ProblemError({
    status: 503,
    type: '/problems/identity-key-missing',
    title: 'Identity encryption is not configured',
    detail: 'This server has no PUNTE_IDENTITY_KEY, so identity data can be neither read nor written.',
  });
}

/** Returns the problem of an identity row that cannot be decrypted, saying why without leaking data. */
function cipherProblem(error: unknown): ProblemError | undefined {
  if (error instanceof IdentityKeyUnavailableError) {
    return new ProblemError({ status: 503, type: '/problems/identity-key-missing', title: 'Identity key unavailable', detail: error.message });
  }
  if (error instanceof IdentityIntegrityError) {
    return new ProblemError({ status: 500, type: '/problems/identity-integrity', title: 'Identity record failed authentication', detail: error.message });
  }
  return undefined;
}

/** Returns the router of households: the pseudonymous records and, apart, their encrypted identity. */
export function householdsRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;
  const keyring: IdentityKeyring | undefined = context.config.identityKey
    ? createIdentityKeyring(context.config.identityKey, context.config.identityPreviousKeys)
    : undefined;

  /**
   * Returns the household whose identity the user may touch: admins any, caseworkers only those
   * assigned to them (least privilege, GDPR Art. 25). A refusal is audited, then answered 403.
   */
  const refusals = new RefusalLimit();
  async function identityHousehold(req: Request, permission: 'identities:read' | 'identities:write', action: string): Promise<Household> {
    const { id: householdId } = parseInput(idParamsSchema, req.params, 'params');
    const user = req.user as NonNullable<Request['user']>;
    if (!can(user.role, permission)) {
      await auditIdentityRefusal(knex, actorOf(req), householdId, action, `role ${user.role}`, refusals.admit(user.id));
      throw forbidden(user.role, permission);
    }
    const household = await getHousehold(knex, householdId);
    if (!household) throw notFound('household', householdId);
    if (user.role !== 'admin' && household.caseworkerId !== user.id) {
      await auditIdentityRefusal(knex, actorOf(req), householdId, action, 'not the assigned caseworker', refusals.admit(user.id));
      throw new ProblemError({
        status: 403,
        type: '/problems/forbidden',
        title: 'Forbidden',
        detail: `Only the caseworker assigned to household ${household.code} and administrators may access its identity.`,
      });
    }
    if (!keyring) throw keyMissing();
    return household;
  }

  router.get('/households', requirePermission('households:read'), async (req, res) => {
    const query = parseInput(listSchema, req.query, 'query');
    res.json(await listHouseholds(knex, query));
  });

  router.post('/households', requirePermission('households:write'), async (req, res) => {
    const body = withConsentDates(parseInput(createSchema, req.body, 'body'));
    const user = req.user as NonNullable<Request['user']>;
    // A caseworker's new household is theirs; giving it to someone else is an assignment.
    const caseworkerId = body.caseworkerId === undefined ? (user.role === 'caseworker' ? user.id : null) : body.caseworkerId;
    if (caseworkerId !== (user.role === 'caseworker' ? user.id : null) && !can(user.role, 'households:assign')) {
      throw forbidden(user.role, 'households:assign');
    }
    const household = settle(
      res,
      0,
      0,
      await createHousehold(
        knex,
        {
          ...body,
          caseworkerId,
          consentProcessingDate: body.consentProcessingDate ?? null,
          consentSharingDate: body.consentSharingDate ?? null,
        },
        actorOf(req),
      ),
    );
    res.status(201).setHeader('Location', `/api/households/${household.id}`).setHeader('ETag', `"${household.version}"`);
    res.json(household);
  });

  router.get('/households/:id', requirePermission('households:read'), async (req, res) => {
    const { id: householdId } = parseInput(idParamsSchema, req.params, 'params');
    const household = await getHousehold(knex, householdId);
    if (!household) throw notFound('household', householdId);
    res.setHeader('ETag', `"${household.version}"`);
    res.json(household);
  });

  router.patch('/households/:id', requirePermission('households:write'), async (req, res) => {
    const { id: householdId } = parseInput(idParamsSchema, req.params, 'params');
    const version = requireIfMatch(req);
    const body = withConsentDates(parseInput(patchSchema, req.body, 'body'));
    const user = req.user as NonNullable<Request['user']>;
    const current = await getHousehold(knex, householdId);
    if (!current) throw notFound('household', householdId);
    // Issue 17: a household's record is changed by its assigned caseworker or an administrator only.
    if (!can(user.role, 'households:assign') && current.caseworkerId !== user.id) {
      throw new ProblemError({
        status: 403,
        type: '/problems/forbidden',
        title: 'Forbidden',
        detail: `Only the caseworker assigned to household ${current.code} and administrators may change its record.`,
      });
    }
    if (body.caseworkerId !== undefined && !can(user.role, 'households:assign') && current.caseworkerId !== body.caseworkerId) {
      throw forbidden(user.role, 'households:assign');
    }
    const household = settle(res, householdId, version, await updateHousehold(knex, householdId, version, body, actorOf(req)));
    res.setHeader('ETag', `"${household.version}"`);
    res.json(household);
  });

  router.get('/households/:id/identity', requireSession, async (req, res) => {
    const household = await identityHousehold(req, 'identities:read', 'identity.read');
    let record;
    try {
      record = await readIdentity(knex, keyring as IdentityKeyring, household.id, actorOf(req));
    } catch (error) {
      throw cipherProblem(error) ?? error;
    }
    if (!record) throw notFound('household identity', household.id);
    res.setHeader('ETag', `"${record.version}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(record);
  });

  router.put('/households/:id/identity', requireSession, async (req, res) => {
    const household = await identityHousehold(req, 'identities:write', 'identity.write');
    const body = parseInput(identitySchema, req.body, 'body');
    const version = req.get('if-match') === undefined ? undefined : requireIfMatch(req);
    const outcome = settleIdentity(res, household.id, await writeIdentity(knex, keyring as IdentityKeyring, household.id, body, version, actorOf(req)));
    res.status(outcome.created ? 201 : 200).setHeader('ETag', `"${outcome.record.version}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(outcome.record);
  });

  router.delete('/households/:id/identity', requireSession, async (req, res) => {
    const household = await identityHousehold(req, 'identities:write', 'identity.erase');
    const version = req.get('if-match') === undefined ? undefined : requireIfMatch(req);
    const outcome = settleIdentity(res, household.id, await eraseIdentity(knex, household.id, version, actorOf(req)));
    res.setHeader('ETag', `"${outcome.record.version}"`);
    res.json(outcome.record);
  });

  const tags = ['households'];
  const security = [{ session: [] }];
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const ifMatch = z.object({ 'if-match': z.string().describe('the ETag from GET, e.g. "3"') });
  context.registry.registerPath({
    method: 'get',
    path: '/api/households',
    summary: 'Pseudonymous households (no identity fields), with their newest plan',
    tags,
    security,
    request: { query: listSchema },
    responses: { 200: { description: 'A page of households: { items, numberMatched }' }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/households',
    summary: 'Record a household; its code (HH-0283...) is assigned. A caseworker becomes its caseworker.',
    tags,
    security,
    request: { body: json(createSchema) },
    responses: { 201: { description: 'The household, with ETag' }, ...problemResponses(400, 401, 403, 422) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/households/{id}',
    summary: 'One pseudonymous household, with its version as ETag',
    tags,
    security,
    request: { params: idParamsSchema },
    responses: { 200: { description: 'The household' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    method: 'patch',
    path: '/api/households/{id}',
    summary: 'Change a household (If-Match required); changing its caseworker needs households:assign',
    tags,
    security,
    request: { params: idParamsSchema, headers: ifMatch, body: json(patchSchema) },
    responses: { 200: { description: 'The household' }, ...problemResponses(400, 401, 403, 404, 412, 422, 428) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/households/{id}/identity',
    summary: 'The decrypted identity (assigned caseworker and admins only); every read is audited',
    tags,
    security,
    request: { params: idParamsSchema },
    responses: { 200: { description: 'The identity record; identity is null once erased' }, ...problemResponses(400, 401, 403, 404, 503) },
  });
  context.registry.registerPath({
    method: 'put',
    path: '/api/households/{id}/identity',
    summary: 'Record or replace the identity (encrypted with AES-256-GCM); replacing needs If-Match',
    tags,
    security,
    request: { params: idParamsSchema, body: json(identitySchema) },
    responses: { 200: { description: 'Replaced' }, 201: { description: 'Recorded' }, ...problemResponses(400, 401, 403, 404, 412, 428, 503) },
  });
  context.registry.registerPath({
    method: 'delete',
    path: '/api/households/{id}/identity',
    summary: 'Erase the identity on request; the pseudonymous household and its history stay',
    tags,
    security,
    request: { params: idParamsSchema },
    responses: { 200: { description: 'The erased record (identity null, erasedAt set)' }, ...problemResponses(400, 401, 403, 404, 503) },
  });
  return router;
}
