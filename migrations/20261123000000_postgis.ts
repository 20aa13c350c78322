import type { Knex } from 'knex';

// PostGIS 3.3 is what Debian 12 ships for PostgreSQL 15; the embedded engine brings 3.6.
const MIN_POSTGRES = 15;
const MIN_POSTGIS: [number, number] = [3, 3];

export async function up(knex: Knex): Promise<void> {
  const server = await knex.raw(`select current_setting('server_version_num')::int as num`);
  const serverVersion = Math.floor(Number(server.rows[0].num) / 10000);
  if (serverVersion < MIN_POSTGRES) {
    throw new Error(`Punte needs PostgreSQL ${MIN_POSTGRES} or newer; this server is ${serverVersion}.`);
  }
  const available = await knex.raw(`select default_version from pg_available_extensions where name = 'postgis'`);
  if (available.rows.length === 0) {
    throw new Error(
      'PostGIS is not installed on this PostgreSQL server. Install the package for your server version, ' +
        'e.g. `apt-get install postgresql-15-postgis-3` on Debian/Ubuntu, then run the migrations again.',
    );
  }
  try {
    await knex.raw('create extension if not exists postgis');
  } catch (error) {
    throw new Error(
      `Could not create the PostGIS extension (${(error as Error).message}). ` +
        'Ask a database superuser to run `CREATE EXTENSION postgis;` in this database, then run the migrations again.',
    );
  }
  const version = await knex.raw('select postgis_lib_version() as v');
  const [major = 0, minor = 0] = String(version.rows[0].v).split('.').map(Number);
  if (major < MIN_POSTGIS[0] || (major === MIN_POSTGIS[0] && minor < MIN_POSTGIS[1])) {
    throw new Error(`Punte needs PostGIS ${MIN_POSTGIS.join('.')} or newer; this database has ${version.rows[0].v}.`);
  }
}

export async function down(): Promise<void> {
  // The extension stays: other schemas in the same database may use it.
}
