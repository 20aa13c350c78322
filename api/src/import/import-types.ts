import type { LayerName } from '../db/layers';

/** The file formats an import reads. */
export const IMPORT_FORMATS = ['geojson', 'csv', 'gtfs'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What to import and how; the same for the API and scripts/import.ts. */
export type ImportOptions = {
  layer: LayerName;
  format: ImportFormat;
  /** The source CRS as given (EPSG:3844, 31700, …); undefined: the file's own declaration, else WGS84. */
  crs?: string;
  /** Punte property → source field, e.g. { name: 'denumire' }. */
  map: Record<string, string>;
  /** Punte property → value used where a row has none, e.g. { category: 'school' }. */
  set: Record<string, string>;
  dryRun: boolean;
  /** Write the valid rows even when others are rejected (default: reject the whole import). */
  skipInvalid: boolean;
  /** CSV geometry columns; found by name when not given (lon/lng/longitude/x/easting, lat/latitude/y/northing, wkt/geometry). */
  lonField?: string;
  latField?: string;
  wktField?: string;
  /** Where the data came from (a file name), for the audit log. */
  sourceName?: string;
};

/** One problem with a row: where in the source, and what. */
export type RowError = { pointer: string; detail: string; code?: string };

/** A record read from the source before mapping: its fields and its geometry as written. */
export type SourceRow = {
  /** Zero-based position among the source's records (feature index, CSV record, GTFS stop). */
  index: number;
  /** The CSV line the record starts on, when the source is CSV. */
  line?: number;
  /** JSON pointer to the record in the source: `/features/3`, `/rows/3`, `/stops/3`. */
  pointer: string;
  fields: Record<string, unknown>;
  geometry: unknown;
  /** The SRID an EWKT value declared (`SRID=3844;POINT(…)`), checked against the import's CRS. */
  srid?: number;
  /** Problems found while reading (unparseable WKT, missing coordinates…). */
  errors: RowError[];
};

/** Everything read from one source file. */
export type SourceTable = {
  rows: SourceRow[];
  /** Field names that hold the geometry (not properties). */
  geometryFields: string[];
  /** A CRS the file itself declares (a GeoJSON `crs` member). */
  declaredCrs?: string;
  notes: string[];
};

/** A row that will not be written, with every reason. */
export type RejectedRow = { index: number; line?: number; externalId?: string; errors: RowError[] };

/** What an import did or, in a dry run, would do. */
export type ImportReport = {
  dryRun: boolean;
  layer: string;
  format: ImportFormat;
  crs: { requested: string | null; used: string; note?: string };
  total: number;
  /** Rows inserted (in a dry run: that would be); 0 when a rejection stopped the import. */
  inserted: number;
  /** Rows changed (in a dry run: that match an existing row); 0 when a rejection stopped the import. */
  updated: number;
  /** Rows that matched an existing row with equal values and were left alone (version kept). */
  unchanged: number;
  rejected: number;
  written: boolean;
  rejectedRows: RejectedRow[];
  /** Source fields no Punte property took (services keep them in `attributes` instead). */
  ignoredFields: string[];
  notes: string[];
  durationMs: number;
  /** The audit log entry of a written import. */
  auditId?: number;
};

/** Progress of a running import: which phase, and how far through it. */
export type ImportProgress = { phase: 'reading' | 'validating' | 'writing' | 'done'; processed: number; total: number };
