import type { BackupTable } from '../db/backup-tables';

// The backup file (issue 10): gzip of JSON lines. Line 1 is the header; every other line is one row,
// { t: table, r: [column texts] }, in the header's table order (referenced tables first).

export const BACKUP_FORMAT = 'punte-backup/1';

/** What a backup says of itself: the schema it came from and what each table held. */
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  engine: 'embedded' | 'server';
  /** The migrations applied to the database backed up, oldest first: its schema version. */
  migrations: string[];
  pendingMigrations: number;
  tables: Array<BackupTable & { rows: number; checksum: string }>;
};

/** What a backup or restore did, printed for the user and returned to tests. */
export type BackupSummary = { file: string; sha256: string; bytes: number; header: BackupHeader };

/** Thrown when a backup file cannot be restored here; the message says why and what to do. */
export class BackupError extends Error {}
