import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosurePolicy, publishCount } from '../../api/src/domain/disclosure-control';
import { lastCompleteMonth } from '../../api/src/domain/public-progress';
import { makeRelease } from '../../api/src/services/public-releases';
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
    // Issue 15: "before" is measured at four places of origin only, so neither it nor the change is published;
    // "after" stands on many flats and households.
    expect(progress.accessChange[0]).toMatchObject({ medianBeforeM: null, medianChangeM: null });
    expect(progress.accessChange[0].medianAfterM).toBeGreaterThan(0);
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

  it('serves a frozen release: a late move, a cancellation and a size change after it change nothing public, then or in the next release', async () => {
    const { knex } = app.db;
    const actor = (await knex('users').where({ username: 'caseworker' }).first('id')).id as number;
    const documents = async () => {
      const read = async (p: string) => (await app.anonymous.get(p)).json();
      return {
        progress: await read('/api/public/progress'),
        origins: await read('/api/public/origin-settlements'),
        destinations: await read('/api/public/destination-localities'),
        segregation: await read('/api/public/segregation'),
      };
    };
    const before = await documents();
    const releases = async () => Number((await knex('public_releases').count({ n: '*' }))[0]?.n);
    expect(await releases()).toBe(1);

    // A move recorded late (dated in the month already published), a cancelled plan, a moved family grown by one.
    const mover = (await knex('households').whereNotNull('settlement_id').whereNotExists(knex('relocation_plans').whereRaw('relocation_plans.household_id = households.id')).orderBy('id').first('id')).id as number;
    const freeUnit = (await knex('housing_units').where({ status: 'available' }).orderBy('id').first('id')).id as number;
    await recordMove(knex, mover, freeUnit, dayInLastCompleteMonth(), actor);
    const approved = await knex('relocation_plans').where({ state: 'approved' }).orderBy('id').first('id', 'housing_unit_id');
    await knex('relocation_plans').where({ id: approved.id }).update({ state: 'cancelled', housing_unit_id: null });
    await knex('plan_events').insert({ plan_id: approved.id, actor_id: actor, from_state: 'approved', to_state: 'cancelled' });
    const grown = (await knex('relocation_plans').where({ state: 'moved' }).orderBy('id').first('household_id')).household_id as number;
    await knex('households').where({ id: grown }).update({ size: knex.raw('size + 1'), adults: knex.raw('adults + 1') });

    // The public documents are the stored release: not recomputed.
    expect(await documents()).toEqual(before);

    // The next month's release (and its static export) carries the corrections forward: no published count
    // moves, since each changed by fewer than k; published months stay exactly as they were.
    const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 3));
    const next = await makeRelease(knex, 10, { now: nextMonth });
    expect(next.created).toBe(true);
    expect(await releases()).toBe(2);
    const after = next.documents;
    expect(after.progress.asOfMonth).toBe(before.progress.asOfMonth);
    expect(after.progress.byMonth.slice(0, before.progress.byMonth.length)).toEqual(before.progress.byMonth);
    const countsOf = (document: unknown) => new Map(findCounts(document).map((c) => [c.path, c.value]));
    for (const [name, old, now] of [
      ['progress', before.progress, { ...after.progress, byMonth: after.progress.byMonth.slice(0, before.progress.byMonth.length) }],
      ['origins', before.origins, after.originSettlements],
      ['destinations', before.destinations, after.destinationLocalities],
    ] as const) {
      const oldCounts = countsOf(old);
      for (const [path, value] of countsOf(now)) expect(value, `${name}${path}`).toBe(oldCounts.get(path));
    }
    expect(after.progress.keyFigures).toEqual(before.progress.keyFigures);
    expect(after.progress.accessChange).toEqual(before.progress.accessChange);
    expect(after.segregation.series.slice(0, before.segregation.series.length)).toEqual(before.segregation.series);
    // Asking again never revises a stored month.
    expect((await makeRelease(knex, 10, { now: nextMonth })).created).toBe(false);
    const exported = await writePublicExport(app.db.knex, app.config, exportDir, { page: false, now: nextMonth });
    expect(exported).toContain('data/progress.json');
    expect(JSON.parse(await fs.readFile(path.join(exportDir, 'data', 'progress.json'), 'utf8'))).toEqual(after.progress);

    // At least k households moving shows in the release after, as part of that month's figures.
    const movers = (await knex('households').whereNotNull('settlement_id').whereNotExists(knex('relocation_plans').whereRaw('relocation_plans.household_id = households.id')).orderBy('id').limit(12).pluck('id')) as number[];
    const units = (await knex('housing_units').where({ status: 'available' }).orderBy('id').limit(12).pluck('id')) as number[];
    expect(Math.min(movers.length, units.length)).toBe(12);
    const thisMonth = `${new Date().toISOString().slice(0, 7)}-02`;
    for (let i = 0; i < 12; i++) await recordMove(knex, movers[i] as number, units[i] as number, thisMonth, actor);
    const later = await makeRelease(knex, 10, { now: new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 2, 3)) });
    expect(later.documents.progress.asOfMonth > before.progress.asOfMonth).toBe(true);
    expect(later.documents.progress.keyFigures.householdsRelocated.value as number).toBeGreaterThanOrEqual((before.progress.keyFigures.householdsRelocated.value as number) + 10);
    expect(later.documents.progress.byMonth.slice(0, before.progress.byMonth.length)).toEqual(before.progress.byMonth);
    const audit = await knex('audit_log').where({ action: 'public-release.publish' }).count({ n: '*' });
    expect(Number(audit[0]?.n)).toBe(3);
  });

  it('lets an admin make and list releases, and nobody else', async () => {
    const admin = await app.as('admin');
    const made = await admin.post('/api/public-releases');
    expect([200, 201]).toContain(made.status);
    expect((await made.json()).month).toBe(lastCompleteMonth(new Date()));
    const list = await (await admin.get('/api/public-releases')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    expect(list.items[0]).not.toHaveProperty('documents');
    expect((await (await app.as('planner')).post('/api/public-releases')).status).toBe(403);
    expect((await app.anonymous.get('/api/public-releases')).status).toBe(401);
    // Stored releases are append-only in the database itself.
    await expect(app.db.knex('public_releases').update({ notes: 'rewritten' })).rejects.toThrow(/append-only/);
    expect((await app.anonymous.get('/api/public/progress')).headers.get('cache-control')).toBe('public, max-age=3600');
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
