import { parse, type Options } from 'csv-parse';
import { parseWkt } from '../geo/parse-wkt';
import { ImportError } from './import-error';
import type { SourceRow, SourceTable } from './import-types';
import { mapInTurns } from './yield-to-event-loop';

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', 'easting', 'est'];
const LAT_NAMES = ['lat', 'latitude', 'y', 'northing', 'nord'];
const WKT_NAMES = ['wkt', 'geometry', 'geom', 'the_geom', 'wkt_geom', 'shape'];

/** Picks the delimiter used most on the header line: Romanian spreadsheets often write `;`. */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t', '|'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function findColumn(columns: string[], wanted: string | undefined, names: string[], what: string): string | undefined {
  if (wanted !== undefined) {
    if (!columns.includes(wanted)) throw new ImportError(`The CSV has no column "${wanted}" (${what}); its columns are: ${columns.join(', ')}.`);
    return wanted;
  }
  return columns.find((c) => names.includes(c.trim().toLowerCase()));
}

/** A coordinate cell as a number when it reads as one (decimal comma accepted), else as written so validation can name it. */
function coordinate(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  if (text === '') return undefined;
  const normalised = /^[+-]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised) ? Number(normalised) : text;
}

// Issue 17: a 48 MB CSV parsed in one synchronous call held every other request for seconds. It is fed
// to the streaming parser in pieces, giving the event loop a turn after each.
const PIECE_CHARS = 256 * 1024;

type CsvRecord = { record: Record<string, string>; info: { lines: number } };

/** Returns the records of `text`, parsed piece by piece; rejects with the parser's error. */
function parseInPieces(text: string, options: Options): Promise<CsvRecord[]> {
  return new Promise((resolve, reject) => {
    const records: CsvRecord[] = [];
    const parser = parse(options);
    let failed = false;
    parser.on('readable', () => {
      let record: CsvRecord | null;
      while ((record = parser.read() as CsvRecord | null) !== null) records.push(record);
    });
    parser.on('error', (error) => {
      failed = true;
      reject(error);
    });
    parser.on('end', () => resolve(records));
    const feed = (offset: number) => {
      if (failed) return;
      if (offset >= text.length) {
        parser.end();
        return;
      }
      parser.write(text.slice(offset, offset + PIECE_CHARS));
      setImmediate(() => feed(offset + PIECE_CHARS));
    };
    feed(0);
  });
}

export type CsvGeometryColumns = { lonField?: string; latField?: string; wktField?: string };

/**
 * Returns the rows of a CSV file (first line: column names; `,` `;` tab or `|` separated) with each row's
 * geometry built from lon/lat columns (a Point) or a WKT column; throws an ImportError when the file
 * cannot be read or has no geometry column.
 */
export async function readCsvSource(input: string | Uint8Array, columnsWanted: CsvGeometryColumns = {}): Promise<SourceTable> {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let records: CsvRecord[];
  try {
    records = await parseInPieces(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    throw new ImportError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const columns = records.length > 0 ? Object.keys(records[0]!.record) : [];
  const wktField = findColumn(columns, columnsWanted.wktField, columnsWanted.lonField ? [] : WKT_NAMES, 'WKT geometry');
  const lonField = wktField ? undefined : findColumn(columns, columnsWanted.lonField, LON_NAMES, 'longitude / easting');
  const latField = wktField ? undefined : findColumn(columns, columnsWanted.latField, LAT_NAMES, 'latitude / northing');
  if (records.length > 0 && !wktField && !(lonField && latField)) {
    throw new ImportError(
      `The CSV has no geometry columns: name them lon and lat (or x/y, easting/northing), or wkt — or pass lonField/latField or wktField. Its columns are: ${columns.join(', ')}.`,
    );
  }
  const rows: SourceRow[] = await mapInTurns(records, ({ record, info }, index) => {
    const pointer = `/rows/${index}`;
    const errors: SourceRow['errors'] = [];
    let geometry: unknown;
    let srid: number | undefined;
    if (wktField) {
      const wkt = record[wktField] ?? '';
      const parsed = parseWkt(wkt);
      if ('error' in parsed) errors.push({ pointer: `${pointer}/${wktField}`, code: 'malformed', detail: parsed.error });
      else ({ geometry, srid } = parsed);
    } else {
      const lon = coordinate(record[lonField!]);
      const lat = coordinate(record[latField!]);
      if (lon === undefined || lat === undefined) {
        errors.push({ pointer: `${pointer}/${lon === undefined ? lonField : latField}`, code: 'empty', detail: 'the coordinate is missing' });
      } else {
        geometry = { type: 'Point', coordinates: [lon, lat] };
      }
    }
    return { index, line: info.lines, pointer, fields: record, geometry, errors, ...(srid !== undefined ? { srid } : {}) };
  });
  const geometryFields = [wktField, lonField, latField].filter((f): f is string => Boolean(f));
  return { rows, geometryFields, notes: [] };
}
