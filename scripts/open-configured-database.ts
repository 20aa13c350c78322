import { ConfigError, loadConfig, type Config } from '../api/src/config';
import { openDatabase, type Database } from '../api/src/db/database';

/** Returns the configuration and the database it names, for the command-line scripts; exits on bad config. */
export async function openConfiguredDatabase(): Promise<{ config: Config; db: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const db =
    config.engine === 'server'
      ? await openDatabase({ engine: 'server', databaseUrl: config.databaseUrl as string, poolSize: 2 })
      : await openDatabase({ engine: 'embedded', dataDir: config.dataDir });
  return { config, db };
}
