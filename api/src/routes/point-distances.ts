import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { distanceBetween, nearestServiceByCategory, nearestSettlement } from '../db/point-distances';
import { CITY_CENTRE } from '../domain/city-centre';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';

const coordinate = (label: string, limit: number) =>
  z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)$/, `${label} must be a decimal number`)
    .transform(Number)
    .pipe(z.number().min(-limit, `${label} must be ≥ ${-limit}`).max(limit, `${label} must be ≤ ${limit}`));

const querySchema = z.object({ lon: coordinate('lon', 180), lat: coordinate('lat', 90) }).strict();

/** Returns the router of the map's point tool: distances from a clicked point to the centre, the nearest settlement and service of each category. */
export function pointDistancesRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/point-distances', requirePermission('layers:read'), async (req, res) => {
    const { lon, lat } = parseInput(querySchema, req.query, 'query');
    const position: [number, number] = [lon, lat];
    const [centre, settlement, services] = await Promise.all([
      distanceBetween(knex, position, CITY_CENTRE.position),
      nearestSettlement(knex, position),
      nearestServiceByCategory(knex, position),
    ]);
    res.json({
      position,
      method: 'geodesic, WGS84 spheroid (PostGIS geography)',
      cityCentre: { ...CITY_CENTRE, distanceM: centre },
      nearestSettlement: settlement ?? null,
      nearestServices: services,
    });
  });

  context.registry.registerPath({
    method: 'get',
    path: '/api/point-distances',
    summary: 'Distances in metres from a point to the city centre (Piața Unirii), the nearest settlement and the nearest service of each category',
    tags: ['map tools'],
    security: [{ session: [] }],
    request: { query: querySchema },
    responses: { 200: { description: 'The distances' }, ...problemResponses(400, 401) },
  });
  return router;
}
