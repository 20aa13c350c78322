import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { getPostgisVersion, openDatabase, type Database } from './database';
import { ensureDemoUsers } from './demo-users';
import { migrateToLatest } from './migrations';
import { isDatabaseEmpty, seedDemo } from './seed-demo';

/**
 * Returns the database of `config`, migrated, and seeded with the Cluj demo when empty.
 * The embedded engine also gets the demo users; a server database never gets default accounts.
 */
export async function prepareDatabase(config: Config, logger: Logger, command?: string): Promise<{ db: Database; postgis: string }> {
  if (config.engine === 'embedded') {
    const db = await openDatabase({ engine: 'embedded', dataDir: config.dataDir, command });
    return { db, postgis: await closingOnError(db, () => prepareSchemaAndData(db.knex, config, logger)) };
  }
  const log = (level: 'warn' | 'error', message: string) => logger[level]('database connection', { message });
  // Migrations and the demo load may run longer than a request may: they get a connection of their
  // own without the statement timeout; the app's pool has it (issue 10).
  const setup = await openDatabase({ engine: 'server', databaseUrl: config.databaseUrl as string, poolSize: 1, log });
  try {
    await prepareSchemaAndData(setup.knex, config, logger);
  } finally {
    await setup.close();
  }
  const db = await openDatabase({
    engine: 'server',
    databaseUrl: config.databaseUrl as string,
    statementTimeoutMs: config.statementTimeoutMs,
    acquireTimeoutMs: config.acquireTimeoutMs,
    log,
  });
  return { db, postgis: await closingOnError(db, async () => (await getPostgisVersion(db.knex)) ?? 'missing') };
}

/** Returns what `work` returns; closes `db` when it throws. */
async function closingOnError<T>(db: Database, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Migrates, adds the demo users (embedded only) and seeds an empty database; returns the PostGIS version. */
async function prepareSchemaAndData(knex: Knex, config: Config, logger: Logger): Promise<string> {
  const applied = await migrateToLatest(knex);
  if (applied.length > 0) logger.info('applied migrations', { migrations: applied });
  if (config.engine === 'embedded') {
    const created = await ensureDemoUsers(knex, config.demoPassword);
    if (created.length > 0) logger.info('created demo users', { users: created });
  }
  if (config.seedDemo && (await isDatabaseEmpty(knex))) {
    logger.info('database is empty: loading the Cluj demo from geodata/');
    logger.info('demo loaded', { ...(await seedDemo(knex)) });
  }
  return (await getPostgisVersion(knex)) ?? 'missing';
}
