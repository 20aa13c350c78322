import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Session } from '../features/auth/api';
import { FeatureDetails } from '../features/feature-details/feature-details';
import { hoverLabel } from '../features/feature-details/hover-label';
import { LayerPanel } from '../features/layers/layer-panel';
import { useLayerSettings } from '../features/layers/use-layer-settings';
import { useMapData, type LayerCollections } from '../features/layers/use-map-data';
import { translate, useI18n } from '../lib/i18n';
import { DATA_SOURCES, type DataSourceId } from '../map/layer-ids';
import { INITIAL_VIEW, MapView, type MapSelection, type MapViewLabels } from '../map/map-view';
import { SERVICE_CATEGORIES } from '../map/palette';
import { AppHeader } from './app-header';

export interface MapPageProps {
  session: Session;
  onLogout: () => Promise<void>;
  onSessionExpired: () => void;
}

/** The `/` page: header, layer panel with legend, the map, and the details of the selected feature. */
export function MapPage({ session, onLogout, onSessionExpired }: MapPageProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { config, basemap, basemapFailed, layers } = useMapData(onSessionExpired);
  const settings = useLayerSettings();
  const [selection, setSelection] = useState<MapSelection | null>(null);

  useEffect(() => {
    document.title = `${t('app.name')} — Cluj-Napoca / Pata Rât`;
  }, [t]);

  const collections = useMemo(() => {
    const result: Partial<LayerCollections> = {};
    const keep = <K extends DataSourceId>(source: K) => {
      const load = layers[source];
      if (load.status === 'ready') result[source] = load.collection;
    };
    DATA_SOURCES.forEach(keep);
    return result;
  }, [layers]);
  const dataSettled = Object.values(layers).every((load) => load.status !== 'loading');

  const zoneNames = useMemo(() => {
    const names = new Map<number, string>();
    if (layers.zones.status === 'ready') {
      for (const zone of layers.zones.collection.features) names.set(zone.id, zone.properties.name);
    }
    return names;
  }, [layers.zones]);
  const zoneName = useCallback((id: number) => zoneNames.get(id), [zoneNames]);

  const selectedFeature = useMemo(() => {
    if (!selection) return null;
    const feature = collections[selection.source]?.features.find((f) => f.id === selection.id);
    return feature ? { ...selection, properties: feature.properties as unknown as Record<string, unknown> } : null;
  }, [selection, collections]);

  // Keyed on the locale (not on `t`, which is rebuilt every render) so the map relabels only on a switch.
  const labels = useMemo<MapViewLabels>(
    () => ({
      region: translate(locale, 'map.label'),
      zoomIn: translate(locale, 'map.zoomIn'),
      zoomOut: translate(locale, 'map.zoomOut'),
      resetBearing: translate(locale, 'map.resetBearing'),
      unsupported: translate(locale, 'map.unsupported'),
    }),
    [locale],
  );

  const describeHovered = (layerId: string, properties: Record<string, unknown>) => hoverLabel(layerId, properties, i18n);
  const showSettlement = useCallback((id: number) => setSelection({ source: 'settlements', id, fit: true }), []);
  const closeDetails = useCallback(() => setSelection(null), []);

  return (
    <div className="map-page">
      <AppHeader user={session.user} permissions={session.permissions} onLogout={onLogout} />
      <div className="map-page__body">
        <aside className="side-panel" aria-label={t('panel.title')}>
          <LayerPanel layers={layers} settings={settings} onShowSettlement={showSettlement} />
        </aside>
        <main className="map-page__map">
          {config && (
            <MapView
              styleUrl={config.basemapStyleUrl}
              initialView={{
                center: config.center ?? INITIAL_VIEW.center,
                zoom: config.zoom ?? INITIAL_VIEW.zoom,
              }}
              attribution={config.basemapAttribution ?? undefined}
              basemap={basemap}
              data={collections}
              visibility={settings.visibility}
              serviceCategories={settings.serviceCategories}
              allServiceCategories={SERVICE_CATEGORIES}
              selection={selection}
              dataSettled={dataSettled}
              onSelect={setSelection}
              describeFeature={describeHovered}
              labels={labels}
            />
          )}
          {basemapFailed && (
            <p className="map-notice" role="status">
              {t('map.basemapError')}
            </p>
          )}
          {selectedFeature && (
            <FeatureDetails
              source={selectedFeature.source}
              id={selectedFeature.id}
              properties={selectedFeature.properties}
              zoneName={zoneName}
              takeFocus={selectedFeature.fit === true}
              onClose={closeDetails}
            />
          )}
        </main>
      </div>
    </div>
  );
}
