import { useCallback, useEffect, useState } from 'react';
import { isAbortError } from '../../lib/api-client';
import { fetchSession, logout as logoutRequest, type Session } from './api';

export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; session: Session }
  | { status: 'error'; error: unknown };

export interface SessionControls {
  state: SessionState;
  /** Re-asks `GET /api/auth/me` (after a network error). */
  recheck: () => void;
  /** Records a session returned by a successful login. */
  signedIn: (session: Session) => void;
  /** Forgets the session locally, e.g. when a data request answers 401 because it expired. */
  expired: () => void;
  /** Logs out on the server, then forgets the session. Rejects if the server could not be reached. */
  logout: () => Promise<void>;
}

/** Returns the session state, checked against the server on mount, and the actions that change it. */
export function useSession(): SessionControls {
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (session) => setState(session ? { status: 'authenticated', session } : { status: 'anonymous' }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);
  const signedIn = useCallback((session: Session) => setState({ status: 'authenticated', session }), []);
  const expired = useCallback(() => setState({ status: 'anonymous' }), []);
  const logout = useCallback(async () => {
    await logoutRequest();
    setState({ status: 'anonymous' });
  }, []);

  return { state, recheck, signedIn, expired, logout };
}
