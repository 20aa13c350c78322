import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { listAuditLog } from '../db/audit-log';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { MAX_ID, queryId, queryInteger } from '../http/input-schemas';

// The audit log (issue 5): admins browse it; there is no route to change or delete a row, and the
// table's trigger refuses UPDATE, DELETE and TRUNCATE whoever tries.

const timestamp = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) && !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 date or time');

const listSchema = z.strictObject({
  limit: queryInteger(1, 1000).default(100),
  offset: queryInteger(0, MAX_ID).default(0),
  actorId: queryId().optional(),
  actor: z.string().trim().min(1).max(40).optional().describe('username'),
  action: z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1).max(20))
    .optional()
    .describe('one or more actions, comma-separated (e.g. identity.read,identity.erase)'),
  tableName: z.string().trim().min(1).max(100).optional(),
  recordId: z.string().trim().min(1).max(100).optional(),
  requestId: z.string().trim().min(1).max(100).optional(),
  from: timestamp.optional().describe('inclusive'),
  to: timestamp.optional().describe('exclusive'),
});

/** Returns the router of the audit log: one read-only, filtered, paged list for admins. */
export function auditLogRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/audit-log', requirePermission('audit:read'), async (req, res) => {
    const query = parseInput(listSchema, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...(await listAuditLog(knex, query)), limit: query.limit, offset: query.offset });
  });

  context.registry.registerPath({
    method: 'get',
    path: '/api/audit-log',
    summary: 'The audit log, newest first (admins only); filters by actor, action, table, record, request and time',
    tags: ['audit'],
    security: [{ session: [] }],
    request: { query: listSchema },
    responses: { 200: { description: '{ items, numberMatched, limit, offset }' }, ...problemResponses(400, 401, 403) },
  });
  return router;
}
