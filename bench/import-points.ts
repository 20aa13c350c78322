import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../api/src/config';
import { openDatabase, type Database } from '../api/src/db/database';
import { migrateToLatest } from '../api/src/db/migrations';
import { runImport } from '../api/src/import/run-import';

// `npx tsx bench/import-points.ts [count]` — times an import of N points (default 10,000) given in
// Stereo 70 (so every batch is transformed by ST_Transform): a dry run, the first write (inserts) and a
// re-import (updates). Embedded engine in a temporary folder; with DATABASE_URL, a temporary database.
const count = Number(process.argv[2] ?? 10_000);
const rows = ['cod;denumire;x;y'];
for (let i = 0; i < count; i++) {
  // A grid over Cluj-Napoca in EPSG:3844 metres, decimal commas as Romanian spreadsheets write them.
  const e = (380_000 + (i % 200) * 100 + 0.123).toFixed(3).replace('.', ',');
  const n = (580_000 + Math.floor(i / 200) * 100 + 0.456).toFixed(3).replace('.', ',');
  rows.push(`P${i};Punct ${i};${e};${n}`);
}
const data = new TextEncoder().encode(rows.join('\n'));

async function openScratch(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  if (!process.env.DATABASE_URL) {
    const dir = path.join(os.tmpdir(), `punte-bench-${suffix}`);
    const db = await openDatabase({ engine: 'embedded', dataDir: dir });
    const drop = async () => {
      await db.close();
      await fs.rm(dir, { recursive: true, force: true });
    };
    return { db, drop };
  }
  const admin = await openDatabase({ engine: 'server', databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
  const name = `punte_bench_${suffix}`;
  await admin.knex.raw('create database ??', [name]);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ engine: 'server', databaseUrl: url.toString(), poolSize: 2 });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.knex.raw('drop database if exists ?? with (force)', [name]);
      await admin.close();
    },
  };
}

const { db, drop } = await openScratch();
try {
  await migrateToLatest(db.knex);
  const config = loadConfig({ PUNTE_LOG_LEVEL: 'silent' });
  const options = {
    layer: 'services' as const,
    format: 'csv' as const,
    crs: 'EPSG:3844',
    map: { externalId: 'cod', name: 'denumire' },
    set: { category: 'transit_stop' },
    skipInvalid: false,
  };
  for (const [label, dryRun] of [['dry run', true], ['insert', false], ['update', false]] as const) {
    const report = await runImport(db.knex, config, data, { ...options, dryRun }, { id: null, username: 'bench' });
    console.log(`${db.engine} ${label.padEnd(7)} ${count} points: ${report.durationMs} ms (inserted ${report.inserted}, updated ${report.updated}, rejected ${report.rejected})`);
  }
} finally {
  await drop();
}
