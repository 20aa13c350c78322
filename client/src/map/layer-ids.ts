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

/** Access overlays (issue 4), drawn under the data layers by map/access-overlay.ts. */
export const ACCESS_LAYER_IDS = {
  gridFill: 'access-grid-fill',
  gridLine: 'access-grid-line',
  catchmentsFill: 'access-catchments-fill',
  catchmentsLine: 'access-catchments-line',
  origin: 'access-origin',
} as const;

export const ACCESS_SOURCES = { grid: 'access-grid', catchments: 'access-catchments', origin: 'access-origin' } as const;

/** The small origin → destination map of a relocation plan (map/plan-map.tsx). */
export const PLAN_MAP_SOURCE = 'plan-move';
export const PLAN_MAP_LAYER_IDS = { line: 'plan-move-line', origin: 'plan-move-origin', destination: 'plan-move-destination' } as const;

/** The segregation map (issue 12): units by location quotient, and concentration hot spots. */
export const SEGREGATION_SOURCES = { areas: 'segregation-areas', hotspots: 'segregation-hotspots' } as const;
export const SEGREGATION_LAYER_IDS = { fill: 'segregation-fill', line: 'segregation-line', hotspots: 'segregation-hotspots' } as const;
