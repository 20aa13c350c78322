import type { RequestHandler } from 'express';
import { ProblemError } from '../problem';

// Public reads (issue 15): served from stored releases, so load never touches case data; still, one
// address may not flood the server. A fixed window per address, in memory (one process).

/** Requests an address may make to /api/public/* per window. */
export const PUBLIC_REQUESTS_PER_WINDOW = 600;
const WINDOW_MS = 60 * 1000;

/** Returns a middleware that answers 429 with Retry-After once an address passes the limit in a window. */
export function publicRateLimit(limit = PUBLIC_REQUESTS_PER_WINDOW): RequestHandler {
  const counters = new Map<string, { count: number; resetAt: number }>();
  return (req, _res, next) => {
    const now = Date.now();
    if (counters.size > 10_000) for (const [key, c] of counters) if (c.resetAt <= now) counters.delete(key);
    const address = req.ip ?? 'unknown';
    const counter = counters.get(address);
    if (!counter || counter.resetAt <= now) {
      counters.set(address, { count: 1, resetAt: now + WINDOW_MS });
      next();
      return;
    }
    counter.count += 1;
    if (counter.count <= limit) {
      next();
      return;
    }
    const retryAfter = Math.ceil((counter.resetAt - now) / 1000);
    next(
      new ProblemError({
        status: 429,
        type: '/problems/too-many-requests',
        title: 'Too many requests',
        detail: `More than ${limit} public requests a minute from this address; try again in ${retryAfter} s.`,
        extensions: { retryAfter },
        headers: { 'Retry-After': String(retryAfter) },
      }),
    );
  };
}
