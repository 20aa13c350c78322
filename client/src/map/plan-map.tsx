import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { PLAN_MAP_LAYER_IDS, PLAN_MAP_SOURCE } from './layer-ids';
import { planMoveColours } from './palette';
import { reducedMotion, useSmallMap } from './use-small-map';
import './map-view.css';

export interface PlanMapEnd {
  position: [number, number];
  name: string;
}

export interface PlanMapProps {
  /** A remote style URL, or null for the offline basemap filled from `basemap`. */
  styleUrl: string | null;
  basemap: FeatureCollection | null;
  origin: PlanMapEnd | null;
  destination: PlanMapEnd | null;
  labels: { region: string; zoomIn: string; zoomOut: string; resetBearing: string; unsupported: string };
}

function moveFeatures(origin: PlanMapEnd | null, destination: PlanMapEnd | null): FeatureCollection {
  const features: Feature[] = [];
  if (origin && destination) {
    features.push({ type: 'Feature', properties: { role: 'line' }, geometry: { type: 'LineString', coordinates: [origin.position, destination.position] } });
  }
  if (origin) features.push({ type: 'Feature', properties: { role: 'origin', name: origin.name }, geometry: { type: 'Point', coordinates: origin.position } });
  if (destination) {
    features.push({ type: 'Feature', properties: { role: 'destination', name: destination.name }, geometry: { type: 'Point', coordinates: destination.position } });
  }
  return { type: 'FeatureCollection', features };
}

function addMoveLayers(map: MapLibreMap): void {
  map.addSource(PLAN_MAP_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: PLAN_MAP_LAYER_IDS.line,
    type: 'line',
    source: PLAN_MAP_SOURCE,
    filter: ['==', ['get', 'role'], 'line'],
    paint: { 'line-color': planMoveColours.line, 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
  });
  for (const role of ['origin', 'destination'] as const) {
    map.addLayer({
      id: PLAN_MAP_LAYER_IDS[role],
      type: 'circle',
      source: PLAN_MAP_SOURCE,
      filter: ['==', ['get', 'role'], role],
      paint: { 'circle-radius': 8, 'circle-color': planMoveColours[role], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    });
  }
}

/**
 * A small map of one relocation: the settlement of origin, the matched unit and a line between them,
 * fitted to both. Exposed as `window.__punteMap` for browser tests; `data-state="ready"` once drawn.
 */
export function PlanMap({ styleUrl, basemap, origin, destination, labels }: PlanMapProps) {
  const { containerRef, rendered, unsupported } = useSmallMap({
    styleUrl,
    basemap,
    labels,
    center: [23.63, 46.775],
    zoom: 11,
    addLayers: addMoveLayers,
    draw: (map) => {
      map.getSource<GeoJSONSource>(PLAN_MAP_SOURCE)?.setData(moveFeatures(origin, destination));
      const points = [origin?.position, destination?.position].filter((p): p is [number, number] => Boolean(p));
      if (points.length === 0) return;
      const lons = points.map((p) => p[0]);
      const lats = points.map((p) => p[1]);
      map.fitBounds(
        [
          [Math.min(...lons), Math.min(...lats)],
          [Math.max(...lons), Math.max(...lats)],
        ],
        { padding: 50, maxZoom: 14, duration: reducedMotion() ? 0 : 400 },
      );
    },
    drawDeps: [origin, destination],
  });

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-view__canvas" data-testid="plan-map" data-state={rendered ? 'ready' : 'loading'} />
      {unsupported && (
        <p className="map-view__message" role="alert">
          {labels.unsupported}
        </p>
      )}
    </div>
  );
}
