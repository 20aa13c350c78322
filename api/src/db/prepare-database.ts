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
  const db =
    config.engine === 'server'
      ? await openDatabase({
          engine: 'server',
          databaseUrl: config.databaseUrl as string,
          statementTimeoutMs: config.statementTimeoutMs,
          acquireTimeoutMs: config.acquireTimeoutMs,
          log: (level, message) => logger[level]('database connection', { message }),
        })
      : await openDatabase({ engine: 'embedded', dataDir: config.dataDir, command });
  try {
    const applied = await migrateToLatest(db.knex);
    if (applied.length > 0) logger.info('applied migrations', { migrations: applied });
    if (config.engine === 'embedded') {
      const created = await ensureDemoUsers(db.knex, config.demoPassword);
      if (created.length > 0) logger.info('created demo users', { users: created });
    }
    if (config.seedDemo && (await isDatabaseEmpty(db.knex))) {
      logger.info('database is empty: loading the Cluj demo from geodata/');
      logger.info('demo loaded', { ...(await seedDemo(db.knex)) });
    }
    const postgis = (await getPostgisVersion(db.knex)) ?? 'missing';
    return { db, postgis };
  } catch (error) {
    await db.close();
    throw error;
  }
}
