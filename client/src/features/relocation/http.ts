/**
 * The relocation feature's fetch wrapper: like lib/api-client, plus the request headers issue 5 needs
 * (If-Match for updates, Idempotency-Key for transitions) and the ETag of the answer.
 * Errors keep the whole problem document (RFC 9457): a 409 carries the allowed next states.
 */
import { ApiError } from '../../lib/api-client';

/** An RFC 9457 problem document, extensions included. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ pointer?: string; field?: string; detail: string }>;
  [extension: string]: unknown;
}

/** An API error that keeps its problem document. */
export class RelocationApiError extends ApiError {
  readonly problem: ProblemDocument;

  constructor(status: number, problem: ProblemDocument) {
    super(status, problem.title ?? `HTTP ${status}`, problem.detail, problem.type);
    this.problem = problem;
  }
}

export interface SendOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The parsed JSON answer (undefined for 204) and the version from its ETag (null without one). */
export interface Sent<T> {
  body: T;
  version: number | null;
}

function versionOf(response: Response): number | null {
  const match = /^(?:W\/)?"(\d+)"$/.exec(response.headers.get('ETag')?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

/** Sends one request; returns the JSON body and version, throws RelocationApiError for any non-2xx answer. */
export async function send<T>(path: string, options: SendOptions = {}): Promise<Sent<T>> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    // Household data is personal: never kept in the browser's HTTP cache. It also avoids a 304 for the plan
    // page, whose ETag is the plan's version while the page also carries its support measures.
    cache: 'no-store',
    signal: options.signal,
  });
  const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
  const json: unknown = isJson && response.status !== 204 ? await response.json().catch(() => null) : undefined;
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? (json as ProblemDocument) : { title: response.statusText || `HTTP ${response.status}` };
    throw new RelocationApiError(response.status, problem);
  }
  return { body: json as T, version: versionOf(response) };
}

/** Returns the body of a GET. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await send<T>(path, { signal })).body;
}

/** Returns `?a=1&b=2` from the defined, non-empty values of `params` ('' when there are none). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
