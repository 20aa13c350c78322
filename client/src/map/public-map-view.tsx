import maplibregl, { type GeoJSONSource, type GeoJSONSourceSpecification, type Map as MapLibreMap, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { buildOfflineStyle } from './basemap-style';
import { geometryBounds, type Bounds } from './feature-bounds';
import { addPublicMapLayers, PUBLIC_SOURCES, PUBLIC_VIEW_LAYERS, type PublicMapViewName } from './public-map-layers';
import './map-view.css';
import { createMap } from './create-map';

/** Cluj-Napoca and its metropolitan communes, until the first view is fitted. */
const INITIAL_VIEW = { center: [23.6, 46.77] as [number, number], zoom: 10 };

export interface PublicMapLabels {
  region: string;
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
  unsupported: string;
}

export interface PublicMapViewProps {
  styleUrl: string | null;
  initialView?: { center: [number, number]; zoom: number };
  basemap: FeatureCollection | null;
  origins: FeatureCollection;
  destinations: FeatureCollection;
  interventionAreas: FeatureCollection;
  /** The disclosure threshold, for the colour classes. */
  k: number;
  view: PublicMapViewName;
  labels: PublicMapLabels;
  /** Returns the tooltip of a hovered area of the current view, or null. */
  describe: (view: PublicMapViewName, properties: Record<string, unknown>) => string | null;
}

function collectionBounds(collection: FeatureCollection): Bounds | null {
  let bounds: Bounds | null = null;
  for (const feature of collection.features) {
    const b = geometryBounds(feature.geometry);
    if (!b) continue;
    bounds = bounds ? [Math.min(bounds[0], b[0]), Math.min(bounds[1], b[1]), Math.max(bounds[2], b[2]), Math.max(bounds[3], b[3])] : b;
  }
  return bounds;
}

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * The public progress map: aggregated areas only (settlements of origin, localities of destination,
 * intervention areas), one view at a time, fitted to that view's areas. The map is exposed as
 * `window.__punteMap` for browser tests, and `data-state="ready"` once the current view is drawn.
 */
export function PublicMapView(props: PublicMapViewProps) {
  const { styleUrl, origins, destinations, interventionAreas, view, labels } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const latest = useRef(props);
  const shown = useRef<{ origins?: FeatureCollection; destinations?: FeatureCollection; interventionAreas?: FeatureCollection }>({});
  const [ready, setReady] = useState(false);
  const [rendered, setRendered] = useState(false);
  const [unsupported, setUnsupported] = useState(false);

  useLayoutEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const { initialView = INITIAL_VIEW, labels: initialLabels } = latest.current;
    // Sources start with their data: a setData() racing the first load of an empty source was
    // sometimes lost (MapLibre 5.24), leaving the map blank.
    let style: StyleSpecification | string;
    if (styleUrl === null) {
      style = buildOfflineStyle();
      if (latest.current.basemap) (style.sources.basemap as GeoJSONSourceSpecification).data = latest.current.basemap;
    } else {
      style = styleUrl;
    }
    // No closer than a neighbourhood: the public map has nothing finer to show.
    const map = createMap({ container, style, center: initialView.center, zoom: initialView.zoom, maxZoom: 15, labels: initialLabels });
    if (!map) {
      setUnsupported(true);
      return undefined;
    }
    mapRef.current = map;
    map.on('load', () => {
      const { k, origins, destinations, interventionAreas } = latest.current;
      addPublicMapLayers(map, k, { origins, destinations, interventions: interventionAreas });
      shown.current = { origins, destinations, interventionAreas };
      setReady(true);
    });

    const tooltip = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 10, maxWidth: '280px' });
    const onMouseMove = (event: MapMouseEvent) => {
      if (!map.isStyleLoaded()) return;
      const current = latest.current.view;
      const layers = PUBLIC_VIEW_LAYERS[current].filter((id) => map.getLayer(id));
      const [feature] = map.queryRenderedFeatures(event.point, { layers });
      const text = feature ? latest.current.describe(current, feature.properties) : null;
      if (text) tooltip.setLngLat(event.lngLat).setText(text).addTo(map);
      else tooltip.remove();
    };
    const onMouseOut = () => tooltip.remove();
    map.on('mousemove', onMouseMove);
    map.on('mouseout', onMouseOut);
    return () => {
      tooltip.remove();
      map.remove();
      mapRef.current = null;
      if (window.__punteMap === map) delete window.__punteMap;
      setReady(false);
      setRendered(false);
    };
  }, [styleUrl]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // MapLibre reads `locale` only at creation; relabel the controls in place on a language switch.
    const set = (selector: string, text: string) =>
      container.querySelectorAll<HTMLElement>(selector).forEach((button) => {
        button.setAttribute('aria-label', text);
        button.title = text;
      });
    set('.maplibregl-ctrl-zoom-in', labels.zoomIn);
    set('.maplibregl-ctrl-zoom-out', labels.zoomOut);
    set('.maplibregl-ctrl-compass', labels.resetBearing);
    container.querySelector('canvas')?.setAttribute('aria-label', labels.region);
  }, [labels, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // Only collections that changed since they were added (or last set) are sent to the map again.
    const current = shown.current;
    if (current.origins !== origins) map.getSource<GeoJSONSource>(PUBLIC_SOURCES.origins)?.setData(origins);
    if (current.destinations !== destinations) map.getSource<GeoJSONSource>(PUBLIC_SOURCES.destinations)?.setData(destinations);
    if (current.interventionAreas !== interventionAreas) map.getSource<GeoJSONSource>(PUBLIC_SOURCES.interventions)?.setData(interventionAreas);
    shown.current = { origins, destinations, interventionAreas };
  }, [ready, origins, destinations, interventionAreas]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return undefined;
    for (const [name, layers] of Object.entries(PUBLIC_VIEW_LAYERS) as Array<[PublicMapViewName, readonly string[]]>) {
      for (const layer of layers) map.setLayoutProperty(layer, 'visibility', name === view ? 'visible' : 'none');
    }
    const collection = view === 'origins' ? origins : view === 'destinations' ? destinations : interventionAreas;
    const bounds = collectionBounds(collection);
    if (bounds) map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: reducedMotion() ? 0 : 600 });
    setRendered(false);
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setRendered(true);
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
  }, [ready, view, origins, destinations, interventionAreas]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-view__canvas" data-testid="public-map" data-view={view} data-state={rendered ? 'ready' : 'loading'} />
      {unsupported && (
        <p className="map-view__message" role="alert">
          {labels.unsupported}
        </p>
      )}
    </div>
  );
}
