import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { getFeature, listFeatures } from '../db/features';
import { LAYERS, type LayerDefinition } from '../db/layers';
import { problemResponses } from '../http/openapi';
import { idParamsSchema, listQuerySchema, toFeatureQuery } from '../http/list-query';
import { parseInput } from '../http/validate';
import { notFound } from '../problem';

const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: z.object({ type: z.string(), coordinates: z.array(z.any()) }),
  properties: z.record(z.string(), z.any()),
});
const collectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  features: z.array(featureSchema),
  links: z.array(z.object({ rel: z.string(), href: z.string(), type: z.string() })),
});

/** Returns the link to the same list with another offset. */
function pageLink(path: string, query: Record<string, unknown>, offset: number, rel: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && key !== 'offset') params.set(key, String(value));
  }
  params.set('offset', String(offset));
  return { rel, href: `/api/${path}?${params}`, type: 'application/geo+json' };
}

function layerRoutes(router: Router, context: AppContext, layer: LayerDefinition): void {
  const querySchema = listQuerySchema(layer);
  const { knex } = context.db;

  router.get(`/${layer.path}`, requirePermission('layers:read'), async (req, res) => {
    const parsed = parseInput(querySchema, req.query, 'query');
    const query = toFeatureQuery(layer, parsed);
    const page = await listFeatures(knex, layer, query);
    const links = [pageLink(layer.path, req.query, query.offset, 'self')];
    if (query.offset + page.features.length < page.numberMatched) {
      links.push(pageLink(layer.path, req.query, query.offset + query.limit, 'next'));
    }
    if (query.offset > 0) links.push(pageLink(layer.path, req.query, Math.max(0, query.offset - query.limit), 'prev'));
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      features: page.features,
      links,
    });
  });

  router.get(`/${layer.path}/:id`, requirePermission('layers:read'), async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, 'params');
    const feature = await getFeature(knex, layer, id);
    if (!feature) throw notFound(layer.noun, id);
    res.setHeader('ETag', `"${feature.properties.version}"`);
    res.type('application/geo+json').json(feature);
  });

  context.registry.registerPath({
    method: 'get',
    path: `/api/${layer.path}`,
    summary: `List ${layer.noun}s as a GeoJSON FeatureCollection`,
    tags: ['layers'],
    security: [{ session: [] }],
    request: { query: querySchema },
    responses: {
      200: { description: 'A page of features', content: { 'application/geo+json': { schema: collectionSchema } } },
      ...problemResponses(400, 401, 403),
    },
  });
  context.registry.registerPath({
    method: 'get',
    path: `/api/${layer.path}/{id}`,
    summary: `One ${layer.noun} as a GeoJSON Feature, with its version as ETag`,
    tags: ['layers'],
    security: [{ session: [] }],
    request: { params: idParamsSchema },
    responses: {
      200: { description: 'The feature', content: { 'application/geo+json': { schema: featureSchema } } },
      ...problemResponses(400, 401, 403, 404),
    },
  });
}

/** Returns the router of the four map layers: zones, settlements, housing units, services. */
export function layersRouter(context: AppContext): Router {
  const router = Router();
  for (const layer of Object.values(LAYERS)) layerRoutes(router, context, layer);
  return router;
}
