import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Knex } from 'knex';
import { checksumTable, emptyTables, enableTriggers, insertTableRows, listBackupTables, resetSequences, type BackupTable } from '../db/backup-tables';
import { listKnownMigrations, migrateToExactly, migrateToLatest } from '../db/migrations';
import { BACKUP_FORMAT, BackupError, type BackupHeader, type BackupSummary } from './backup-format';

// Bound parameters per INSERT stay far below PostgreSQL's 65,535.
const MAX_BINDINGS = 20_000;

/** Returns the sha256 of `file`. */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Yields the parsed lines of a backup file; throws when the file is not valid gzip. */
async function* readLines(file: string): AsyncGenerator<unknown> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  let failure: Error | undefined;
  const lines = readline.createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  const fail = (error: Error) => {
    failure = error;
    lines.close();
  };
  input.on('error', fail);
  gunzip.on('error', fail);
  try {
    for await (const line of lines) {
      if (failure) break;
      if (line) yield JSON.parse(line);
    }
    if (failure) throw failure;
  } finally {
    // Stopping early (after the header) must not leave the file open or an error unhandled.
    input.destroy();
    gunzip.destroy();
  }
}

/** Returns the header of a backup file; throws a BackupError when the file is not a Punte backup. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  try {
    for await (const first of readLines(file)) {
      if ((first as BackupHeader).format !== BACKUP_FORMAT) break;
      return first as BackupHeader;
    }
  } catch (error) {
    throw new BackupError(`${file} is not a readable Punte backup (${(error as Error).message}).`);
  }
  throw new BackupError(`${file} is not a Punte backup (format ${BACKUP_FORMAT}).`);
}

/** Returns the number of rows in the data tables of the database (0 for a new one). */
async function countRows(knex: Knex): Promise<number> {
  let total = 0;
  for (const table of await listBackupTables(knex)) total += (await checksumTable(knex, table)).rows;
  return total;
}

/**
 * Replaces every data table of the database with the contents of the backup `file`, in one transaction:
 * refuses a file from a newer schema than this Punte knows, a file whose sha256 differs from its
 * `.sha256` companion, and (unless `force`) a database that already holds data. Brings the schema to the
 * file's migrations first, checks every table's rows and checksum against the header before committing,
 * then applies newer migrations. Returns what it restored.
 */
export async function restoreBackup(knex: Knex, file: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  const header = await readBackupHeader(file);
  const known = await listKnownMigrations();
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `The backup comes from a newer schema than this Punte has (migrations ${unknown.join(', ')}): update Punte, then restore.`,
    );
  }
  if (header.migrations.some((name, i) => known[i] !== name)) {
    throw new BackupError('The backup’s migrations are not a prefix of this Punte’s: it comes from another branch of the schema.');
  }
  const sha256 = await sha256Of(file);
  if (fs.existsSync(`${file}.sha256`)) {
    const expected = fs.readFileSync(`${file}.sha256`, 'utf8').split(/\s+/)[0];
    if (expected !== sha256) throw new BackupError(`The backup is damaged: its sha256 is ${sha256}, ${file}.sha256 says ${expected}.`);
  }
  await migrateToLatest(knex);
  if (!options.force && (await countRows(knex)) > 0) {
    throw new BackupError('The database already holds data and a restore replaces all of it: back it up first, then restore with --force.');
  }
  await migrateToExactly(knex, header.migrations);
  await knex.transaction(async (trx) => {
    await trx.raw(`set local timezone = 'UTC'`);
    const tables = await listBackupTables(trx);
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (const described of header.tables) {
      const here = byName.get(described.name);
      if (!here || here.columns.map((c) => c.name).join() !== described.columns.map((c) => c.name).join()) {
        throw new BackupError(`Table ${described.name} of the backup does not match the schema of its migrations.`);
      }
    }
    await emptyTables(trx, tables);
    let table: BackupTable | undefined;
    let batch: Array<Array<string | null>> = [];
    const flush = async () => {
      if (table) await insertTableRows(trx, table, batch);
      batch = [];
    };
    let first = true;
    for await (const line of readLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      const { t, r } = line as { t: string; r: Array<string | null> };
      if (table?.name !== t) {
        await flush();
        table = byName.get(t);
        if (!table) throw new BackupError(`The backup has rows of an unknown table ${t}.`);
      }
      batch.push(r);
      if (batch.length * table.columns.length >= MAX_BINDINGS) await flush();
    }
    await flush();
    await resetSequences(trx, tables);
    await enableTriggers(trx, tables);
    for (const described of header.tables) {
      const now = await checksumTable(trx, byName.get(described.name) as BackupTable);
      if (now.rows !== described.rows || now.checksum !== described.checksum) {
        throw new BackupError(
          `Table ${described.name} restored as ${now.rows} rows (checksum ${now.checksum}), the backup says ${described.rows} (${described.checksum}): nothing was restored.`,
        );
      }
    }
  });
  await migrateToLatest(knex);
  return { file, sha256, bytes: fs.statSync(file).size, header };
}
