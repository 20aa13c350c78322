import maplibregl, {
  type GeoJSONSource,
  type Map as MapLibreMap,
  type MapMouseEvent,
  type PointLike,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { BASEMAP_HOVER_LAYERS, buildOfflineStyle } from './basemap-style';
import { createMap } from './create-map';
import { addDataLayers } from './data-layers';
import { geometryBounds } from './feature-bounds';
import { addHatchImage } from './hatch-pattern';
import { BASEMAP_SOURCE, DATA_SOURCES, INTERACTIVE_LAYERS, LAYER_IDS, layersBySource, type DataSourceId } from './layer-ids';
import './map-view.css';

declare global {
  interface Window {
    /**
     * The live MapLibre map, for browser tests: they read map state such as
     * `__punteMap.queryRenderedFeatures({ layers: ['settlements-fill'] })` or
     * `getLayoutProperty('services-circle', 'visibility')` instead of comparing pixels.
     */
    __punteMap?: MapLibreMap;
  }
}

/** Cluj-Napoca centre with Pata Rât (~23.69 E) still in view at the initial zoom. */
export const INITIAL_VIEW = { center: [23.63, 46.775] as [number, number], zoom: 11.5 };

export interface MapSelection {
  source: DataSourceId;
  id: number;
  /** Zoom the map to the feature (used when it was picked from a list rather than clicked). */
  fit?: boolean;
}

export interface MapViewLabels {
  region: string;
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
  unsupported: string;
}

export interface MapViewProps {
  /** A remote style from `/api/public/config`; null draws the offline basemap. */
  styleUrl: string | null;
  /** Start view; defaults to INITIAL_VIEW. Read once, when the map is created. */
  initialView?: { center: [number, number]; zoom: number };
  attribution?: string;
  basemap: FeatureCollection | null;
  data: Partial<Record<DataSourceId, FeatureCollection>>;
  visibility: Record<DataSourceId, boolean>;
  /** Service categories to draw; when every known category is listed, no filter is applied. */
  serviceCategories: readonly string[];
  allServiceCategories: readonly string[];
  selection: MapSelection | null;
  /** True once every data request has finished (successfully or not). */
  dataSettled: boolean;
  onSelect: (selection: MapSelection | null) => void;
  /** Returns the tooltip text for a hovered feature, or null for no tooltip. */
  describeFeature: (layerId: string, properties: Record<string, unknown>) => string | null;
  labels: MapViewLabels;
  /**
   * Called once the style and the data layers are in place, with the live map: features that draw
   * their own sources and layers (overlays, drawing tools) attach here, through modules in map/.
   */
  onMapReady?: (map: MapLibreMap) => void;
}

const CLICK_TOLERANCE_PX = 4;
/** Width of the floating details card plus margins (features/feature-details/feature-details.css). */
const DETAILS_CARD_CLEARANCE_PX = 380;

function hitBox(point: { x: number; y: number }): [PointLike, PointLike] {
  return [
    [point.x - CLICK_TOLERANCE_PX, point.y - CLICK_TOLERANCE_PX],
    [point.x + CLICK_TOLERANCE_PX, point.y + CLICK_TOLERANCE_PX],
  ];
}

function existingLayers(map: MapLibreMap, ids: readonly string[]): string[] {
  return ids.filter((id) => map.getLayer(id) !== undefined);
}

function isDataSource(value: string): value is DataSourceId {
  return (DATA_SOURCES as readonly string[]).includes(value);
}

function applyControlLabels(container: HTMLElement, labels: MapViewLabels): void {
  // MapLibre reads its `locale` only when controls are created; relabel in place on a language switch.
  const set = (selector: string, text: string) => {
    container.querySelectorAll<HTMLElement>(selector).forEach((button) => {
      button.setAttribute('aria-label', text);
      button.title = text;
    });
  };
  set('.maplibregl-ctrl-zoom-in', labels.zoomIn);
  set('.maplibregl-ctrl-zoom-out', labels.zoomOut);
  set('.maplibregl-ctrl-compass', labels.resetBearing);
  container.querySelector('canvas')?.setAttribute('aria-label', labels.region);
}

/** The map: owns the MapLibre instance and keeps its sources, visibility, filter and selection in sync with props. */
export function MapView(props: MapViewProps) {
  const { styleUrl, attribution, basemap, data, visibility, serviceCategories, allServiceCategories } = props;
  const { selection, dataSettled, labels } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const latest = useRef(props);
  const [ready, setReady] = useState(false);
  const [offline, setOffline] = useState(styleUrl === null);
  const [unsupported, setUnsupported] = useState(false);
  const [rendered, setRendered] = useState(false);

  // Map event handlers are registered once; they read the newest callbacks through this ref.
  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const { labels: initialLabels, initialView = INITIAL_VIEW } = latest.current;
    const map = createMap({
      container,
      style: styleUrl ?? buildOfflineStyle(attribution),
      center: initialView.center,
      zoom: initialView.zoom,
      labels: initialLabels,
    });
    if (!map) {
      setUnsupported(true);
      return undefined;
    }
    mapRef.current = map;
    setOffline(styleUrl === null);

    map.on('load', () => {
      addHatchImage(map);
      addDataLayers(map);
      setReady(true);
      latest.current.onMapReady?.(map);
    });

    map.on('error', (event) => {
      // A remote style that fails to load would leave a blank map: fall back to the offline one.
      if (styleUrl !== null && !map.isStyleLoaded() && !map.loaded()) {
        console.error('remote basemap style failed, using the offline basemap', event.error);
        setOffline(true);
        map.setStyle(buildOfflineStyle(attribution));
      }
    });

    const tooltip = new maplibregl.Popup({
      closeButton: false,
      closeOnClick: false,
      className: 'map-tooltip',
      offset: 10,
      maxWidth: '260px',
    });
    let hoveredSettlement: number | string | undefined;
    const setHoveredSettlement = (id: number | string | undefined) => {
      if (hoveredSettlement === id) return;
      if (hoveredSettlement !== undefined && map.getSource('settlements')) {
        map.setFeatureState({ source: 'settlements', id: hoveredSettlement }, { hover: false });
      }
      hoveredSettlement = id;
      if (id !== undefined) map.setFeatureState({ source: 'settlements', id }, { hover: true });
    };

    const onMouseMove = (event: MapMouseEvent) => {
      if (!map.isStyleLoaded()) return;
      const layers = existingLayers(map, [...INTERACTIVE_LAYERS, ...BASEMAP_HOVER_LAYERS]);
      const [feature] = map.queryRenderedFeatures(hitBox(event.point), { layers });
      const isData = feature !== undefined && feature.source !== BASEMAP_SOURCE;
      map.getCanvas().style.cursor = isData ? 'pointer' : '';
      setHoveredSettlement(feature?.source === 'settlements' ? feature.id : undefined);
      const text = feature ? latest.current.describeFeature(feature.layer.id, feature.properties) : null;
      if (text) {
        tooltip.setLngLat(event.lngLat).setText(text).addTo(map);
      } else {
        tooltip.remove();
      }
    };
    const onMouseOut = () => {
      tooltip.remove();
      setHoveredSettlement(undefined);
      map.getCanvas().style.cursor = '';
    };
    const onClick = (event: MapMouseEvent) => {
      const layers = existingLayers(map, INTERACTIVE_LAYERS);
      if (layers.length === 0) return;
      const [feature] = map.queryRenderedFeatures(hitBox(event.point), { layers });
      if (feature && isDataSource(feature.source) && typeof feature.id === 'number') {
        latest.current.onSelect({ source: feature.source, id: feature.id });
      } else {
        latest.current.onSelect(null);
      }
    };
    map.on('mousemove', onMouseMove);
    map.on('mouseout', onMouseOut);
    map.on('click', onClick);

    return () => {
      tooltip.remove();
      map.remove();
      mapRef.current = null;
      if (window.__punteMap === map) delete window.__punteMap;
      setReady(false);
      setRendered(false);
    };
  }, [styleUrl, attribution]);

  useEffect(() => {
    const container = containerRef.current;
    if (container) applyControlLabels(container, labels);
  }, [labels, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !offline || !basemap) return;
    map.getSource<GeoJSONSource>(BASEMAP_SOURCE)?.setData(basemap);
  }, [ready, offline, basemap]);

  const { zones, settlements, services } = data;
  const housingUnits = data['housing-units'];
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const collections: Record<DataSourceId, FeatureCollection | undefined> = {
      zones,
      settlements,
      'housing-units': housingUnits,
      services,
    };
    for (const source of DATA_SOURCES) {
      const collection = collections[source];
      if (collection) map.getSource<GeoJSONSource>(source)?.setData(collection);
    }
  }, [ready, zones, settlements, housingUnits, services]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const source of DATA_SOURCES) {
      for (const layer of layersBySource[source]) {
        map.setLayoutProperty(layer, 'visibility', visibility[source] ? 'visible' : 'none');
      }
    }
  }, [ready, visibility]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const showsAll = allServiceCategories.every((category) => serviceCategories.includes(category));
    // With every box ticked, no filter: services with a category unknown to this client still show.
    map.setFilter(
      LAYER_IDS.servicesCircle,
      showsAll ? null : ['in', ['get', 'category'], ['literal', [...serviceCategories]]],
    );
  }, [ready, serviceCategories, allServiceCategories]);

  const previousSelection = useRef<MapSelection | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const previous = previousSelection.current;
    if (previous && map.getSource(previous.source)) {
      map.setFeatureState({ source: previous.source, id: previous.id }, { selected: false });
    }
    previousSelection.current = selection;
    if (!selection) return;
    map.setFeatureState({ source: selection.source, id: selection.id }, { selected: true });
    if (selection.fit) {
      const feature = latest.current.data[selection.source]?.features.find((f) => f.id === selection.id);
      const bounds = geometryBounds(feature?.geometry ?? null);
      if (bounds) {
        // The details card covers the map's top-left corner; keep the feature clear of it.
        const width = map.getContainer().clientWidth;
        const left = width > 760 ? DETAILS_CARD_CLEARANCE_PX : 40;
        map.fitBounds(bounds, { padding: { top: 60, right: 60, bottom: 60, left }, maxZoom: 15, duration: 800 });
      }
    }
  }, [ready, selection]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !dataSettled) {
      setRendered(false);
      return undefined;
    }
    // `idle` fires once the new data has been tiled and drawn, so `data-state="ready"` means
    // queryRenderedFeatures will see it.
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setRendered(true);
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [ready, dataSettled, zones, settlements, housingUnits, services]);

  // data-state="ready" once every layer request has settled and the result is drawn; tests wait on it.
  return (
    <div className="map-view">
      <div
        ref={containerRef}
        className="map-view__canvas"
        data-testid="map"
        data-state={rendered ? 'ready' : 'loading'}
      />
      {unsupported && (
        <p className="map-view__message" role="alert">
          {labels.unsupported}
        </p>
      )}
    </div>
  );
}
