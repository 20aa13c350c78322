import maplibregl, { type Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// Served from our own origin so the map works under a CSP without `worker-src blob:` (helmet's
// default policy): https://maplibre.org/maplibre-gl-js/docs/#csp-directives
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

maplibregl.setWorkerUrl(workerUrl);

/** Accessible names of the map and its controls, in the current language. */
export interface MapControlLabels {
  region: string;
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
}

export interface CreateMapOptions {
  container: HTMLElement;
  style: string | StyleSpecification;
  center: [number, number];
  zoom: number;
  minZoom?: number;
  maxZoom?: number;
  labels: MapControlLabels;
  showCompass?: boolean;
}

/**
 * Returns a MapLibre map with Punte's controls (zoom, compass, metric scale) and translated labels,
 * exposed as `window.__punteMap` for browser tests; null when no WebGL context can be created.
 */
export function createMap(options: CreateMapOptions): MapLibreMap | null {
  const { container, style, center, zoom, minZoom = 8, maxZoom = 19, labels, showCompass = true } = options;
  let map: MapLibreMap;
  try {
    map = new maplibregl.Map({
      container,
      style,
      center,
      zoom,
      minZoom,
      maxZoom,
      attributionControl: { compact: true },
      locale: {
        'NavigationControl.ZoomIn': labels.zoomIn,
        'NavigationControl.ZoomOut': labels.zoomOut,
        'NavigationControl.ResetBearing': labels.resetBearing,
        'Map.Title': labels.region,
      },
    });
  } catch {
    // MapLibre throws when no WebGL context can be created.
    return null;
  }
  window.__punteMap = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
