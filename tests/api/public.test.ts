import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosurePolicy, publishCount } from '../../api/src/domain/disclosure-control';
import { EXPORT_FILES, writePublicExport } from '../../scripts/export-public';
import { dayInLastCompleteMonth, findCounts, recordMove } from '../support/public-figures';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 6: the public API and the static export carry aggregates only, and a move shows in the
// public figures once its cell passes the threshold — not before.

const PUBLIC_PATHS = [
  '/api/public/progress',
  '/api/public/interventions',
  '/api/public/origin-settlements',
  '/api/public/destination-localities',
  '/api/public/intervention-areas',
  '/api/public/segregation',
  '/api/public/basemap',
  '/api/public/config',
];

// Keys that would mean a record, an identity or a case detail got out.
const FORBIDDEN_KEYS = [
  'code',
  'householdId',
  'household_id',
  'planId',
  'unitId',
  'housingUnitId',
  'ciphertext',
  'iv',
  'authTag',
  'keyId',
  'firstName',
  'lastName',
  'phone',
  'idNumber',
  'identity',
  'caseworker',
  'caseworkerId',
  'needs',
  'priority',
  'consentProcessing',
  'moveDate',
  'address',
  'building',
  'note',
  'description',
  'actor',
  'createdBy',
  'updatedBy',
];

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.add(key);
      keysOf(child, out);
    }
  }
  return out;
}

function positionsOf(value: unknown, out: Array<[number, number]> = []): Array<[number, number]> {
  if (Array.isArray(value)) {
    if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') out.push([value[0], value[1]]);
    else value.forEach((v) => positionsOf(v, out));
  } else if (value && typeof value === 'object') Object.values(value).forEach((v) => positionsOf(v, out));
  return out;
}

describe('public progress API and static export', () => {
  let app: TestApp;
  let exportDir: string;
  beforeAll(async () => {
    app = await startTestApp();
    exportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'punte-public-export-test-'));
  });
  afterAll(async () => {
    await app?.close();
    if (exportDir) await fs.rm(exportDir, { recursive: true, force: true });
  });

  /** Returns every public document: from the API (anonymous) and from a fresh static export. */
  async function publicDocuments(): Promise<Array<{ where: string; text: string; json: unknown }>> {
    const documents: Array<{ where: string; text: string; json: unknown }> = [];
    for (const p of PUBLIC_PATHS) {
      const response = await app.anonymous.get(p);
      expect(response.status, p).toBe(200);
      const text = await response.text();
      documents.push({ where: p, text, json: JSON.parse(text) });
    }
    const written = await writePublicExport(app.db.knex, app.config, exportDir, { page: false });
    expect(written).toEqual(expect.arrayContaining(EXPORT_FILES.map((f) => `data/${f}`)));
    for (const file of ['README.txt', ...EXPORT_FILES.map((f) => `data/${f}`)]) {
      const text = await fs.readFile(path.join(exportDir, file), 'utf8');
      documents.push({ where: `export:${file}`, text, json: file.endsWith('.txt') ? null : JSON.parse(text) });
    }
    return documents;
  }

  it('answers every /api/public/* path without a session, with the right content type', async () => {
    for (const p of PUBLIC_PATHS) {
      const response = await app.anonymous.get(p);
      expect(response.status, p).toBe(200);
      expect(response.headers.get('content-type'), p).toMatch(/^application\/(geo\+)?json/);
    }
    const progress = await (await app.anonymous.get('/api/public/progress')).json();
    expect(progress.disclosure).toEqual({ k: 10, roundingBase: 5 });
    expect(progress.byDestination.rows.map((r: { name: string | null }) => r.name)).toEqual(
      expect.arrayContaining(['Cluj-Napoca', 'Florești', 'Apahida', 'Gilău', 'Baciu']),
    );
    expect(progress.byOrigin.rows.map((r: { name: string | null }) => r.name)).toEqual(expect.arrayContaining(['Cantonului', 'Dallas', 'Rampa']));
    // Issue 6's key figures: households and people relocated, share done, distance change for three services.
    expect(progress.keyFigures.householdsRelocated.value).toBeGreaterThanOrEqual(10);
    expect(progress.keyFigures.peopleRelocated.value).toBeGreaterThan(progress.keyFigures.householdsRelocated.value);
    expect(progress.keyFigures.shareDonePercent).toBeGreaterThan(0);
    expect(progress.accessChange.map((a: { category: string }) => a.category)).toEqual(['school', 'family_doctor', 'transit_stop']);
    expect(progress.accessChange[0].medianChangeM).toBeLessThan(0);
    const interventions = await (await app.anonymous.get('/api/public/interventions')).json();
    expect(interventions.counts).toMatchObject({ completed: 3, underWay: 6, planned: 1 });
  });

  it('publishes only counts that are 0 or at least k, rounded to 5, and months rather than days', async () => {
    for (const { where, text, json } of await publicDocuments()) {
      for (const found of findCounts(json)) {
        if (found.value !== null) expect(found.value === 0 || (found.value >= 10 && found.value % 5 === 0), `${where}${found.path}: ${found.value}`).toBe(true);
      }
      if (!/basemap|config/.test(where)) expect(text, where).not.toMatch(/"\d{4}-\d{2}-\d{2}/);
    }
  });

  it('carries no household or plan code, identity field, case detail or occupied-unit position', async () => {
    const { knex } = app.db;
    const planCodes = (await knex('relocation_plans').pluck('code')) as string[];
    const householdCodes = (await knex('households').pluck('code')) as string[];
    expect(planCodes.length).toBeGreaterThan(100);
    const units = (
      await knex.raw(
        `select ST_X(geom) as lon, ST_Y(geom) as lat from housing_units
         where status = 'occupied' or id in (select housing_unit_id from relocation_plans where housing_unit_id is not null)`,
      )
    ).rows as Array<{ lon: number; lat: number }>;
    expect(units.length).toBeGreaterThan(50);

    for (const { where, text, json } of await publicDocuments()) {
      expect(text, where).not.toMatch(/HH-\d+/);
      expect(text, where).not.toMatch(/PL-\d+/);
      for (const code of [...planCodes, ...householdCodes]) expect(text.includes(`"${code}"`), `${where} contains ${code}`).toBe(false);
      const keys = keysOf(json);
      for (const key of FORBIDDEN_KEYS) expect(keys.has(key), `${where} has a key ${key}`).toBe(false);
      // No published position lies within ~2 m of a unit someone lives in (or was matched to).
      const positions = positionsOf(json);
      for (const unit of units) {
        expect(text.includes(unit.lon.toFixed(6)) && text.includes(unit.lat.toFixed(6)), `${where} spells out a unit position`).toBe(false);
        const near = positions.find(([x, y]) => Math.abs(x - unit.lon) < 2e-5 && Math.abs(y - unit.lat) < 2e-5);
        expect(near, `${where} has a position at an occupied unit`).toBeUndefined();
      }
      // Only polygons: never a point of a household or a home.
      expect(text, where).not.toMatch(/"type":"(Multi)?Point"/);
    }
  });

  it('changes the public figures once a cell passes the threshold after caseworkers record moves, and not before', async () => {
    const { knex } = app.db;
    const policy = disclosurePolicy(10);
    const actor = (await knex('users').where({ username: 'caseworker' }).first('id')).id as number;
    const moveDate = dayInLastCompleteMonth();
    const get = async () => (await app.anonymous.get('/api/public/progress')).json();
    const before = await get();
    const getTrend = async () => (await app.anonymous.get('/api/public/segregation')).json();
    const trendBefore = await getTrend();

    // A settlement whose cell is hidden now; its households without a plan will move, one by one.
    const hiddenRow = before.byOrigin.rows.find((r: { key: string; households: { suppressed: boolean } }) => r.key !== 'other' && r.households.suppressed);
    expect(hiddenRow, 'the demo has a hidden origin cell').toBeDefined();
    const settlement = await knex('settlements').where({ external_id: hiddenRow.key }).first('id');
    const movers = (await knex('households')
      .where({ settlement_id: settlement.id })
      .whereNotExists(knex('relocation_plans').whereRaw('relocation_plans.household_id = households.id'))
      .orderBy('id')
      .pluck('id')) as number[];
    const freeUnits = (await knex('housing_units').where({ status: 'available' }).orderBy('id').pluck('id')) as number[];
    // True counts, straight from the tables (the oracle): moves by settlement and in all, by a month.
    const trueCount = async (month: string, settlementId?: number) => {
      const query = knex('relocation_plans as p')
        .join('households as h', 'h.id', 'p.household_id')
        .where((q) => q.whereIn('p.state', ['moved', 'followed_up']).orWhere((h) => h.where('p.state', 'on_hold').where('p.held_from_state', 'moved')))
        .whereRaw(`to_char(p.move_date, 'YYYY-MM') <= ?`, [month])
        .countDistinct<{ n: number }[]>({ n: 'p.household_id' });
      if (settlementId !== undefined) query.where('h.settlement_id', settlementId);
      return Number((await query)[0]?.n ?? 0);
    };
    const cutoff = before.cutoffMonth as string;
    const pendingBefore = (await trueCount(cutoff)) - (await trueCount(before.asOfMonth));
    expect(pendingBefore).toBeLessThan(10);

    let changed = false;
    let published = false;
    for (let i = 0; i < Math.min(movers.length, freeUnits.length) && !published; i++) {
      await recordMove(knex, movers[i] as number, freeUnits[i] as number, moveDate, actor);
      const now = await get();
      const pending = (await trueCount(cutoff)) - (await trueCount(before.asOfMonth));
      if (pending < 10) {
        // Fewer than k moves since the last published month: nothing public may change at all.
        expect(now).toEqual(before);
        expect(await getTrend()).toEqual(trendBefore);
        continue;
      }
      if (!changed) {
        changed = true;
        expect(now.asOfMonth).toBe(cutoff);
        expect(now.keyFigures.householdsRelocated).toEqual(publishCount(policy, await trueCount(cutoff)));
      }
      const row = now.byOrigin.rows.find((r: { key: string }) => r.key === hiddenRow.key);
      const trueCell = await trueCount(cutoff, settlement.id);
      if (trueCell < 10) expect(row.households.suppressed).toBe(true);
      if (!row.households.suppressed) {
        published = true;
        expect(row.households).toEqual(publishCount(policy, trueCell));
        const map = await (await app.anonymous.get('/api/public/origin-settlements')).json();
        const feature = map.features.find((f: { properties: { key: string } }) => f.properties.key === hiddenRow.key);
        expect(feature.properties).toMatchObject({ households: row.households.value, householdsHidden: false });
      }
    }
    expect(changed, 'the figures moved on once k moves had accumulated').toBe(true);
    expect(published, 'the hidden cell was published once it passed the threshold').toBe(true);
  });

  it('never lets the threshold go below 5', async () => {
    const { loadConfig } = await import('../../api/src/config');
    expect(() => loadConfig({ PUNTE_DISCLOSURE_K: '4' })).toThrow(/PUNTE_DISCLOSURE_K/);
    expect(loadConfig({ PUNTE_DISCLOSURE_K: '5' }).disclosureK).toBe(5);
    expect(loadConfig({}).disclosureK).toBe(10);
  });
});

describe('public segregation trend (issue 12)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('publishes D and isolation by month only where at least k more households moved, from the published counts', async () => {
    const trend = await (await app.anonymous.get('/api/public/segregation')).json();
    expect(trend).toMatchObject({ units: 'locality', disclosure: { k: 10, roundingBase: 5 } });
    expect(trend.series.length).toBeGreaterThan(3);
    const { knex } = app.db;
    // Households moved by the end of a month, from the tables (the oracle).
    const movedBy = async (month: string) =>
      Number(
        (
          await knex('relocation_plans as p')
            .join('households as h', 'h.id', 'p.household_id')
            .whereNotNull('h.settlement_id')
            .where((q) => q.whereIn('p.state', ['moved', 'followed_up']).orWhere((h) => h.where('p.state', 'on_hold').where('p.held_from_state', 'moved')))
            .whereRaw(`to_char(p.move_date, 'YYYY-MM') <= ?`, [month])
            .countDistinct<{ n: number }[]>({ n: 'p.household_id' })
        )[0]?.n ?? 0,
      );
    let last = 0;
    for (const point of trend.series) {
      const moved = await movedBy(point.month);
      expect(moved === last || moved - last >= 10, `${point.month}: ${moved - last} moves since the last published month`).toBe(true);
      last = moved;
      for (const value of [point.dissimilarity, point.isolation]) expect(Math.round(value * 100) / 100).toBe(value);
    }
    expect(trend.series[0].dissimilarity).toBeGreaterThan(trend.series.at(-1).dissimilarity);
    expect(trend.series.at(-1).month <= trend.asOfMonth).toBe(true);
  });
});
