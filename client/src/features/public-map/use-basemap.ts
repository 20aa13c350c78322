import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'react';
import { isAbortError } from '../../lib/api-client';
import { getBasemap, getPublicConfig } from './api';

/**
 * Returns the map style of the small maps (plan, segregation): `styleUrl` undefined while the settings load,
 * null for the offline basemap (then `basemap` holds its features once loaded), or a remote style URL.
 * Loads only while `enabled`. Without settings or basemap the map still draws its own layers on a plain background.
 */
export function useBasemap(enabled = true): { styleUrl: string | null | undefined; basemap: FeatureCollection | null } {
  const [styleUrl, setStyleUrl] = useState<string | null | undefined>(undefined);
  const [basemap, setBasemap] = useState<FeatureCollection | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    getPublicConfig(controller.signal)
      .then((config) => {
        setStyleUrl(config.basemapStyleUrl);
        if (config.basemapStyleUrl === null) return getBasemap(controller.signal).then(setBasemap);
        return undefined;
      })
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setStyleUrl(null);
      });
    return () => controller.abort();
  }, [enabled]);
  return { styleUrl, basemap };
}
