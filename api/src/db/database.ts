import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

/** Which PostgreSQL runs behind knex: PGlite in a data folder, or a PostgreSQL + PostGIS server. */
export type Engine = 'embedded' | 'server';

export type Database = {
  knex: Knex;
  engine: Engine;
  /** Closes the pool (server) or the PGlite instance (embedded), flushing it to disk. */
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { engine: 'embedded'; dataDir: string }
  | { engine: 'server'; databaseUrl: string; poolSize?: number };

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
    const knex = knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolSize ?? 10 },
    });
    return { knex, engine: 'server', close: () => knex.destroy() };
  }
  const pgdata = path.join(options.dataDir, 'pgdata');
  await fs.mkdir(pgdata, { recursive: true });
  const pglite = new PGlite(pgdata, {
    extensions: { postgis },
    parsers: { [OID.int8]: parseNumber, [OID.numeric]: parseNumber, [OID.date]: keepText },
  });
  await pglite.waitReady;
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    // knex-pglite takes a ready instance through a connection function (its documented hook).
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
  });
  return {
    knex,
    engine: 'embedded',
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Returns the PostGIS library version ('3.6.2'), or undefined when the extension is not installed. */
export async function getPostgisVersion(knex: Knex): Promise<string | undefined> {
  const installed = await knex.raw(`select extversion from pg_extension where extname = 'postgis'`);
  if (installed.rows.length === 0) return undefined;
  const result = await knex.raw('select postgis_lib_version() as version');
  return result.rows[0]?.version as string | undefined;
}
