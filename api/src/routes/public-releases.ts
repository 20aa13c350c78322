import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { actorOf } from '../http/actor-of';
import { problemResponses } from '../http/openapi';
import { listReleases, makeRelease } from '../services/public-releases';

// Frozen public releases (issue 15), for admins: the list of stored releases, and the action that makes
// the release of the last complete month (the server's hourly job does the same on its own).

const releaseSchema = z.strictObject({
  id: z.number().int(),
  month: z.string(),
  asOfMonth: z.string(),
  k: z.number().int(),
  roundingBase: z.number().int(),
  dataVersion: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

/** Returns the router of /api/public-releases. */
export function publicReleasesRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/public-releases', requirePermission('releases:publish'), async (_req, res) => {
    res.json({ items: await listReleases(knex) });
  });

  router.post('/public-releases', requirePermission('releases:publish'), async (req, res) => {
    const actor = actorOf(req);
    const made = await makeRelease(knex, context.config.disclosureK, { actor, requestId: actor.requestId });
    const release = (await listReleases(knex)).find((r) => r.month === made.month);
    res.status(made.created ? 201 : 200).json(release);
  });

  const tags = ['public'];
  const security = [{ session: [] }];
  context.registry.registerPath({
    method: 'get',
    path: '/api/public-releases',
    summary: 'Stored public releases, newest first (admins)',
    tags,
    security,
    responses: { 200: { description: 'Releases', content: { 'application/json': { schema: z.strictObject({ items: z.array(releaseSchema) }) } } }, ...problemResponses(401, 403) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/public-releases',
    summary: 'Make and store the release of the last complete month (201), or answer the existing one (200): a published month is never revised',
    tags,
    security,
    responses: {
      200: { description: 'The release existed', content: { 'application/json': { schema: releaseSchema } } },
      201: { description: 'The release was made', content: { 'application/json': { schema: releaseSchema } } },
      ...problemResponses(401, 403),
    },
  });
  return router;
}
