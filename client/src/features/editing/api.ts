/**
 * The planner's writes to the map layers (issue 3): create, change and delete with optimistic locking
 * (If-Match / ETag, RFC 9110 §13.1.1), history from the audit log, undo of the last edit, search by name.
 * Unlike lib/api-client these calls keep the whole problem document: a 412 carries the current feature,
 * a 422 carries `errors[]` pointing at a field, ring or vertex.
 */
import type { Geometry } from 'geojson';
import { ApiError, apiGet } from '../../lib/api-client';
import type { ApiFeature, ApiFeatureCollection } from '../../lib/geojson';
import type { DataSourceId } from '../../map/layer-ids';

export type Properties = Record<string, unknown>;
export type EditableFeature = ApiFeature<Properties, Geometry>;

/** One offending place named by the server: a JSON pointer, a sentence, and for geometry the indexes. */
export interface ProblemItem {
  pointer: string;
  detail: string;
  code?: string;
  part?: number;
  ring?: number;
  vertex?: number;
  featureIndex?: number;
}

/** An RFC 9457 problem document as the API sends it, extensions included. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemItem[];
  [extension: string]: unknown;
}

/** An API error that keeps the full problem document. */
export class ProblemError extends ApiError {
  readonly problem: ProblemBody;

  constructor(status: number, problem: ProblemBody) {
    super(status, problem.title ?? `HTTP ${status}`, problem.detail, problem.type);
    this.problem = problem;
  }

  /** The items of `errors[]`, or an empty list. */
  get errors(): ProblemItem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** The 412 answer of a write based on an old version: who holds the newer one is in `current`. */
export interface VersionConflict {
  currentVersion: number;
  current: EditableFeature;
}

interface Sent<T> {
  body: T;
  version: number | null;
}

function versionOf(response: Response): number | null {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get('ETag')?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

async function send<T>(path: string, init: { method: string; body?: unknown; ifMatch?: number; signal?: AbortSignal }): Promise<Sent<T>> {
  const headers: Record<string, string> = { Accept: 'application/geo+json, application/json, application/problem+json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.ifMatch !== undefined) headers['If-Match'] = `"${init.ifMatch}"`;
  const response = await fetch(path, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
  const json = /\bjson\b/i.test(response.headers.get('content-type') ?? '') ? ((await response.json().catch(() => null)) as unknown) : null;
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? (json as ProblemBody) : { title: response.statusText || `HTTP ${response.status}` };
    throw new ProblemError(response.status, problem);
  }
  return { body: json as T, version: versionOf(response) };
}

/** Returns the conflict carried by a 412 problem, or null for any other error. */
export function versionConflictOf(error: unknown): VersionConflict | null {
  if (!(error instanceof ProblemError) || error.status !== 412) return null;
  const { currentVersion, current } = error.problem;
  if (typeof currentVersion !== 'number' || !current || typeof current !== 'object') return null;
  return { currentVersion, current: current as EditableFeature };
}

/** Returns one feature and the version (ETag) it was read at. */
export async function readFeature(source: DataSourceId, id: number, signal?: AbortSignal): Promise<{ feature: EditableFeature; version: number }> {
  const { body, version } = await send<EditableFeature>(`/api/${source}/${id}`, { method: 'GET', signal });
  return { feature: body, version: version ?? Number(body.properties.version) };
}

/** Creates a feature and returns it as stored (server id, normalised geometry, version 1). */
export async function createFeature(source: DataSourceId, geometry: Geometry, properties: Properties): Promise<EditableFeature> {
  const { body } = await send<EditableFeature>(`/api/${source}`, { method: 'POST', body: { type: 'Feature', geometry, properties } });
  return body;
}

/** Changes the given properties and/or the geometry of the feature read at `version`; returns it as stored. */
export async function updateFeature(
  source: DataSourceId,
  id: number,
  version: number,
  change: { geometry?: Geometry; properties?: Properties },
): Promise<EditableFeature> {
  const { body } = await send<EditableFeature>(`/api/${source}/${id}`, { method: 'PATCH', ifMatch: version, body: { type: 'Feature', ...change } });
  return body;
}

/** Deletes the feature read at `version`. */
export async function deleteFeature(source: DataSourceId, id: number, version: number): Promise<void> {
  await send<void>(`/api/${source}/${id}`, { method: 'DELETE', ifMatch: version });
}

/** One change of one property; the geometry is summarised as its type and vertex count. */
export interface HistoryChange {
  property: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  auditId: number;
  at: string;
  action: string;
  actor: { id: number | null; username: string | null };
  version: number | null;
  undoOf?: number;
  importId?: string;
  changes: HistoryChange[];
}

export interface FeatureHistory {
  total: number;
  entries: HistoryEntry[];
}

/** Returns who changed a feature, what and when, newest first. */
export async function listHistory(source: DataSourceId, id: number, limit = 50, signal?: AbortSignal): Promise<FeatureHistory> {
  const { body } = await send<FeatureHistory>(`/api/${source}/${id}/history?limit=${limit}`, { method: 'GET', signal });
  return body;
}

/** What an undo reversed, and the feature as it is now (null when the undo deleted it). */
export interface UndoResult {
  undone: { auditId: number; action: 'create' | 'update' | 'delete'; layer: DataSourceId; id: number; at: string };
  result: { action: 'create' | 'update' | 'delete'; feature: EditableFeature | null };
}

/** Undoes the signed-in user's last map edit; throws a 404 problem when there is none and 409 when the feature changed since. */
export async function undoLastEdit(): Promise<UndoResult> {
  const { body } = await send<UndoResult>('/api/undo', { method: 'POST' });
  return body;
}

/** Returns up to 20 features of a layer whose name (address for housing units) contains `query`. */
export function searchFeatures(source: DataSourceId, query: string, signal?: AbortSignal): Promise<ApiFeatureCollection<Properties>> {
  const params = new URLSearchParams({ q: query, limit: '20' });
  return apiGet<ApiFeatureCollection<Properties>>(`/api/${source}?${params}`, signal);
}

/** Returns every feature of a layer (up to the API's 10,000), to show the result of an import. */
export function fetchLayer(source: DataSourceId, signal?: AbortSignal): Promise<ApiFeatureCollection<Properties>> {
  return apiGet<ApiFeatureCollection<Properties>>(`/api/${source}?limit=10000`, signal);
}

/** Distances from one point, geodesic on the WGS84 spheroid (GET /api/point-distances). */
export interface PointDistances {
  position: [number, number];
  cityCentre: { name: string; distanceM: number };
  nearestSettlement: { id: number; name: string; distanceM: number; inside: boolean } | null;
  nearestServices: Array<{ category: string; id: number; name: string; distanceM: number }>;
}

/** Returns how far a point lies from the city centre, the nearest settlement and the nearest service of each category. */
export function getPointDistances(position: readonly [number, number], signal?: AbortSignal): Promise<PointDistances> {
  const params = new URLSearchParams({ lon: String(position[0]), lat: String(position[1]) });
  return apiGet<PointDistances>(`/api/point-distances?${params}`, signal);
}
