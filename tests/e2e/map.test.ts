import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, renderedValues, signIn, waitForMapIdle } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = path.resolve('test-results');

describe('the map in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('refuses a wrong password with a message', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Nume de utilizator').fill('planner');
    await page.getByLabel('Parolă').fill('not-the-password');
    await page.getByRole('button', { name: 'Autentificare' }).click();
    await page.getByRole('alert').filter({ hasText: 'greșită' }).waitFor();
  });

  it('logs in and draws the four Pata Rât settlements, services and housing units', async () => {
    await signIn(page, app.baseUrl, 'planner');
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await waitForMapIdle(page);
    const settlements = await renderedValues(page, ['settlements-fill'], 'name');
    expect(settlements).toHaveLength(4);
    expect(settlements.join(' ')).toMatch(/Cantonului.*|Dallas|Rampa|Colina Verde/);
    for (const name of ['Cantonului', 'Dallas', 'Colina Verde', 'Rampa']) {
      expect(settlements.some((s) => s.includes(name))).toBe(true);
    }
    const categories = await renderedValues(page, ['services-circle'], 'category');
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect((await renderedValues(page, ['housing-units-circle'], 'status')).length).toBeGreaterThan(0);
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-planner.png') });
  });

  it('switches the interface to English', async () => {
    await page.getByRole('button', { name: /^EN$/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: /^RO$/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ro');
  });
});
