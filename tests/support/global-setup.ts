import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { hashPassword } from '../../api/src/auth/password';
import { openDatabase, type Database } from '../../api/src/db/database';
import { ensureDemoUsers } from '../../api/src/db/demo-users';
import { migrateToLatest } from '../../api/src/db/migrations';
import { seedDemo } from '../../api/src/db/seed-demo';
import { upsertUser } from '../../api/src/db/users';
import { embeddedTemplateDir, serverTemplateName, TEST_PASSWORD, testEngine, withDatabase } from './test-engine';

// Builds one migrated and seeded template database per run; every test file gets its own copy
// (a folder copy for PGlite, CREATE DATABASE ... TEMPLATE on the server), so files never share rows.

async function prepareTemplate(db: Database): Promise<void> {
  await migrateToLatest(db.knex);
  await ensureDemoUsers(db.knex, TEST_PASSWORD);
  await upsertUser(db.knex, {
    username: 'caseworker2',
    displayName: 'Second caseworker (test)',
    role: 'caseworker',
    passwordHash: await hashPassword(TEST_PASSWORD),
  });
  await seedDemo(db.knex);
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}-${Date.now()}`;
  const engine = testEngine();
  project.provide('runId', runId);
  if (engine === 'embedded') {
    const dir = embeddedTemplateDir(runId);
    const db = await openDatabase({ engine: 'embedded', dataDir: dir });
    await prepareTemplate(db);
    await db.close();
    return async () => {
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const serverUrl = process.env.DATABASE_URL as string;
  const admin = await openDatabase({ engine: 'server', databaseUrl: serverUrl, poolSize: 1 });
  const template = serverTemplateName(runId);
  await admin.knex.raw('drop database if exists ??', [template]);
  await admin.knex.raw('create database ??', [template]);
  const db = await openDatabase({ engine: 'server', databaseUrl: withDatabase(serverUrl, template), poolSize: 1 });
  await prepareTemplate(db);
  await db.close();
  return async () => {
    await admin.knex.raw('drop database if exists ?? with (force)', [template]);
    await admin.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
  }
}
