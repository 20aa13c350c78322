import { ConfigError, loadConfig, type Config } from '../api/src/config';
import { DataFolderLockedError } from '../api/src/db/data-folder-lock';
import { openDatabase, type Database } from '../api/src/db/database';

/**
 * Returns the configuration and the database it names, for the command-line scripts; exits with a
 * message on bad config or when another process holds the embedded data folder (issue 10).
 */
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
  try {
    const db =
      config.engine === 'server'
        ? await openDatabase({ engine: 'server', databaseUrl: config.databaseUrl as string, poolSize: 2 })
        : await openDatabase({ engine: 'embedded', dataDir: config.dataDir });
    return { config, db };
  } catch (error) {
    exitIfLocked(error);
    throw error;
  }
}

/** Prints the message of a DataFolderLockedError and exits 1; any other error is left to the caller. */
export function exitIfLocked(error: unknown): void {
  if (!(error instanceof DataFolderLockedError)) return;
  console.error(error.message);
  process.exit(1);
}
