/**
 * A two-route history router: `/login` and `/` (the map). Small enough that a routing library
 * would be more code than it saves; the server falls back to index.html for unknown paths, so
 * deep links and reloads work.
 */
import { useSyncExternalStore } from 'react';

export const ROUTES = { map: '/', login: '/login' } as const;
export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES];

const NAVIGATE_EVENT = 'punte:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentPath = () => window.location.pathname;

/** Returns the current path and re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, currentPath);
}

/** Changes the URL to `path` (replacing the history entry when `replace`) and notifies `usePath`. */
export function navigate(path: RoutePath, options: { replace?: boolean } = {}): void {
  if (window.location.pathname === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
