import { parseArgs } from 'node:util';
import { hashPassword } from '../api/src/auth/password';
import { ROLES, type Role } from '../api/src/auth/roles';
import { migrateToLatest } from '../api/src/db/migrations';
import { upsertUser } from '../api/src/db/users';
import { openConfiguredDatabase } from './open-configured-database';

// `npm run create-user -- --username ana --role caseworker [--name "Ana Pop"]`
// The password comes from PUNTE_NEW_PASSWORD or, interactively, from a prompt; never from argv
// (it would stay in the shell history and the process list).
const { values } = parseArgs({
  options: { username: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
});
const usage = 'usage: npm run create-user -- --username NAME --role admin|planner|caseworker|viewer [--name "Display name"]';
if (!values.username || !values.role || !(ROLES as readonly string[]).includes(values.role)) {
  console.error(usage);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.PUNTE_NEW_PASSWORD) return process.env.PUNTE_NEW_PASSWORD;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Password (at least 10 characters): ');
  rl.close();
  return answer;
}

const password = await readPassword();
if (password.length < 10) {
  console.error('The password must have at least 10 characters.');
  process.exit(2);
}
const { db } = await openConfiguredDatabase();
try {
  await migrateToLatest(db.knex);
  const user = await upsertUser(db.knex, {
    username: values.username.toLowerCase(),
    displayName: values.name ?? values.username,
    role: values.role as Role,
    passwordHash: await hashPassword(password),
  });
  console.log(`User '${user.username}' (${user.role}) is ready.`);
} finally {
  await db.close();
}
