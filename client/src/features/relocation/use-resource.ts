import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: Error };

/**
 * Returns the state of `load` (re-run when `key` changes, cancelled when it changes again) and a
 * `reload` that keeps the shown data while refreshing. A 401 calls `onSessionExpired`.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  onSessionExpired: () => void,
): Resource<T> & { reload: () => void; setData: (data: T) => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [generation, setGeneration] = useState(0);
  const latest = useRef({ load, onSessionExpired });
  latest.current = { load, onSessionExpired };

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    latest.current
      .load(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 401) latest.current.onSessionExpired();
        setState((previous) => ({ status: 'error', data: previous.data, error: error instanceof Error ? error : new Error(String(error)) }));
      });
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { ...state, reload, setData };
}
