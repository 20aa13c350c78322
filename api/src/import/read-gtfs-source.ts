import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { ImportError } from './import-error';
import { serviceDaysPerWeek, type GtfsCalendar } from './gtfs-weekly-trips';
import type { SourceRow, SourceTable } from './import-types';

type Table = Array<Record<string, string>>;

/**
 * Most bytes the tables Punte reads may inflate to (issue 17: a 204 KB zip of 200 MB stalled the server).
 * CTP Cluj's whole feed needs 11 MB (stop_times.txt 9.9 MB).
 */
export const GTFS_MAX_INFLATED_BYTES = 100 * 1024 * 1024;

function readTables(zip: Uint8Array): Map<string, Table> {
  let files: Record<string, Uint8Array>;
  let declared = 0;
  const wanted = (name: string) => /(^|\/)(stops|routes|trips|stop_times|calendar|calendar_dates)\.txt$/.test(name);
  try {
    // Only the tables we use are inflated; a feed's shapes.txt can be larger than everything else together.
    // Their declared sizes are checked before any is inflated, their real sizes after.
    files = unzipSync(zip, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        declared += file.originalSize;
        if (declared > GTFS_MAX_INFLATED_BYTES) throw new ImportError(tooLarge());
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`The GTFS feed is not a readable zip file: ${(error as Error).message}`);
  }
  const inflated = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0);
  if (inflated > GTFS_MAX_INFLATED_BYTES) throw new ImportError(tooLarge());
  const tables = new Map<string, Table>();
  for (const [name, bytes] of Object.entries(files)) {
    const table = name.replace(/^.*\//, '').replace(/\.txt$/, '');
    try {
      tables.set(table, parse(new TextDecoder().decode(bytes), { columns: (h: string[]) => h.map((c) => c.trim()), bom: true, skip_empty_lines: true, relax_column_count: true }) as Table);
    } catch (error) {
      throw new ImportError(`The GTFS table ${table}.txt cannot be read: ${(error as Error).message}`);
    }
  }
  if (!tables.has('stops')) throw new ImportError('The GTFS feed has no stops.txt.');
  return tables;
}

function tooLarge(): string {
  return `The GTFS tables Punte reads (stops, routes, trips, stop_times, calendar) inflate to more than ${GTFS_MAX_INFLATED_BYTES / 1024 / 1024} MB: import a feed cut to the area (or its stops.txt as CSV).`;
}

const byNumberThenText = new Intl.Collator('ro', { numeric: true }).compare;

/**
 * Returns the stops of a GTFS feed (zip bytes) as rows ready for the services layer: `transit_stop`,
 * named by stop_name, externalId `gtfs:<stop_id>`, and attributes carrying the short names of the routes
 * that serve each stop and its trips per week (calendar.txt weekdays × trips in stop_times.txt).
 * Stations, entrances and other non-stop locations are skipped and counted in the notes.
 */
export function readGtfsSource(zip: Uint8Array, sourceName = 'GTFS feed'): SourceTable {
  const tables = readTables(zip);
  const routes = new Map((tables.get('routes') ?? []).map((r) => [r.route_id, r.route_short_name || r.route_long_name || r.route_id]));
  const trips = new Map((tables.get('trips') ?? []).map((t) => [t.trip_id, t]));
  const days = serviceDaysPerWeek((tables.get('calendar') ?? []) as Array<GtfsCalendar & { service_id?: string }>, tables.get('calendar_dates') ?? []);

  const tripsAtStop = new Map<string, Set<string>>();
  for (const stopTime of tables.get('stop_times') ?? []) {
    const stop = stopTime.stop_id;
    const trip = stopTime.trip_id;
    if (!stop || !trip) continue;
    if (!tripsAtStop.has(stop)) tripsAtStop.set(stop, new Set());
    tripsAtStop.get(stop)!.add(trip);
  }

  const notes: string[] = [];
  const stops = tables.get('stops')!;
  const kept = stops.filter((s) => !s.location_type || s.location_type.trim() === '0');
  if (kept.length < stops.length) notes.push(`${stops.length - kept.length} stations, entrances or other non-stop locations (location_type ≠ 0) were skipped.`);
  if (!tables.has('stop_times')) notes.push('The feed has no stop_times.txt: routes and weekly trips are empty.');

  const rows: SourceRow[] = kept.map((stop, index) => {
    const serving = tripsAtStop.get(stop.stop_id ?? '') ?? new Set<string>();
    const routeNames = new Set<string>();
    let weeklyTrips = 0;
    for (const tripId of serving) {
      const trip = trips.get(tripId);
      if (!trip) continue;
      const route = routes.get(trip.route_id ?? '');
      if (route) routeNames.add(route);
      weeklyTrips += days.get(trip.service_id ?? '') ?? 0;
    }
    const number = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : Number(text));
    const lon = number(stop.stop_lon);
    const lat = number(stop.stop_lat);
    const pointer = `/stops/${index}`;
    return {
      index,
      pointer,
      fields: {
        externalId: stop.stop_id ? `gtfs:${stop.stop_id}` : undefined,
        name: stop.stop_name,
        category: 'transit_stop',
        address: stop.stop_desc || undefined,
        source: sourceName,
        attributes: {
          gtfsStopId: stop.stop_id,
          ...(stop.stop_code ? { stopCode: stop.stop_code } : {}),
          routes: [...routeNames].sort(byNumberThenText),
          weeklyTrips: Math.round(weeklyTrips),
        },
      },
      geometry: lon === undefined || lat === undefined ? undefined : { type: 'Point', coordinates: [lon, lat] },
      errors: lon === undefined || lat === undefined ? [{ pointer: `${pointer}/stop_lon`, code: 'empty', detail: 'stop_lon or stop_lat is missing' }] : [],
    };
  });
  return { rows, geometryFields: [], notes };
}
