/**
 * Planners' interventions (issue 6): `/api/interventions` with If-Match on changes. Errors are
 * ApiError with the problem's detail; a 412 means someone changed the intervention meanwhile.
 */
import { ApiError } from '../../lib/api-client';

export const INTERVENTION_TYPES = ['housing', 'infrastructure', 'social_service', 'education', 'employment', 'health'] as const;
export const INTERVENTION_STATUSES = ['planned', 'under_way', 'completed', 'cancelled'] as const;

/** An intervention as `GET /api/interventions` returns it. */
export interface Intervention {
  id: number;
  externalId: string | null;
  name: string;
  type: string;
  zoneId: number | null;
  settlementId: number | null;
  areaName: string | null;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startDate: string | null;
  endDate: string | null;
  status: string;
  progressPct: number;
  description: string | null;
  version: number;
}

/** One dated progress update. */
export interface InterventionUpdate {
  id: number;
  onDate: string;
  progressPct: number;
  note: string | null;
  actor: string | null;
}

/** The fields of a new intervention. */
export interface NewIntervention {
  name: string;
  type: string;
  zoneId: number | null;
  settlementId: number | null;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startDate: string | null;
  endDate: string | null;
  status: string;
}

async function send<T>(path: string, method: 'GET' | 'POST' | 'PATCH', body?: unknown, ifMatch?: number, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    throw new ApiError(response.status, String(json?.title ?? response.statusText), typeof json?.detail === 'string' ? json.detail : undefined);
  }
  return json as T;
}

/** Returns every intervention (up to 500), newest start first. */
export async function listInterventions(signal?: AbortSignal): Promise<Intervention[]> {
  return (await send<{ items: Intervention[] }>('/api/interventions?limit=500', 'GET', undefined, undefined, signal)).items;
}

/** Returns the progress updates of one intervention, oldest first. */
export async function listUpdates(id: number, signal?: AbortSignal): Promise<InterventionUpdate[]> {
  return (await send<{ items: InterventionUpdate[] }>(`/api/interventions/${id}/updates`, 'GET', undefined, undefined, signal)).items;
}

/** Records a new intervention; returns it. */
export function createIntervention(fields: NewIntervention): Promise<Intervention> {
  return send<Intervention>('/api/interventions', 'POST', fields);
}

/** Changes fields of an intervention read at `version`; returns it (412 ApiError when stale). */
export function patchIntervention(id: number, version: number, fields: Partial<NewIntervention>): Promise<Intervention> {
  return send<Intervention>(`/api/interventions/${id}`, 'PATCH', fields, version);
}

/** Records dated progress; returns the intervention with its new progress. */
export async function addUpdate(id: number, update: { onDate: string; progressPct: number; note: string | null }): Promise<Intervention> {
  return (await send<{ intervention: Intervention }>(`/api/interventions/${id}/updates`, 'POST', update)).intervention;
}
