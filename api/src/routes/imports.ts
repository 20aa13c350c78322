import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { can } from '../auth/roles';
import { requirePermission } from '../auth/session-middleware';
import { constraintProblem } from '../http/constraint-problem';
import { unsupportedMediaType } from '../http/declared-body-types';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { ImportError } from '../import/import-error';
import { ImportJobs, type ImportJob, type JobOutcome } from '../import/import-jobs';
import { importOptionsSchema, inferFormat, toImportOptions } from '../import/import-options';
import { GEOJSON_GEOMETRY_TYPES } from '../import/read-geojson-source';
import { runImport } from '../import/run-import';
import { ProblemError } from '../problem';

// Files (CSV, GTFS zips) arrive as raw bodies; JSON bodies keep the app-wide limit.
const RAW_BODY_LIMIT = '50mb';
const MAX_WAIT_SECONDS = 60;

const jobParamsSchema = z.object({ id: z.uuid() });

const jsonBodySchema = z.object({
  data: z.unknown().optional().describe('the GeoJSON FeatureCollection (object or text) or the CSV text'),
  dataBase64: z.string().optional().describe('the file as base64 (a GTFS zip)'),
});

// The content types an import body may have. Issue 17: the three an HTML form can send cross-site
// (text/plain, multipart/form-data, application/x-www-form-urlencoded) are refused before the body is read.
const IMPORT_BODY_TYPES = /^(application\/(json|geo\+json|[a-z.+-]*\+json|zip|x-zip-compressed|octet-stream|csv)|text\/(csv|tab-separated-values))\s*(;|$)/i;

/** Refuses an import whose declared content type is not one Punte reads, with 415 and without reading it. */
function acceptImportTypes(req: Request, _res: unknown, next: (error?: unknown) => void): void {
  const type = req.get('content-type');
  if (type !== undefined && IMPORT_BODY_TYPES.test(type)) {
    next();
    return;
  }
  next(unsupportedMediaType(type, 'one of text/csv, application/zip, application/geo+json, application/json, application/octet-stream'));
}

/** Returns the job as the API shows it. */
function describeJob(job: ImportJob) {
  const { ownerId: _owner, done: _done, ...visible } = job;
  return { ...visible, links: [{ rel: 'self', href: `/api/imports/${job.id}`, type: 'application/json' }] };
}

/** Splits a request into the file and the import options: raw file + query, a bare FeatureCollection + query, or JSON with options and data. */
function readRequest(req: Request): { data: unknown; options: Record<string, unknown>; where: 'query' | 'body' } {
  const body = req.body as unknown;
  if (Buffer.isBuffer(body)) return { data: new Uint8Array(body), options: { ...req.query }, where: 'query' };
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const object = body as Record<string, unknown>;
    const geoJson = object.type === 'FeatureCollection' || object.type === 'Feature' || GEOJSON_GEOMETRY_TYPES.includes(object.type as string);
    if (geoJson) return { data: object, options: { ...req.query }, where: 'query' };
    const { data, dataBase64 } = parseInput(jsonBodySchema, object, 'body');
    const { data: _d, dataBase64: _b, ...options } = object;
    const file = dataBase64 !== undefined ? new Uint8Array(Buffer.from(dataBase64, 'base64')) : data;
    return { data: file, options: { ...req.query, ...options }, where: 'body' };
  }
  throw new ProblemError({
    status: 400,
    type: '/problems/invalid-request',
    title: 'Invalid request',
    detail: 'Send the file as the body (text/csv, application/zip, application/geo+json) with options in the query, or JSON { layer, …options, data | dataBase64 }.',
  });
}

/** Returns the seconds a `Prefer: wait=N` header (RFC 7240) asks to wait for the result, capped; 0 without one. */
function preferredWait(req: Request): number {
  const match = /(?:^|[,;\s])wait=(\d+)/i.exec(req.get('prefer') ?? '');
  return match ? Math.min(Number(match[1]), MAX_WAIT_SECONDS) : 0;
}

/** Returns the router of imports: POST starts an import job (202), GET /api/imports/:id reads its progress and report. */
export function importsRouter(context: AppContext): Router {
  const router = Router();
  const jobs = new ImportJobs();
  const { knex } = context.db;
  const raw = express.raw({ type: (req) => !/json/i.test(req.headers['content-type'] ?? ''), limit: RAW_BODY_LIMIT });

  router.post('/imports', requirePermission('layers:write'), acceptImportTypes, raw, async (req, res) => {
    const { data, options: given, where } = readRequest(req);
    if (data === undefined) {
      throw new ProblemError({
        status: 400,
        type: '/problems/invalid-request',
        title: 'Invalid request',
        detail: 'The import has no data: send the file as the body (a GeoJSON FeatureCollection, Feature or geometry; CSV; a GTFS zip), or JSON { layer, …options, data | dataBase64 }.',
        errors: [{ pointer: '/body', detail: 'expected a file, a GeoJSON object, or a "data" / "dataBase64" member' }],
      });
    }
    const input = parseInput(importOptionsSchema, given, where);
    // The content type describes the file only when the file is the body; inside JSON, data as an object is GeoJSON.
    const rawType = Buffer.isBuffer(req.body) ? req.get('content-type') : undefined;
    const parsedJson = typeof data === 'object' && data !== null && !(data instanceof Uint8Array);
    const format = input.format ?? (parsedJson ? 'geojson' : inferFormat(rawType, input.filename));
    if (!format) {
      throw new ProblemError({ status: 400, type: '/problems/invalid-request', title: 'Invalid request', detail: 'Say which format the file is: format=geojson, csv or gtfs.' });
    }
    const options = toImportOptions(input, format);
    const user = req.user!;
    const actor = { id: user.id, username: user.username, requestId: req.id };
    const job = jobs.start(user.id, { layer: input.layer, format, dryRun: options.dryRun }, async (id, progress): Promise<JobOutcome> => {
      try {
        const report = await runImport(knex, context.config, data, options, actor, progress, id);
        if (!report.written && !report.dryRun && report.rejected > 0) {
          return {
            report,
            problem: {
              type: '/problems/import-rows-rejected',
              title: 'Rows rejected',
              status: 422,
              detail: `${report.rejected} of ${report.total} rows were rejected, so nothing was written; see report.rejectedRows.`,
            },
          };
        }
        return { report };
      } catch (error) {
        if (error instanceof ImportError) {
          return { problem: { type: '/problems/import-unreadable', title: 'The import cannot be read', status: 422, detail: error.message, errors: error.errors } };
        }
        const problem = constraintProblem(error, 'row');
        if (problem) return { problem: { type: problem.type, title: problem.title, status: problem.status, detail: `Nothing was written: ${problem.detail}` } };
        context.logger.error('import failed', { requestId: req.id, importId: id, error: error instanceof Error ? error.stack : String(error) });
        return { problem: { type: '/problems/internal-error', title: 'Internal server error', status: 500, detail: 'The import failed; nothing was written. The error has been logged with the request id.' } };
      }
    });
    const wait = preferredWait(req);
    if (wait > 0) await Promise.race([job.done, new Promise((resolve) => setTimeout(resolve, wait * 1000))]);
    res.setHeader('Location', `/api/imports/${job.id}`);
    res.status(job.state === 'running' ? 202 : 200).json(describeJob(job));
  });

  router.get('/imports/:id', requirePermission('layers:write'), (req, res) => {
    const { id } = parseInput(jobParamsSchema, req.params, 'params');
    const job = jobs.get(id);
    // Another user's import is as invisible as one that never existed; admins see every import.
    if (!job || (job.ownerId !== req.user!.id && !can(req.user!.role, 'users:manage'))) {
      throw new ProblemError({ status: 404, type: '/problems/not-found', title: 'Not found', detail: `There is no import ${id} (imports are kept for an hour).` });
    }
    res.json(describeJob(job));
  });

  context.registry.registerPath({
    method: 'post',
    path: '/api/imports',
    summary:
      'Start an import (GeoJSON, CSV with lon/lat or WKT, GTFS zip) into a layer; 202 with the job, or 200 with the finished job when Prefer: wait=N lets it finish',
    tags: ['imports'],
    security: [{ session: [] }],
    request: {
      query: importOptionsSchema.partial(),
      body: {
        content: {
          'application/json': { schema: importOptionsSchema.partial().extend(jsonBodySchema.shape) },
          'text/csv': { schema: z.string() },
          'application/zip': { schema: z.string().describe('binary GTFS feed') },
        },
      },
    },
    responses: { 200: { description: 'The finished job' }, 202: { description: 'The running job; poll its Location' }, ...problemResponses(400, 401, 403, 413, 415) },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/imports/{id}',
    summary: 'An import job: state, progress (phase, processed, total) and, when finished, its report or problem',
    tags: ['imports'],
    security: [{ session: [] }],
    request: { params: jobParamsSchema },
    responses: { 200: { description: 'The job' }, ...problemResponses(400, 401, 403, 404) },
  });
  return router;
}
