import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/src/app';
import { loadConfig, type Config } from '../../api/src/config';
import type { Database } from '../../api/src/db/database';
import { answerClientErrors } from '../../api/src/http/client-error';
import { createLogger } from '../../api/src/logger';
import { createTestDatabase } from './test-database';
import { TEST_IDENTITY_KEY, TEST_PASSWORD } from './test-engine';

/** A fetch Response whose JSON body tests may read without declaring its type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

/** A fetch wrapper that keeps one session cookie, like one browser. */
export type ApiClient = {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  patch(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  delete(path: string, headers?: Record<string, string>): Promise<TestResponse>;
};

export type TestApp = {
  baseUrl: string;
  db: Database;
  config: Config;
  /** A client without a session. */
  anonymous: ApiClient;
  /** Returns a client signed in as `username` (password TEST_PASSWORD). */
  as(username: string): Promise<ApiClient>;
  close(): Promise<void>;
};

function createClient(baseUrl: string): ApiClient {
  let cookie: string | undefined;
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    return response as TestResponse;
  };
  return {
    request,
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body, headers),
    patch: (path, body, headers) => request('PATCH', path, body, headers),
    delete: (path, headers) => request('DELETE', path, undefined, headers),
  };
}

/** Starts the real app on an ephemeral port over a private copy of the seeded test database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    PUNTE_LOG_LEVEL: 'silent',
    PORT: '0',
    SESSION_SECRET: 'test-session-secret-0123456789',
    PUNTE_IDENTITY_KEY: TEST_IDENTITY_KEY,
    ...(testDb.db.engine === 'server' ? { DATABASE_URL: testDb.location } : { PUNTE_DATA_DIR: testDb.location }),
    ...env,
  });
  const app = createApp({ db: testDb.db, config, logger: createLogger(config.logLevel) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  answerClientErrors(server);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    db: testDb.db,
    config,
    anonymous: createClient(baseUrl),
    async as(username: string) {
      const client = createClient(baseUrl);
      const response = await client.post('/api/auth/login', { username, password: TEST_PASSWORD });
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
      return client;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testDb.drop();
    },
  };
}
