import type { Knex } from 'knex';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';

/** The demo accounts of the embedded database (issue 2): one per role. */
export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role }> = [
  { username: 'admin', displayName: 'Administrator (demo)', role: 'admin' },
  { username: 'planner', displayName: 'Urbanist (demo)', role: 'planner' },
  { username: 'caseworker', displayName: 'Asistent social (demo)', role: 'caseworker' },
  { username: 'viewer', displayName: 'Observator (demo)', role: 'viewer' },
];

/**
 * Creates the demo users that do not exist yet, with `password`; returns the usernames it created.
 * Existing accounts are left alone, so a changed password is never reset by a restart.
 */
export async function ensureDemoUsers(knex: Knex, password: string): Promise<string[]> {
  const existing = new Set((await knex('users').pluck('username')) as string[]);
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  for (const user of missing) {
    await knex('users')
      .insert({ username: user.username, display_name: user.displayName, role: user.role, password_hash: await hashPassword(password) })
      .onConflict('username')
      .ignore();
  }
  return missing.map((u) => u.username);
}
