import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError } from '../api/src/backup/backup-format';
import { restoreBackup } from '../api/src/backup/restore-backup';
import { openConfiguredDatabase } from './open-configured-database';
import { printTables } from './print-backup';

// `npm run restore -- --file FILE [--force]`: replaces the configured database's data with a backup,
// all or nothing. Refuses a backup from a newer schema, a damaged file, and (without --force) a
// database that already holds data.
const { values } = parseArgs({ options: { file: { type: 'string' }, force: { type: 'boolean' } } });
if (!values.file) {
  console.error('usage: npm run restore -- --file FILE [--force]');
  process.exit(2);
}
const { db } = await openConfiguredDatabase();
let exitCode = 0;
try {
  const summary = await restoreBackup(db.knex, path.resolve(values.file), { force: values.force ?? false });
  printTables(summary);
  console.log(`Restored ${summary.file} (sha256 ${summary.sha256}), taken ${summary.header.createdAt} on the ${summary.header.engine} engine; every table's rows and checksum match the backup.`);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
