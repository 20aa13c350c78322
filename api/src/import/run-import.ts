import type { Knex } from 'knex';
import type { Config } from '../config';
import { LAYERS } from '../db/layers';
import { writeImport, type ImportActor, type ImportRow } from '../db/write-import';
import type { ImportOptions, ImportProgress, ImportReport } from './import-types';
import { checkMapping } from './map-fields';
import { prepareImport, type AcceptedRow } from './prepare-import';
import { readSource } from './read-source';
import { resolveCrs } from './resolve-crs';
import { breathe, mapInTurns } from './yield-to-event-loop';
import { refreshAfterEdit } from '../domain/refresh-after-edit';

// Columns that are NOT NULL with a default: a row that lacks the value gets the default, not a null.
const COLUMN_DEFAULTS: Record<string, Record<string, unknown>> = {
  housingUnits: { stepFree: false, status: 'available' },
  services: { attributes: {}, schematic: false },
};

/** Returns the rows to write as columns: every property any accepted row carries, defaults where a row lacks one. */
async function toImportRows(options: ImportOptions, accepted: AcceptedRow[]): Promise<{ rows: ImportRow[]; columns: string[] }> {
  const layer = LAYERS[options.layer];
  const provided = new Set<string>();
  for (let i = 0; i < accepted.length; i++) {
    await breathe(i);
    const row = accepted[i] as AcceptedRow;
    for (const p of Object.keys(row.properties)) if (row.properties[p] !== undefined) provided.add(p);
  }
  const chosen = layer.columns.filter((c) => provided.has(c.property));
  const defaults = COLUMN_DEFAULTS[options.layer] ?? {};
  const rows = await mapInTurns(accepted, (row) => ({
    columns: Object.fromEntries(chosen.map(({ column, property }) => [column, row.properties[property] ?? defaults[property] ?? null])),
    geometry: row.geometry,
  }));
  return { rows, columns: chosen.map((c) => c.column) };
}

/**
 * Reads, checks and (unless a dry run) writes an import in one transaction, reporting progress; returns
 * the report: counts inserted/updated/rejected and every rejected row with its reasons. When rows are
 * rejected nothing is written unless `skipInvalid`. Throws an ImportError when the data cannot be read at all.
 */
export async function runImport(
  knex: Knex,
  config: Config,
  data: unknown,
  options: ImportOptions,
  actor: ImportActor,
  progress: (p: ImportProgress) => void = () => {},
  importId?: string,
): Promise<ImportReport> {
  const started = performance.now();
  progress({ phase: 'reading', processed: 0, total: 0 });
  const table = await readSource(data, options);
  const fieldsSeen = new Set<string>();
  for (let i = 0; i < table.rows.length; i++) {
    await breathe(i);
    for (const field of Object.keys((table.rows[i] as (typeof table.rows)[number]).fields)) fieldsSeen.add(field);
  }
  checkMapping(options.layer, options, fieldsSeen);
  const crs = await resolveCrs(knex, options.format, options.crs, table.declaredCrs);
  const total = table.rows.length;
  const plan = await prepareImport(knex, config, table, options, crs, progress);
  const updates = plan.accepted.filter((row) => row.existingId !== undefined).length;
  const report: ImportReport = {
    dryRun: options.dryRun,
    layer: LAYERS[options.layer].path,
    format: options.format,
    crs: { requested: options.crs ?? null, used: crs.name, ...(crs.note ? { note: crs.note } : {}) },
    total,
    inserted: plan.accepted.length - updates,
    updated: updates,
    unchanged: 0,
    rejected: plan.rejected.length,
    written: false,
    rejectedRows: plan.rejected,
    ignoredFields: plan.ignoredFields,
    notes: [...table.notes],
    durationMs: 0,
  };
  const refuse = plan.rejected.length > 0 && !options.skipInvalid;
  if (options.dryRun || refuse || plan.accepted.length === 0) {
    if (refuse && !options.dryRun) {
      // Issue 10: a refused import inserted nothing, and its report must not say otherwise.
      report.inserted = 0;
      report.updated = 0;
      report.notes.push(
        `Nothing was written: ${plan.rejected.length} row(s) were rejected. Fix them, or import with skipInvalid (--skip-invalid on the command line) to write the ${plan.accepted.length} valid row(s).`,
      );
    }
    report.durationMs = Math.round(performance.now() - started);
    progress({ phase: 'done', processed: total, total });
    return report;
  }
  const { rows, columns } = await toImportRows(options, plan.accepted);
  progress({ phase: 'writing', processed: 0, total: rows.length });
  // Issue 10: the rows and the access scores they change commit together, or neither does.
  const written = await knex.transaction(async (trx) => {
    const result = await writeImport(
      trx,
      LAYERS[options.layer],
      rows,
      columns,
      actor,
      { importId, format: options.format, crs: crs.name, source: options.sourceName ?? null, rejected: plan.rejected.length },
      (n) => progress({ phase: 'writing', processed: n, total: rows.length }),
    );
    await refreshAfterEdit(trx, LAYERS[options.layer].path, [...result.insertedIds, ...result.updatedIds]);
    return result;
  });
  report.inserted = written.insertedIds.length;
  report.updated = written.updatedIds.length;
  report.unchanged = updates - written.updatedIds.length;
  report.written = true;
  report.auditId = written.auditId;
  report.durationMs = Math.round(performance.now() - started);
  progress({ phase: 'done', processed: total, total });
  return report;
}
