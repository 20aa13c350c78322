import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import { checksumTable, listBackupTables, readTableRows } from '../db/backup-tables';
import type { Engine } from '../db/database';
import { getMigrationState } from '../db/migrations';
import { BACKUP_FORMAT, type BackupHeader, type BackupSummary } from './backup-format';

/**
 * Writes a logical backup of every data table to `file` (gzip of JSON lines: a header with the schema's
 * migrations and each table's columns, row count and checksum, then one line per row), read in one
 * repeatable-read snapshot so the file is consistent while the app keeps writing (server engine).
 * Writes `file.sha256` beside it; returns the summary printed to the user.
 */
export async function writeBackup(knex: Knex, engine: Engine, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const hash = createHash('sha256');
  const gzip = createGzip();
  const out = fs.createWriteStream(partial);
  gzip.on('data', (chunk: Buffer) => hash.update(chunk));
  gzip.pipe(out);
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  let header: BackupHeader;
  try {
    header = await knex.transaction(
      async (trx) => {
        await trx.raw(`set local timezone = 'UTC'`);
        const { applied, pending } = await getMigrationState(trx);
        const tables = await listBackupTables(trx);
        const described = [];
        for (const table of tables) described.push({ ...table, ...(await checksumTable(trx, table)) });
        const head: BackupHeader = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), engine, migrations: applied, pendingMigrations: pending.length, tables: described };
        await write(head);
        for (const table of tables) {
          for (const row of await readTableRows(trx, table)) await write({ t: table.name, r: row });
        }
        return head;
      },
      { isolationLevel: 'repeatable read' },
    );
    gzip.end();
    await once(out, 'close');
  } catch (error) {
    gzip.destroy();
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  // Only a complete file gets the final name: a backup cut short never looks like a good one.
  fs.renameSync(partial, file);
  const sha256 = hash.digest('hex');
  fs.writeFileSync(`${file}.sha256`, `${sha256}  ${file.split('/').pop()}\n`);
  return { file, sha256, bytes: fs.statSync(file).size, header };
}
