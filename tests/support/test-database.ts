import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../api/src/db/database';
import { embeddedTemplateDir, serverTemplateName, testEngine, withDatabase } from './test-engine';

export type TestDatabase = {
  db: Database;
  /** Embedded: the copied data folder; server: the DATABASE_URL of the copy. */
  location: string;
  /** Closes and deletes the copy. */
  drop(): Promise<void>;
};

/** Returns a private copy of this run's seeded template database on the engine under test. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase('copy');
}

/** Returns a new, empty database (no PostGIS, no tables) on the engine under test. */
export function createEmptyTestDatabase(): Promise<TestDatabase> {
  return createDatabase('empty');
}

async function createDatabase(kind: 'copy' | 'empty'): Promise<TestDatabase> {
  const runId = inject('runId');
  const suffix = randomBytes(4).toString('hex');
  if (testEngine() === 'embedded') {
    const dir = path.join(os.tmpdir(), `punte-test-${runId}-${suffix}`);
    if (kind === 'copy') await fs.cp(embeddedTemplateDir(runId), dir, { recursive: true });
    const db = await openDatabase({ engine: 'embedded', dataDir: dir });
    return {
      db,
      location: dir,
      drop: async () => {
        await db.close();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.DATABASE_URL as string;
  const name = `punte_t_${suffix}`;
  const admin = await openDatabase({ engine: 'server', databaseUrl: serverUrl, poolSize: 1 });
  // Two files copying the template at once may collide ("being accessed by other users"): retry.
  for (let attempt = 1; ; attempt++) {
    try {
      if (kind === 'copy') await admin.knex.raw('create database ?? template ??', [name, serverTemplateName(runId)]);
      else await admin.knex.raw('create database ??', [name]);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
  const url = withDatabase(serverUrl, name);
  const db = await openDatabase({ engine: 'server', databaseUrl: url, poolSize: 25 });
  return {
    db,
    location: url,
    drop: async () => {
      await db.close();
      await admin.knex.raw('drop database if exists ?? with (force)', [name]);
      await admin.close();
    },
  };
}
