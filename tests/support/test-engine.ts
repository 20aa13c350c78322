import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** The engine this test run uses: PUNTE_TEST_ENGINE, else 'embedded'. */
export function testEngine(): 'embedded' | 'server' {
  const engine = process.env.PUNTE_TEST_ENGINE ?? 'embedded';
  if (engine !== 'embedded' && engine !== 'server') throw new Error(`PUNTE_TEST_ENGINE must be embedded or server, got ${engine}`);
  if (engine === 'server' && !process.env.DATABASE_URL) throw new Error('PUNTE_TEST_ENGINE=server needs DATABASE_URL');
  return engine;
}

/** The password of every test account (admin, planner, caseworker, caseworker2, viewer). */
export const TEST_PASSWORD = 'test-password-123';

/** The identity encryption key of test apps (a server database refuses to start without a private one). */
export const TEST_IDENTITY_KEY = Buffer.alloc(32, 7).toString('base64');

/** The folder of the embedded template database of this run. */
export function embeddedTemplateDir(runId: string): string {
  return path.join(os.tmpdir(), `punte-test-template-${runId}`);
}

/** The name of the server template database of this run. */
export function serverTemplateName(runId: string): string {
  return `punte_tpl_${createHash('sha1').update(runId).digest('hex').slice(0, 10)}`;
}

/** Returns DATABASE_URL with its database name replaced. */
export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
