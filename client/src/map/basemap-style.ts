import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_SOURCE } from './layer-ids';
import { basemapColours as c } from './palette';

/**
 * The offline basemap: a style built in code with no external URLs (no tiles, glyphs or sprites),
 * so the map works on an air-gapped municipal network. Its only source is the GeoJSON from
 * `GET /api/public/basemap`, filled in with `setData` once fetched. There are deliberately no
 * `symbol`/text layers (they would need a glyph server); names are shown in hover tooltips instead.
 */

const byLayer = (layer: string): ExpressionSpecification => ['==', ['get', 'layer'], layer];
const roadClass = (...classes: string[]): ExpressionSpecification => [
  'all',
  byLayer('road'),
  ['in', ['get', 'class'], ['literal', classes]],
];

// Road widths grow with zoom so the city centre stays readable at 11.5 and streets do not swamp z15.
const WIDTH_STOPS: readonly (readonly [zoom: number, factor: number])[] = [
  [10, 0.6],
  [14, 1.6],
  [17, 4],
];

const roadWidth = (base: number): ExpressionSpecification =>
  ['interpolate', ['exponential', 1.5], ['zoom'], ...WIDTH_STOPS.flatMap(([zoom, f]) => [zoom, base * f])] as ExpressionSpecification;

// A zoom expression must be the outermost one, so the per-class `match` sits inside each zoom stop.
const casingWidth = [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  ...WIDTH_STOPS.flatMap(([zoom, f]) => [zoom, ['match', ['get', 'class'], 'motorway', 4.5 * f, 'primary', 3.4 * f, 2.6 * f]]),
] as ExpressionSpecification;

/** Basemap layers (bottom to top) drawn from the `basemap` GeoJSON source. */
export const basemapLayers: LayerSpecification[] = [
  {
    id: 'basemap-landfill-fill',
    type: 'fill',
    source: BASEMAP_SOURCE,
    filter: byLayer('landfill'),
    paint: { 'fill-color': c.landfill, 'fill-opacity': 0.55 },
  },
  {
    id: 'basemap-landfill-line',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: byLayer('landfill'),
    paint: { 'line-color': c.landfillOutline, 'line-width': 1, 'line-dasharray': [3, 2] },
  },
  {
    id: 'basemap-lake',
    type: 'fill',
    source: BASEMAP_SOURCE,
    filter: byLayer('lake'),
    paint: { 'fill-color': c.water },
  },
  {
    id: 'basemap-river',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: byLayer('river'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': c.river, 'line-width': roadWidth(2.5) },
  },
  {
    id: 'basemap-boundary',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: byLayer('boundary'),
    paint: { 'line-color': c.boundary, 'line-width': 1.4, 'line-dasharray': [5, 2, 1, 2] },
  },
  {
    id: 'basemap-railway',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: byLayer('railway'),
    paint: { 'line-color': c.railway, 'line-width': 1.3, 'line-dasharray': [4, 3] },
  },
  {
    id: 'basemap-road-casing',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: byLayer('road'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': c.roadCasing,
      'line-width': casingWidth,
    },
  },
  {
    id: 'basemap-road-secondary',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: ['all', byLayer('road'), ['!', ['in', ['get', 'class'], ['literal', ['motorway', 'primary']]]]],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': c.secondary, 'line-width': roadWidth(1.8) },
  },
  {
    id: 'basemap-road-primary',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: roadClass('primary'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': c.primary, 'line-width': roadWidth(2.6) },
  },
  {
    id: 'basemap-road-motorway',
    type: 'line',
    source: BASEMAP_SOURCE,
    filter: roadClass('motorway'),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': c.motorway, 'line-width': roadWidth(3.4) },
  },
];

/** Ids of the basemap layers whose features get a name tooltip on hover. */
export const BASEMAP_HOVER_LAYERS: readonly string[] = [
  'basemap-boundary',
  'basemap-landfill-fill',
  'basemap-lake',
  'basemap-river',
  'basemap-railway',
  'basemap-road-motorway',
  'basemap-road-primary',
  'basemap-road-secondary',
];

/** Returns the complete offline style: background plus an (initially empty) basemap source. */
export function buildOfflineStyle(attribution?: string): StyleSpecification {
  return {
    version: 8,
    name: 'Punte offline',
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        ...(attribution ? { attribution } : {}),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.background } },
      ...basemapLayers,
    ],
  };
}
