import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAccessGrid } from '../api/src/db/access-grid';
import { nearestServiceDistances, serviceAccessProfiles } from '../api/src/db/access-queries';
import { openDatabase, type Database, type Engine } from '../api/src/db/database';
import { migrateToLatest } from '../api/src/db/migrations';
import { DEFAULT_ACCESS_CONFIG } from '../api/src/domain/access-config';
import { createAccessOverlays, gridCollection } from '../api/src/domain/access-overlays';
import { SERVICE_CATEGORIES } from '../api/src/domain/vocabulary';
import { DEFAULT_METRO, generateMetro, type MetroDataset } from './generate-metro';

// Benchmark of issue 4: the all-origins nearest-service computation and the hexagon-grid overlay,
// on a fresh database of each engine loaded with the synthetic metro dataset.
//
//   npx tsx bench/access-nearest.ts [--origins 100000] [--services 5000] [--engine embedded|server|both]
//
// The server engine needs DATABASE_URL (a scratch database is created beside it and dropped after).

const { values: args } = parseArgs({
  options: {
    origins: { type: 'string', default: String(DEFAULT_METRO.origins) },
    services: { type: 'string', default: String(DEFAULT_METRO.services) },
    engine: { type: 'string' },
    batch: { type: 'string', default: '5000' },
    parallel: { type: 'string', default: '2' },
  },
});
const originCount = Number(args.origins);
const serviceCount = Number(args.services);
const batchSize = Number(args.batch);
const parallel = Number(args.parallel);
const engines: Engine[] =
  args.engine === 'embedded' || args.engine === 'server' ? [args.engine] : process.env.DATABASE_URL ? ['embedded', 'server'] : ['embedded'];

const ms = (start: number) => performance.now() - start;
const fmt = (value: number, digits = 1) => value.toFixed(digits);

/** Returns a fresh, migrated database of `engine` and how to throw it away. */
async function freshDatabase(engine: Engine): Promise<{ db: Database; drop(): Promise<void> }> {
  if (engine === 'embedded') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'punte-bench-'));
    const db = await openDatabase({ engine: 'embedded', dataDir: dir });
    await migrateToLatest(db.knex);
    return { db, drop: async () => (await db.close(), await fs.rm(dir, { recursive: true, force: true })) };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the server engine needs DATABASE_URL');
  const name = `punte_bench_${process.pid}`;
  const admin = await openDatabase({ engine: 'server', databaseUrl: serverUrl, poolSize: 1 });
  await admin.knex.raw('drop database if exists ??', [name]);
  await admin.knex.raw('create database ??', [name]);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ engine: 'server', databaseUrl: url.toString(), poolSize: Math.max(2, parallel) });
  await migrateToLatest(db.knex);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.knex.raw('drop database if exists ?? with (force)', [name]);
      await admin.close();
    },
  };
}

/** Loads services and localities in a few statements, then refreshes planner statistics. */
async function load(db: Database, data: MetroDataset): Promise<void> {
  const { knex } = db;
  for (let i = 0; i < data.services.length; i += 5000) {
    await knex.raw(
      `insert into services (name, category, geom)
       select s.name, s.category, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)
       from json_to_recordset(cast(? as json)) as s(name text, category text, lon float8, lat float8)`,
      [JSON.stringify(data.services.slice(i, i + 5000))],
    );
  }
  for (const locality of data.localities) {
    await knex.raw(`insert into zones (name, kind, geom) values (?, 'locality', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))`, [
      locality.name,
      JSON.stringify({ type: 'Polygon', coordinates: [locality.ring] }),
    ]);
  }
  await knex.raw('analyze services');
  await knex.raw('analyze zones');
}

type Result = Record<string, string | number>;

/** CPU seconds used so far by the database: the server backend of `pid` (from /proc), or this process (PGlite runs in it). */
async function databaseCpuMs(db: Database, pid: number | undefined): Promise<number> {
  if (db.engine === 'embedded' || pid === undefined) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second on Linux).
  const fields = (await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Measures `work`: wall milliseconds, and CPU milliseconds of the database (on the server, the backend
 * of `db`'s single pooled connection, asked afresh because the pool closes idle connections) and of this process.
 */
async function measure(db: Database, work: () => Promise<unknown>) {
  const pid = db.engine === 'server' ? ((await db.knex.raw('select pg_backend_pid() as pid')).rows[0].pid as number) : undefined;
  const cpu0 = await databaseCpuMs(db, pid);
  const client0 = process.cpuUsage();
  const t = performance.now();
  await work();
  const wallMs = ms(t);
  const client = process.cpuUsage(client0);
  return { wallMs, databaseCpuMs: (await databaseCpuMs(db, pid)) - cpu0, clientCpuMs: (client.user + client.system) / 1000 };
}

async function run(engine: Engine, data: MetroDataset): Promise<Result> {
  const started = performance.now();
  const { db, drop } = await freshDatabase(engine);
  // One connection for the sequential figures, so its backend's CPU time can be read.
  const single = engine === 'server' ? await openDatabase({ engine: 'server', databaseUrl: (db.knex.client.config.connection as string), poolSize: 1 }) : db;
  try {
    await load(db, data);
    const loadMs = ms(started);
    const lookups = data.origins.length * SERVICE_CATEGORIES.length;

    // Warm-up (caches, catalogue) on a small batch, not counted.
    await nearestServiceDistances(single.knex, data.origins.slice(0, 500), SERVICE_CATEGORIES);

    // All origins, one batch at a time over one connection.
    let found = 0;
    const sequential = await measure(single, async () => {
      for (let i = 0; i < data.origins.length; i += batchSize) {
        const result = await nearestServiceDistances(single.knex, data.origins.slice(i, i + batchSize), SERVICE_CATEGORIES);
        found += result.size;
      }
    });
    if (found !== data.origins.length) throw new Error(`expected ${data.origins.length} origins, got ${found}`);

    // The same with `parallel` batches at once (server: that many connections; PGlite has one).
    let parallelMs: number | undefined;
    if (engine === 'server') {
      const t = performance.now();
      const queue = Array.from({ length: Math.ceil(data.origins.length / batchSize) }, (_, b) => b);
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let b = queue.shift(); b !== undefined; b = queue.shift()) {
            await nearestServiceDistances(db.knex, data.origins.slice(b * batchSize, (b + 1) * batchSize), SERVICE_CATEGORIES);
          }
        }),
      );
      parallelMs = ms(t);
    }

    // The full profile (n-th nearest, counts within 500 m / 1 km / 2 km) of 1,000 origins, as access cards use it.
    const profileOrigins = data.origins.slice(0, 1000);
    const profile = await measure(single, () => serviceAccessProfiles(single.knex, profileOrigins, SERVICE_CATEGORIES, 3));

    // The hexagon grid of the whole metro area, cold (built from the database) and serialized.
    let grid: Awaited<ReturnType<typeof buildAccessGrid>> | undefined;
    let body = '';
    const gridBuild = await measure(single, async () => {
      grid = await buildAccessGrid(single.knex);
      body = gridCollection(grid, 'all', DEFAULT_ACCESS_CONFIG);
    });
    // Server: the same build over two connections (the grid keeps two queries in flight), as the API runs it.
    let gridParallelMs: number | undefined;
    if (engine === 'server') {
      const t = performance.now();
      gridCollection(await buildAccessGrid(db.knex), 'all', DEFAULT_ACCESS_CONFIG);
      gridParallelMs = ms(t);
    }
    // What a client waits for once the grid is cached: the data-version check and the ready body.
    const overlays = createAccessOverlays(db.knex, { config: DEFAULT_ACCESS_CONFIG, n: 3, categories: SERVICE_CATEGORIES });
    await overlays.grid('all');
    const t = performance.now();
    await overlays.grid('all');
    const cachedMs = ms(t);
    const perLookup = (m: number) => fmt((m * 1000) / lookups);
    return {
      engine,
      origins: data.origins.length,
      services: data.services.length,
      'load s': fmt(loadMs / 1000),
      'nearest wall s': fmt(sequential.wallMs / 1000),
      'µs/lookup wall': perLookup(sequential.wallMs),
      'µs/lookup db CPU': perLookup(sequential.databaseCpuMs),
      'µs/lookup client CPU': engine === 'server' ? perLookup(sequential.clientCpuMs) : '(in db CPU)',
      [`µs/lookup wall ${parallel} conn`]: parallelMs === undefined ? '–' : perLookup(parallelMs),
      'profile µs/lookup wall': fmt((profile.wallMs * 1000) / (profileOrigins.length * SERVICE_CATEGORIES.length)),
      'profile µs/lookup db CPU': fmt((profile.databaseCpuMs * 1000) / (profileOrigins.length * SERVICE_CATEGORIES.length)),
      'grid cells': grid?.cells.length ?? 0,
      'grid wall s': fmt(gridBuild.wallMs / 1000, 2),
      'grid db CPU s': fmt(gridBuild.databaseCpuMs / 1000, 2),
      'grid wall s 2 conn': gridParallelMs === undefined ? '–' : fmt(gridParallelMs / 1000, 2),
      'grid cached ms': fmt(cachedMs),
      'grid MB': fmt(body.length / 1e6, 2),
      'load avg (1 min) after': os.loadavg()[0]?.toFixed(1) ?? '',
    };
  } finally {
    if (single !== db) await single.close();
    await drop();
  }
}

const data = generateMetro({ ...DEFAULT_METRO, origins: originCount, services: serviceCount });
console.log(`synthetic metro: ${data.origins.length} origins, ${data.services.length} services, ${SERVICE_CATEGORIES.length} categories`);
console.log(`${new Date().toISOString()} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}) · load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const results: Result[] = [];
for (const engine of engines) {
  console.log(`\n${engine}: loading and measuring…`);
  const result = await run(engine, data);
  results.push(result);
  console.log(result);
}
const columns = Object.keys(results[0] ?? {});
console.log(`\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|`);
for (const r of results) console.log(`| ${columns.map((c) => r[c]).join(' | ')} |`);
