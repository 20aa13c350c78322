import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { HATCH_IMAGE } from './hatch-pattern';
import { DATA_SOURCES, LAYER_IDS } from './layer-ids';
import {
  HOUSING_STATUSES,
  SERVICE_CATEGORIES,
  UNKNOWN_CATEGORY_COLOUR,
  housingStatusColours,
  serviceCategoryColours,
  settlementColours,
  zoneKindColours,
} from './palette';

// Selection is drawn from feature state so it needs no extra layer or filter rebuild.
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

function matchColour(
  property: string,
  values: readonly string[],
  colours: Record<string, string>,
  fallback: string,
): ExpressionSpecification {
  // The spec's tuple type cannot express a variadic `match`; the shape is checked by MapLibre at addLayer.
  return [
    'match',
    ['get', property],
    ...values.flatMap((value) => [value, colours[value] ?? fallback]),
    fallback,
  ] as unknown as ExpressionSpecification;
}

const pointRadius = (atZoom10: number, atZoom16: number): DataDrivenPropertyValueSpecification<number> => [
  'interpolate',
  ['linear'],
  ['zoom'],
  10,
  ['case', selected, atZoom10 + 2, atZoom10],
  16,
  ['case', selected, atZoom16 + 3, atZoom16],
];

/** The data layers, bottom to top: zones under settlements under housing units under services. */
export const dataLayers: LayerSpecification[] = [
  {
    // Only intervention areas are filled: localities and neighbourhoods are context and stay outlines,
    // which also keeps a click on empty map from selecting the whole city.
    id: LAYER_IDS.zonesFill,
    type: 'fill',
    source: 'zones',
    filter: ['==', ['get', 'kind'], 'intervention'],
    paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', selected, 1, 0.85] },
  },
  {
    id: LAYER_IDS.zonesLine,
    type: 'line',
    source: 'zones',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': matchColour('kind', ['locality', 'neighbourhood', 'intervention'], zoneKindColours, '#6b7280'),
      'line-width': [
        'case',
        selected,
        3.5,
        ['match', ['get', 'kind'], 'locality', 1.6, 'intervention', 1.8, 0.9],
      ],
    },
  },
  {
    // A soft glow so the four small communities stand out at city scale, where they are only a few pixels wide.
    id: LAYER_IDS.settlementsHalo,
    type: 'line',
    source: 'settlements',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': settlementColours.fill,
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 12, 14, 6, 16, 0],
      'line-blur': ['interpolate', ['linear'], ['zoom'], 10, 6, 14, 3],
      'line-opacity': 0.4,
    },
  },
  {
    id: LAYER_IDS.settlementsFill,
    type: 'fill',
    source: 'settlements',
    paint: {
      'fill-color': settlementColours.fill,
      'fill-opacity': ['case', selected, 0.8, hovered, 0.72, 0.58],
    },
  },
  {
    id: LAYER_IDS.settlementsLine,
    type: 'line',
    source: 'settlements',
    layout: { 'line-join': 'round' },
    paint: { 'line-color': settlementColours.outline, 'line-width': ['case', selected, 4, 2] },
  },
  {
    id: LAYER_IDS.housingUnitsCircle,
    type: 'circle',
    source: 'housing-units',
    paint: {
      'circle-color': matchColour('status', HOUSING_STATUSES, housingStatusColours, '#999999'),
      'circle-radius': pointRadius(4.5, 10),
      'circle-stroke-color': ['case', selected, '#000000', '#1f2937'],
      'circle-stroke-width': ['case', selected, 3, 1.5],
    },
  },
  {
    id: LAYER_IDS.servicesCircle,
    type: 'circle',
    source: 'services',
    paint: {
      'circle-color': matchColour('category', SERVICE_CATEGORIES, serviceCategoryColours, UNKNOWN_CATEGORY_COLOUR),
      'circle-radius': pointRadius(3.5, 7),
      'circle-stroke-color': ['case', selected, '#000000', '#ffffff'],
      'circle-stroke-width': ['case', selected, 3, 1.2],
    },
  },
];

/** Adds the four (empty) data sources and their layers on top of whatever style is loaded. */
export function addDataLayers(map: MapLibreMap): void {
  for (const source of DATA_SOURCES) {
    if (!map.getSource(source)) {
      map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    }
  }
  for (const layer of dataLayers) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
  }
}
