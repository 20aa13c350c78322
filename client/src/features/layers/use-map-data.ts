import type { FeatureCollection } from 'geojson';
import { useEffect, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import type { DataSourceId } from '../../map/layer-ids';
import { listHousingUnits, type HousingUnitCollection } from '../housing-units/api';
import { getBasemap, getPublicConfig, type PublicConfig } from '../public-map/api';
import { listServices, type ServiceCollection } from '../services/api';
import { listSettlements, type SettlementCollection } from '../settlements/api';
import { listZones, type ZoneCollection } from '../zones/api';

export type LayerLoad<C> =
  | { status: 'loading' }
  | { status: 'ready'; collection: C }
  | { status: 'error'; message: string; forbidden: boolean };

export interface LayerCollections {
  zones: ZoneCollection;
  settlements: SettlementCollection;
  'housing-units': HousingUnitCollection;
  services: ServiceCollection;
}

export type LayerLoads = { [K in DataSourceId]: LayerLoad<LayerCollections[K]> };

export interface MapData {
  /** Null until `/api/public/config` has answered (or failed, which means offline). */
  config: PublicConfig | null;
  basemap: FeatureCollection | null;
  basemapFailed: boolean;
  layers: LayerLoads;
}

const loaders: { [K in DataSourceId]: (signal: AbortSignal) => Promise<LayerCollections[K]> } = {
  zones: listZones,
  settlements: listSettlements,
  'housing-units': listHousingUnits,
  services: listServices,
};

const allLoading: LayerLoads = {
  zones: { status: 'loading' },
  settlements: { status: 'loading' },
  'housing-units': { status: 'loading' },
  services: { status: 'loading' },
};

/**
 * Returns the map's data, fetched once on mount (pass a stable `onUnauthorized`): the public config and basemap, and the four
 * session-protected layers in parallel. Calls `onUnauthorized` when a layer answers 401
 * (the session expired between the page load and now).
 */
export function useMapData(onUnauthorized: () => void): MapData {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [basemap, setBasemap] = useState<FeatureCollection | null>(null);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const [layers, setLayers] = useState<LayerLoads>(allLoading);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;

    getPublicConfig(signal)
      .catch((error: unknown) => {
        if (!isAbortError(error)) console.error('loading /api/public/config, using the offline basemap', error);
        return { basemapStyleUrl: null } satisfies PublicConfig;
      })
      .then((loaded) => {
        if (signal.aborted) return;
        setConfig(loaded);
        if (loaded.basemapStyleUrl !== null) return;
        getBasemap(signal).then(setBasemap, (error: unknown) => {
          if (isAbortError(error)) return;
          console.error('loading /api/public/basemap', error);
          setBasemapFailed(true);
        });
      });

    function load<K extends DataSourceId>(source: K) {
      loaders[source](signal).then(
        (collection) => setLayers((previous) => ({ ...previous, [source]: { status: 'ready', collection } })),
        (error: unknown) => {
          if (isAbortError(error)) return;
          if (error instanceof ApiError && error.status === 401) {
            onUnauthorized();
            return;
          }
          console.error(`loading layer ${source}`, error);
          const message = error instanceof ApiError ? (error.detail ?? error.title) : String(error);
          const forbidden = error instanceof ApiError && error.status === 403;
          setLayers((previous) => ({ ...previous, [source]: { status: 'error', message, forbidden } }));
        },
      );
    }
    load('zones');
    load('settlements');
    load('housing-units');
    load('services');

    return () => controller.abort();
  }, [onUnauthorized]);

  return { config, basemap, basemapFailed, layers };
}
