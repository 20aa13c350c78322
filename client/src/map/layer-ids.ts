/**
 * Source and layer ids. Browser tests and other features address layers by these exact ids
 * (e.g. `map.queryRenderedFeatures({ layers: ['settlements-fill'] })`), so treat them as an API.
 */

export const DATA_SOURCES = ['zones', 'settlements', 'housing-units', 'services'] as const;
export type DataSourceId = (typeof DATA_SOURCES)[number];

export const LAYER_IDS = {
  zonesFill: 'zones-fill',
  zonesLine: 'zones-line',
  settlementsHalo: 'settlements-halo',
  settlementsFill: 'settlements-fill',
  settlementsLine: 'settlements-line',
  housingUnitsCircle: 'housing-units-circle',
  servicesCircle: 'services-circle',
} as const;

/** The style layers drawn for each data source, bottom to top. */
export const layersBySource: Record<DataSourceId, readonly string[]> = {
  zones: [LAYER_IDS.zonesFill, LAYER_IDS.zonesLine],
  settlements: [LAYER_IDS.settlementsHalo, LAYER_IDS.settlementsFill, LAYER_IDS.settlementsLine],
  'housing-units': [LAYER_IDS.housingUnitsCircle],
  services: [LAYER_IDS.servicesCircle],
};

/** Layers that answer clicks and hovers, topmost first (points win over the polygons under them). */
export const INTERACTIVE_LAYERS: readonly string[] = [
  LAYER_IDS.servicesCircle,
  LAYER_IDS.housingUnitsCircle,
  LAYER_IDS.settlementsFill,
  LAYER_IDS.settlementsLine,
  LAYER_IDS.zonesFill,
  LAYER_IDS.zonesLine,
];

export const BASEMAP_SOURCE = 'basemap';
