import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { getPostgisVersion, pingDatabase } from '../db/database';
import { getMigrationState, type MigrationState } from '../db/migrations';
import { DATABASE_RETRY_AFTER_SECONDS } from '../problem';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  engine: z.enum(['embedded', 'server']),
  database: z.enum(['reachable', 'busy', 'unreachable']),
  postgis: z.string().nullable(),
  migrations: z.object({ applied: z.number().int(), pending: z.array(z.string()), latest: z.string().nullable() }).nullable(),
});

// Health answers within this even when the database hangs (issue 10).
const HEALTH_TIMEOUT_MS = 3_000;
// The embedded engine has one connection, inside this process: while an import's transaction holds it,
// health answers from what it last saw, saying the database is busy (issue 17: it waited 32 s).
const EMBEDDED_BUSY_MS = 50;

/** Resolves with what `work` gives, or with undefined when it takes longer than `ms`; rejects with its error. */
function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

type SchemaState = { postgis: string | undefined; migrations: MigrationState; at: number };

// The PostGIS version and migration state take half a dozen statements and change only when someone
// migrates: health reads them at most every STATE_TTL_MS and otherwise asks the database one `select 1`,
// so that a probe stays cheap while an import keeps the database busy (issue 17).
const STATE_TTL_MS = 10_000;

/** Returns the router of GET /api/health: engine, database reachability, PostGIS version, migration state. */
export function healthRouter(context: AppContext): Router {
  const router = Router();
  let known: SchemaState | undefined;
  const readState = async (): Promise<SchemaState> => {
    const { knex } = context.db;
    const [postgis, migrations] = await Promise.all([getPostgisVersion(knex), getMigrationState(knex)]);
    return { postgis, migrations, at: Date.now() };
  };
  router.get('/health', async (_req, res) => {
    const { knex, engine } = context.db;
    const last = known;
    const check: Promise<SchemaState> =
      last && Date.now() - last.at < STATE_TTL_MS ? pingDatabase(knex).then(() => last) : readState();
    // A busy embedded engine answers from what health last saw; a server that does not answer is unreachable.
    const waitForBusy = engine === 'embedded' && last !== undefined;
    check.catch(() => undefined);
    let state: SchemaState;
    let busy = false;
    try {
      const answer = await within(check, waitForBusy ? EMBEDDED_BUSY_MS : HEALTH_TIMEOUT_MS);
      if (answer === undefined && !waitForBusy) throw new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`);
      busy = answer === undefined;
      state = answer ?? (last as SchemaState);
      if (!busy) known = state;
    } catch (error) {
      known = undefined;
      context.logger.warn('health: database unreachable', { error: error instanceof Error ? error.message : String(error) });
      res.status(503).setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.json({ status: 'degraded', engine, database: 'unreachable', postgis: null, migrations: null });
      return;
    }
    const { postgis, migrations } = state;
    const ok = postgis !== undefined && migrations.pending.length === 0;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      engine,
      database: busy ? 'busy' : 'reachable',
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
      503: { description: 'Not ready (database unreachable, PostGIS missing or migrations pending); Retry-After when unreachable', content: { 'application/json': { schema: healthSchema } } },
    },
  });
  return router;
}
