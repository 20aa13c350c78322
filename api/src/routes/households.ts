import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { getHousehold, listHouseholds } from '../db/households';
import { PRIORITIES } from '../domain/vocabulary';
import { DEFAULT_LIMIT, idParamsSchema, MAX_LIMIT } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound } from '../problem';

const listSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    offset: z.coerce.number().int().min(0).default(0),
    settlementId: z.coerce.number().int().min(1).optional(),
    priority: z
      .string()
      .transform((t) => t.split(',').map((v) => v.trim()))
      .pipe(z.array(z.enum(PRIORITIES)).min(1))
      .optional(),
    q: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

/** Returns the router of the pseudonymous household records (identity lives elsewhere). */
export function householdsRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/households', requirePermission('households:read'), async (req, res) => {
    const query = parseInput(listSchema, req.query, 'query');
    res.json(await listHouseholds(knex, query));
  });

  router.get('/households/:id', requirePermission('households:read'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const household = await getHousehold(knex, id);
    if (!household) throw notFound('household', id);
    res.setHeader('ETag', `"${household.version}"`);
    res.json(household);
  });

  context.registry.registerPath({
    method: 'get',
    path: '/api/households',
    summary: 'Pseudonymous households (no identity fields)',
    tags: ['households'],
    security: [{ session: [] }],
    request: { query: listSchema },
    responses: { 200: { description: 'A page of households' }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/households/{id}',
    summary: 'One pseudonymous household',
    tags: ['households'],
    security: [{ session: [] }],
    request: { params: idParamsSchema },
    responses: { 200: { description: 'The household' }, ...problemResponses(400, 401, 403, 404) },
  });
  return router;
}
