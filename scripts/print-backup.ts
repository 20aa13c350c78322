import type { BackupSummary } from '../api/src/backup/backup-format';

/** Prints each table of a backup with its rows and checksum, the figures to compare after a restore. */
export function printTables(summary: BackupSummary): void {
  const width = Math.max(...summary.header.tables.map((t) => t.name.length));
  for (const table of summary.header.tables) {
    console.log(`  ${table.name.padEnd(width)}  ${String(table.rows).padStart(8)} rows  md5 ${table.checksum}`);
  }
}
