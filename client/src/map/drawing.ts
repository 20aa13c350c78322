/**
 * Drawing and editing shapes on the map with terra-draw (https://github.com/JamesLMilner/terra-draw):
 * the one module that imports it. Features ask for a shape kind and read back plain GeoJSON; they never
 * see terra-draw's store, modes or ids.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

/** What can be drawn: zone and settlement outlines, housing units and services, a line to measure. */
export type DrawKind = 'polygon' | 'point' | 'line';

/** idle: nothing on the map; drawing: vertices are being placed; editing: a finished shape can be reshaped or moved. */
export type DrawingPhase = 'idle' | 'drawing' | 'editing';

export interface DrawingState {
  phase: DrawingPhase;
  kind: DrawKind | null;
  /** The shape as GeoJSON (a line being drawn includes the pointer's position); null when there is none. */
  geometry: Geometry | null;
  /** Vertices placed so far, while drawing too (the closing vertex of a ring and the pointer are not counted). */
  vertices: number;
}

/** A place the server found wrong (a vertex, or the first vertex of a ring), numbered as in the error list. */
export interface IssueMarker {
  position: Position;
  number: number;
}

export interface Drawing {
  /** Starts drawing a new shape of `kind`, replacing whatever was on the drawing layer. */
  start(kind: DrawKind): void;
  /** Puts an existing Point, Polygon or MultiPolygon on the drawing layer, ready to reshape or move. */
  load(geometry: Geometry): void;
  /** Closes the polygon or line being drawn (as double-click or Enter on the map would). */
  finish(): void;
  /** Drops the shape being drawn (Escape); a finished shape stays. */
  cancel(): void;
  /** Empties the drawing layer and stops drawing. */
  clear(): void;
  /** Returns the current state. */
  state(): DrawingState;
  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: DrawingState) => void): () => void;
  /** Marks the places a 422 answer pointed at; an empty list removes the marks. */
  showIssues(markers: IssueMarker[]): void;
  destroy(): void;
}

/** Colours of the drawing layer, shared with its legend (features/editing). */
export const DRAWING_COLOURS = {
  shape: '#d55e00',
  vertex: '#ffffff',
  issue: '#b42318',
} as const;

const ISSUES_SOURCE = 'editing-issues';
const ISSUES_LAYER = 'editing-issues-circle';
// Server coordinates have at most 9 decimals (ST_AsGeoJSON's default); terra-draw refuses more.
const PRECISION = 9;

const shape = DRAWING_COLOURS.shape;
const vertex = DRAWING_COLOURS.vertex;

function round(position: Position): Position {
  const factor = 10 ** PRECISION;
  return [Math.round(position[0]! * factor) / factor, Math.round(position[1]! * factor) / factor];
}

/** Returns the parts of a geometry terra-draw can hold (it knows no Multi* types), or [] for other types. */
function toParts(geometry: Geometry): Array<Polygon | Point | LineString> {
  switch (geometry.type) {
    case 'Point':
      return [{ type: 'Point', coordinates: round(geometry.coordinates) }];
    case 'LineString':
      return [{ type: 'LineString', coordinates: geometry.coordinates.map(round) }];
    case 'Polygon':
      return [{ type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(round)) }];
    case 'MultiPolygon':
      return geometry.coordinates.map((polygon) => ({ type: 'Polygon', coordinates: polygon.map((ring) => ring.map(round)) }));
    default:
      return [];
  }
}

function modeOf(part: Geometry): DrawKind {
  if (part.type === 'Point') return 'point';
  if (part.type === 'LineString') return 'line';
  return 'polygon';
}

const TERRA_MODE: Record<DrawKind, string> = { polygon: 'polygon', point: 'point', line: 'linestring' };

function countVertices(geometry: Geometry | null): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Point':
      return 1;
    case 'LineString':
      return geometry.coordinates.length;
    case 'Polygon':
      return Math.max(0, (geometry.coordinates[0]?.length ?? 1) - 1);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, polygon) => sum + Math.max(0, (polygon[0]?.length ?? 1) - 1), 0);
    default:
      return 0;
  }
}

/** Returns the drawing tool bound to `map` (call once the style has loaded). */
export function createDrawing(map: MapLibreMap): Drawing {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
    modes: [
      new TerraDrawPolygonMode({
        styles: {
          fillColor: shape,
          fillOpacity: 0.25,
          outlineColor: shape,
          outlineWidth: 3,
          closingPointColor: vertex,
          closingPointOutlineColor: shape,
          closingPointWidth: 6,
          closingPointOutlineWidth: 2,
        },
      }),
      new TerraDrawPointMode({ styles: { pointColor: shape, pointWidth: 8, pointOutlineColor: vertex, pointOutlineWidth: 2 } }),
      new TerraDrawLineStringMode({ styles: { lineStringColor: shape, lineStringWidth: 3, closingPointColor: vertex, closingPointOutlineColor: shape } }),
      new TerraDrawSelectMode({
        // A stray click on the map must not drop the shape's handles while it is being edited.
        allowManualDeselection: false,
        keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
        flags: {
          polygon: { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } },
          point: { feature: { draggable: true } },
          linestring: { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } },
        },
        styles: {
          selectedPolygonColor: shape,
          selectedPolygonFillOpacity: 0.25,
          selectedPolygonOutlineColor: shape,
          selectedPolygonOutlineWidth: 3,
          selectedPointColor: shape,
          selectedPointWidth: 9,
          selectedPointOutlineColor: vertex,
          selectedPointOutlineWidth: 2,
          selectedLineStringColor: shape,
          selectedLineStringWidth: 3,
          selectionPointColor: vertex,
          selectionPointOutlineColor: shape,
          selectionPointWidth: 6,
          selectionPointOutlineWidth: 2,
          midPointColor: shape,
          midPointOutlineColor: vertex,
          midPointWidth: 4,
        },
      }),
    ],
  });

  let phase: DrawingPhase = 'idle';
  let kind: DrawKind | null = null;
  let ready = false;
  let pending: Array<() => void> = [];
  const listeners = new Set<(state: DrawingState) => void>();

  const whenReady = (action: () => void) => {
    if (ready) action();
    else pending.push(action);
  };

  function shapes(includeDrawing: boolean): GeoJSONStoreFeatures[] {
    if (!ready) return [];
    return draw.getSnapshot().filter((feature) => {
      const mode = feature.properties.mode;
      if (kind === null || mode !== TERRA_MODE[kind]) return false;
      return includeDrawing || !feature.properties.currentlyDrawing;
    });
  }

  function currentGeometry(): Geometry | null {
    const found = shapes(kind === 'line').map((feature) => feature.geometry as Geometry);
    if (found.length === 0) return null;
    if (kind === 'polygon') {
      const polygons = found.filter((g): g is Polygon => g.type === 'Polygon');
      if (polygons.length === 0) return null;
      if (polygons.length === 1) return polygons[0]!;
      return { type: 'MultiPolygon', coordinates: polygons.map((p) => p.coordinates) } satisfies MultiPolygon;
    }
    return found[0]!;
  }

  function placedWhileDrawing(): number {
    const inProgress = shapes(true).find((feature) => feature.properties.currentlyDrawing);
    if (!inProgress) return 0;
    const committed = inProgress.properties.committedCoordinateCount;
    if (typeof committed === 'number') return committed;
    // The shape being drawn also holds the pointer's position (and a ring its closing vertex).
    const geometry = inProgress.geometry as Geometry;
    if (geometry.type === 'LineString') return Math.max(0, geometry.coordinates.length - 1);
    return Math.max(0, countVertices(geometry) - 1);
  }

  function state(): DrawingState {
    const geometry = currentGeometry();
    return { phase, kind, geometry, vertices: phase === 'drawing' && kind !== 'point' ? placedWhileDrawing() : countVertices(geometry) };
  }

  // terra-draw updates a shape's geometry and then its properties (e.g. the committed vertex count) in
  // separate store writes; reading once after the current task sees both, and coalesces bursts of drags.
  let scheduled = false;
  const notify = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const snapshot = state();
      listeners.forEach((listener) => listener(snapshot));
    }, 0);
  };

  function selectAll() {
    for (const feature of shapes(false)) draw.selectFeature(feature.id as string);
  }

  draw.on('ready', () => {
    ready = true;
    const queued = pending;
    pending = [];
    queued.forEach((action) => action());
  });
  draw.on('change', () => notify());
  draw.on('finish', (id, context) => {
    if (phase === 'drawing' && context.action === 'draw') {
      // A finished shape is reshaped and moved in select mode; one shape per feature, so drawing stops.
      phase = 'editing';
      draw.setMode('select');
      draw.selectFeature(id);
    }
    notify();
  });
  draw.start();

  map.addSource(ISSUES_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: ISSUES_LAYER,
    type: 'circle',
    source: ISSUES_SOURCE,
    paint: {
      'circle-radius': 11,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': DRAWING_COLOURS.issue,
      'circle-stroke-width': 3,
    },
  });

  function reset() {
    draw.setMode('static');
    draw.clear();
  }

  function dispatchKey(key: string) {
    // terra-draw listens for keyup on the canvas; a button elsewhere on the page speaks to it the same way.
    map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }));
  }

  return {
    start(next) {
      whenReady(() => {
        reset();
        kind = next;
        phase = 'drawing';
        draw.setMode(TERRA_MODE[next]);
        notify();
      });
    },
    load(geometry) {
      whenReady(() => {
        reset();
        const parts = toParts(geometry);
        kind = parts[0] ? modeOf(parts[0]) : null;
        if (!kind) {
          phase = 'idle';
          notify();
          return;
        }
        draw.setMode('select');
        const features = parts.map(
          (part): GeoJSONStoreFeatures => ({ type: 'Feature', id: draw.getFeatureId(), geometry: part, properties: { mode: TERRA_MODE[modeOf(part)] } }),
        );
        const results = draw.addFeatures(features);
        const refused = results.filter((result) => !result.valid);
        if (refused.length > 0) console.warn('terra-draw refused parts of the geometry', refused);
        phase = 'editing';
        selectAll();
        notify();
      });
    },
    finish() {
      if (phase === 'drawing') dispatchKey('Enter');
    },
    cancel() {
      if (phase !== 'drawing') return;
      whenReady(() => {
        reset();
        phase = 'idle';
        notify();
      });
    },
    clear() {
      whenReady(() => {
        reset();
        phase = 'idle';
        kind = null;
        notify();
      });
    },
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    showIssues(markers) {
      const features: Feature<Point, { number: number }>[] = markers.map((marker) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: marker.position },
        properties: { number: marker.number },
      }));
      map.getSource<GeoJSONSource>(ISSUES_SOURCE)?.setData({ type: 'FeatureCollection', features });
      if (map.getLayer(ISSUES_LAYER)) map.moveLayer(ISSUES_LAYER);
    },
    destroy() {
      listeners.clear();
      if (ready) draw.stop();
      if (map.getLayer(ISSUES_LAYER)) map.removeLayer(ISSUES_LAYER);
      if (map.getSource(ISSUES_SOURCE)) map.removeSource(ISSUES_SOURCE);
    },
  };
}
