import type { Knex } from 'knex';
import type { Role } from '../auth/roles';

export type User = { id: number; username: string; displayName: string; role: Role; active: boolean };
export type UserWithHash = User & { passwordHash: string };

const columns = ['id', 'username', 'display_name', 'role', 'active', 'password_hash'];

function toUser(row: Record<string, unknown>): UserWithHash {
  return {
    id: row.id as number,
    username: row.username as string,
    displayName: row.display_name as string,
    role: row.role as Role,
    active: row.active as boolean,
    passwordHash: row.password_hash as string,
  };
}

/** Returns the user with this username, with its password hash; undefined when there is none. */
export async function findUserByUsername(knex: Knex, username: string): Promise<UserWithHash | undefined> {
  const row = await knex('users').select(columns).where({ username }).first();
  return row ? toUser(row) : undefined;
}

/** Returns the users, ordered by username (no password hashes). */
export async function listUsers(knex: Knex): Promise<User[]> {
  const rows = await knex('users').select(columns).orderBy('username');
  return rows.map((row) => {
    const { passwordHash: _hash, ...user } = toUser(row);
    return user;
  });
}

/** Creates the user or, when the username exists, updates its name, role and password; returns it. */
export async function upsertUser(
  knex: Knex,
  user: { username: string; displayName: string; role: Role; passwordHash: string },
): Promise<User> {
  const [row] = await knex('users')
    .insert({ username: user.username, display_name: user.displayName, role: user.role, password_hash: user.passwordHash })
    .onConflict('username')
    .merge({
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      updated_at: knex.fn.now(),
      version: knex.raw('users.version + 1'),
    })
    .returning(columns);
  const { passwordHash: _hash, ...created } = toUser(row);
  return created;
}
