import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../api/src/backup/backup-format';
import { restoreBackup } from '../../api/src/backup/restore-backup';
import { writeBackup } from '../../api/src/backup/write-backup';
import { checksumTable, listBackupTables } from '../../api/src/db/backup-tables';
import type { Knex } from 'knex';
import { startTestApp, type TestApp } from '../support/test-app';
import { createEmptyTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 10: backup → wipe → restore on each engine gives equal row counts and checksums of every table,
// including encrypted identities (bytea), audit rows (append-only), geometry, jsonb and dates; a
// damaged file, a newer schema and a non-empty target are refused without changing anything.

async function tableFigures(knex: Knex): Promise<Record<string, { rows: number; checksum: string }>> {
  const figures: Record<string, { rows: number; checksum: string }> = {};
  for (const table of await listBackupTables(knex)) figures[table.name] = await checksumTable(knex, table);
  return figures;
}

describe('backup and restore', () => {
  let app: TestApp;
  let target: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'punte-backup-'));
  const file = path.join(dir, 'punte.backup');
  let before: Record<string, { rows: number; checksum: string }>;

  beforeAll(async () => {
    app = await startTestApp();
    // Case data of every kind the demo lacks: an encrypted identity, audit rows, a new zone.
    const caseworker = await app.as('caseworker');
    const householdId = (await app.db.knex('households').where({ code: 'HH-0001' }).first('id')).id;
    const identity = await caseworker.request('PUT', `/api/households/${householdId}/identity`, { members: [{ name: 'Florica Zăpârțan', idCardNumber: 'KX 734519' }], phone: '+40 745 118 903' });
    expect(identity.status).toBeLessThan(300);
    const planner = await app.as('planner');
    const zone = await planner.post('/api/zones', {
      type: 'Feature',
      properties: { name: 'Zonă de test „backup”', kind: 'intervention', targetDate: '2027-06-30' },
      geometry: { type: 'Polygon', coordinates: [[[23.6, 46.77], [23.601, 46.77], [23.601, 46.771], [23.6, 46.771], [23.6, 46.77]]] },
    });
    expect(zone.status).toBe(201);
    before = await tableFigures(app.db.knex);
    target = await createEmptyTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a backup whose header counts every table, with its sha256 beside it', async () => {
    const summary = await writeBackup(app.db.knex, app.db.engine, file);
    expect(summary.header.tables.map((t) => t.name).sort()).toEqual(Object.keys(before).sort());
    for (const table of summary.header.tables) expect({ rows: table.rows, checksum: table.checksum }, table.name).toEqual(before[table.name]);
    expect(before.household_identities?.rows).toBeGreaterThan(0);
    expect(fs.readFileSync(`${file}.sha256`, 'utf8')).toContain(summary.sha256);
  });

  it('restores into a wiped (new, empty) database with equal counts and checksums of every table', async () => {
    await restoreBackup(target.db.knex, file);
    expect(await tableFigures(target.db.knex)).toEqual(before);
    // Sequences continue after the restored ids: a new row does not collide.
    const [row] = await target.db.knex('audit_log').insert({ actor_username: 'test', action: 'after-restore' }).returning('id');
    expect(row.id).toBeGreaterThan(before.audit_log!.rows);
  });

  it('refuses a database with data without force, a damaged file and a newer schema, changing nothing', async () => {
    const figures = await tableFigures(target.db.knex);
    await expect(restoreBackup(target.db.knex, file)).rejects.toThrow(/already holds data/);

    const damaged = path.join(dir, 'damaged.backup');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(`${file}.sha256`, `${damaged}.sha256`);
    await expect(restoreBackup(target.db.knex, damaged, { force: true })).rejects.toThrow(/damaged/);

    const newer = path.join(dir, 'newer.backup');
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0] as string);
    header.migrations.push('20991231000000_from_the_future');
    fs.writeFileSync(newer, gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    const refusal = restoreBackup(target.db.knex, newer, { force: true });
    await expect(refusal).rejects.toBeInstanceOf(BackupError);
    await expect(refusal).rejects.toThrow(/newer schema.*20991231000000_from_the_future/);

    expect(await tableFigures(target.db.knex)).toEqual(figures);
  });

  it('replaces the data with --force, all or nothing', async () => {
    await restoreBackup(target.db.knex, file, { force: true });
    expect(await tableFigures(target.db.knex)).toEqual(before);
  });
});
