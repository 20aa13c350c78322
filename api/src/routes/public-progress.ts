import { Router, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import {
  buildInterventions,
  countAreasSchema,
  interventionAreasSchema,
  interventionsSchema,
  progressSchema,
} from '../services/build-public-release';
import { publicSegregationSchema } from '../../../contracts/public-segregation';
import { currentRelease } from '../services/public-releases';
import { publicRateLimit } from '../http/public-rate-limit';

// The public progress API (issue 6): no session, aggregated figures only, each document built and checked
// by services/build-public-release.ts.

/**
 * Public figures come from a stored release, which never changes: browsers and proxies may keep them an hour
 * (a new month's release then shows within the hour).
 */
function sendPublic(res: Response, type: string, body: unknown): void {
  res.setHeader('Cache-Control', 'public, max-age=3600');
  res.type(type).json(body);
}

/** Returns the router of /api/public/* progress figures: key figures, tables, maps and interventions. */
export function publicProgressRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;
  const k = context.config.disclosureK;

  // Issue 15: every figure about households comes from the stored release of the last complete month.
  router.use('/public', publicRateLimit());
  router.get('/public/progress', async (_req, res) => {
    sendPublic(res, 'application/json', (await currentRelease(knex, k)).progress);
  });
  router.get('/public/origin-settlements', async (_req, res) => {
    sendPublic(res, 'application/geo+json', (await currentRelease(knex, k)).originSettlements);
  });
  router.get('/public/destination-localities', async (_req, res) => {
    sendPublic(res, 'application/geo+json', (await currentRelease(knex, k)).destinationLocalities);
  });
  router.get('/public/segregation', async (_req, res) => {
    sendPublic(res, 'application/json', (await currentRelease(knex, k)).segregation);
  });
  router.get('/public/interventions', async (_req, res) => {
    sendPublic(res, 'application/json', (await buildInterventions(knex)).interventions);
  });
  router.get('/public/intervention-areas', async (_req, res) => {
    sendPublic(res, 'application/geo+json', (await buildInterventions(knex)).interventionAreas);
  });

  const tags = ['public'];
  const geo = (schema: z.ZodType) => ({ content: { 'application/geo+json': { schema } } });
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const note = 'Counts are 0 or at least k, rounded to 5; hidden cells are {value: null, suppressed: true}. No session needed.';
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/progress',
    summary: 'Relocation progress: key figures, households and people by origin settlement and destination locality, by month, access change',
    description: note,
    tags,
    responses: { 200: { description: 'The figures of the current release', ...json(progressSchema) } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/origin-settlements',
    summary: 'Settlements of origin with the published number of households and people relocated from each',
    description: note,
    tags,
    responses: { 200: { description: 'FeatureCollection of settlement outlines', ...geo(countAreasSchema) } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/destination-localities',
    summary: 'Localities of destination with the published number of households and people relocated to each',
    description: note,
    tags,
    responses: { 200: { description: 'FeatureCollection of locality outlines', ...geo(countAreasSchema) } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/segregation',
    summary: 'Segregation trend: dissimilarity D and isolation by month over localities, computed from disclosure-controlled counts',
    description: 'Only months where at least k more households moved (or none did) since the last published month; indices rounded to 0.01.',
    tags,
    responses: { 200: { description: 'The trend of the current release', ...json(publicSegregationSchema) } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/interventions',
    summary: 'Interventions: counts by status and each one with its area, funding, months and progress by month',
    tags,
    responses: { 200: { description: 'Interventions', ...json(interventionsSchema) } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/intervention-areas',
    summary: 'Zones and settlements with interventions, with their mean progress',
    tags,
    responses: { 200: { description: 'FeatureCollection of intervention areas', ...geo(interventionAreasSchema) } },
  });
  return router;
}
