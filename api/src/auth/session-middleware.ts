import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { findSessionUser } from '../db/sessions';
import { ProblemError } from '../problem';
import { can, type Permission } from './roles';
import { readSessionToken, sessionIdOf } from './session-cookie';

/** Attaches `req.user` when the request carries a valid session cookie; never rejects. */
export function loadSession(knex: Knex, sessionSecret: string): RequestHandler {
  return async (req, _res, next) => {
    try {
      const token = readSessionToken(req);
      if (token) req.user = await findSessionUser(knex, sessionIdOf(token, sessionSecret));
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Rejects a request without a session (401). */
export const requireSession: RequestHandler = (req, _res, next) => {
  if (!req.user) {
    next(
      new ProblemError({
        status: 401,
        type: '/problems/unauthenticated',
        title: 'Authentication required',
        detail: 'Sign in first: this endpoint needs a session (POST /api/auth/login).',
      }),
    );
    return;
  }
  next();
};

/** Rejects a request whose user lacks `permission` (401 without a session, 403 otherwise). */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireSession(req, res, next);
    if (!can(req.user.role, permission)) {
      next(forbidden(req.user.role, permission));
      return;
    }
    next();
  };
}

/** Returns the 403 problem for a role that lacks a permission. */
export function forbidden(role: string, permission: string): ProblemError {
  return new ProblemError({
    status: 403,
    type: '/problems/forbidden',
    title: 'Forbidden',
    detail: `The role '${role}' may not do this (needs permission '${permission}').`,
  });
}
