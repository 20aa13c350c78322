import type { ComponentType, LazyExoticComponent } from 'react';
import type { Session } from '../features/auth/api';
import type { MessageKey } from '../lib/i18n';
import { matchPath } from './router';

/** What every signed-in page receives. */
export interface PageProps {
  session: Session;
  /** Path parameters of the page's pattern (`/plans/:id` → { id }). */
  params: Record<string, string>;
  /** Call on a 401 from the API: the app returns to the login page. */
  onSessionExpired: () => void;
}

export interface PageEntry {
  /** Path pattern, e.g. '/households' or '/plans/:id'. */
  path: string;
  /** i18n key of the page's name (navigation and document title). */
  titleKey: MessageKey;
  /** Shown in the header navigation to users holding this permission; omit to keep it out of the navigation. */
  navPermission?: string;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

/**
 * The signed-in pages besides the map ('/'), each loaded lazily (`lazy(() => import(...))`).
 * A feature adds its page here with one entry.
 */
export const PAGES: PageEntry[] = [];

/** Pages that need no session, such as the public progress map. */
export const PUBLIC_PAGES: Array<{ path: string; component: LazyExoticComponent<ComponentType> }> = [];

/** Returns the signed-in page matching `path` with its parameters, or null. */
export function findPage(path: string): { page: PageEntry; params: Record<string, string> } | null {
  for (const page of PAGES) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

/** Returns the public page matching `path`, or null. */
export function findPublicPage(path: string): ComponentType | null {
  return PUBLIC_PAGES.find((page) => matchPath(page.path, path))?.component ?? null;
}
