import { CONFIDENCE_LEVELS, SERVICE_CATEGORIES, UNIT_STATUSES, ZONE_KINDS, ZONE_STATUSES } from '../domain/vocabulary';

/** How a column leaves the database: its JSON property name. */
export type LayerColumn = { column: string; property: string };

/** A filter a list request may use: `?param=a,b` keeps rows whose column is one of the values. */
export type LayerFilter = { param: string; column: string; values?: readonly string[] };

export type LayerDefinition = {
  /** URL segment and problem wording: `/api/housing-units`. */
  path: string;
  /** Singular noun for messages ("housing unit"). */
  noun: string;
  table: string;
  geometryType: 'MultiPolygon' | 'Point';
  columns: LayerColumn[];
  filters: LayerFilter[];
  /** The column `?q=` searches (case- and accent-insensitive substring). */
  searchColumn: string;
};

const col = (column: string, property: string): LayerColumn => ({ column, property });
const common = [col('external_id', 'externalId'), col('version', 'version'), col('updated_at', 'updatedAt')];

// The allow-list of map layers: only these tables, columns and filters ever reach SQL as identifiers.
export const LAYERS = {
  zones: {
    path: 'zones',
    noun: 'zone',
    table: 'zones',
    geometryType: 'MultiPolygon',
    columns: [
      col('name', 'name'),
      col('kind', 'kind'),
      col('status', 'status'),
      col('parent_id', 'parentId'),
      col('population', 'population'),
      col('target_date', 'targetDate'),
      col('description', 'description'),
      col('source', 'source'),
      ...common,
    ],
    filters: [
      { param: 'kind', column: 'kind', values: ZONE_KINDS },
      { param: 'status', column: 'status', values: ZONE_STATUSES },
    ],
    searchColumn: 'name',
  },
  settlements: {
    path: 'settlements',
    noun: 'settlement',
    table: 'settlements',
    geometryType: 'MultiPolygon',
    columns: [
      col('name', 'name'),
      col('description', 'description'),
      col('population_estimate', 'populationEstimate'),
      col('households_estimate', 'householdsEstimate'),
      col('estimate_source', 'estimateSource'),
      col('estimate_date', 'estimateDate'),
      col('confidence', 'confidence'),
      ...common,
    ],
    filters: [{ param: 'confidence', column: 'confidence', values: CONFIDENCE_LEVELS }],
    searchColumn: 'name',
  },
  housingUnits: {
    path: 'housing-units',
    noun: 'housing unit',
    table: 'housing_units',
    geometryType: 'Point',
    columns: [
      col('code', 'code'),
      col('address', 'address'),
      col('locality', 'locality'),
      col('building', 'building'),
      col('rooms', 'rooms'),
      col('floor_area_m2', 'floorAreaM2'),
      col('floor', 'floor'),
      col('step_free', 'stepFree'),
      col('status', 'status'),
      col('programme', 'programme'),
      col('monthly_rent_lei', 'monthlyRentLei'),
      col('access_score', 'accessScore'),
      ...common,
    ],
    filters: [
      { param: 'status', column: 'status', values: UNIT_STATUSES },
      { param: 'locality', column: 'locality' },
      { param: 'programme', column: 'programme' },
    ],
    searchColumn: 'address',
  },
  services: {
    path: 'services',
    noun: 'service',
    table: 'services',
    geometryType: 'Point',
    columns: [
      col('name', 'name'),
      col('category', 'category'),
      col('address', 'address'),
      col('locality', 'locality'),
      col('attributes', 'attributes'),
      col('schematic', 'schematic'),
      col('source', 'source'),
      ...common,
    ],
    filters: [
      { param: 'category', column: 'category', values: SERVICE_CATEGORIES },
      { param: 'locality', column: 'locality' },
    ],
    searchColumn: 'name',
  },
} as const satisfies Record<string, LayerDefinition>;

export type LayerName = keyof typeof LAYERS;
