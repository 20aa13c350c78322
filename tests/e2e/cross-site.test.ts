import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-engine';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 17: a plain HTML form on another port of the same host imported data as the signed-in planner
// (another port is the same *site*, so the SameSite=Lax session cookie rode along). In Chromium, with a
// real session: the form writes nothing, and the same import from Punte's own page still works.

describe('cross-site writes in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let attacker: http.Server;
  let attackerUrl: string;
  const count = async (name: string) => Number((await app.db.knex('services').where({ name }).count<{ n: number }[]>({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    // The attacker's page: a form that posts a CSV as text/plain to Punte's import, submitted on load.
    attacker = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><body>
        <form id="f" method="POST" enctype="text/plain" action="${app.baseUrl}/api/imports?layer=services&amp;format=csv">
          <input type="hidden" name="name,category,lon,lat&#10;Statie CSRF,transit_stop,23.6,46.77&#10;x" value="1">
        </form>
        <script>document.getElementById('f').submit();</script>
      </body></html>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await browser?.close();
    attacker?.close();
    await app?.close();
  });

  it('refuses the form on another port although the session cookie is sent, and accepts the app’s own request', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login`);
    const login = await page.evaluate(async (password) => {
      const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password }) });
      return response.status;
    }, TEST_PASSWORD);
    expect(login).toBe(200);

    const answer = page.waitForResponse((response) => response.url().startsWith(`${app.baseUrl}/api/imports`));
    await page.goto(attackerUrl);
    const refused = await answer;
    expect((await refused.request().allHeaders()).cookie).toMatch(/punte_session=/);
    expect(refused.status()).toBe(403);
    expect(await count('Statie CSRF')).toBe(0);

    await page.goto(`${app.baseUrl}/login`);
    const own = await page.evaluate(async () => {
      const response = await fetch('/api/imports?layer=services&format=csv', {
        method: 'POST',
        headers: { 'content-type': 'text/csv', prefer: 'wait=30' },
        body: 'name,category,lon,lat\nStatie proprie,transit_stop,23.6,46.77\n',
      });
      return response.status;
    });
    expect(own).toBe(200);
    expect(await count('Statie proprie')).toBe(1);
    await context.close();
  });
});
