import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Session } from '../features/auth/api';
import type { MessageKey } from '../lib/i18n';
import { CLIENT_ROUTES } from '../../../contracts/client-routes';
import { matchPath, ROUTES } from './router';

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
export const PAGES: PageEntry[] = [
  {
    path: CLIENT_ROUTES.accessComparison,
    titleKey: 'access.comparison.title',
    navPermission: 'layers:read',
    component: lazy(() => import('../features/access/access-comparison-page').then((m) => ({ default: m.AccessComparisonPage }))),
  },
  // Issue 5: relocation tracking for caseworkers.
  {
    path: CLIENT_ROUTES.households,
    titleKey: 'relocation.nav.households',
    navPermission: 'households:read',
    component: lazy(() => import('../features/relocation/households-page').then((m) => ({ default: m.HouseholdsPage }))),
  },
  {
    path: CLIENT_ROUTES.household,
    titleKey: 'relocation.nav.household',
    component: lazy(() => import('../features/relocation/household-page').then((m) => ({ default: m.HouseholdPage }))),
  },
  {
    path: CLIENT_ROUTES.plans,
    titleKey: 'relocation.nav.plans',
    navPermission: 'households:read',
    component: lazy(() => import('../features/relocation/plan-board-page').then((m) => ({ default: m.PlanBoardPage }))),
  },
  {
    path: CLIENT_ROUTES.plan,
    titleKey: 'relocation.nav.plan',
    component: lazy(() => import('../features/relocation/plan-page').then((m) => ({ default: m.PlanPage }))),
  },
  {
    path: CLIENT_ROUTES.audit,
    titleKey: 'relocation.nav.audit',
    navPermission: 'audit:read',
    component: lazy(() => import('../features/relocation/audit-page').then((m) => ({ default: m.AuditPage }))),
  },
  // Issue 6: planners record interventions and their dated progress.
  {
    path: CLIENT_ROUTES.interventions,
    titleKey: 'interventions.title',
    navPermission: 'interventions:read',
    component: lazy(() => import('../features/interventions/interventions-page').then((m) => ({ default: m.InterventionsPage }))),
  },
  // Issue 12: segregation indices, concentration and the simulation of moves.
  {
    path: CLIENT_ROUTES.segregation,
    titleKey: 'segregation.title',
    navPermission: 'analysis:read',
    component: lazy(() => import('../features/segregation/segregation-page').then((m) => ({ default: m.SegregationPage }))),
  },
];

/** Pages that need no session, such as the public progress map. */
export const PUBLIC_PAGES: Array<{ path: string; component: LazyExoticComponent<ComponentType> }> = [
  // Issue 6: the public progress page (aggregated, disclosure-controlled figures only).
  { path: ROUTES.public, component: lazy(() => import('./public-page').then((module) => ({ default: module.PublicPage }))) },
];

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
