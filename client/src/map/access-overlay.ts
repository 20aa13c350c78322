import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  MapMouseEvent,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { ACCESS_LAYER_IDS, ACCESS_SOURCES, LAYER_IDS } from './layer-ids';
import { accessOriginColour, accessScoreClasses, catchmentColours } from './palette';
import './access-overlay.css';

// The access overlays of issue 4 on the live map: the hexagon grid coloured by access score, the
// catchment rings of one service category and the marker of the place an access card describes.
// The server computes and caches both overlays; this module only hands ready GeoJSON to MapLibre.

/** What the access feature can do to the map, without importing maplibre-gl itself. */
export interface AccessOverlay {
  /** Draws the hexagon grid (properties.score 0–100), or hides it for null. */
  setGrid(collection: FeatureCollection | null): void;
  /** Draws catchment discs (properties.radiusM), or hides them for null. */
  setCatchments(collection: FeatureCollection | null): void;
  /** Marks the origin of the open access card, or removes the mark for null. */
  setOrigin(position: [number, number] | null): void;
  /** Shows a crosshair cursor while clicks on the map open access cards. */
  setToolActive(active: boolean): void;
  /** Calls `handler` with the [lon, lat] of every click on the map; returns the unsubscribe function. */
  onMapClick(handler: (position: [number, number]) => void): () => void;
  /** Returns the [lon, lat] at the centre of the view (the keyboard route to "access here"). */
  centre(): [number, number];
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** `step` over the score: each class's colour from its lower bound on. */
function scoreColour(): ExpressionSpecification {
  const [first, ...rest] = accessScoreClasses;
  return [
    'step',
    ['to-number', ['get', 'score'], 0],
    first.colour,
    ...rest.flatMap((c) => [c.min, c.colour]),
  ] as unknown as ExpressionSpecification;
}

function radiusMatch(pick: 'fill' | 'line', fallback: string): ExpressionSpecification {
  return [
    'match',
    ['to-number', ['get', 'radiusM'], 0],
    ...Object.entries(catchmentColours).flatMap(([radius, colours]) => [Number(radius), colours[pick]]),
    fallback,
  ] as unknown as ExpressionSpecification;
}

const nearRing: FilterSpecification = ['<=', ['to-number', ['get', 'radiusM'], 0], 500];

const overlayLayers: LayerSpecification[] = [
  {
    id: ACCESS_LAYER_IDS.gridFill,
    type: 'fill',
    source: ACCESS_SOURCES.grid,
    layout: { visibility: 'none' },
    paint: { 'fill-color': scoreColour(), 'fill-opacity': 0.62 },
  },
  {
    // Thin white edges separate neighbouring cells of the same class once they are big enough to see.
    id: ACCESS_LAYER_IDS.gridLine,
    type: 'line',
    source: ACCESS_SOURCES.grid,
    layout: { visibility: 'none' },
    paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0, 13, 0.6] },
  },
  {
    id: ACCESS_LAYER_IDS.catchmentsFill,
    type: 'fill',
    source: ACCESS_SOURCES.catchments,
    layout: { visibility: 'none' },
    paint: { 'fill-color': radiusMatch('fill', '#56B4E9'), 'fill-opacity': ['case', nearRing, 0.22, 0.14] },
  },
  {
    id: ACCESS_LAYER_IDS.catchmentsLine,
    type: 'line',
    source: ACCESS_SOURCES.catchments,
    layout: { visibility: 'none', 'line-join': 'round' },
    paint: { 'line-color': radiusMatch('line', '#1f6f9c'), 'line-width': ['case', nearRing, 1.6, 1.2] },
  },
];

const originLayer: LayerSpecification = {
  id: ACCESS_LAYER_IDS.origin,
  type: 'circle',
  source: ACCESS_SOURCES.origin,
  paint: {
    'circle-radius': 8,
    'circle-color': accessOriginColour,
    'circle-stroke-color': '#1f2937',
    'circle-stroke-width': 2.5,
  },
};

function setLayersVisible(map: MapLibreMap, ids: readonly string[], visible: boolean): void {
  for (const id of ids) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Adds the access sources and layers to `map` (under the data layers) and returns their controller. */
export function createAccessOverlay(map: MapLibreMap): AccessOverlay {
  for (const source of Object.values(ACCESS_SOURCES)) {
    if (!map.getSource(source)) map.addSource(source, { type: 'geojson', data: EMPTY });
  }
  // Under the zones, settlements, units and services, so those stay readable and clickable on top.
  const before = map.getLayer(LAYER_IDS.zonesFill) ? LAYER_IDS.zonesFill : undefined;
  for (const layer of overlayLayers) {
    if (!map.getLayer(layer.id)) map.addLayer(layer, before);
  }
  if (!map.getLayer(originLayer.id)) map.addLayer(originLayer);

  const setData = (source: string, collection: FeatureCollection) => map.getSource<GeoJSONSource>(source)?.setData(collection);

  return {
    setGrid(collection) {
      if (collection) setData(ACCESS_SOURCES.grid, collection);
      setLayersVisible(map, [ACCESS_LAYER_IDS.gridFill, ACCESS_LAYER_IDS.gridLine], collection !== null);
    },
    setCatchments(collection) {
      if (collection) setData(ACCESS_SOURCES.catchments, collection);
      setLayersVisible(map, [ACCESS_LAYER_IDS.catchmentsFill, ACCESS_LAYER_IDS.catchmentsLine], collection !== null);
    },
    setOrigin(position) {
      setData(
        ACCESS_SOURCES.origin,
        position
          ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties: {} }] }
          : EMPTY,
      );
    },
    setToolActive(active) {
      map.getCanvasContainer().classList.toggle('access-tool-active', active);
    },
    onMapClick(handler) {
      const listener = (event: MapMouseEvent) => handler([event.lngLat.lng, event.lngLat.lat]);
      map.on('click', listener);
      return () => {
        map.off('click', listener);
      };
    },
    centre() {
      const { lng, lat } = map.getCenter();
      return [lng, lat];
    },
  };
}
