import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../api/src/db/migrations';
import { findUserByUsername } from '../api/src/db/users';
import { ImportError } from '../api/src/import/import-error';
import { importOptionsSchema, inferFormat, toImportOptions } from '../api/src/import/import-options';
import type { ImportProgress, ImportReport } from '../api/src/import/import-types';
import { runImport } from '../api/src/import/run-import';
import { openConfiguredDatabase } from './open-configured-database';
import { describeFailure, openServerSession } from './server-session';

// `npx tsx scripts/import.ts --layer services --file stops.csv --crs EPSG:3844 --map name=denumire --dry-run`
// The same import as POST /api/imports (api/src/import/run-import.ts), against the configured database,
// or, with --server URL, through the API of a running Punte (which may hold the embedded folder: issue 10).
const usage = `usage: npx tsx scripts/import.ts --layer zones|settlements|housing-units|services --file FILE
       [--format geojson|csv|gtfs] [--crs EPSG:3844] [--map punteProperty=sourceField ...] [--set punteProperty=value ...]
       [--lon-field X --lat-field Y | --wkt-field WKT] [--dry-run] [--skip-invalid] [--user USERNAME] [--json]
       [--server http://127.0.0.1:3000 --user USERNAME]   (password from PUNTE_PASSWORD or a prompt)`;

const { values } = parseArgs({
  options: {
    layer: { type: 'string' },
    file: { type: 'string' },
    format: { type: 'string' },
    crs: { type: 'string' },
    map: { type: 'string', multiple: true },
    set: { type: 'string', multiple: true },
    'lon-field': { type: 'string' },
    'lat-field': { type: 'string' },
    'wkt-field': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    user: { type: 'string' },
    json: { type: 'boolean' },
    server: { type: 'string' },
  },
});

const parsed = importOptionsSchema.safeParse({
  layer: values.layer,
  format: values.format,
  crs: values.crs,
  map: values.map ?? [],
  set: values.set ?? [],
  dryRun: values['dry-run'] ?? false,
  skipInvalid: values['skip-invalid'] ?? false,
  lonField: values['lon-field'],
  latField: values['lat-field'],
  wktField: values['wkt-field'],
  filename: values.file ? path.basename(values.file) : undefined,
});
const format = parsed.success ? (parsed.data.format ?? inferFormat(undefined, values.file)) : undefined;
if (!values.file || !parsed.success || !format) {
  if (!parsed.success) for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  else if (values.file && !format) console.error('--format: say geojson, csv or gtfs (the file name does not tell)');
  console.error(usage);
  process.exit(2);
}
const options = toImportOptions(parsed.data, format);
const data = new Uint8Array(await fs.readFile(values.file));

/** Prints progress on one line in a terminal, or a line per phase and per tenth otherwise (logs, CI). */
function progressPrinter(): (p: ImportProgress) => void {
  let last = '';
  return ({ phase, processed, total }) => {
    const share = total > 0 ? ` ${processed.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.floor((100 * processed) / total)}%)` : '';
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[K${phase}${share}${phase === 'done' ? '\n' : ''}`);
      return;
    }
    const step = `${phase}:${total > 0 ? Math.floor((10 * processed) / total) : 0}`;
    if (step !== last) process.stderr.write(`${phase}${share}\n`);
    last = step;
  };
}

function printReport(report: ImportReport): void {
  const what = report.dryRun ? 'dry run, nothing written' : report.written ? 'written' : 'NOTHING written';
  console.log(
    `${report.layer}: ${report.total} rows — ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected (${what}) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  console.log(`CRS: ${report.crs.used}${report.crs.note ? ` — ${report.crs.note}` : ''}`);
  for (const row of report.rejectedRows) {
    const where = [row.line ? `line ${row.line}` : undefined, row.externalId].filter(Boolean).join(', ');
    for (const error of row.errors) console.log(`  rejected row ${row.index}${where ? ` (${where})` : ''}: ${error.pointer}: ${error.detail}`);
  }
  if (report.ignoredFields.length > 0) console.log(`Ignored fields (map them with --map): ${report.ignoredFields.join(', ')}`);
  for (const note of report.notes) console.log(note);
}

type ServerJob = { state: 'running' | 'succeeded' | 'failed'; progress: ImportProgress; report?: ImportReport; problem?: { status: number; title: string; detail: string; errors?: { pointer: string; detail: string }[] } };

/** Runs the import through the API of the server at `baseUrl`, polling the job; returns the exit code. */
async function importThroughServer(baseUrl: string): Promise<number> {
  const session = await openServerSession(baseUrl, values.user);
  try {
    const query = new URLSearchParams({ layer: values.layer as string, format: options.format, filename: path.basename(values.file as string) });
    for (const [key, value] of Object.entries({ crs: values.crs, lonField: values['lon-field'], latField: values['lat-field'], wktField: values['wkt-field'] })) {
      if (value) query.set(key, value);
    }
    for (const pair of values.map ?? []) query.append('map', pair);
    for (const pair of values.set ?? []) query.append('set', pair);
    if (values['dry-run']) query.set('dryRun', 'true');
    if (values['skip-invalid']) query.set('skipInvalid', 'true');
    const type = options.format === 'gtfs' ? 'application/zip' : options.format === 'csv' ? 'text/csv' : 'application/geo+json';
    const started = await session.request(`/api/imports?${query}`, { method: 'POST', headers: { 'content-type': type, prefer: 'wait=5' }, body: data });
    if (!started.ok) {
      console.error(`Import refused: ${await describeFailure(started)}`);
      return 1;
    }
    let job = (await started.json()) as ServerJob;
    const location = started.headers.get('location') as string;
    const print = progressPrinter();
    while (job.state === 'running') {
      print(job.progress);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const polled = await session.request(location);
      if (!polled.ok) throw new Error(`Reading the import's progress failed: ${await describeFailure(polled)}`);
      job = (await polled.json()) as ServerJob;
    }
    if (job.report) {
      if (values.json) console.log(JSON.stringify(job.report, null, 2));
      else printReport(job.report);
    }
    if (job.problem) {
      if (!job.report) console.error(`Import refused: ${job.problem.title}: ${job.problem.detail}`);
      for (const item of job.problem.errors ?? []) console.error(`  ${item.pointer}: ${item.detail}`);
      return 1;
    }
    return 0;
  } finally {
    await session.close();
  }
}

if (values.server) process.exit(await importThroughServer(values.server));

const { config, db } = await openConfiguredDatabase();
let exitCode = 0;
try {
  await migrateToLatest(db.knex);
  const user = values.user ? await findUserByUsername(db.knex, values.user) : undefined;
  if (values.user && !user) throw new ImportError(`There is no user ${values.user}.`);
  const actor = user ? { id: user.id, username: user.username } : { id: null, username: `cli:${os.userInfo().username}` };
  const report = await runImport(db.knex, config, data, options, actor, progressPrinter());
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  if (!report.dryRun && !report.written && report.rejected > 0) exitCode = 1;
} catch (error) {
  if (!(error instanceof ImportError)) throw error;
  console.error(`Import refused: ${error.message}`);
  for (const item of error.errors) console.error(`  ${item.pointer}: ${item.detail}`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
