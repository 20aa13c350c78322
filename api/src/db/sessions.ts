import type { Knex } from 'knex';
import type { Role } from '../auth/roles';
import type { User } from './users';

/** Stores a session under `id` (an HMAC of the cookie token) until `expiresAt`. */
export async function insertSession(knex: Knex, id: string, userId: number, expiresAt: Date): Promise<void> {
  await knex('sessions').insert({ id, user_id: userId, expires_at: expiresAt });
}

/** Returns the active user of an unexpired session; undefined when the session is unknown or over. */
export async function findSessionUser(knex: Knex, id: string): Promise<User | undefined> {
  const row = await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .select('u.id', 'u.username', 'u.display_name', 'u.role', 'u.active')
    .where('s.id', id)
    .andWhere('s.expires_at', '>', knex.fn.now())
    .andWhere('u.active', true)
    .first();
  if (!row) return undefined;
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, active: row.active };
}

/** Deletes one session; a no-op when it does not exist. */
export async function deleteSession(knex: Knex, id: string): Promise<void> {
  await knex('sessions').where({ id }).delete();
}

/** Deletes expired sessions; returns how many. */
export async function deleteExpiredSessions(knex: Knex): Promise<number> {
  return knex('sessions').where('expires_at', '<=', knex.fn.now()).delete();
}
