import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
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

  constructor(options: {
    status: number;
    type: string;
    title: string;
    detail: string;
    errors?: ProblemDetailItem[];
    extensions?: Record<string, unknown>;
  }) {
    super(options.detail);
    this.status = options.status;
    this.type = options.type;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }
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

/** Returns the one error middleware: every error leaves as application/problem+json; 500s leak nothing. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    const requestId = (req as { id?: string }).id;
    if (problem.status >= 500) {
      logger.error('request failed', {
        requestId,
        method: req.method,
        path: req.originalUrl,
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    if (res.headersSent) return;
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

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof ZodError) return fromZodError(error, 'body');
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
  return new ProblemError({
    status: 500,
    type: '/problems/internal-error',
    title: 'Internal server error',
    detail: 'The server could not complete the request; the error has been logged with the request id.',
  });
}
