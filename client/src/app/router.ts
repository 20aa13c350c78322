/**
 * A small history router. Pages are listed in pages.ts; the server falls back to index.html for
 * unknown paths, so deep links and reloads work.
 */
import { useSyncExternalStore } from 'react';

import { CLIENT_ROUTES } from '../../../contracts/client-routes';

export const ROUTES = { map: CLIENT_ROUTES.map, login: CLIENT_ROUTES.login, public: CLIENT_ROUTES.public } as const;

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
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (window.location.pathname + window.location.search === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export { matchPath } from '../../../contracts/client-routes';
