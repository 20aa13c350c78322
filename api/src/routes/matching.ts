import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { loadMatchingContext } from '../db/matching-context';
import { accessCategoriesFor, DEFAULT_CONCENTRATION_LIMITS, type ConcentrationLimits } from '../domain/candidate-score';
import { proposeBatch, rankCandidates } from '../domain/matching-proposal';
import { idParamsSchema } from '../http/list-query';
import { concentrationLimitsSchema } from '../http/concentration-limits';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { bodyId, queryInteger } from '../http/input-schemas';
import { checkSegregationTarget } from '../services/check-segregation-target';

// Matching (issue 5): the ranked candidate units of one household, and a batch proposal for many.
// Both only read: a chosen unit is applied by a plan transition to 'matched'.

const limit = queryInteger(1, 1000);
const rate = z.coerce.number().min(0.1).max(10_000);
const id = bodyId();

const candidateQuerySchema = z.strictObject({
  limit: queryInteger(1, 1000).default(20),
  includeIneligible: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  preferredLocalities: z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100)).max(10))
    .optional()
    .describe("overrides the household's own preferred localities (comma-separated)"),
  buildingLimit: limit.optional().describe(`households per building; default ${DEFAULT_CONCENTRATION_LIMITS.building}`),
  nearLimit: limit.optional().describe(`households within 250 m; default ${DEFAULT_CONCENTRATION_LIMITS.near}`),
  neighbourhoodPer10k: rate.optional().describe(`households per 10,000 inhabitants of the neighbourhood; default ${DEFAULT_CONCENTRATION_LIMITS.neighbourhoodPer10k}`),
  localityPer10k: rate.optional().describe(`households per 10,000 inhabitants of the locality; default ${DEFAULT_CONCENTRATION_LIMITS.localityPer10k}`),
});

const limitsSchema = concentrationLimitsSchema;

const unique = (list: number[]) => new Set(list).size === list.length;
const batchSchema = z.strictObject({
  householdIds: z.array(id).min(1).max(500).refine(unique, 'must not repeat a household'),
  unitIds: z.array(id).min(1).max(2000).refine(unique, 'must not repeat a unit').optional(),
  limits: limitsSchema.optional(),
  timeLimitSeconds: z.number().min(1).max(120).default(30),
  target: z
    .strictObject({
      units: z.enum(['neighbourhood', 'locality', 'hex']).default('neighbourhood'),
      maxDissimilarityRise: z.number().min(0).max(1).optional().describe('how much D may rise; 0: it must not rise'),
      maxCorrelationRatio: z.number().min(0).max(1).optional().describe('the highest η² allowed after the moves'),
    })
    .optional()
    .describe('a segregation target (issue 12): the proposal is checked against it and the breaches reported'),
});

/** Returns the limits of a request: each given one, else the default. */
function limitsOf(given: Partial<ConcentrationLimits>): ConcentrationLimits {
  return {
    building: given.building ?? DEFAULT_CONCENTRATION_LIMITS.building,
    near: given.near ?? DEFAULT_CONCENTRATION_LIMITS.near,
    neighbourhoodPer10k: given.neighbourhoodPer10k ?? DEFAULT_CONCENTRATION_LIMITS.neighbourhoodPer10k,
    localityPer10k: given.localityPer10k ?? DEFAULT_CONCENTRATION_LIMITS.localityPer10k,
  };
}

/** Returns the router of matching: candidate units of a household and the batch proposal. */
export function matchingRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/households/:id/candidate-units', requirePermission('households:read'), async (req, res) => {
    const { id: householdId } = parseInput(idParamsSchema, req.params, 'params');
    const query = parseInput(candidateQuerySchema, req.query, 'query');
    const limits = limitsOf({
      building: query.buildingLimit,
      near: query.nearLimit,
      neighbourhoodPer10k: query.neighbourhoodPer10k,
      localityPer10k: query.localityPer10k,
    });
    const matching = await loadMatchingContext(knex, { householdIds: [householdId], preferredLocalities: query.preferredLocalities });
    const household = matching.households[0];
    if (!household) throw notFound('household', householdId);
    const ranked = rankCandidates(matching, household, limits);
    const shown = query.includeIneligible ? ranked : ranked.filter((c) => c.eligible);
    const originDistances = matching.originDistances.get(householdId) ?? null;
    res.json({
      household: { id: household.id, code: household.code, ...household.profile, categories: accessCategoriesFor(household.profile) },
      origin: household.origin ? { ...household.origin, distances: originDistances } : null,
      limits,
      numberAvailable: ranked.length,
      numberEligible: ranked.filter((c) => c.eligible).length,
      numberMatched: shown.length,
      items: shown.slice(0, query.limit),
    });
  });

  router.post('/matching/batch', requirePermission('households:read'), async (req, res) => {
    const body = parseInput(batchSchema, req.body, 'body');
    const matching = await loadMatchingContext(knex, { householdIds: body.householdIds, unitIds: body.unitIds, withNearPairs: true });
    const errors: Array<{ pointer: string; detail: string }> = [];
    const foundHouseholds = new Set(matching.households.map((h) => h.id));
    body.householdIds.forEach((hid, i) => {
      if (!foundHouseholds.has(hid)) errors.push({ pointer: `/body/householdIds/${i}`, detail: `there is no household ${hid}` });
    });
    const foundUnits = new Set(matching.units.map((u) => u.id));
    body.unitIds?.forEach((uid, i) => {
      if (!foundUnits.has(uid)) errors.push({ pointer: `/body/unitIds/${i}`, detail: `unit ${uid} does not exist or is not available` });
    });
    if (errors.length > 0) {
      throw new ProblemError({
        status: 422,
        type: '/problems/invalid-batch',
        title: 'Invalid batch',
        detail: errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '),
        errors,
      });
    }
    const limits = limitsOf(body.limits ?? {});
    const proposal = await proposeBatch(matching, limits, { timeLimitSeconds: body.timeLimitSeconds });
    const segregation = body.target ? await checkSegregationTarget(knex, proposal, limits, body.target) : undefined;
    res.json({ households: matching.households.length, units: matching.units.length, ...proposal, ...(segregation ? { segregation } : {}) });
  });

  const tags = ['matching'];
  const security = [{ session: [] }];
  context.registry.registerPath({
    method: 'get',
    path: '/api/households/{id}/candidate-units',
    summary:
      'Available units ranked for a household: size fit (30), features (10), access gain from its origin (40), locality preference (10), minus a concentration penalty (up to 45), with warnings',
    tags,
    security,
    request: { params: idParamsSchema, query: candidateQuerySchema },
    responses: { 200: { description: '{ household, origin, limits, numberAvailable, numberEligible, numberMatched, items }' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/matching/batch',
    summary: 'Propose units for many households at once: maximum total score under the concentration limits (integer program, HiGHS); writes nothing',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: batchSchema } } } },
    responses: { 200: { description: '{ households, units, limits, assignments, unassigned, totalScore, greedyTotalScore, solver, segregation (with a target: indices before and after, met, breaches) }' }, ...problemResponses(400, 401, 403, 422) },
  });
  return router;
}
