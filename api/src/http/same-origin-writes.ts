import type { RequestHandler } from 'express';
import { ProblemError } from '../problem';

// Issue 17: a plain HTML form on another port of the same host imported data as the signed-in planner,
// because the session cookie (SameSite=Lax treats other ports as the same site) rode along. A request
// that changes state must now come from the app's own origin: browsers send `Origin` (and
// `Sec-Fetch-Site`) with every cross-origin and same-origin POST, PUT, PATCH and DELETE. A request
// with neither header does not come from a browser page, and so cannot carry a forged ambient credential.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function crossOrigin(detail: string): ProblemError {
  return new ProblemError({ status: 403, type: '/problems/cross-origin-request', title: 'Cross-origin request refused', detail });
}

/** Refuses state-changing requests that a browser sent from another origin (CSRF). */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) {
    next();
    return;
  }
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    next(crossOrigin(`This ${req.method} came from a ${site} page (Sec-Fetch-Site); Punte accepts changes only from its own pages.`));
    return;
  }
  const origin = req.get('origin');
  if (origin !== undefined) {
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin !== own) {
      next(crossOrigin(`This ${req.method} came from ${origin}, not from ${own}; Punte accepts changes only from its own pages.`));
      return;
    }
  }
  next();
};
