import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup } from '../api/src/backup/write-backup';
import { openConfiguredDatabase } from './open-configured-database';
import { printTables } from './print-backup';

// `npm run backup -- --out punte-2026-12-03.backup`: a logical, consistent backup of the configured
// database (embedded: under the data-folder lock, so stop the app first; server: a repeatable-read
// snapshot while it runs), with its sha256 in FILE.sha256 and each table's rows and checksum printed.
const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('usage: npm run backup -- --out FILE');
  process.exit(2);
}
const { db } = await openConfiguredDatabase();
try {
  const summary = await writeBackup(db.knex, db.engine, path.resolve(values.out));
  printTables(summary);
  console.log(`Backup written: ${summary.file} (${summary.bytes.toLocaleString('en')} bytes), sha256 ${summary.sha256} (also in ${summary.file}.sha256)`);
} finally {
  await db.close();
}
