import type { FeatureCollection } from 'geojson';
import { ApiError, apiGet } from '../../lib/api-client';

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
