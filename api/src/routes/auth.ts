import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { LoginRateLimit } from '../auth/login-rate-limit';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password';
import { permissionsOf, ROLES } from '../auth/roles';
import {
  clearSessionCookie,
  newSessionToken,
  readSessionToken,
  SESSION_TTL_MS,
  sessionIdOf,
  writeSessionCookie,
} from '../auth/session-cookie';
import { requireSession } from '../auth/session-middleware';
import { recordAudit } from '../db/audit';
import { deleteExpiredSessions, deleteSession, insertSession } from '../db/sessions';
import { findUserByUsername, type User } from '../db/users';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { ProblemError } from '../problem';

const loginSchema = z
  .object({
    username: z.string().trim().toLowerCase().min(1, 'username is required').max(40),
    password: z.string().min(1, 'password is required').max(200),
  })
  .strict();

const meSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: z.enum(ROLES) }),
  permissions: z.array(z.string()),
});

function describe(user: User) {
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
    permissions: permissionsOf(user.role),
  };
}

/** Returns the router of /api/auth: login, logout and the current user. */
export function authRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;
  const { sessionSecret } = context.config;
  const rateLimit = new LoginRateLimit();

  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseInput(loginSchema, req.body ?? {}, 'body');
    const address = req.ip ?? 'unknown';
    rateLimit.check(address, username);
    const user = await findUserByUsername(knex, username);
    // Verify against a dummy hash for unknown users, so timing does not reveal which usernames exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !valid || !user.active) {
      rateLimit.fail(address, username);
      // Issue 15: a name that is no account is not recorded: people type their password in the wrong field.
      await recordAudit(knex, {
        actorId: user?.id ?? null,
        actorUsername: user ? user.username : null,
        action: 'login_failed',
        requestId: req.id,
        details: { knownAccount: Boolean(user) },
      });
      throw new ProblemError({
        status: 401,
        type: '/problems/invalid-credentials',
        title: 'Invalid credentials',
        detail: 'The username or password is not correct.',
      });
    }
    rateLimit.succeed(address, username);
    // Rotate: whatever session the browser had is dropped and a new id is issued (session fixation).
    const previous = readSessionToken(req);
    if (previous) await deleteSession(knex, sessionIdOf(previous, sessionSecret));
    const token = newSessionToken();
    await insertSession(knex, sessionIdOf(token, sessionSecret), user.id, new Date(Date.now() + SESSION_TTL_MS));
    await recordAudit(knex, { actorId: user.id, actorUsername: user.username, action: 'login', requestId: req.id });
    void deleteExpiredSessions(knex).catch(() => undefined);
    writeSessionCookie(req, res, token);
    const { passwordHash: _hash, ...publicUser } = user;
    res.json(describe(publicUser));
  });

  router.post('/auth/logout', async (req, res) => {
    const token = readSessionToken(req);
    if (token) await deleteSession(knex, sessionIdOf(token, sessionSecret));
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/auth/me', requireSession, (req, res) => {
    res.json(describe(req.user as User));
  });

  const { registry } = context;
  registry.registerPath({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in; sets an httpOnly session cookie (rotated at every login)',
    tags: ['auth'],
    request: { body: { content: { 'application/json': { schema: loginSchema } } } },
    responses: {
      200: { description: 'Signed in', content: { 'application/json': { schema: meSchema } } },
      ...problemResponses(400, 401, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out and clear the session cookie',
    tags: ['auth'],
    responses: { 204: { description: 'Signed out' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user and the permissions of their role',
    tags: ['auth'],
    security: [{ session: [] }],
    responses: { 200: { description: 'The user', content: { 'application/json': { schema: meSchema } } }, ...problemResponses(401) },
  });
  return router;
}
