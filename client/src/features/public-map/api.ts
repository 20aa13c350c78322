import type { FeatureCollection } from 'geojson';
import type { PublicSegregation } from '../../../../contracts/public-segregation';
import { ApiError, apiGet } from '../../lib/api-client';

export type { PublicSegregation };

/** Body of `GET /api/public/config`. */
export interface PublicConfig {
  /** A MapLibre style URL to use instead of the offline basemap; null keeps the offline one. */
  basemapStyleUrl: string | null;
  /** Optional attribution for the offline basemap data (not in the core contract). */
  basemapAttribution?: string | null;
  /** Optional start view; the client's built-in Cluj-Napoca view applies when absent. */
  center?: [longitude: number, latitude: number] | null;
  zoom?: number | null;
}

function isLngLat(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90
  );
}

const OFFLINE_CONFIG: PublicConfig = { basemapStyleUrl: null };

/**
 * Returns the public client configuration. A server without the endpoint (404) means
 * "no remote style", so the map still works offline.
 */
export async function getPublicConfig(signal?: AbortSignal): Promise<PublicConfig> {
  try {
    const config = await apiGet<Partial<PublicConfig> | undefined>('/api/public/config', signal);
    return {
      basemapStyleUrl: typeof config?.basemapStyleUrl === 'string' && config.basemapStyleUrl ? config.basemapStyleUrl : null,
      basemapAttribution: typeof config?.basemapAttribution === 'string' ? config.basemapAttribution : null,
      center: isLngLat(config?.center) ? config.center : null,
      zoom: typeof config?.zoom === 'number' && Number.isFinite(config.zoom) ? config.zoom : null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return OFFLINE_CONFIG;
    throw error;
  }
}

/** Returns the offline basemap features (`properties.layer`: boundary, river, road, railway, landfill, lake). */
export function getBasemap(signal?: AbortSignal): Promise<FeatureCollection> {
  return apiGet<FeatureCollection>('/api/public/basemap', signal);
}

// ---------------------------------------------------------------------------------------------------
// The public progress page (issue 6). It reads nothing but /api/public/*, or — in a static export
// (scripts/export-public.ts) — the same documents as files next to the page. The export marks its
// index.html with <meta name="punte-public-data" content="./data/">.

/** The documents of a public release, by name (URL path under /api/public/ and file name in the export). */
export type PublicDocument =
  | 'progress'
  | 'interventions'
  | 'origin-settlements'
  | 'destination-localities'
  | 'intervention-areas'
  | 'segregation'
  | 'basemap'
  | 'config';

const GEOJSON_DOCUMENTS: readonly PublicDocument[] = ['origin-settlements', 'destination-localities', 'intervention-areas', 'basemap'];

function exportDataBase(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="punte-public-data"]');
  return meta?.content ? meta.content : null;
}

/** True when the page runs from a static export (no API, no sign-in). */
export function isStaticExport(): boolean {
  return exportDataBase() !== null;
}

/** Returns the URL of a public document: `/api/public/<name>` live, `<base><name>.json|.geojson` in an export. */
export function publicDataUrl(name: PublicDocument): string {
  const base = exportDataBase();
  if (base === null) return `/api/public/${name}`;
  return `${base.endsWith('/') ? base : `${base}/`}${name}.${GEOJSON_DOCUMENTS.includes(name) ? 'geojson' : 'json'}`;
}

/** A count as published: a value (0 or at least k, rounded to 5) or hidden. */
export type PublishedCount = { value: number; suppressed: false } | { value: null; suppressed: true };

export interface PublishedAreaRow {
  key: string;
  /** null for the row of unknown origins or destinations outside every locality (key 'other'). */
  name: string | null;
  households: PublishedCount;
  people: PublishedCount;
}

export interface PublishedAreaTable {
  rows: PublishedAreaRow[];
  total: { households: PublishedCount; people: PublishedCount };
}

export type AccessCategory = 'school' | 'family_doctor' | 'transit_stop';

/** Body of GET /api/public/progress. */
export interface PublicProgress {
  cutoffMonth: string;
  asOfMonth: string;
  disclosure: { k: number; roundingBase: number };
  keyFigures: {
    householdsRelocated: PublishedCount;
    peopleRelocated: PublishedCount;
    plannedRelocations: PublishedCount;
    shareDonePercent: number | null;
  };
  byOrigin: PublishedAreaTable;
  byDestination: PublishedAreaTable;
  byMonth: Array<{ month: string; households: PublishedCount; people: PublishedCount }>;
  accessChange: Array<{ category: AccessCategory; medianBeforeM: number | null; medianAfterM: number | null; medianChangeM: number | null }>;
}

export interface PublicIntervention {
  key: string;
  name: string;
  type: string;
  status: string;
  fundingProgramme: string | null;
  budgetLei: number | null;
  startMonth: string | null;
  endMonth: string | null;
  progressPct: number;
  areaKey: string | null;
  areaName: string | null;
  areaKind: 'zone' | 'settlement' | null;
  updates: Array<{ month: string; progressPct: number }>;
}

/** Body of GET /api/public/interventions. */
export interface PublicInterventions {
  counts: { planned: number; underWay: number; completed: number; cancelled: number };
  items: PublicIntervention[];
}

/** Properties of the features of origin-settlements and destination-localities. */
export interface CountAreaProperties {
  key: string;
  name: string;
  households: number | null;
  householdsHidden: boolean;
  people: number | null;
  peopleHidden: boolean;
}

/** Properties of the features of intervention-areas. */
export interface InterventionAreaProperties {
  key: string;
  name: string;
  kind: 'zone' | 'settlement';
  interventions: number;
  progressPct: number | null;
}

/** Everything the public page shows. */
export interface PublicPageData {
  progress: PublicProgress;
  interventions: PublicInterventions;
  origins: FeatureCollection;
  destinations: FeatureCollection;
  interventionAreas: FeatureCollection;
  segregation: PublicSegregation;
}

/** Returns every document of the public page, fetched in parallel from the live API or the export. */
export async function getPublicPageData(signal?: AbortSignal): Promise<PublicPageData> {
  const [progress, interventions, origins, destinations, interventionAreas, segregation] = await Promise.all([
    apiGet<PublicProgress>(publicDataUrl('progress'), signal),
    apiGet<PublicInterventions>(publicDataUrl('interventions'), signal),
    apiGet<FeatureCollection>(publicDataUrl('origin-settlements'), signal),
    apiGet<FeatureCollection>(publicDataUrl('destination-localities'), signal),
    apiGet<FeatureCollection>(publicDataUrl('intervention-areas'), signal),
    apiGet<PublicSegregation>(publicDataUrl('segregation'), signal),
  ]);
  return { progress, interventions, origins, destinations, interventionAreas, segregation };
}

/** Returns the map settings and the offline basemap of the public page (live or export). */
export async function getPublicMapContext(signal?: AbortSignal): Promise<{ config: PublicConfig; basemap: FeatureCollection }> {
  const [config, basemap] = await Promise.all([
    apiGet<Partial<PublicConfig> | undefined>(publicDataUrl('config'), signal).catch(() => undefined),
    apiGet<FeatureCollection>(publicDataUrl('basemap'), signal),
  ]);
  return {
    config: {
      basemapStyleUrl: typeof config?.basemapStyleUrl === 'string' && config.basemapStyleUrl ? config.basemapStyleUrl : null,
      center: isLngLat(config?.center) ? config.center : null,
      zoom: typeof config?.zoom === 'number' && Number.isFinite(config.zoom) ? config.zoom : null,
    },
    basemap,
  };
}
