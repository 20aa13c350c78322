import type { RequestHandler } from 'express';
import { ProblemError } from '../problem';

// Issue 17: a body is read only when it comes with a content type the endpoint declares. Every endpoint
// reads JSON; imports also read files (their own router checks those). A body sent as a form
// (text/plain, multipart/form-data, application/x-www-form-urlencoded: what a cross-site HTML form can
// send) or as anything else is refused with 415, unread.

const JSON_TYPE = /^application\/([a-z.+-]*\+)?json\s*(;|$)/i;

/** Returns true when the request carries a body. */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Returns the 415 problem of a body sent as `type` where `expected` (a readable list of types) is read. */
export function unsupportedMediaType(type: string | undefined, expected: string): ProblemError {
  return new ProblemError({
    status: 415,
    type: '/problems/unsupported-media-type',
    title: 'Unsupported media type',
    detail: `This endpoint reads ${expected}, not ${type ?? 'a body without a Content-Type'}.`,
    errors: [{ pointer: '/headers/content-type', detail: `expected ${expected}` }],
  });
}

/** Refuses a request body that is not JSON, except on the routes in `fileRoutes` (which check their own types). */
export function declaredBodyTypes(fileRoutes: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    const type = req.get('content-type');
    if (!hasBody(req.headers) || (type !== undefined && JSON_TYPE.test(type)) || fileRoutes.includes(req.path)) {
      next();
      return;
    }
    next(unsupportedMediaType(type, 'a JSON body (application/json)'));
  };
}
