import { ImportError } from './import-error';
import type { ImportOptions, SourceTable } from './import-types';
import { readCsvSource } from './read-csv-source';
import { readGeoJsonSource } from './read-geojson-source';
import { readGtfsSource } from './read-gtfs-source';

/** Most rows one import may have (issue 17); a 48 MB CSV of points has about 500,000. */
export const MAX_IMPORT_ROWS = 1_000_000;

/** Returns the rows of the import's data in its format; throws an ImportError when it cannot be read as such or has too many rows. */
export async function readSource(data: unknown, options: ImportOptions): Promise<SourceTable> {
  const table = await readFormat(data, options);
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new ImportError(`The import has ${table.rows.length.toLocaleString('en')} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} are taken at once: split the file.`);
  }
  return table;
}

function readFormat(data: unknown, options: ImportOptions): SourceTable | Promise<SourceTable> {
  switch (options.format) {
    case 'geojson':
      return readGeoJsonSource(data);
    case 'csv':
      if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new ImportError('A CSV import needs the file as text.');
      return readCsvSource(data, options);
    case 'gtfs':
      if (options.layer !== 'services') throw new ImportError('A GTFS feed imports into services (its stops become transit_stop services).');
      if (!(data instanceof Uint8Array)) throw new ImportError('A GTFS import needs the zip file (raw body, or base64 in JSON).');
      return readGtfsSource(data, options.sourceName ? `GTFS feed ${options.sourceName}` : 'GTFS feed');
  }
}
