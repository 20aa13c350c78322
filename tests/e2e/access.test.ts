import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, renderedValues, signIn, waitForMapIdle } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 4 in the browser: the access grid and catchment rings are drawn (read with
// queryRenderedFeatures, not pixels), a click on the map opens an access card, the communities'
// cards list their nearest services, and the comparison page sets Pata Rât beside the city average.

const SCREENSHOTS = path.resolve('test-results');
/** The first grid build runs every hexagon through the nearest-service query: allow for a slow machine. */
const SLOW = 180_000;
const PIATA_UNIRII: [number, number] = [23.58932, 46.76996];
/** A distance as the card writes it (Romanian), e.g. "850 m" or "3,9 km". */
const DISTANCE = /\d[\d.]*(,\d+)? (m|km)\b/;

type MapLike = {
  queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
  project(position: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
};

function renderedCount(page: Page, layer: string): Promise<number> {
  return page.evaluate(
    (id) => (window as unknown as { __punteMap: MapLike }).__punteMap.queryRenderedFeatures({ layers: [id] }).length,
    layer,
  );
}

describe('service access in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await fs.mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('switches on the access grid and catchment rings and draws them', { timeout: SLOW }, async () => {
    await signIn(page, app.baseUrl, 'planner');
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });

    const gridItem = page.locator('[data-layer="access-grid"]');
    await page.getByLabel('Grila de acces').check();
    // "Se calculează…" while the server builds the grid, then the number of hexagons.
    await expect.poll(() => gridItem.getByRole('status').textContent(), { timeout: SLOW }).toMatch(/hexagoane/);
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'access-grid-fill')).toBeGreaterThan(100);
    const scores = (await renderedValues(page, ['access-grid-fill'], 'score')).map(Number);
    expect(scores.every((s) => s >= 0 && s <= 100)).toBe(true);
    // The city centre is well served and the outskirts are not: the ramp spans both ends.
    expect(Math.min(...scores)).toBeLessThan(20);
    expect(Math.max(...scores)).toBeGreaterThan(80);

    await page.getByLabel('Scorul afișat').selectOption('family_doctor');
    await expect.poll(() => gridItem.getByRole('status').textContent(), { timeout: SLOW }).toMatch(/hexagoane/);
    await waitForMapIdle(page);
    const nearest = (await renderedValues(page, ['access-grid-fill'], 'nearestM')).filter((v) => v !== 'null');
    expect(nearest.length).toBeGreaterThan(10);

    const catchmentItem = page.locator('[data-layer="access-catchments"]');
    await page.getByLabel('Zone de deservire (500 m / 1 km)').check();
    await page.getByLabel('În jurul serviciilor din categoria').selectOption('transit_stop');
    await expect.poll(() => catchmentItem.getByRole('status').textContent(), { timeout: SLOW }).toMatch(/\d+ servicii/);
    await waitForMapIdle(page);
    expect(await renderedValues(page, ['access-catchments-fill'], 'radiusM')).toEqual(['1000', '500']);
    expect(await renderedValues(page, ['access-catchments-fill'], 'category')).toEqual(['transit_stop']);
    expect(await renderedCount(page, 'access-catchments-line')).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'access-overlays.png') });
  });

  it('opens an access card by clicking on the map', { timeout: SLOW }, async () => {
    await page.getByLabel('Grila de acces').uncheck();
    await page.getByLabel('Acces aici: clic pe hartă').check();
    const point = await page.evaluate((position) => {
      const map = (window as unknown as { __punteMap: MapLike }).__punteMap;
      const at = map.project(position);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    }, PIATA_UNIRII);
    await page.mouse.click(point.x, point.y);

    const card = page.locator('[data-testid="access-card"][data-state="ready"]');
    await card.waitFor({ timeout: SLOW });
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent()).toBe('Locul ales pe hartă');
    for (const [category, label] of [
      ['school', 'Școală'],
      ['family_doctor', 'Medic de familie'],
      ['transit_stop', 'Stație de transport public'],
      ['social_services', 'Servicii sociale'],
    ]) {
      const item = card.locator(`[data-category="${category}"]`);
      await expect.poll(() => item.getByRole('heading').textContent()).toContain(label);
      expect(await item.getByTestId('access-distance').textContent()).toMatch(DISTANCE);
      expect(await item.getByTestId('access-distance').textContent()).toMatch(/min pe jos/);
      expect(await item.textContent()).toMatch(/Al 3-lea cel mai apropiat/);
      expect(await item.textContent()).toMatch(/Câte în 500 m \/ 1 km \/ 2 km\d+ \/ \d+ \/ \d+/);
    }
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'access-origin')).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'access-card.png') });

    await page.getByRole('button', { name: 'Închide cardul de acces' }).click();
    expect(await page.getByTestId('access-card').count()).toBe(0);
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'access-origin')).toBe(0);
  });

  it("offers access from each Pata Rât community's details, population-weighted and at its point", { timeout: SLOW }, async () => {
    await page.getByLabel('Acces aici: clic pe hartă').uncheck();
    for (const name of ['Cantonului', 'Dallas', 'Colina Verde', 'Rampa']) {
      await page.getByRole('button', { name: new RegExp(`^Arată ${name}`) }).click();
      await page.getByTestId('feature-details').getByRole('button', { name: new RegExp(`^Acces la servicii din ${name}`) }).click();
      const card = page.locator('[data-testid="access-card"][data-state="ready"]');
      await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent(), { timeout: SLOW }).toContain(name);
      // A community has a known population: the card says its figures are population-weighted.
      expect(await card.getByLabel('Media ponderată cu populația').isChecked()).toBe(true);
      expect(await card.textContent()).toMatch(/Media pentru [\d.]+ locuitori/);
      await card.getByLabel('Punctul reprezentativ').check();
      for (const category of ['school', 'family_doctor', 'transit_stop', 'social_services']) {
        const item = card.locator(`[data-category="${category}"]`);
        expect(await item.getByTestId('access-distance').textContent()).toMatch(DISTANCE);
        expect((await item.locator('.access-category__nearest').textContent())?.length).toBeGreaterThan(3);
      }
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'access-settlement-card.png') });
  });

  it('compares the Pata Rât communities with the city average', { timeout: SLOW }, async () => {
    await page.getByRole('link', { name: 'Comparație acces' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparație acces' }).waitFor();
    const table = page.getByRole('table');
    await table.waitFor({ timeout: SLOW });
    for (const name of ['Cantonului', 'Dallas', 'Colina Verde', 'Rampa']) {
      await expect.poll(() => table.getByRole('row', { name: new RegExp(name) }).count()).toBe(1);
    }
    const cityAverage = table.getByRole('row', { name: /Cluj-Napoca — media orașului/ });
    expect(await cityAverage.count()).toBe(1);
    expect(await cityAverage.textContent()).toMatch(/ponderat cu populația/);
    expect(await table.getByRole('row', { name: /Florești/ }).count()).toBe(1);

    const unitPicker = page.getByLabel('Locuința', { exact: true });
    await expect.poll(() => unitPicker.locator('option').count()).toBeGreaterThan(1);
    const firstUnit = await unitPicker.locator('option').nth(1).getAttribute('value');
    await unitPicker.selectOption(firstUnit as string);
    await page.getByRole('button', { name: 'Adaugă în comparație' }).click();
    await expect.poll(() => table.locator('tr[data-kind="housing-unit"]').count(), { timeout: SLOW }).toBe(1);
    expect(page.url()).toContain(`units=${firstUnit}`);

    // A chart for the overall score and one per category, each titled for assistive technology.
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(11);
    expect(await charts.first().locator('title').first().textContent()).toMatch(/Scor de acces/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'access-comparison.png'), fullPage: true });
  });
});
