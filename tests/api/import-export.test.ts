import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/auth/password';
import { upsertUser } from '../../api/src/db/users';
import { expectProblem } from '../support/problem';
import { TEST_PASSWORD } from '../support/test-engine';
import { startTestApp, type ApiClient, type TestApp, type TestResponse } from '../support/test-app';

// Piața Unirii (DOMAIN.md): 46.76996 N, 23.58932 E ≈ E 392,395 / N 586,559 in Stereo 70.
const UNIRII = [23.58932, 46.76996] as const;
const UNIRII_STEREO70 = [392_395, 586_559] as const;

/** Metres between two WGS84 positions (haversine; plenty for centimetres over metres). */
function metresBetween(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

function csvOf(rows: string[][], delimiter = ','): string {
  return rows.map((r) => r.join(delimiter)).join('\n') + '\n';
}

/** The GTFS feed the test builds: 4 stops and a station, 3 routes, weekday and weekend services. */
function buildGtfs(stopSuffix = ''): Uint8Array {
  const tables: Record<string, string[][]> = {
    'stops.txt': [
      ['stop_id', 'stop_code', 'stop_name', 'stop_lat', 'stop_lon', 'location_type'],
      ['S1', '101', `Piața Unirii${stopSuffix}`, '46.76996', '23.58932', '0'],
      ['S2', '102', `Platanilor${stopSuffix}`, '46.77779', '23.68321', ''],
      ['S3', '103', `Cantonului${stopSuffix}`, '46.78154', '23.69175', '0'],
      ['S4', '104', `Gara${stopSuffix}`, '46.7843', '23.5889', '0'],
      ['ST1', '', 'Gara (station)', '46.7844', '23.5890', '1'],
    ],
    'routes.txt': [
      ['route_id', 'route_short_name', 'route_long_name', 'route_type'],
      ['R8', '8', 'Centru – Pata Rât', '3'],
      ['R35', '35', 'Gară – Platanilor', '3'],
      ['R25', '25', 'Gara – Bucla', '3'],
    ],
    'trips.txt': [
      ['route_id', 'service_id', 'trip_id'],
      ['R8', 'WK', 'T1'],
      ['R8', 'WK', 'T2'],
      ['R8', 'WE', 'T3'],
      ['R35', 'WK', 'T4'],
      ['R25', 'WE', 'T5'],
    ],
    'stop_times.txt': [
      ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'],
      ['T1', '07:00:00', '07:00:00', 'S1', '1'],
      ['T1', '07:20:00', '07:20:00', 'S2', '2'],
      ['T2', '08:00:00', '08:00:00', 'S1', '1'],
      ['T2', '08:20:00', '08:20:00', 'S2', '2'],
      ['T2', '08:25:00', '08:25:00', 'S3', '3'],
      ['T3', '09:00:00', '09:00:00', 'S1', '1'],
      ['T3', '09:25:00', '09:25:00', 'S3', '2'],
      ['T4', '10:00:00', '10:00:00', 'S2', '1'],
      ['T4', '10:30:00', '10:30:00', 'S4', '2'],
      ['T5', '11:00:00', '11:00:00', 'S4', '1'],
      ['T5', '11:30:00', '11:30:00', 'S4', '2'],
    ],
    'calendar.txt': [
      ['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'],
      ['WK', '1', '1', '1', '1', '1', '0', '0', '20260101', '20261231'],
      ['WE', '0', '0', '0', '0', '0', '1', '1', '20260101', '20261231'],
    ],
  };
  return zipSync(Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, strToU8(csvOf(rows))])));
}

describe('imports and exports', () => {
  let app: TestApp;
  let planner: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    planner = await app.as('planner');
  });
  afterAll(async () => app?.close());

  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await app.db.knex(table).where(where).count<{ n: number }[]>({ n: '*' }))[0]!.n);

  /** Runs an import to the end (Prefer: wait) and returns the finished job. */
  async function importJob(body: unknown, query = '', headers: Record<string, string> = {}): Promise<Record<string, any>> {
    const response = await planner.post(`/api/imports${query}`, body, { prefer: 'wait=60', ...headers });
    expect(response.status, await response.clone().text()).toBe(200);
    return response.json();
  }

  /**
   * GETs a job, retrying once on a reset connection: PGlite runs in the server's own thread, so a long
   * batch can delay the keep-alive timer until it closes a socket the client is reusing (browsers retry
   * idempotent requests the same way).
   */
  async function pollOnce(location: string): Promise<TestResponse> {
    try {
      return await planner.get(location);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return planner.get(location);
    }
  }

  async function toStereo70(lon: number, lat: number): Promise<[number, number]> {
    const result = await app.db.knex.raw('select ST_X(g) as x, ST_Y(g) as y from (select ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 3844) as g) t', [lon, lat]);
    return [Number(result.rows[0].x), Number(result.rows[0].y)];
  }

  describe('CSV in Stereo 70 with a property mapping', () => {
    let csv: string;
    const ids = ['csv-1', 'csv-2', 'csv-3', 'csv-4', 'csv-5'];
    beforeAll(async () => {
      const places: Array<[number, number]> = [[23.58932, 46.76996], [23.6021, 46.7642], [23.6262, 46.7712], [23.5787, 46.7529], [23.6543, 46.7841]];
      const rows = [['id_extern', 'denumire', 'categorie', 'adresa', 'x', 'y']];
      for (const [i, [lon, lat]] of places.entries()) {
        const [e, n] = await toStereo70(lon, lat);
        // Romanian spreadsheets: semicolons and decimal commas.
        rows.push([ids[i]!, `Școala ${i + 1}`, 'school', `Str. Test ${i + 1}`, e.toFixed(3).replace('.', ','), n.toFixed(3).replace('.', ',')]);
      }
      rows.push(['csv-bad-1', 'Cazinou', 'casino', 'Str. Rea 1', '392395,0', '586559,0']);
      rows.push(['csv-bad-2', 'Fără loc', 'school', 'Str. Rea 2', '', '586559,0']);
      csv = csvOf(rows, ';');
    });
    const options = { layer: 'services', format: 'csv', crs: 'EPSG:3844', map: { externalId: 'id_extern', name: 'denumire', category: 'categorie', address: 'adresa' } };

    it('dry-runs: counts and every rejected row with its reason, writing nothing', async () => {
      const before = await count('services');
      const job = await importJob({ ...options, dryRun: true, data: csv });
      expect(job).toMatchObject({ state: 'succeeded', dryRun: true, progress: { phase: 'done', processed: 7, total: 7 } });
      expect(job.report).toMatchObject({ total: 7, inserted: 5, updated: 0, rejected: 2, written: false, crs: { used: 'EPSG:3844' } });
      const [casino, noPlace] = job.report.rejectedRows;
      expect(casino).toMatchObject({ index: 5, line: 7, externalId: 'csv-bad-1' });
      expect(casino.errors[0]).toMatchObject({ pointer: '/rows/5/categorie', detail: expect.stringMatching(/category/) });
      expect(noPlace).toMatchObject({ index: 6, line: 8 });
      expect(noPlace.errors[0].detail).toMatch(/missing/);
      expect(await count('services')).toBe(before);
    });

    it('writes nothing when rows are rejected (all or nothing)', async () => {
      const before = await count('services');
      const job = await importJob({ ...options, data: csv });
      expect(job.state).toBe('failed');
      expect(job.problem).toMatchObject({ status: 422, type: '/problems/import-rows-rejected' });
      expect(job.report.rejected).toBe(2);
      expect(await count('services')).toBe(before);
      // Issue 10: a refused import inserted nothing and must say so; its hint names the real CLI flag.
      expect(job.report).toMatchObject({ inserted: 0, updated: 0, written: false });
      expect(job.report.notes.join(' ')).toContain('--skip-invalid');
    });

    it('writes the valid rows with skipInvalid, transformed from Stereo 70, in one audited import', async () => {
      const before = await count('services');
      const job = await importJob({ ...options, skipInvalid: true, data: csv });
      expect(job).toMatchObject({ state: 'succeeded', report: { inserted: 5, updated: 0, rejected: 2, written: true } });
      expect(await count('services')).toBe(before + 5);
      const row = await app.db.knex('services').where({ external_id: 'csv-1' }).first();
      const feature = await (await planner.get(`/api/services/${row.id}`)).json();
      expect(feature.properties).toMatchObject({ name: 'Școala 1', category: 'school', address: 'Str. Test 1', version: 1 });
      expect(metresBetween(feature.geometry.coordinates, UNIRII)).toBeLessThan(0.01);
      const audit = await app.db.knex('audit_log').where({ id: job.report.auditId }).first();
      expect(audit).toMatchObject({ action: 'import', table_name: 'services', actor_username: 'planner' });
      const history = await (await planner.get(`/api/services/${row.id}/history`)).json();
      expect(history.entries[0]).toMatchObject({ action: 'import', importId: job.id });
    });

    it('updates instead of duplicating when re-imported with the same ids', async () => {
      const before = await count('services');
      const renamed = csv.replace(/Școala (\d)/g, 'Școala Gimnazială $1');
      const job = await importJob({ ...options, skipInvalid: true, data: renamed });
      expect(job.report).toMatchObject({ inserted: 0, updated: 5, rejected: 2 });
      expect(await count('services')).toBe(before);
      const row = await app.db.knex('services').where({ external_id: 'csv-1' }).first();
      expect(row).toMatchObject({ name: 'Școala Gimnazială 1', version: 2 });
    });

    it('keeps the version of rows re-imported unchanged (issue 10)', async () => {
      const renamed = csv.replace(/Școala (\d)/g, 'Școala Gimnazială $1');
      const job = await importJob({ ...options, skipInvalid: true, data: renamed });
      expect(job.report).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 2, written: true });
      const row = await app.db.knex('services').where({ external_id: 'csv-1' }).first();
      expect(row).toMatchObject({ name: 'Școala Gimnazială 1', version: 2 });
      const changedOne = renamed.replace('Gimnazială 3', 'Gimnazială Nr. 3');
      const again = await importJob({ ...options, skipInvalid: true, data: changedOne });
      expect(again.report).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
    });

    it('accepts the file as a raw text/csv body with options in the query', async () => {
      const query = '?layer=services&crs=EPSG:3844&dryRun=true&map=externalId%3Did_extern&map=name%3Ddenumire&map=category%3Dcategorie';
      const job = await importJob(csv, query, { 'content-type': 'text/csv' });
      expect(job).toMatchObject({ format: 'csv', report: { total: 7, updated: 5, rejected: 2, ignoredFields: [] } });
    });
  });

  describe('GTFS feed', () => {
    it('turns stops into transit_stop services with routes and weekly trips', async () => {
      const before = await count('services');
      const job = await importJob({ layer: 'services', format: 'gtfs', filename: 'ctp.zip', dataBase64: Buffer.from(buildGtfs()).toString('base64') });
      expect(job.report).toMatchObject({ total: 4, inserted: 4, updated: 0, rejected: 0, written: true });
      expect(job.report.notes.join(' ')).toMatch(/1 stations/);
      expect(await count('services')).toBe(before + 4);
      const stops = await app.db.knex('services').where('external_id', 'like', 'gtfs:%').orderBy('external_id');
      const byId: Record<string, { name: string; attributes: Record<string, unknown> }> = Object.fromEntries(
        stops.map((s: { external_id: string; name: string; attributes: Record<string, unknown> }) => [s.external_id, s]),
      );
      expect(byId['gtfs:S1']).toMatchObject({ name: 'Piața Unirii', category: 'transit_stop', attributes: { routes: ['8'], weeklyTrips: 12, stopCode: '101' } });
      expect(byId['gtfs:S2']!.attributes).toMatchObject({ routes: ['8', '35'], weeklyTrips: 15 });
      expect(byId['gtfs:S3']!.attributes).toMatchObject({ routes: ['8'], weeklyTrips: 7 });
      expect(byId['gtfs:S4']!.attributes).toMatchObject({ routes: ['25', '35'], weeklyTrips: 7 });
    });

    it('updates the same stops when the feed is imported again', async () => {
      const before = await count('services');
      const job = await importJob({ layer: 'services', format: 'gtfs', dataBase64: Buffer.from(buildGtfs(' (nou)')).toString('base64') });
      expect(job.report).toMatchObject({ inserted: 0, updated: 4 });
      expect(await count('services')).toBe(before);
      expect((await app.db.knex('services').where({ external_id: 'gtfs:S2' }).first()).name).toBe('Platanilor (nou)');
    });

    it('refuses a zip whose tables inflate past the cap before inflating them (issue 17)', async () => {
      const bomb = zipSync({ 'stops.txt': strToU8('stop_id,stop_name,stop_lat,stop_lon\n'), 'stop_times.txt': new Uint8Array(101 * 1024 * 1024) }, { level: 9 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const job = await importJob({ layer: 'services', format: 'gtfs', dataBase64: Buffer.from(bomb).toString('base64') });
      expect(job.problem).toMatchObject({ status: 422, detail: expect.stringMatching(/inflate to more than 100 MB/) });
    });

    it('refuses a GTFS feed for another layer, and a zip that is not one', async () => {
      const wrongLayer = await importJob({ layer: 'zones', format: 'gtfs', dataBase64: Buffer.from(buildGtfs()).toString('base64') });
      expect(wrongLayer.problem).toMatchObject({ status: 422, detail: expect.stringMatching(/services/) });
      const notZip = await importJob({ layer: 'services', format: 'gtfs', dataBase64: Buffer.from('not a zip').toString('base64') });
      expect(notZip.problem).toMatchObject({ status: 422, type: '/problems/import-unreadable' });
    });
  });

  describe('GeoJSON', () => {
    const X = 23.68;
    const Y = 46.775;
    const clockwise = [[X, Y], [X, Y + 0.01], [X + 0.01, Y + 0.01], [X + 0.01, Y], [X, Y]];
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [clockwise] }, properties: { externalId: 'gj-1', name: 'Zona A', kind: 'intervention', status: 'planned' } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[X, Y], [X + 0.01, Y + 0.01], [X + 0.01, Y], [X, Y + 0.01], [X, Y]]] }, properties: { externalId: 'gj-2', name: 'Bow tie', kind: 'intervention' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [X, Y] }, properties: { externalId: 'gj-3', name: 'Point zone', kind: 'intervention' } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [clockwise] }, properties: { externalId: 'gj-1', name: 'Again', kind: 'intervention' } },
      ],
    };

    it('reports each rejected feature with its index and the pointer into the file', async () => {
      const job = await importJob(collection, '?layer=zones&dryRun=true', { 'content-type': 'application/geo+json' });
      expect(job.report).toMatchObject({ total: 4, inserted: 1, rejected: 3 });
      const [bowtie, point, duplicate] = job.report.rejectedRows;
      expect(bowtie).toMatchObject({ index: 1, errors: [{ code: 'self-intersection', pointer: '/features/1/geometry/coordinates/0/0' }] });
      expect(point.errors[0]).toMatchObject({ code: 'wrong-type', pointer: '/features/2/geometry/type' });
      expect(duplicate.errors[0].detail).toMatch(/repeats row 0/);
    });

    it('takes a bare geometry as one feature, and refuses a GeometryCollection saying what it expects (issue 10)', async () => {
      const bare = await importJob({ type: 'Polygon', coordinates: [clockwise] }, '?layer=zones&dryRun=true&set=name%3DZon%C4%83%20goal%C4%83&set=kind%3Dintervention', {
        'content-type': 'application/geo+json',
      });
      expect(bare.report).toMatchObject({ total: 1, inserted: 1, rejected: 0 });
      const collectionOfGeometries = { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [clockwise] }] };
      const refused = await importJob(collectionOfGeometries, '?layer=zones', { 'content-type': 'application/geo+json' });
      expect(refused.problem).toMatchObject({ status: 422, detail: expect.stringMatching(/GeometryCollection.*FeatureCollection/) });
      const empty = await planner.post('/api/imports', { layer: 'zones' });
      expect(empty.status).toBe(400);
      expect((await empty.json()).detail).toMatch(/FeatureCollection, Feature or geometry/);
    });

    it('refuses a file whose crs member contradicts the import', async () => {
      const declared = { ...collection, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3844' } } };
      const job = await importJob({ layer: 'zones', crs: 'EPSG:4326', data: declared });
      expect(job.problem).toMatchObject({ status: 422, detail: expect.stringMatching(/EPSG:3844/) });
      const unknown = await importJob({ layer: 'zones', crs: 'EPSG:999999', data: collection });
      expect(unknown.problem).toMatchObject({ status: 422, detail: expect.stringMatching(/does not know EPSG:999999/) });
    });
  });

  describe('export', () => {
    it('neutralises spreadsheet formulas in layer CSV exports, as in the plan export (issue 9)', async () => {
      const created = await planner.post('/api/services', {
        type: 'Feature',
        properties: { name: '=HYPERLINK("http://example.invalid","x")', category: 'pharmacy', address: '@SUM(1+1)' },
        geometry: { type: 'Point', coordinates: [23.61, 46.771] },
      });
      expect(created.status).toBe(201);
      const csv = await (await planner.get('/api/services/export?format=csv&crs=EPSG:4326')).text();
      const line = csv.split('\r\n').find((l) => l.includes('HYPERLINK')) as string;
      expect(line).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
      expect(line).toContain(`'@SUM(1+1)`);
      expect(line).not.toMatch(/(^|,)[=@]/);
    });

    it.each(['zones', 'settlements', 'housing-units', 'services'])('exports %s as GeoJSON and CSV in both CRSs', async (layer) => {
      const listed = (await (await planner.get(`/api/${layer}?limit=1`)).json()).numberMatched;
      for (const crs of ['EPSG:4326', 'EPSG:3844']) {
        const geojson = await planner.get(`/api/${layer}/export?format=geojson&crs=${crs}`);
        expect(geojson.status).toBe(200);
        expect(geojson.headers.get('content-type')).toMatch(/application\/geo\+json/);
        expect(geojson.headers.get('content-disposition')).toMatch(/attachment; filename=/);
        const body = await geojson.json();
        expect(body.features).toHaveLength(listed);
        expect(Boolean(body.crs)).toBe(crs === 'EPSG:3844');
        const csv = await planner.get(`/api/${layer}/export?format=csv&crs=${crs}`);
        expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
        const lines = (await csv.text()).trim().split('\r\n');
        const header = lines[0]!.split(',');
        expect(header[0]).toBe('id');
        if (layer === 'zones' || layer === 'settlements') expect(header.at(-1)).toBe('wkt');
        else expect(header.slice(-2)).toEqual(crs === 'EPSG:4326' ? ['lon', 'lat'] : ['easting', 'northing']);
      }
    });

    it('refuses an unknown format or CRS (400)', async () => {
      await expectProblem(await planner.get('/api/zones/export?format=shp'), 400);
      await expectProblem(await planner.get('/api/zones/export?crs=EPSG:3857'), 400);
    });

    describe('Piața Unirii in Stereo 70', () => {
      let id: number;
      beforeAll(async () => {
        const created = await planner.post('/api/services', {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [...UNIRII] },
          properties: { name: 'Piața Unirii (test)', category: 'transit_stop', externalId: 'unirii' },
        });
        id = (await created.json()).id;
      });

      it('lands within 5 m of E 392,395 / N 586,559, with mm precision', async () => {
        const body = await (await planner.get('/api/services/export?format=geojson&crs=EPSG:3844')).json();
        const feature = body.features.find((f: { id: number }) => f.id === id);
        const [e, n] = feature.geometry.coordinates;
        expect(Math.hypot(e - UNIRII_STEREO70[0], n - UNIRII_STEREO70[1])).toBeLessThan(5);
        expect(String(e)).toMatch(/\.\d{3}$|\.\d{1,2}$/);
        const csv = await (await planner.get('/api/services/export?format=csv&crs=EPSG:3844')).text();
        const header = csv.split('\r\n')[0]!.split(',');
        const line = csv.split('\r\n').find((l) => l.startsWith(`${id},`))!.split(',');
        const easting = Number(line[header.indexOf('easting')]);
        const northing = Number(line[header.indexOf('northing')]);
        expect(Math.hypot(easting - UNIRII_STEREO70[0], northing - UNIRII_STEREO70[1])).toBeLessThan(5);
      });

      it('re-imports the Stereo 70 GeoJSON and CSV to the same coordinates within 1 cm', async () => {
        const body = await (await planner.get('/api/services/export?format=geojson&crs=EPSG:3844')).json();
        const only = { ...body, features: body.features.filter((f: { id: number }) => f.id === id) };
        const job = await importJob(only, '?layer=services');
        expect(job.report).toMatchObject({ updated: 1, inserted: 0, crs: { used: 'EPSG:3844', note: expect.stringMatching(/crs/) } });
        const back = await (await planner.get(`/api/services/${id}`)).json();
        expect(metresBetween(back.geometry.coordinates, UNIRII)).toBeLessThan(0.01);

        const csv = await (await planner.get('/api/services/export?format=csv&crs=EPSG:3844')).text();
        const [header, ...rest] = csv.trim().split('\r\n');
        const oneRow = [header, rest.find((l) => l.startsWith(`${id},`))].join('\r\n');
        const again = await importJob({ layer: 'services', format: 'csv', crs: 'EPSG:3844', data: oneRow });
        expect(again.report).toMatchObject({ updated: 1, inserted: 0, rejected: 0 });
        const final = await (await planner.get(`/api/services/${id}`)).json();
        expect(metresBetween(final.geometry.coordinates, UNIRII)).toBeLessThan(0.01);
        expect(final.properties.attributes).toEqual({});
      });

      it('accepts a per-geometry crs member naming the declared CRS (as PostGIS writes them), refuses another', async () => {
        const body = await (await planner.get('/api/services/export?format=geojson&crs=EPSG:3844')).json();
        const feature = body.features.find((f: { id: number }) => f.id === id);
        const named = (name: string) => ({ type: 'FeatureCollection', features: [{ ...feature, geometry: { ...feature.geometry, crs: { type: 'name', properties: { name } } } }] });
        const same = await importJob({ layer: 'services', crs: 'EPSG:3844', dryRun: true, data: named('EPSG:3844') });
        expect(same.report).toMatchObject({ updated: 1, rejected: 0 });
        const other = await importJob({ layer: 'services', crs: 'EPSG:3844', dryRun: true, data: named('EPSG:4326') });
        expect(other.report.rejectedRows[0].errors[0]).toMatchObject({ code: 'crs-member', pointer: '/features/0/geometry/crs' });
      });

      it('reads EPSG:31700 as Stereo 70 (EPSG:3844) and says so', async () => {
        const [e, n] = await toStereo70(...UNIRII);
        const csv = csvOf([['externalId', 'name', 'category', 'easting', 'northing'], ['unirii-31700', 'Unirii 31700', 'transit_stop', e.toFixed(3), n.toFixed(3)]]);
        const job = await importJob({ layer: 'services', format: 'csv', crs: 'EPSG:31700', data: csv });
        expect(job.report.crs).toMatchObject({ requested: 'EPSG:31700', used: 'EPSG:3844', note: expect.stringMatching(/deprecated/) });
        const row = await app.db.knex('services').where({ external_id: 'unirii-31700' }).first();
        const feature = await (await planner.get(`/api/services/${row.id}`)).json();
        expect(metresBetween(feature.geometry.coordinates, UNIRII)).toBeLessThan(0.01);
      });

      it('round-trips polygons through a WKT CSV in Stereo 70', async () => {
        const csv = await (await planner.get('/api/zones/export?format=csv&crs=EPSG:3844')).text();
        const job = await importJob({ layer: 'zones', format: 'csv', crs: 'EPSG:3844', dryRun: true, data: csv });
        const zones = await count('zones');
        const withExternalId = Number((await app.db.knex('zones').whereNotNull('external_id').count<{ n: number }[]>({ n: '*' }))[0]!.n);
        expect(job.report).toMatchObject({ total: zones, rejected: 0, updated: withExternalId, inserted: zones - withExternalId });
      });
    });
  });

  describe('jobs', () => {
    it('imports 10,000 points in batches and shows progress until done', async () => {
      const rows = [['externalId', 'name', 'category', 'lon', 'lat']];
      for (let i = 0; i < 10_000; i++) {
        rows.push([`bulk-${i}`, `Stop ${i}`, 'transit_stop', (23.5 + (i % 100) * 0.002).toFixed(6), (46.72 + Math.floor(i / 100) * 0.001).toFixed(6)]);
      }
      const before = await count('services');
      const started = await planner.post('/api/imports?layer=services&filename=bulk.csv', csvOf(rows), { 'content-type': 'text/csv' });
      expect(started.status).toBe(202);
      const location = started.headers.get('location')!;
      expect(location).toMatch(/^\/api\/imports\/[0-9a-f-]{36}$/);
      let job = await started.json();
      expect(job).toMatchObject({ state: 'running', progress: { phase: expect.any(String) } });
      // Issue 17: one running import per user; a second one waits its turn.
      const second = await planner.post('/api/imports?layer=services&filename=more.csv&dryRun=true', csvOf(rows.slice(0, 2)), { 'content-type': 'text/csv' });
      await expectProblem(second, 429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
      for (let i = 0; i < 600 && job.state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const polled: TestResponse = await pollOnce(location);
        expect(polled.status).toBe(200);
        job = await polled.json();
      }
      expect(job).toMatchObject({ state: 'succeeded', progress: { phase: 'done', processed: 10_000, total: 10_000 }, report: { inserted: 10_000, written: true } });
      expect(await count('services')).toBe(before + 10_000);
    });

    it('hides a job from other users', async () => {
      const job = await importJob({ layer: 'services', format: 'csv', dryRun: true, data: 'name,category,lon,lat\nA,school,23.6,46.77\n' });
      const admin = await app.as('admin');
      expect((await admin.get(`/api/imports/${job.id}`)).status).toBe(200);
      await upsertUser(app.db.knex, { username: 'planner3', displayName: 'Third planner', role: 'planner', passwordHash: await hashPassword(TEST_PASSWORD) });
      const other = await app.as('planner3');
      await expectProblem(await other.get(`/api/imports/${job.id}`), 404);
      await expectProblem(await planner.get('/api/imports/00000000-0000-4000-8000-000000000000'), 404);
    });

    it.each(['viewer', 'caseworker'])('%s gets 403 on imports', async (username) => {
      const client = await app.as(username);
      await expectProblem(await client.post('/api/imports', { layer: 'services', format: 'csv', data: 'name,category,lon,lat\nA,school,23.6,46.77\n' }), 403);
      await expectProblem(await client.post('/api/imports?layer=services', 'name,category,lon,lat\n', { 'content-type': 'text/csv' }), 403);
      await expectProblem(await client.get('/api/imports/00000000-0000-4000-8000-000000000000'), 403);
    });

    it('refuses bad options with 400', async () => {
      await expectProblem(await planner.post('/api/imports', { layer: 'households', format: 'csv', data: 'x' }), 400);
      await expectProblem(await planner.post('/api/imports', { layer: 'services', format: 'csv', map: ['name'], data: 'x' }), 400);
    });
  });
});
