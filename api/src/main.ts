import type { Server } from 'node:http';
import { createApp } from './app';
import { makeRelease } from './services/public-releases';
import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig, type Config } from './config';
import { DataFolderLockedError } from './db/data-folder-lock';
import { prepareDatabase } from './db/prepare-database';
import { answerClientErrors } from './http/client-error';
import { createLogger } from './logger';

// Start-up only: read the configuration, open and prepare the database, listen, and shut down cleanly.

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

const logger = createLogger(config.logLevel);
const started = Date.now();
logger.info('starting Punte', {
  engine: config.engine,
  ...(config.engine === 'embedded' ? { dataDir: config.dataDir } : {}),
});
if (config.engine === 'embedded' && config.sessionSecret === DEFAULT_SESSION_SECRET) {
  logger.warn('SESSION_SECRET is the development default: fine for the local demo, set it for anything else');
}

const { db, postgis } = await prepareDatabase(config, logger, 'server').catch((error: unknown) => {
  if (!(error instanceof DataFolderLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
});
const app = createApp({ db, config, logger });
const server: Server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  db.lock?.setPort(port);
  logger.info('Punte is ready', {
    url: `http://${config.host}:${port}/`,
    engine: config.engine === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server',
    postgis,
    startupMs: Date.now() - started,
  });
  console.log(`\n  Punte: http://${config.host}:${port}/  (engine: ${config.engine}, PostGIS ${postgis})\n`);
});
answerClientErrors(server);

// Issue 15: the public release of each closed month is made once, by this hourly job (or by an admin, or by
// the first public request of the month); a failure is logged and tried again the next hour.
const makeReleaseNow = () =>
  makeRelease(db.knex, config.disclosureK).then(
    (made) => made.created && logger.info('public release made', { month: made.month }),
    (error: unknown) => logger.error('public release failed', { message: error instanceof Error ? error.message : String(error) }),
  );
void makeReleaseNow();
const releaseJob = setInterval(() => void makeReleaseNow(), 60 * 60 * 1000);
releaseJob.unref();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  // Stop accepting, let in-flight requests finish (at most 10 s), then close the database.
  const forced = setTimeout(() => server.closeAllConnections(), 10_000);
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(forced);
  clearInterval(releaseJob);
  await db.close();
  logger.info('stopped cleanly');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
