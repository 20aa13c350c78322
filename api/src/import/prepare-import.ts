import type { Knex } from 'knex';
import type { Config } from '../config';
import { findByExternalId, findHousingUnitCodes, findZoneIds } from '../db/import-lookups';
import { LAYERS } from '../db/layers';
import { transformToWgs84 } from '../db/transform-geometries';
import { parseCrs, type Crs } from '../geo/parse-crs';
import { normaliseWinding } from '../geo/normalise-winding';
import { toLayerGeometry } from '../geo/to-layer-geometry';
import { validateGeometry } from '../geo/validate-geometry';
import { IMPORT_BATCH_SIZE } from '../db/write-import';
import { breathe, yieldToEventLoop } from './yield-to-event-loop';
import type { LayerGeometry } from '../geo/geojson-types';
import type { ImportOptions, ImportProgress, RejectedRow, RowError, SourceRow, SourceTable } from './import-types';
import { mapFields } from './map-fields';

/** A row that passed every check: its properties and its WGS84 geometry in the layer's type. */
export type AcceptedRow = { index: number; properties: Record<string, unknown>; geometry: LayerGeometry; existingId?: number };

export type ImportPlan = { accepted: AcceptedRow[]; rejected: RejectedRow[]; ignoredFields: string[] };

type Candidate = { row: SourceRow; properties: Record<string, unknown>; externalId?: string; geometry: unknown; errors: RowError[] };


function fieldPointer(format: ImportOptions['format']) {
  return (row: SourceRow, field: string) => (format === 'geojson' ? `${row.pointer}/properties/${field}` : `${row.pointer}/${field}`);
}

/**
 * Returns the geometry without its "crs" member when that names the import's own CRS (PostGIS writes one
 * on every geometry outside WGS84); any other crs member stays, for validation to refuse.
 */
function withoutMatchingCrs(geometry: unknown, crs: Crs): unknown {
  if (!geometry || typeof geometry !== 'object' || !('crs' in geometry)) return geometry;
  const { crs: member, ...rest } = geometry as { crs?: { properties?: { name?: unknown } } };
  const name = member?.properties?.name;
  return typeof name === 'string' && parseCrs(name)?.srid === crs.srid ? rest : geometry;
}

/** Checks fields and geometry of each row in its source CRS; returns every row with its errors so far. */
async function checkRows(table: SourceTable, options: ImportOptions, config: Config, crs: Crs, progress: (p: ImportProgress) => void) {
  const layer = LAYERS[options.layer];
  const ignored = new Set<string>();
  const candidates: Candidate[] = [];
  for (const row of table.rows) {
    const mapped = mapFields(row, options.layer, options, table.geometryFields, fieldPointer(options.format));
    mapped.unused.forEach((field) => ignored.add(field));
    const errors = [...row.errors, ...mapped.errors];
    if (row.srid !== undefined && row.srid !== crs.srid && !(row.srid === 31700 && crs.srid === 3844)) {
      errors.push({ pointer: row.pointer, code: 'crs-mismatch', detail: `the WKT declares SRID=${row.srid} but the import is in ${crs.name}` });
    }
    if (row.errors.length === 0) {
      const { issues } = validateGeometry(withoutMatchingCrs(row.geometry, crs), `${row.pointer}/geometry`, {
        layerType: layer.geometryType,
        maxVertices: config.maxVertices,
        wgs84: crs.srid === 4326,
        region: config.regionBbox,
        topology: true,
      });
      errors.push(...issues.map(({ pointer, detail, code }) => ({ pointer, detail, code })));
    }
    candidates.push({ row, properties: mapped.properties ?? {}, externalId: mapped.externalId, geometry: withoutMatchingCrs(row.geometry, crs), errors });
    if ((row.index + 1) % 500 === 0) {
      progress({ phase: 'validating', processed: row.index + 1, total: table.rows.length });
      await yieldToEventLoop();
    }
  }
  return { candidates, ignored };
}

/** Transforms the geometry of the rows still valid to WGS84, one statement per batch, and checks region and ranges there. */
async function transformRows(knex: Knex, candidates: Candidate[], crs: Crs, config: Config, options: ImportOptions): Promise<void> {
  if (crs.srid === 4326) return;
  const layer = LAYERS[options.layer];
  const valid = candidates.filter((c) => c.errors.length === 0);
  for (let i = 0; i < valid.length; i += IMPORT_BATCH_SIZE) {
    const batch = valid.slice(i, i + IMPORT_BATCH_SIZE);
    const transformed = await transformToWgs84(knex, batch.map((c) => c.geometry), crs.srid);
    await yieldToEventLoop();
    batch.forEach((candidate, k) => {
      const geometry = transformed[k];
      const pointer = `${candidate.row.pointer}/geometry`;
      if (geometry === undefined) {
        candidate.errors.push({ pointer, code: 'malformed', detail: `PostGIS could not transform this geometry from ${crs.name}` });
        return;
      }
      const { issues } = validateGeometry(geometry, pointer, { layerType: layer.geometryType, maxVertices: config.maxVertices, wgs84: true, region: config.regionBbox, topology: false });
      const hint = ` (after transforming from ${crs.name}; are the coordinates really in ${crs.name}, and easting before northing?)`;
      candidate.errors.push(...issues.map(({ pointer: p, detail, code }) => ({ pointer: p, code, detail: `${detail}${hint}` })));
      candidate.geometry = geometry;
    });
  }
}

/** Rejects rows that would collide: a repeated externalId (or housing unit code) in the file, a code another unit holds, an unknown parent zone. */
async function checkCollisions(knex: Knex, candidates: Candidate[], options: ImportOptions): Promise<Map<string, number>> {
  const layer = LAYERS[options.layer];
  const valid = candidates.filter((c) => c.errors.length === 0);
  const firstWith = new Map<string, number>();
  for (const [i, c] of valid.entries()) {
    await breathe(i);
    const id = c.properties.externalId as string | undefined;
    if (id === undefined || id === null) continue;
    const first = firstWith.get(id);
    if (first !== undefined) c.errors.push({ pointer: c.row.pointer, code: 'duplicate', detail: `externalId "${id}" repeats row ${first}` });
    else firstWith.set(id, c.row.index);
  }
  const existing = await findByExternalId(knex, layer, [...firstWith.keys()]);
  if (options.layer === 'housingUnits') {
    const stillValid = valid.filter((c) => c.errors.length === 0);
    const codes = await findHousingUnitCodes(knex, stillValid.map((c) => String(c.properties.code)));
    const codeFirst = new Map<string, number>();
    for (const c of stillValid) {
      const code = String(c.properties.code);
      const holder = codes.get(code);
      if (codeFirst.has(code)) c.errors.push({ pointer: c.row.pointer, code: 'duplicate', detail: `code "${code}" repeats row ${codeFirst.get(code)}` });
      else if (holder && holder.externalId !== (c.properties.externalId ?? null)) {
        c.errors.push({ pointer: c.row.pointer, code: 'duplicate', detail: `code "${code}" belongs to housing unit ${holder.id} (externalId ${holder.externalId ?? 'none'})` });
      }
      codeFirst.set(code, c.row.index);
    }
  }
  if (options.layer === 'zones') {
    const parents = valid.map((c) => c.properties.parentId).filter((p): p is number => typeof p === 'number');
    const known = await findZoneIds(knex, [...new Set(parents)]);
    for (const c of valid) {
      const parent = c.properties.parentId;
      if (typeof parent === 'number' && !known.has(parent)) c.errors.push({ pointer: c.row.pointer, code: 'unknown-reference', detail: `parentId ${parent}: there is no such zone` });
    }
  }
  return existing;
}

/**
 * Returns what an import would write: every row mapped, validated (in its source CRS, then in WGS84
 * after one ST_Transform per batch), checked against the rows already in the layer — accepted rows with
 * their geometry ready to store, and rejected rows with every reason. Writes nothing.
 */
export async function prepareImport(
  knex: Knex,
  config: Config,
  table: SourceTable,
  options: ImportOptions,
  crs: Crs,
  progress: (p: ImportProgress) => void,
): Promise<ImportPlan> {
  const { candidates, ignored } = await checkRows(table, options, config, crs, progress);
  await transformRows(knex, candidates, crs, config, options);
  const existing = await checkCollisions(knex, candidates, options);
  progress({ phase: 'validating', processed: table.rows.length, total: table.rows.length });
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const [i, c] of candidates.entries()) {
    await breathe(i);
    const externalId = c.externalId;
    if (c.errors.length > 0) {
      rejected.push({ index: c.row.index, ...(c.row.line ? { line: c.row.line } : {}), ...(externalId ? { externalId } : {}), errors: c.errors });
      continue;
    }
    accepted.push({
      index: c.row.index,
      properties: c.properties,
      geometry: toLayerGeometry(normaliseWinding(c.geometry as LayerGeometry)),
      ...(externalId && existing.has(externalId) ? { existingId: existing.get(externalId) } : {}),
    });
  }
  return { accepted, rejected, ignoredFields: [...ignored].sort() };
}
