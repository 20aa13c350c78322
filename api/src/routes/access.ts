import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { COUNT_RADII_M } from '../db/access-queries';
import { recordAudit } from '../db/audit';
import { DEFAULT_ACCESS_CONFIG } from '../domain/access-config';
import { housingUnitAccess, pointAccess, settlementAccess, zoneAccess, type AccessOptions } from '../domain/access-card';
import { accessComparison, planAccess, unitComparisonRows } from '../domain/access-comparison';
import { createAccessOverlays, SCORE_LEGEND, type CachedBody } from '../domain/access-overlays';
import { refreshAccessScores } from '../domain/access-refresh';
import { ACCESS_SCORE_FORMULA } from '../domain/access-score';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/vocabulary';
import { idParamsSchema } from '../http/list-query';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { notFound, ProblemError } from '../problem';
import { queryInteger } from '../http/input-schemas';

const config = DEFAULT_ACCESS_CONFIG;
const MAX_N = 20;

/** A decimal number in a query string; '' and '1e3x' are refused (z.coerce would turn '' into 0). */
const decimal = (label: string, min: number, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a single number`) })
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)$/, `${label} must be a decimal number`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be ≥ ${min}`).max(max, `${label} must be ≤ ${max}`));

/** A comma-separated list parameter; each item parsed by `item`. */
const commaList = <O>(item: z.ZodType<O, string>, description: string, maxItems = 50) =>
  z
    .string()
    .describe(description)
    .transform((text) => [...new Set(text.split(',').map((v) => v.trim()))])
    .pipe(z.array(item).min(1).max(maxItems));

/** A whole number in a list item, between min and max. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const categoriesParam = commaList(z.enum(SERVICE_CATEGORIES), `one or more of: ${SERVICE_CATEGORIES.join(', ')} (comma-separated)`);
const nParam = queryInteger(1, MAX_N).describe('n of "distance to the n-th nearest" (default 3)').optional();
const cardQuery = z.object({ n: nParam, categories: categoriesParam.optional() }).strict();
const pointQuery = cardQuery.extend({ lon: decimal('lon', -180, 180), lat: decimal('lat', -90, 90) }).strict();
const gridQuery = z.object({ category: z.enum(['all', ...SERVICE_CATEGORIES]).default('all') }).strict();
const catchmentQuery = z
  .object({
    category: z.enum(SERVICE_CATEGORIES),
    radii: commaList(wholeNumber(50, 5000), 'radii in metres, 50–5000 (comma-separated, default 500,1000)', 5).default([500, 1000]),
  })
  .strict();
const comparisonQuery = z
  .object({
    housingUnitIds: commaList(wholeNumber(1, 2 ** 31 - 1), 'housing unit ids to add as rows (comma-separated)').optional(),
    categories: categoriesParam.optional(),
  })
  .strict();
const refreshBody = z.object({ housingUnitIds: z.array(z.number().int().min(1)).min(1).max(10_000).optional() }).strict().default({});

const optionsOf = (query: { n?: number; categories?: ServiceCategory[] }): AccessOptions => ({
  config,
  n: query.n ?? config.nthNearest,
  categories: query.categories ?? SERVICE_CATEGORIES,
});

/** Sends a cached overlay with its ETag; Express answers 304 when If-None-Match matches. */
function sendCached(res: Response, cached: CachedBody): void {
  res.setHeader('ETag', cached.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.type('application/geo+json').send(cached.body);
}

/** Returns the router of service access (issue 4): access cards, overlays, comparison, score refresh. */
export function accessRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;
  const overlays = createAccessOverlays(knex, optionsOf({}));

  router.get('/access', requirePermission('layers:read'), async (req, res) => {
    const query = parseInput(pointQuery, req.query, 'query');
    res.json(await pointAccess(knex, [query.lon, query.lat], optionsOf(query)));
  });

  router.get('/access/config', requirePermission('layers:read'), (_req, res) => {
    res.json({ method: 'geodesic', formula: ACCESS_SCORE_FORMULA, ...config, countRadiiM: COUNT_RADII_M, legend: SCORE_LEGEND });
  });

  const cardRoutes = [
    ['settlements', 'settlement', settlementAccess],
    ['zones', 'zone', zoneAccess],
    ['housing-units', 'housing unit', housingUnitAccess],
  ] as const;
  for (const [path, noun, load] of cardRoutes) {
    router.get(`/access/${path}/:id`, requirePermission('layers:read'), async (req, res) => {
      const { id } = parseInput(idParamsSchema, req.params, 'params');
      const query = parseInput(cardQuery, req.query, 'query');
      const card = await load(knex, id, optionsOf(query));
      if (!card) throw notFound(noun, id);
      res.json(card);
    });
  }

  router.get('/access/relocation-plans/:id', requirePermission('households:read'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const query = parseInput(cardQuery, req.query, 'query');
    const result = await planAccess(knex, id, optionsOf(query));
    if (!result) throw notFound('relocation plan', id);
    res.json(result);
  });

  router.get('/access/grid', requirePermission('layers:read'), async (req, res) => {
    const { category } = parseInput(gridQuery, req.query, 'query');
    sendCached(res, await overlays.grid(category));
  });

  router.get('/access/catchments', requirePermission('layers:read'), async (req, res) => {
    const { category, radii } = parseInput(catchmentQuery, req.query, 'query');
    sendCached(res, await overlays.catchments(category, [...radii].sort((a, b) => a - b)));
  });

  router.get('/access/comparison', requirePermission('layers:read'), async (req, res) => {
    const query = parseInput(comparisonQuery, req.query, 'query');
    const options = optionsOf(query);
    const unitRows = query.housingUnitIds ? await unitComparisonRows(knex, query.housingUnitIds, options) : [];
    const missing = (query.housingUnitIds ?? []).filter((id) => !unitRows.some((r) => r.id === id));
    if (missing.length > 0) throw notFound('housing unit', missing.join(', '));
    const wanted = new Set(options.categories);
    const placeRows = (await overlays.placeRows()).map((row) => ({ ...row, categories: row.categories.filter((c) => wanted.has(c.category)) }));
    res.json(accessComparison([...placeRows, ...unitRows], options));
  });

  router.post('/access/refresh', requirePermission('layers:write'), async (req, res) => {
    const body = parseInput(refreshBody, req.body ?? {}, 'body');
    const result = await knex.transaction(async (trx) => {
      const refreshed = await refreshAccessScores(trx, body.housingUnitIds, config);
      const asked = new Set(body.housingUnitIds ?? []).size;
      if (body.housingUnitIds && refreshed.updated < asked) {
        // Thrown inside the transaction: nothing is stored when an id is unknown.
        throw new ProblemError({
          status: 404,
          type: '/problems/not-found',
          title: 'Not found',
          detail: `Only ${refreshed.updated} of the ${asked} housing units asked for exist; nothing was refreshed.`,
          errors: [{ pointer: '/body/housingUnitIds', detail: 'contains ids of housing units that do not exist' }],
        });
      }
      await recordAudit(trx, {
        actorId: req.user?.id ?? null,
        actorUsername: req.user?.username ?? null,
        action: 'access.refresh',
        tableName: 'housing_units',
        requestId: req.id,
        details: { updated: refreshed.updated, housingUnitIds: body.housingUnitIds ?? 'all' },
      });
      return refreshed;
    });
    res.json({ updated: result.updated, formula: ACCESS_SCORE_FORMULA });
  });

  registerPaths(context);
  return router;
}

function registerPaths(context: AppContext): void {
  const common = { tags: ['access'], security: [{ session: [] }] };
  const card = 'Access card: method "geodesic", origin, atPoint {score, categories[]}, populationWeighted | null';
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access',
    summary: 'Service access from a point: nearest service, walking minutes, n-th nearest, counts within 500 m / 1 km / 2 km, score',
    request: { query: pointQuery },
    responses: { 200: { description: card }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access/config',
    summary: 'The access-score formula, weights, decay distances, walking speed and grid legend',
    responses: { 200: { description: 'Access configuration' }, ...problemResponses(401, 403) },
  });
  for (const [path, what] of [
    ['settlements', 'a settlement (representative point and population-weighted)'],
    ['zones', 'a zone (representative point; population-weighted when its population or its neighbourhoods’ is known)'],
    ['housing-units', 'a housing unit'],
  ] as const) {
    context.registry.registerPath({
      ...common,
      method: 'get',
      path: `/api/access/${path}/{id}`,
      summary: `Service access of ${what}`,
      request: { params: idParamsSchema, query: cardQuery },
      responses: { 200: { description: card }, ...problemResponses(400, 401, 403, 404) },
    });
  }
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access/relocation-plans/{id}',
    summary: "Access at a plan's origin (the household's settlement) and destination (its housing unit), and the gain per category",
    request: { params: idParamsSchema, query: cardQuery },
    responses: { 200: { description: 'origin, destination, gain' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access/grid',
    summary: 'Hexagon grid (~400 m) over the localities with the access score (overall or one category) and distances; cached, ETag',
    request: { query: gridQuery },
    responses: { 200: { description: 'GeoJSON FeatureCollection with a legend' }, 304: { description: 'Not modified' }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access/catchments',
    summary: 'Catchment discs (geodesic buffers) around every service of a category; cached, ETag',
    request: { query: catchmentQuery },
    responses: { 200: { description: 'GeoJSON FeatureCollection, largest radius first' }, 304: { description: 'Not modified' }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    ...common,
    method: 'get',
    path: '/api/access/comparison',
    summary: 'The Pata Rât communities beside the city average, each locality and chosen housing units, per category',
    request: { query: comparisonQuery },
    responses: { 200: { description: 'Comparison rows' }, ...problemResponses(400, 401, 403, 404) },
  });
  context.registry.registerPath({
    ...common,
    method: 'post',
    path: '/api/access/refresh',
    summary: 'Recompute the stored access score of all (or some) housing units',
    request: { body: { content: { 'application/json': { schema: refreshBody } } } },
    responses: { 200: { description: 'How many units were updated' }, ...problemResponses(400, 401, 403, 404) },
  });
}
