import { ApiError, apiGet, apiPost } from '../../lib/api-client';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
}

/** Body of `POST /api/auth/login` and `GET /api/auth/me`. */
export interface Session {
  user: SessionUser;
  permissions: string[];
}

/** Signs in; the server sets the httpOnly session cookie. Throws ApiError 401/429 on refusal. */
export function login(username: string, password: string): Promise<Session> {
  return apiPost<Session>('/api/auth/login', { username, password });
}

/** Returns the current session, or null when the visitor is not signed in (401). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await apiGet<Session>('/api/auth/me', signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Ends the session (204). */
export async function logout(): Promise<void> {
  await apiPost<void>('/api/auth/logout');
}
