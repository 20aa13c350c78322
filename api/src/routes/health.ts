import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { getPostgisVersion } from '../db/database';
import { getMigrationState } from '../db/migrations';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  engine: z.enum(['embedded', 'server']),
  postgis: z.string().nullable(),
  migrations: z.object({ applied: z.number().int(), pending: z.array(z.string()), latest: z.string().nullable() }),
});

/** Returns the router of GET /api/health: engine, PostGIS version, migration state. */
export function healthRouter(context: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const { knex, engine } = context.db;
    const [postgis, migrations] = await Promise.all([getPostgisVersion(knex), getMigrationState(knex)]);
    const ok = postgis !== undefined && migrations.pending.length === 0;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      engine,
      postgis: postgis ?? null,
      migrations: { applied: migrations.applied.length, pending: migrations.pending, latest: migrations.applied.at(-1) ?? null },
    });
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Engine, PostGIS version and migration state',
    tags: ['system'],
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: healthSchema } } },
      503: { description: 'Not ready (PostGIS missing or migrations pending)', content: { 'application/json': { schema: healthSchema } } },
    },
  });
  return router;
}
