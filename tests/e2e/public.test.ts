import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePublicExport } from '../../scripts/export-public';
import { launchBrowser, renderedValues, signIn, waitForMapIdle } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = path.resolve('test-results');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts a plain static file server over `root` (like any web server or CDN would be); returns its URL and a stop function. */
async function serveStatic(root: string): Promise<{ url: string; requests: string[]; stop: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Returns the serious and critical WCAG 2.1 A/AA violations axe-core finds on the page, as short lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the public progress page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    // AxeBuilder needs a page of an explicit context (it opens frames in the same context).
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is linked from the login page and opens without signing in', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('link', { name: /harta publică/ }).click();
    await page.waitForURL(/\/public$/);
    await page.getByRole('heading', { level: 1, name: 'Progresul desegregării în Pata Rât' }).waitFor();
    // Nothing but /api/public/* is asked for: no session check, no case data.
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) requests.push(new URL(request.url()).pathname);
    });
    await page.reload();
    await page.getByTestId('key-figures').waitFor();
    await page.locator('[data-testid="public-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((p) => !p.startsWith('/api/public/'))).toEqual([]);
  });

  it('shows the key figures, the map of destination localities and the tables', async () => {
    const figures = page.getByTestId('key-figures');
    await expect.poll(() => figures.locator('[data-figure="households"] dd').first().textContent()).toMatch(/^\d+$/);
    expect(await figures.locator('[data-figure="share"] dd').first().textContent()).toMatch(/%/);
    await waitForMapIdle(page);
    const localities = await renderedValues(page, ['public-destinations-fill', 'public-destinations-hidden'], 'name');
    expect(localities).toEqual(expect.arrayContaining(['Cluj-Napoca', 'Florești']));
    // The public map draws areas only: no point of a household or a home anywhere.
    const geometryTypes = await page.evaluate(() => {
      type MapLike = { queryRenderedFeatures(): Array<{ geometry: { type: string } }> };
      const map = (window as unknown as { __punteMap: MapLike }).__punteMap;
      return [...new Set(map.queryRenderedFeatures().map((f) => f.geometry.type))];
    });
    expect(geometryTypes.filter((t) => t.includes('Point'))).toEqual([]);

    const destinations = page.getByRole('table', { name: /după localitatea de destinație/ });
    await expect.poll(() => destinations.getByRole('row').count()).toBeGreaterThanOrEqual(7);
    await expect.poll(() => destinations.getByRole('rowheader', { name: 'Florești' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /după așezarea de origine/ }).getByRole('rowheader', { name: 'Rampa' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Intervenții, cu progresul lor lunar/ }).getByRole('row').count()).toBeGreaterThan(10);
    expect(await page.getByRole('img', { name: /Gospodării mutate în timp/ }).count()).toBe(1);
    // Issue 12: the segregation trend, drawn from the published series and listed in a table.
    const trend = await (await page.request.get(`${app.baseUrl}/api/public/segregation`)).json();
    expect(await page.getByRole('img', { name: /Segregarea rezidențială în timp/ }).count()).toBe(1);
    expect(await page.getByTestId('segregation-table').locator('tbody tr').count()).toBe(trend.series.length);

    await page.getByRole('radio', { name: 'Așezări de origine' }).check();
    await page.locator('[data-testid="public-map"][data-view="origins"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await waitForMapIdle(page);
    const origins = await renderedValues(page, ['public-origins-fill', 'public-origins-hidden'], 'name');
    expect(origins).toEqual(expect.arrayContaining(['Cantonului', 'Rampa']));

    await page.getByRole('radio', { name: 'Zone de intervenție' }).check();
    await page.locator('[data-testid="public-map"][data-view="interventions"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await waitForMapIdle(page);
    expect(await renderedValues(page, ['public-interventions-fill'], 'name')).toEqual(expect.arrayContaining(['Pata Rât – zona de desegregare']));
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-page.png'), fullPage: true });
  });

  it('switches between Romanian, English and Hungarian', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Desegregation progress in Pata Rât' }).waitFor();
    await page.getByRole('table', { name: /by destination locality/ }).waitFor();
    await page.getByRole('button', { name: 'HU', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('hu');
    await page.getByRole('heading', { level: 1, name: 'A deszegregáció előrehaladása Pata Râtban' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Főbb adatok' }).waitFor();
    expect(await page.getByRole('button', { name: 'HU', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'RO', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ro');
    await page.getByRole('heading', { level: 2, name: 'Cifre cheie' }).waitFor();
  });

  it('works from the keyboard: skip link, language buttons, map view radios', async () => {
    await page.goto(`${app.baseUrl}/public`);
    await page.getByTestId('key-figures').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Salt la conținut');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('public-main');
    await page.getByRole('radio', { name: 'Localități de destinație' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Așezări de origine' }).isChecked()).toBe(true);
  });

  it('has no serious or critical accessibility violation (axe-core, WCAG 2.1 AA) in any language', { timeout: 240_000 }, async () => {
    await page.goto(`${app.baseUrl}/public`);
    await page.locator('[data-testid="public-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.locator('details.progress-chart__details summary').click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'HU', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Főbb adatok' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'RO', exact: true }).click();
  });

  it('runs from a static export on a plain web server, in a sub-folder, without the API', { timeout: 300_000 }, async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'punte-export-e2e-'));
    const server = await serveStatic(root);
    try {
      await writePublicExport(app.db.knex, app.config, path.join(root, 'progress'), { page: true });
      const exported = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await exported.goto(`${server.url}/progress/`);
      await exported.getByRole('heading', { level: 1, name: 'Progresul desegregării în Pata Rât' }).waitFor();
      await exported.getByTestId('key-figures').waitFor();
      await exported.locator('[data-testid="public-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
      expect(await renderedValues(exported, ['public-destinations-fill', 'public-destinations-hidden'], 'name')).toEqual(
        expect.arrayContaining(['Florești']),
      );
      // No sign-in link and no API call: only files of the export.
      expect(await exported.getByRole('link', { name: 'Autentificare personal' }).count()).toBe(0);
      expect(server.requests.filter((p) => p.startsWith('/api/'))).toEqual([]);
      expect(server.requests).toEqual(
        expect.arrayContaining(['/progress/data/progress.json', '/progress/data/origin-settlements.geojson', '/progress/data/segregation.json']),
      );
      await exported.close();
    } finally {
      await server.stop();
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it("shows a planner's recorded progress on the public timeline", { timeout: 180_000 }, async () => {
    const planner = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(planner, app.baseUrl, 'planner');
    await planner.goto(`${app.baseUrl}/interventions`);
    await planner.getByRole('heading', { level: 1, name: 'Intervenții' }).waitFor();
    const row = planner.getByRole('row').filter({ has: planner.getByRole('rowheader', { name: 'Someșeni: locuințe sociale mixte' }) });
    await row.getByRole('combobox').selectOption('under_way');
    await planner.getByText('Salvat.').waitFor();
    await row.getByRole('button', { name: 'Înregistrează progres' }).click();
    const form = planner.getByRole('form', { name: /Someșeni/ });
    await form.getByLabel('Data').fill('2026-10-15');
    await form.getByLabel('Progres (%)').fill('15');
    await form.getByLabel('Notă (internă)').fill('Teren predat constructorului');
    await form.getByRole('button', { name: 'Salvează' }).click();
    await expect.poll(() => row.textContent()).toContain('15 %');
    await planner.close();

    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await visitor.goto(`${app.baseUrl}/public`);
    const publicRow = visitor
      .getByRole('table', { name: /Intervenții, cu progresul lor lunar/ })
      .getByRole('row')
      .filter({ has: visitor.getByRole('rowheader', { name: 'Someșeni: locuințe sociale mixte' }) });
    await expect.poll(() => publicRow.textContent()).toMatch(/În desfășurare.*15\s?%.*oct\. 2026: 15\s?%/);
    expect(await publicRow.textContent()).not.toContain('Teren predat');
    await visitor.close();
  });
});
