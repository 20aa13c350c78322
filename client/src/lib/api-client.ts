/**
 * Typed fetch wrapper for the Punte API.
 *
 * The built client is served by the API itself (same origin), so every URL is a relative `/api/...`
 * path and the httpOnly session cookie travels with `credentials: 'same-origin'`.
 * Errors follow RFC 9457 (application/problem+json): https://www.rfc-editor.org/rfc/rfc9457
 */

/** An HTTP error answered by the API, carrying the problem document's fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;

  constructor(status: number, title: string, detail?: string, type?: string) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
  }
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON when present. */
  body?: unknown;
  signal?: AbortSignal;
}

function isJson(contentType: string | null): boolean {
  // Covers application/json, application/problem+json and application/geo+json.
  return contentType !== null && /\bjson\b/i.test(contentType);
}

async function toApiError(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail: string | undefined;
  let type: string | undefined;
  if (isJson(response.headers.get('content-type'))) {
    try {
      const problem: unknown = await response.json();
      if (problem && typeof problem === 'object') {
        const p = problem as Record<string, unknown>;
        if (typeof p.title === 'string') title = p.title;
        if (typeof p.detail === 'string') detail = p.detail;
        if (typeof p.type === 'string') type = p.type;
      }
    } catch {
      // A malformed error body still leaves us the status, which is what callers branch on.
    }
  }
  return new ApiError(response.status, title, detail, type);
}

/**
 * Calls the API and returns the parsed JSON body, or `undefined` for 204/empty responses.
 * Throws `ApiError` for any non-2xx answer; network failures surface as the browser's `TypeError`.
 */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || !isJson(response.headers.get('content-type'))) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

/** GETs `path` and returns its JSON body. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { signal });
}

/** POSTs `body` as JSON to `path` and returns the JSON answer (undefined for 204). */
export function apiPost<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body, signal });
}

/** True when `error` is an abort caused by an AbortController (a cancelled request, not a failure). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
