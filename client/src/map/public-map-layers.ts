import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { createHatchPixels } from './hatch-pattern';

/**
 * Sources, layers and colour classes of the public progress map (issue 6). Only polygons of
 * settlements, localities and intervention zones: the public map never draws a point.
 * Layer ids are an API for browser tests (`queryRenderedFeatures({ layers: ['public-destinations-fill'] })`).
 *
 * Colours: ColorBrewer "Blues" for households and "Greens" for progress (sequential, colour-blind
 * safe; https://colorbrewer2.org); hidden counts are hatched grey, so they never read as a low count.
 */

export const PUBLIC_SOURCES = {
  origins: 'public-origins',
  destinations: 'public-destinations',
  interventions: 'public-intervention-areas',
} as const;

export const PUBLIC_LAYER_IDS = {
  destinationsFill: 'public-destinations-fill',
  destinationsHidden: 'public-destinations-hidden',
  destinationsLine: 'public-destinations-line',
  originsFill: 'public-origins-fill',
  originsHidden: 'public-origins-hidden',
  originsLine: 'public-origins-line',
  interventionsFill: 'public-interventions-fill',
  interventionsLine: 'public-interventions-line',
} as const;

export type PublicMapViewName = 'destinations' | 'origins' | 'interventions';

/** The layers shown in each view of the map. */
export const PUBLIC_VIEW_LAYERS: Record<PublicMapViewName, readonly string[]> = {
  destinations: [PUBLIC_LAYER_IDS.destinationsFill, PUBLIC_LAYER_IDS.destinationsHidden, PUBLIC_LAYER_IDS.destinationsLine],
  origins: [PUBLIC_LAYER_IDS.originsFill, PUBLIC_LAYER_IDS.originsHidden, PUBLIC_LAYER_IDS.originsLine],
  interventions: [PUBLIC_LAYER_IDS.interventionsFill, PUBLIC_LAYER_IDS.interventionsLine],
};

/** Name of the hatch image of hidden counts. */
export const HIDDEN_HATCH_IMAGE = 'public-hidden-hatch';
export const HIDDEN_COLOUR = '#525252';
export const ZERO_COLOUR = '#f7fbff';
export const NO_PROGRESS_COLOUR = '#d9d9d9';

/** A colour class of the legend: values from `min` up to `max` (inclusive; null = no upper bound). */
export type ColourClass = { min: number; max: number | null; colour: string };

const COUNT_COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const COUNT_BREAKS = [25, 50, 100];

/** Returns the household classes for threshold k: 0, then k…24, 25…49, 50…99, ≥ 100 (breaks ≤ k dropped). */
export function countClasses(k: number): ColourClass[] {
  const starts = [k, ...COUNT_BREAKS.filter((b) => b > k)];
  const colours = COUNT_COLOURS.slice(COUNT_COLOURS.length - starts.length);
  return [
    { min: 0, max: 0, colour: ZERO_COLOUR },
    ...starts.map((min, i) => ({ min, max: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : null, colour: colours[i] as string })),
  ];
}

/** Classes of mean intervention progress (per cent). */
export const PROGRESS_CLASSES: ColourClass[] = [
  { min: 0, max: 24, colour: '#edf8e9' },
  { min: 25, max: 49, colour: '#bae4b3' },
  { min: 50, max: 74, colour: '#74c476' },
  { min: 75, max: 100, colour: '#238b45' },
];

function stepColour(value: ExpressionSpecification, classes: ColourClass[]): ExpressionSpecification {
  const [first, ...rest] = classes;
  // The spec's tuple type cannot express a variadic `step`; MapLibre checks the shape at addLayer.
  return ['step', value, (first as ColourClass).colour, ...rest.flatMap((c) => [c.min, c.colour])] as unknown as ExpressionSpecification;
}

const hidden: ExpressionSpecification = ['==', ['get', 'householdsHidden'], true];
const shown: ExpressionSpecification = ['!=', ['get', 'householdsHidden'], true];

function countLayers(source: string, ids: { fill: string; hidden: string; line: string }, k: number, outline: string): LayerSpecification[] {
  return [
    {
      id: ids.fill,
      type: 'fill',
      source,
      filter: shown,
      paint: { 'fill-color': stepColour(['coalesce', ['get', 'households'], 0], countClasses(k)), 'fill-opacity': 0.8 },
    },
    { id: ids.hidden, type: 'fill', source, filter: hidden, paint: { 'fill-pattern': HIDDEN_HATCH_IMAGE } },
    { id: ids.line, type: 'line', source, layout: { 'line-join': 'round' }, paint: { 'line-color': outline, 'line-width': 1.6 } },
  ];
}

/** Returns the layers of the public map for threshold k, bottom to top. */
export function publicMapLayers(k: number): LayerSpecification[] {
  return [
    ...countLayers(
      PUBLIC_SOURCES.destinations,
      { fill: PUBLIC_LAYER_IDS.destinationsFill, hidden: PUBLIC_LAYER_IDS.destinationsHidden, line: PUBLIC_LAYER_IDS.destinationsLine },
      k,
      '#08306b',
    ),
    {
      id: PUBLIC_LAYER_IDS.interventionsFill,
      type: 'fill',
      source: PUBLIC_SOURCES.interventions,
      paint: {
        'fill-color': ['case', ['==', ['get', 'progressPct'], null], NO_PROGRESS_COLOUR, stepColour(['to-number', ['get', 'progressPct']], PROGRESS_CLASSES)],
        'fill-opacity': 0.8,
      },
    },
    {
      id: PUBLIC_LAYER_IDS.interventionsLine,
      type: 'line',
      source: PUBLIC_SOURCES.interventions,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#00441b', 'line-width': 1.8 },
    },
    // Settlements last: they are small and lie inside the other areas.
    ...countLayers(
      PUBLIC_SOURCES.origins,
      { fill: PUBLIC_LAYER_IDS.originsFill, hidden: PUBLIC_LAYER_IDS.originsHidden, line: PUBLIC_LAYER_IDS.originsLine },
      k,
      '#08306b',
    ),
  ];
}

/** Adds the hatch image, the three sources with their data, and the layers of the public map. */
export function addPublicMapLayers(map: MapLibreMap, k: number, data: Record<keyof typeof PUBLIC_SOURCES, FeatureCollection>): void {
  if (!map.hasImage(HIDDEN_HATCH_IMAGE)) {
    map.addImage(HIDDEN_HATCH_IMAGE, { width: 16, height: 16, data: createHatchPixels(HIDDEN_COLOUR) }, { pixelRatio: 2 });
  }
  for (const [name, source] of Object.entries(PUBLIC_SOURCES) as Array<[keyof typeof PUBLIC_SOURCES, string]>) {
    if (!map.getSource(source)) map.addSource(source, { type: 'geojson', data: data[name] });
  }
  for (const layer of publicMapLayers(k)) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
  }
}
