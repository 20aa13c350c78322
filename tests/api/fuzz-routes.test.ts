import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumTable, listBackupTables } from '../../api/src/db/backup-tables';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app';

// Issue 17: every route of the OpenAPI document gets families of hostile input (NUL bytes, ids beyond
// the column type, ids that are not plain digits, non-dates, malformed and 5,000-deep JSON, values of the
// wrong type) as an admin (who passes every permission) and without a session. The fuzz fails on any 5xx,
// on any error that is not problem+json, on a hostile write that is accepted, and on any change of a
// data table. It is seeded and bounded: the same requests every run.

type Operation = {
  parameters?: Array<{ name: string; in: 'query' | 'path' | 'header' }>;
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
};
type Attempt = { method: string; path: string; body?: string; contentType?: string; family: string };

/** A small seeded PRNG (mulberry32), so a failing request can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_IDS = ['3000000000', '0x1', '%201', '1e3', '-1', '%00', '%C4%83', '99999999999999999999'];
const WRONG_VALUES: unknown[] = [{}, [], 3_000_000_000, -1, 1e308, 'soon', true, '', 'x'.repeat(10_000)];
const DEEP_JSON = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** Returns the hostile requests of one operation. */
function attemptsOf(method: string, template: string, operation: Operation, random: () => number): Attempt[] {
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const fill = (value: (name: string) => string) => template.replace(/\{(\w+)\}/g, (_m, name: string) => value(name));
  const validPath = fill(() => '1');
  const attempts: Attempt[] = [];
  for (const name of queryParams.length > 0 ? queryParams : ['q']) {
    attempts.push({ method, path: `${validPath}?${name}=a%00b`, family: `NUL in ?${name}` });
  }
  for (const name of queryParams) {
    const value = ['3000000000', 'soon', '0x1', '%C4%83%00', '-1'][Math.floor(random() * 5)] as string;
    attempts.push({ method, path: `${validPath}?${name}=${value}&${name}=${value}`, family: `hostile ?${name}` });
  }
  for (const name of pathParams) {
    for (const id of HOSTILE_IDS) attempts.push({ method, path: fill((n) => (n === name ? id : '1')), family: `{${name}} = ${id}` });
  }
  if (WRITE_METHODS.has(method)) {
    const json = 'application/json';
    attempts.push({ method, path: validPath, body: '{"a":', contentType: json, family: 'malformed JSON' });
    attempts.push({ method, path: validPath, body: DEEP_JSON, contentType: json, family: '5,000-deep JSON' });
    attempts.push({ method, path: validPath, body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', family: 'form body' });
    const properties = Object.keys(operation.requestBody?.content?.[json]?.schema?.properties ?? {});
    if (properties.length > 0) {
      attempts.push({ method, path: validPath, body: JSON.stringify(Object.fromEntries(properties.map((p) => [p, `soon\u0000`]))), contentType: json, family: 'NUL in every field' });
      for (let round = 0; round < 3; round++) {
        const body = Object.fromEntries(properties.map((p) => [p, WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)]]));
        // One field the schema does not have makes the body invalid however the others fall.
        attempts.push({ method, path: validPath, body: JSON.stringify({ ...body, notAField: 1 }), contentType: json, family: `wrong types #${round}` });
      }
    }
  }
  return attempts;
}

/** Returns each data table's rows and checksum (audit rows and sessions may grow: they record the attempts). */
async function dataTables(app: TestApp): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const table of await listBackupTables(app.db.knex)) {
    if (table.name === 'audit_log' || table.name === 'sessions') continue;
    figures[table.name] = await checksumTable(app.db.knex, table);
  }
  return figures;
}

describe('fuzzing every route with hostile input', () => {
  let app: TestApp;
  let admin: ApiClient;
  let attempts: Attempt[];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as('admin');
    const document = await (await app.anonymous.get('/api/openapi.json')).json();
    const random = prng(20261203);
    attempts = [];
    for (const [template, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) attempts.push(...attemptsOf(method, template, operation, random));
    }
  });
  afterAll(async () => app?.close());

  it('answers every hostile request with a 4xx problem (or a harmless read), never a 5xx, and changes no data', async () => {
    expect(attempts.length).toBeGreaterThan(400);
    const before = await dataTables(app);
    const failures: string[] = [];
    for (const [client, who] of [[admin, 'admin'], [app.anonymous, 'anonymous']] as const) {
      for (const attempt of attempts) {
        const headers: Record<string, string> = attempt.contentType ? { 'content-type': attempt.contentType } : {};
        const response = await client.request(attempt.method.toUpperCase(), attempt.path, attempt.body, headers);
        const type = response.headers.get('content-type') ?? '';
        const where = `${who} ${attempt.method.toUpperCase()} ${attempt.path.slice(0, 120)} (${attempt.family}) → ${response.status}`;
        if (response.status >= 500) failures.push(`${where}: ${(await response.text()).slice(0, 200)}`);
        else if (response.status >= 400 && !/^application\/problem\+json/.test(type)) failures.push(`${where}: not problem+json (${type})`);
        else if (response.status < 400 && WRITE_METHODS.has(attempt.method)) failures.push(`${where}: a hostile write was accepted`);
        else await response.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
    expect(await dataTables(app)).toEqual(before);
  }, 600_000);
});
