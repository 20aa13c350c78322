import type { RequestHandler } from 'express';
import { ProblemError } from '../problem';

// Issue 17: PostgreSQL text cannot hold U+0000, so a NUL byte in any string (`?q=%00`, a username
// "admin\u0000") used to reach the database and answer 500. It is refused here, once, for every route,
// with a pointer to where it was. The walk is iterative: a 5,000-deep body must not overflow the stack.

/** Deepest nesting of a JSON body: a MultiPolygon in a FeatureCollection is 7 levels. */
const MAX_BODY_DEPTH = 32;

type Found = { pointer: string; detail: string };

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Returns the first string or key under `root` that holds U+0000, or a nesting deeper than allowed. */
function findHostile(root: unknown, base: string): Found | undefined {
  const stack: Array<[unknown, string, number]> = [[root, base, 0]];
  while (stack.length > 0) {
    const [value, pointer, depth] = stack.pop() as [unknown, string, number];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { pointer, detail: 'must not contain the NUL character (U+0000)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { pointer, detail: `nests deeper than ${MAX_BODY_DEPTH} levels` };
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key.includes('\u0000')) return { pointer: at, detail: 'a name must not contain the NUL character (U+0000)' };
      stack.push([child, at, depth + 1]);
    }
  }
  return undefined;
}

/** Refuses, with a 400 problem, a request whose query or JSON body holds U+0000 or nests too deep. */
export const refuseNulBytes: RequestHandler = (req, _res, next) => {
  const found = findHostile(req.query, '/query') ?? (Buffer.isBuffer(req.body) ? undefined : findHostile(req.body, '/body'));
  if (!found) {
    next();
    return;
  }
  next(
    new ProblemError({
      status: 400,
      type: '/problems/invalid-request',
      title: 'Invalid request',
      detail: `${found.pointer} ${found.detail}.`,
      errors: [found],
    }),
  );
};
