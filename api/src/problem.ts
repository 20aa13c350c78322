import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from './db/database-unavailable';
import { InvalidMovesError } from './domain/segregation/invalid-moves-error';
import { UnitHeldByPlanError } from './domain/unit-held-by-plan-error';
import type { Logger } from './logger';

/** One offending place in a request: a JSON pointer into the query, params or body, and what is wrong there. */
export type ProblemDetailItem = { pointer: string; detail: string; [extra: string]: unknown };

/**
 * An RFC 9457 problem. Thrown anywhere below a route; the error middleware turns it into
 * an `application/problem+json` response with the same fields.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemDetailItem[] | undefined;
  readonly extensions: Record<string, unknown>;
  /** Response headers the problem needs (Retry-After of a 503 or 429). */
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    type: string;
    title: string;
    detail: string;
    errors?: ProblemDetailItem[];
    extensions?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    super(options.detail);
    this.status = options.status;
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/** Returns the 500 problem that leaks nothing: the cause is in the log with the request id. */
function internalError(): ProblemError {
  return new ProblemError({
    status: 500,
    type: '/problems/internal-error',
    title: 'Internal server error',
    detail: 'The server could not complete the request; the error has been logged with the request id.',
  });
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Returns the 503 problem of an unreachable or timed-out database (issue 10). */
export function databaseUnavailable(): ProblemError {
  return new ProblemError({
    status: 503,
    type: '/problems/database-unavailable',
    title: 'Database unavailable',
    detail: `The database cannot be reached or did not answer in time; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}

/** Returns a 404 problem for a missing record of a named resource. */
export function notFound(resource: string, id: string | number): ProblemError {
  return new ProblemError({
    status: 404,
    type: '/problems/not-found',
    title: 'Not found',
    detail: `There is no ${resource} with id ${id}.`,
  });
}

/** Returns a 400 problem listing each zod issue with a JSON pointer into `where` (query, params or body). */
export function fromZodError(error: ZodError, where: 'query' | 'params' | 'body'): ProblemError {
  const errors = error.issues.map((issue) => ({
    pointer: `/${where}${issue.path.length ? '/' : ''}${issue.path.map(String).join('/')}`,
    detail: issue.message,
  }));
  const summary = errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ');
  return new ProblemError({
    status: 400,
    type: '/problems/invalid-request',
    title: 'Invalid request',
    detail: `The request ${where} is invalid: ${summary}`,
    errors,
  });
}

/** Answers any path under /api that no route claimed. */
export const apiNotFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new ProblemError({
      status: 404,
      type: '/problems/not-found',
      title: 'Not found',
      detail: `No API endpoint ${req.method} ${req.path}.`,
    }),
  );
};

/** Answers 404 for a path that is neither the API, a client page nor a static file (issue 10). */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new ProblemError({
      status: 404,
      type: '/problems/not-found',
      title: 'Not found',
      detail: `There is nothing at ${req.path}: the API is under /api (see /api/openapi.json), the app's pages at /, /public, /households, /plans….`,
    }),
  );
};

/** Returns the one error middleware: every error leaves as application/problem+json; 500s leak nothing. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    const requestId = (req as { id?: string }).id;
    if (problem.status === 503) {
      logger.warn('database unavailable', { requestId, method: req.method, path: req.originalUrl, error: error instanceof Error ? error.message : String(error) });
    } else if (problem.status >= 500) {
      logger.error('request failed', {
        requestId,
        method: req.method,
        path: req.originalUrl,
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: req.originalUrl,
        requestId,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...problem.extensions,
      });
  };
}

// The named errors of domain/ and services/ and the problem each becomes (one table, like tipg's
// DEFAULT_STATUS_CODES): the code that throws knows no HTTP.
const NAMED_ERRORS: Array<[new (...args: never[]) => Error, (error: never) => ProblemError]> = [
  [
    UnitHeldByPlanError,
    (error: UnitHeldByPlanError) =>
      new ProblemError({
        status: 409,
        type: '/problems/unit-held-by-plan',
        title: 'The unit is held by a relocation plan',
        detail: error.message,
        extensions: { planId: error.planId, planState: error.state },
      }),
  ],
  [
    InvalidMovesError,
    (error: InvalidMovesError) =>
      new ProblemError({ status: 422, type: '/problems/invalid-moves', title: 'Invalid moves', detail: error.message, errors: [...error.errors] }),
  ],
];

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  for (const [type, toProblemOf] of NAMED_ERRORS) if (error instanceof type) return toProblemOf(error as never);
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  // Requests are parsed by parseInput, which turns its ZodErrors into 400s naming the field. A ZodError that
  // arrives here is the server's own output check failing (e.g. a public figure its disclosure guard refused):
  // a logged 500 that names nothing of it (issue 9).
  if (error instanceof ZodError) return internalError();
  const httpError = error as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
  // body-parser's own errors: malformed JSON, too large, wrong charset.
  if (httpError.type === 'entity.parse.failed') {
    return new ProblemError({
      status: 400,
      type: '/problems/malformed-json',
      title: 'Malformed JSON',
      detail: `The request body is not valid JSON: ${httpError.message ?? 'parse error'}`,
    });
  }
  if (httpError.type === 'entity.too.large') {
    return new ProblemError({
      status: 413,
      type: '/problems/body-too-large',
      title: 'Request body too large',
      detail: 'The request body is larger than the server accepts.',
    });
  }
  const status = httpError.status ?? httpError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && httpError.expose !== false) {
    return new ProblemError({
      status,
      type: '/problems/bad-request',
      title: 'Bad request',
      detail: httpError.message ?? 'The request could not be processed.',
    });
  }
  return internalError();
}
