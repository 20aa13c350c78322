import { useCallback, useEffect, useMemo, useState } from 'react';
import { AccessAction } from '../features/access/access-action';
import { AccessCard } from '../features/access/access-card';
import { AccessLayerItems } from '../features/access/access-layer-items';
import { useAccess } from '../features/access/use-access';
import type { Session } from '../features/auth/api';
import { EditingOverlay } from '../features/editing/editing-overlay';
import { EditingTools } from '../features/editing/editing-tools';
import { FeatureActions } from '../features/editing/feature-actions';
import { PlaceDistancesCard } from '../features/editing/place-distances-card';
import { useEditingWorkspace } from '../features/editing/use-editing-workspace';
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
import { navigate } from './router';

const ignoreSelection = () => {};

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
  const access = useAccess(onSessionExpired);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const editing = useEditingWorkspace({ session, onSelect: setSelection, onSessionExpired });
  const attachMap = useCallback(
    (map: Parameters<typeof access.attach>[0]) => {
      access.attach(map);
      editing.attachMap(map);
    },
    [access.attach, editing.attachMap],
  );
  // Clicks place vertices while drawing or measuring; the "access here" tool must not take them too.
  const { setToolActive } = access;
  useEffect(() => {
    if (editing.capturesMapClicks) setToolActive(false);
  }, [editing.capturesMapClicks, setToolActive]);

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
    return editing.edits.apply(result);
  }, [layers, editing.edits.apply]);
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
  const showFeature = useCallback((source: DataSourceId, id: number) => setSelection({ source, id, fit: true }), []);

  return (
    <div className="map-page">
      <AppHeader user={session.user} permissions={session.permissions} onLogout={onLogout} />
      <div className="map-page__body">
        <aside className="side-panel" aria-label={t('panel.title')}>
          <EditingTools workspace={editing} onShow={showFeature} onSessionExpired={onSessionExpired} />
          <LayerPanel layers={layers} settings={settings} onShowSettlement={showSettlement}>
            <AccessLayerItems access={access} />
          </LayerPanel>
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
              // While "access here" is on, a click opens an access card instead of selecting a feature.
              onSelect={access.toolActive || editing.capturesMapClicks ? ignoreSelection : setSelection}
              onMapReady={attachMap}
              describeFeature={describeHovered}
              labels={labels}
            />
          )}
          {basemapFailed && (
            <p className="map-notice" role="status">
              {t('map.basemapError')}
            </p>
          )}
          {selectedFeature && !editing.capturesMapClicks && (
            <FeatureDetails
              source={selectedFeature.source}
              id={selectedFeature.id}
              properties={selectedFeature.properties}
              zoneName={zoneName}
              takeFocus={selectedFeature.fit === true}
              onClose={closeDetails}
            >
              <AccessAction
                source={selectedFeature.source}
                id={selectedFeature.id}
                name={String(selectedFeature.properties.name ?? selectedFeature.properties.code ?? '')}
                onOpen={(target) => access.open(target, { focus: true })}
              />
              <FeatureActions
                workspace={editing}
                source={selectedFeature.source}
                id={selectedFeature.id}
                version={selectedFeature.properties.version}
                onSessionExpired={onSessionExpired}
              />
            </FeatureDetails>
          )}
          {access.target && (
            <AccessCard
              target={access.target}
              takeFocus={access.targetFocus}
              onClose={access.close}
              onOrigin={access.markOrigin}
              onSessionExpired={onSessionExpired}
              onNavigate={navigate}
            />
          )}
          {access.target?.kind === 'point' && (
            <PlaceDistancesCard position={access.target.position} onSessionExpired={onSessionExpired} />
          )}
          <EditingOverlay workspace={editing} />
        </main>
      </div>
    </div>
  );
}
