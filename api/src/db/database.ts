import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock';

/** Which PostgreSQL runs behind knex: PGlite in a data folder, or a PostgreSQL + PostGIS server. */
export type Engine = 'embedded' | 'server';

export type Database = {
  knex: Knex;
  engine: Engine;
  /** Closes the pool (server) or the PGlite instance (embedded), flushing it to disk and releasing its lock. */
  close(): Promise<void>;
  /** The exclusive lock of the embedded data folder (issue 10); undefined on the server engine. */
  lock?: DataFolderLock;
};

export type DatabaseOptions =
  | { engine: 'embedded'; dataDir: string; /** Who opens it, for the message a second process gets ("server", "npm run seed"). */ command?: string }
  | {
      engine: 'server';
      databaseUrl: string;
      poolSize?: number;
      /** Cancel statements running longer (server side, and client side for a frozen server); none when unset. */
      statementTimeoutMs?: number;
      /** Longest wait for a pooled connection or a new one (default 5 s). */
      acquireTimeoutMs?: number;
      /** Where knex's own warnings go (lost connections while the server is down); default: the console. */
      log?: (level: 'warn' | 'error', message: string) => void;
    };

// Both engines must hand rows to TypeScript in the same shapes (a test checks this):
// bigint and numeric as numbers, dates as 'YYYY-MM-DD' strings (never a Date shifted by the time zone).
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;
pg.types.setTypeParser(OID.int8, parseNumber);
pg.types.setTypeParser(OID.numeric, parseNumber);
pg.types.setTypeParser(OID.date, keepText);

/** Returns an open database for the chosen engine; the embedded one is created in `dataDir` if missing. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'server') {
    const acquireTimeoutMs = options.acquireTimeoutMs ?? 5_000;
    const timeouts =
      options.statementTimeoutMs === undefined
        ? {}
        : // The client-side query_timeout also ends a wait on a server that no longer answers at all (SIGSTOP).
          { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + 500 };
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: options.databaseUrl, connectionTimeoutMillis: acquireTimeoutMs, ...timeouts },
      pool: { min: 0, max: options.poolSize ?? 10 },
      acquireConnectionTimeout: acquireTimeoutMs,
      ...(options.log ? { log: knexLog(options.log) } : {}),
    });
    return { knex, engine: 'server', close: () => knex.destroy() };
  }
  // One process per data folder: the lock comes before PGlite touches a file (issue 10).
  const lock = lockDataFolder(options.dataDir, options.command ?? commandName());
  const releaseAtExit = () => lock.release();
  process.once('exit', releaseAtExit);
  let pglite: PGlite;
  try {
    const pgdata = path.join(options.dataDir, 'pgdata');
    await fs.mkdir(pgdata, { recursive: true });
    pglite = new PGlite(pgdata, {
      extensions: { postgis },
      parsers: { [OID.int8]: parseNumber, [OID.numeric]: parseNumber, [OID.date]: keepText },
    });
    await pglite.waitReady;
  } catch (error) {
    lock.release();
    process.off('exit', releaseAtExit);
    throw error;
  }
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    // knex-pglite takes a ready instance through a connection function (its documented hook).
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
  });
  return {
    knex,
    engine: 'embedded',
    lock,
    close: async () => {
      try {
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock.release();
        process.off('exit', releaseAtExit);
      }
    },
  };
}

/** Returns knex's logger settings sending its messages to `log`. */
function knexLog(log: (level: 'warn' | 'error', message: string) => void): Knex.Config['log'] {
  const text = (message: unknown) => (message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message));
  return {
    warn: (message: unknown) => log('warn', text(message)),
    error: (message: unknown) => log('error', text(message)),
    deprecate: (method: string, alternative: string) => log('warn', `knex: ${method} is deprecated, use ${alternative}`),
    debug: () => {},
  };
}

/** Returns a label of this process for the lock file: the npm script or the script file name. */
function commandName(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return `npm run ${script}`;
  return path.basename(process.argv[1] ?? 'node');
}

/** Resolves when the database answers a trivial statement (a liveness probe); rejects when it cannot. */
export async function pingDatabase(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}

/** Returns the PostGIS library version ('3.6.2'), or undefined when the extension is not installed. */
export async function getPostgisVersion(knex: Knex): Promise<string | undefined> {
  const installed = await knex.raw(`select extversion from pg_extension where extname = 'postgis'`);
  if (installed.rows.length === 0) return undefined;
  const result = await knex.raw('select postgis_lib_version() as version');
  return result.rows[0]?.version as string | undefined;
}
