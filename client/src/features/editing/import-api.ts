/**
 * Imports into a map layer (POST /api/imports, GET /api/imports/:id): the file travels as the request body
 * with its options in the query; the server answers with a job whose progress and report are polled.
 */
import type { DataSourceId } from '../../map/layer-ids';
import { ProblemError, type ProblemBody } from './api';

export type ImportFormat = 'geojson' | 'csv' | 'gtfs';

export interface ImportRequest {
  file: File;
  layer: DataSourceId;
  format: ImportFormat;
  /** An EPSG code (EPSG:4326, EPSG:3844, …); empty: the file's own declaration, else WGS84. */
  crs: string;
  /** Punte property → source field. */
  map: Record<string, string>;
  /** Punte property → value for rows that have none. */
  set: Record<string, string>;
  lonField?: string;
  latField?: string;
  wktField?: string;
  dryRun: boolean;
}

export interface RejectedRow {
  index: number;
  line?: number;
  externalId?: string;
  errors: Array<{ pointer: string; detail: string; code?: string }>;
}

export interface ImportReport {
  dryRun: boolean;
  layer: string;
  format: ImportFormat;
  crs: { requested: string | null; used: string; note?: string };
  total: number;
  inserted: number;
  unchanged: number;
  updated: number;
  rejected: number;
  written: boolean;
  rejectedRows: RejectedRow[];
  ignoredFields: string[];
  notes: string[];
  durationMs: number;
}

export interface ImportJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  progress: { phase: 'reading' | 'validating' | 'writing' | 'done'; processed: number; total: number };
  report?: ImportReport;
  problem?: ProblemBody;
}

// GeoJSON travels as bytes too: the server reads JSON bodies only up to 10 MB, raw files up to 50 MB,
// and `format=geojson` in the query says what the bytes are.
const CONTENT_TYPES: Record<ImportFormat, string> = { geojson: 'application/octet-stream', csv: 'text/csv', gtfs: 'application/zip' };
const POLL_MS = 400;

async function readJob(response: Response): Promise<ImportJob> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ProblemError(response.status, (body as ProblemBody | null) ?? { title: response.statusText });
  return body as ImportJob;
}

function query(request: ImportRequest): URLSearchParams {
  const params = new URLSearchParams({ layer: request.layer, format: request.format, filename: request.file.name, dryRun: String(request.dryRun) });
  if (request.crs) params.set('crs', request.crs);
  for (const [property, field] of Object.entries(request.map)) params.append('map', `${property}=${field}`);
  for (const [property, value] of Object.entries(request.set)) params.append('set', `${property}=${value}`);
  if (request.lonField) params.set('lonField', request.lonField);
  if (request.latField) params.set('latField', request.latField);
  if (request.wktField) params.set('wktField', request.wktField);
  return params;
}

/**
 * Runs an import (or its dry run) to the end and returns the finished job, calling `onProgress` while it
 * runs; throws a ProblemError when the request itself is refused (bad options, 401/403).
 */
export async function runImport(request: ImportRequest, onProgress: (job: ImportJob) => void, signal?: AbortSignal): Promise<ImportJob> {
  const started = await fetch(`/api/imports?${query(request)}`, {
    method: 'POST',
    headers: { 'Content-Type': CONTENT_TYPES[request.format], Accept: 'application/json, application/problem+json' },
    body: request.file,
    credentials: 'same-origin',
    signal,
  });
  let job = await readJob(started);
  onProgress(job);
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    signal?.throwIfAborted();
    job = await readJob(await fetch(`/api/imports/${job.id}`, { credentials: 'same-origin', signal, headers: { Accept: 'application/json' } }));
    onProgress(job);
  }
  return job;
}

/** Returns the format a file's name or type suggests, or null. */
export function formatOfFile(file: File): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip') || /zip/.test(file.type)) return 'gtfs';
  if (/\.(csv|tsv|txt)$/.test(name) || /csv/.test(file.type)) return 'csv';
  if (/\.(geo)?json$/.test(name) || /json/.test(file.type)) return 'geojson';
  return null;
}
