/**
 * Types and calls of the relocation API (issue 5): households (pseudonymous), their identity (encrypted,
 * audited on every read), relocation plans with their transitions, events and support measures,
 * candidate units, and the audit log.
 */
import { getJson, queryString, send } from './http';

export const PLAN_STATES = ['draft', 'assessed', 'matched', 'approved', 'moved', 'followed_up', 'on_hold', 'cancelled'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const HOUSEHOLD_NEEDS = ['step_free', 'near_school', 'near_clinic', 'near_transit', 'near_employment'] as const;
export const SUPPORT_KINDS = ['school_enrolment', 'employment', 'health', 'documents', 'other'] as const;
export const SUPPORT_STATUSES = ['planned', 'in_progress', 'done', 'not_needed'] as const;

/** The pseudonymous household record (no name, phone or identity number). */
export interface Household {
  id: number;
  code: string;
  settlementId: number | null;
  settlementName: string | null;
  size: number;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  caseworkerId: number | null;
  caseworkerUsername: string | null;
  consentProcessing: boolean;
  consentProcessingDate: string | null;
  consentSharing: boolean;
  consentSharingDate: string | null;
  preferredLocalities: string[];
  synthetic: boolean;
  /** The household's newest relocation plan, if any. */
  currentPlan: { id: number; code: string; state: PlanState } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  numberMatched: number;
}

export interface HouseholdQuery {
  limit: number;
  offset: number;
  q?: string;
  settlementId?: number;
  priority?: string;
  planState?: string;
}

export interface NewHousehold {
  settlementId: number | null;
  adults: number;
  children: number;
  seniors: number;
  disabledMembers: number;
  needs: string[];
  priority: string;
  consentProcessing: boolean;
  consentProcessingDate: string | null;
  consentSharing: boolean;
  consentSharingDate: string | null;
  preferredLocalities: string[];
}

/** One member in the decrypted identity. */
export interface IdentityMember {
  name: string;
  idCardNumber: string | null;
}

/** The plaintext identity of a household. */
export interface Identity {
  members: IdentityMember[];
  phone: string | null;
}

/** The identity record: `identity` is null once erased. Each read is written to the audit log by the API. */
export interface IdentityRecord {
  householdId: number;
  identity: Identity | null;
  erasedAt: string | null;
  version: number;
  updatedAt: string;
}

export interface PlanEvent {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
  fromState: PlanState | null;
  toState: PlanState;
  note: string | null;
}

export interface SupportMeasure {
  id: number;
  planId: number;
  kind: string;
  status: string;
  dueDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A relocation plan as listed. */
export interface Plan {
  id: number;
  code: string;
  householdId: number;
  householdCode: string;
  caseworkerId: number | null;
  state: PlanState;
  heldFromState: PlanState | null;
  allowedTransitions: PlanState[];
  programme: string | null;
  housingUnitId: number | null;
  housingUnitCode: string | null;
  approvedBy: number | null;
  approvedByUsername: string | null;
  approvedAt: string | null;
  moveDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A plan with everything its page shows: household, both ends of the move, the timeline and the support measures. */
export interface PlanDetail extends Plan {
  household: { id: number; code: string; size: number; adults: number; children: number; seniors: number; disabledMembers: number; needs: string[]; priority: string };
  origin: { settlementId: number; name: string; position: [number, number] } | null;
  destination: {
    id: number;
    code: string;
    address: string | null;
    locality: string | null;
    building: string | null;
    rooms: number;
    floorAreaM2: number;
    stepFree: boolean;
    status: string;
    position: [number, number];
  } | null;
  /** Nearest service of each category the household needs, at both ends (null without a destination). */
  accessGain: Array<{ category: string; originM: number | null; destinationM: number | null; gain: number }> | null;
  events: PlanEvent[];
  supportMeasures: SupportMeasure[];
}

export interface TransitionRequest {
  to: PlanState;
  housingUnitId?: number;
  moveDate?: string;
  note?: string;
}

/** One ranked candidate unit with the score breakdown of api/src/domain/candidate-score.ts. */
export interface Candidate {
  unit: {
    id: number;
    code: string;
    address: string | null;
    locality: string | null;
    building: string | null;
    rooms: number;
    floorAreaM2: number;
    stepFree: boolean;
    status?: string;
  };
  score: number;
  eligible: boolean;
  breakdown: {
    sizeFit: { score: number; max: number; personsPerRoom: number; m2PerPerson: number };
    features: { score: number; max: number; stepFreeNeeded: boolean; stepFree: boolean };
    access: { score: number; max: number; categories: Array<{ category: string; originM: number | null; unitM: number | null; gain: number }> };
    locality: { score: number; max: number; preferred: readonly string[]; locality: string | null };
    concentration: {
      penalty: number;
      max: number;
      counts: { building: number | null; near: number; neighbourhood: number | null; locality: number | null };
      /** The unit's limits in households at each level; null where the unit lies in no such zone or it has no population. */
      limits: { building: number | null; near: number | null; neighbourhood: number | null; locality: number | null };
    };
  };
  warnings: Array<{ code: string; detail: string }>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorUsername: string | null;
  action: string;
  tableName: string | null;
  recordId: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditQuery {
  limit: number;
  offset: number;
  actor?: string;
  action?: string;
  tableName?: string;
  recordId?: string;
  from?: string;
  to?: string;
}

/** Returns a page of households matching `query`. */
export function listHouseholds(query: HouseholdQuery, signal?: AbortSignal): Promise<Page<Household>> {
  return getJson<Page<Household>>(`/api/households${queryString({ ...query })}`, signal);
}

/** Returns one household and the version it was read at. */
export async function getHousehold(id: number, signal?: AbortSignal): Promise<Household> {
  const { body, version } = await send<Household>(`/api/households/${id}`, { signal });
  return { ...body, version: version ?? body.version };
}

/** Creates a household under the next free code (HH-…) and returns it. */
export async function createHousehold(household: NewHousehold): Promise<Household> {
  return (await send<Household>('/api/households', { method: 'POST', body: household })).body;
}

/** Returns the identity record (404 when none was ever recorded). The API audits every read. */
export async function readIdentity(householdId: number, signal?: AbortSignal): Promise<IdentityRecord> {
  const { body, version } = await send<IdentityRecord>(`/api/households/${householdId}/identity`, { signal });
  return { ...body, version: version ?? body.version };
}

/** Records the identity, or replaces the one read at `version` (If-Match); returns the stored record. */
export async function saveIdentity(householdId: number, identity: Identity, version: number | null): Promise<IdentityRecord> {
  const { body } = await send<IdentityRecord>(`/api/households/${householdId}/identity`, {
    method: 'PUT',
    body: identity,
    ...(version !== null ? { ifMatch: version } : {}),
  });
  return body;
}

/** Erases the identity read at `version` (If-Match) for good; the pseudonymous record and history remain. */
export async function eraseIdentity(householdId: number, version: number): Promise<void> {
  await send<void>(`/api/households/${householdId}/identity`, { method: 'DELETE', ifMatch: version });
}

/** Returns a page of plans, optionally of one household or in some states. */
export function listPlans(query: { limit: number; offset?: number; householdId?: number; state?: string; q?: string }, signal?: AbortSignal): Promise<Page<Plan>> {
  return getJson<Page<Plan>>(`/api/relocation-plans${queryString({ ...query })}`, signal);
}

/** Returns one plan with its household, origin, destination, events, support measures and allowed next states. */
export async function getPlan(id: number, signal?: AbortSignal): Promise<PlanDetail> {
  const { body, version } = await send<PlanDetail>(`/api/relocation-plans/${id}`, { signal });
  return { ...body, version: version ?? body.version };
}

/** Opens a draft plan for a household and returns it. */
export async function createPlan(householdId: number, note?: string): Promise<Plan> {
  return (await send<Plan>('/api/relocation-plans', { method: 'POST', body: note ? { householdId, note } : { householdId } })).body;
}

/** The answer to a transition: the plan after it, its new event, and whether the key had already been used. */
export interface TransitionResult {
  plan: Plan;
  event: PlanEvent;
  replayed: boolean;
}

/** Moves a plan to another state; the key makes a retried request apply once. Returns the plan and its new event. */
export async function transitionPlan(id: number, request: TransitionRequest, idempotencyKey: string): Promise<TransitionResult> {
  return (await send<TransitionResult>(`/api/relocation-plans/${id}/transitions`, { method: 'POST', body: request, idempotencyKey })).body;
}

/** Adds a support measure to a plan and returns it. */
export async function addSupportMeasure(planId: number, measure: { kind: string; status?: string; dueDate?: string | null; note?: string | null }): Promise<SupportMeasure> {
  return (await send<SupportMeasure>(`/api/relocation-plans/${planId}/support-measures`, { method: 'POST', body: measure })).body;
}

/** Changes a support measure read at `version` (If-Match) and returns it. */
export async function updateSupportMeasure(measure: SupportMeasure, changes: Partial<Pick<SupportMeasure, 'status' | 'dueDate' | 'note'>>): Promise<SupportMeasure> {
  const path = `/api/relocation-plans/${measure.planId}/support-measures/${measure.id}`;
  return (await send<SupportMeasure>(path, { method: 'PATCH', body: changes, ifMatch: measure.version })).body;
}

/** Returns the available units ranked for a household, with the score breakdown and warnings. */
export async function listCandidates(householdId: number, signal?: AbortSignal): Promise<Candidate[]> {
  const body = await getJson<Candidate[] | { items: Candidate[] }>(`/api/households/${householdId}/candidate-units?limit=20`, signal);
  return Array.isArray(body) ? body : body.items;
}

/** Returns a page of the audit log, newest first. */
export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return getJson<Page<AuditEntry>>(`/api/audit-log${queryString({ ...query })}`, signal);
}

/** The URL of the pseudonymous CSV export of the plans (a plain link: the browser downloads it). */
export const PLANS_CSV_URL = '/api/relocation-plans/export.csv';

/** Returns a fresh Idempotency-Key for one user action. */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
