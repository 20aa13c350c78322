import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_DIST_DIR } from '../../api/src/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';
import { testEngine } from '../support/test-engine';

describe('health, OpenAPI, headers and limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('reports engine, PostGIS version and migration state', async () => {
    const response = await app.anonymous.get('/api/health');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe('ok');
    expect(body.engine).toBe(testEngine());
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/);
    expect(body.migrations.pending).toEqual([]);
    expect(body.migrations.applied).toBeGreaterThanOrEqual(2);
  });

  it('publishes an OpenAPI 3.1 document generated from the request schemas', async () => {
    const doc = await (await app.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/health', '/api/zones', '/api/settlements/{id}', '/api/services', '/api/housing-units', '/api/auth/login']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const parameters = doc.paths['/api/services'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['bbox', 'limit', 'offset', 'category']));
    const category = doc.paths['/api/services'].get.parameters.find((p: { name: string }) => p.name === 'category');
    expect(JSON.stringify(category)).toContain('transit_stop');
  });

  it('sends security headers and a request id', async () => {
    const response = await app.anonymous.get('/api/health', { 'x-request-id': 'test-request-0001' });
    expect(response.headers.get('x-request-id')).toBe('test-request-0001');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
    const generated = await app.anonymous.get('/api/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const huge = JSON.stringify({ username: 'x', password: 'y'.repeat(11 * 1024 * 1024) });
    await expectProblem(await app.anonymous.post('/api/auth/login', huge), 413);
  });

  it('serves the client for its own pages (or says how to build it), whichever the checkout has', async () => {
    const built = fs.existsSync(path.join(CLIENT_DIST_DIR, 'index.html'));
    for (const page of ['/', '/households', '/plans/12', '/public']) {
      const response = await app.anonymous.get(page);
      expect(response.status, page).toBe(built ? 200 : 503);
      expect(response.headers.get('content-type'), page).toMatch(built ? /text\/html/ : /text\/plain/);
    }
  });

  it('answers raw UTF-8 in a query string with a problem+json 400 that has a body (issue 10)', async () => {
    const { port, hostname } = new URL(app.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = net.connect(Number(port), hostname, () => {
        socket.write(Buffer.concat([Buffer.from('GET /api/zones?q='), Buffer.from('Pată Rât', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
      });
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ status: 400, detail: expect.stringMatching(/percent-encoded/) });
  });

  it('answers 404 problem+json for paths outside /api that are not client pages (issue 10)', async () => {
    for (const probe of ['/collections', '/wfs', '/foo.json', '/some/client/route', '/households/1/2']) {
      const response = await app.anonymous.get(probe);
      expect(response.status, probe).toBe(404);
      expect(response.headers.get('content-type'), probe).toMatch(/application\/problem\+json/);
      expect((await response.json()).detail).toContain(probe);
    }
  });
});
