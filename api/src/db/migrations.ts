import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { ROOT_DIR } from '../paths';

const MIGRATIONS_DIR = path.join(ROOT_DIR, 'migrations');

type MigrationModule = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/**
 * Reads migrations/ ourselves instead of letting knex `require` them, so the same TypeScript
 * files load under tsx, Vitest and any other runtime that can import .ts.
 */
const directorySource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const files = await fs.readdir(MIGRATIONS_DIR);
    return files.filter((file) => /^\d{14}_[a-z0-9_]+\.ts$/.test(file)).sort();
  },
  getMigrationName: (file) => file.replace(/\.ts$/, ''),
  async getMigration(file) {
    return (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as MigrationModule;
  },
};

const migrationConfig: Knex.MigratorConfig = { migrationSource: directorySource };

/** Applies every pending migration; returns the names it applied (empty when up to date). */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

/** Reverts every applied migration, newest first; returns the names it reverted. */
export async function rollbackAll(knex: Knex): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(migrationConfig, true)) as [number, string[]];
  return reverted;
}

export type MigrationState = { applied: string[]; pending: string[] };

/** Returns which migrations are applied and which are still pending. */
export async function getMigrationState(knex: Knex): Promise<MigrationState> {
  const [completed, pending] = (await knex.migrate.list(migrationConfig)) as [Array<{ name: string }>, Array<{ file: string }> | string[]];
  return {
    applied: completed.map((m) => m.name),
    pending: pending.map((m) => directorySource.getMigrationName(typeof m === 'string' ? m : m.file)),
  };
}

/** Returns the names of every migration this version of Punte has, oldest first. */
export async function listKnownMigrations(): Promise<string[]> {
  return (await directorySource.getMigrations([])).map((file) => directorySource.getMigrationName(file));
}

/**
 * Brings the schema to exactly the migrations `names` (a prefix of the known ones, as a backup
 * records them): reverts newer applied ones, newest first, then applies the missing ones in order.
 */
export async function migrateToExactly(knex: Knex, names: readonly string[]): Promise<void> {
  const wanted = new Set(names);
  const { applied } = await getMigrationState(knex);
  for (const name of [...applied].reverse()) {
    if (!wanted.has(name)) await knex.migrate.down({ ...migrationConfig, name });
  }
  const now = new Set((await getMigrationState(knex)).applied);
  for (const name of names) {
    if (!now.has(name)) await knex.migrate.up({ ...migrationConfig, name });
  }
}
