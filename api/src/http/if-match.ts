import type { Request } from 'express';
import type { Feature } from '../db/features';
import { ProblemError } from '../problem';

const ENTITY_TAG = /^"(\d{1,10})"$/;
const WEAK_TAG = /^W\/"[^"]*"$/;

/**
 * Returns the version named by the request's If-Match header (`"3"`, as GET sent it in ETag).
 * Throws 428 when the header is missing (RFC 6585: no blind overwrites), 412 for a weak tag and 400 when it
 * is not one entity tag.
 */
export function requireIfMatch(req: Request): number {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '') {
    throw new ProblemError({
      status: 428,
      type: '/problems/precondition-required',
      title: 'If-Match required',
      detail: 'Send If-Match with the ETag from GET of this feature, so a change made meanwhile by someone else is not overwritten.',
    });
  }
  // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches (issue 17).
  if (WEAK_TAG.test(header.trim())) {
    throw new ProblemError({
      status: 412,
      type: '/problems/version-conflict',
      title: 'Precondition failed',
      detail: `If-Match needs the strong ETag GET returned, e.g. "3": a weak tag (${header.trim()}) never matches.`,
      errors: [{ pointer: '/headers/if-match', detail: 'a weak entity tag never matches' }],
    });
  }
  const match = ENTITY_TAG.exec(header.trim());
  if (!match) {
    throw new ProblemError({
      status: 400,
      type: '/problems/invalid-request',
      title: 'Invalid request',
      detail: `If-Match must be the one ETag GET returned, e.g. "3"; got ${header}.`,
      errors: [{ pointer: '/headers/if-match', detail: 'expected one entity tag such as "3"' }],
    });
  }
  return Number(match[1]);
}

/** Returns the 412 problem of a write based on a stale version; its body carries the current version and feature. */
export function staleVersion(noun: string, id: number, sentVersion: number, current: Feature): ProblemError {
  const currentVersion = current.properties.version;
  return new ProblemError({
    status: 412,
    type: '/problems/version-conflict',
    title: 'The feature changed since it was read',
    detail: `This ${noun} (id ${id}) is at version ${currentVersion}; the request was based on version ${sentVersion}. Reload it, or apply your change on top of the current version.`,
    extensions: { currentVersion, current },
  });
}
