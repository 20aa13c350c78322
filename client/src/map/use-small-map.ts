import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { buildOfflineStyle } from './basemap-style';
import { createMap, type MapControlLabels } from './create-map';
import { BASEMAP_SOURCE } from './layer-ids';

/** What a small map (a plan's move, the segregation map) shares: one MapLibre lifecycle. */
export interface SmallMapOptions {
  /** A remote style URL, or null for the offline basemap filled from `basemap`. */
  styleUrl: string | null;
  basemap: FeatureCollection | null;
  labels: MapControlLabels;
  center: [number, number];
  zoom: number;
  /** Adds the map's own sources and layers once the style has loaded. */
  addLayers: (map: MapLibreMap) => void;
  /** Fills the layers and fits the view; runs once loaded and whenever `drawDeps` change. */
  draw: (map: MapLibreMap) => void;
  drawDeps: readonly unknown[];
}

/**
 * Creates the map in `containerRef` (again when the style changes), names its canvas, fills the offline
 * basemap, and runs `draw`; `rendered` turns true once MapLibre is idle after the last draw (browser tests
 * wait for it), `unsupported` when no WebGL context could be made.
 */
export function useSmallMap(options: SmallMapOptions) {
  const { styleUrl, basemap, labels } = options;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const latest = useRef(options);
  const [ready, setReady] = useState(false);
  const [rendered, setRendered] = useState(false);
  const [unsupported, setUnsupported] = useState(false);

  useLayoutEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const { labels: initialLabels, center, zoom } = latest.current;
    const map = createMap({ container, style: styleUrl ?? buildOfflineStyle(), center, zoom, labels: initialLabels, showCompass: false });
    if (!map) {
      setUnsupported(true);
      return undefined;
    }
    mapRef.current = map;
    map.on('load', () => {
      latest.current.addLayers(map);
      setReady(true);
    });
    return () => {
      map.remove();
      mapRef.current = null;
      if (window.__punteMap === map) delete window.__punteMap;
      setReady(false);
    };
  }, [styleUrl]);

  useEffect(() => {
    containerRef.current?.querySelector('canvas')?.setAttribute('aria-label', labels.region);
  }, [labels.region, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !basemap || styleUrl !== null) return;
    map.getSource<GeoJSONSource>(BASEMAP_SOURCE)?.setData(basemap);
  }, [ready, basemap, styleUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return undefined;
    latest.current.draw(map);
    setRendered(false);
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setRendered(true);
    });
    map.triggerRepaint();
    return () => {
      cancelled = true;
    };
    // The caller names what its drawing depends on.
  }, [ready, ...options.drawDeps]);

  return { containerRef, rendered, unsupported };
}

/** Returns true when the user asked for less motion (fitting the view then jumps instead of flying). */
export const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
