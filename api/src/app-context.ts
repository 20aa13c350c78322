import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Logger } from './logger';

/** What every route module receives: no globals, so tests build an app around any database. */
export type AppContext = {
  db: Database;
  config: Config;
  logger: Logger;
  registry: OpenAPIRegistry;
};
