import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, renderedValues, signIn, waitForMapIdle } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 12 in the browser: a planner opens the segregation page from the navigation, reads the indices
// and their series, sees the location quotient map with its legend, and simulates two proposals filled
// from batch matching and from the plans on the board, side by side — without anything being written.

const SLOW = 120_000;

describe('segregation page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the indices, the series and the quotient map with its legend', { timeout: SLOW }, async () => {
    await signIn(page, app.baseUrl, 'planner');
    await page.getByRole('link', { name: 'Segregare' }).click();
    await page.getByRole('heading', { name: /Indici în \d{4}-\d{2}/ }).waitFor({ timeout: 60_000 });
    const api = await (await page.request.get(`${app.baseUrl}/api/analysis/segregation?units=neighbourhood`)).json();
    const d = page.locator('[data-index="dissimilarity"] .segregation-figure__value');
    await expect.poll(() => d.textContent()).toBe(api.indices.dissimilarity.toFixed(2).replace('.', ','));
    await expect(page.getByText(/60 % ar trebui să se mute/).count()).resolves.toBe(1);
    // Three lines over the months since the first move.
    expect(await page.locator('.segregation-chart path[data-line]').count()).toBe(3);

    await page.locator('[data-testid="segregation-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await waitForMapIdle(page);
    const keys = await renderedValues(page, ['segregation-fill'], 'key');
    expect(keys.length).toBeGreaterThan(5);
    expect((await renderedValues(page, ['segregation-hotspots'], 'building')).length).toBe(api.concentration.buildings.filter((b: { over: boolean }) => b.over).length);
    await expect(page.locator('.segregation-legend li').count()).resolves.toBe(8);

    // Localities: fewer units, and the month can be chosen.
    await page.getByLabel('Unități').selectOption('locality');
    await expect.poll(async () => (await renderedValues(page, ['segregation-fill'], 'key')).length, { timeout: 30_000 }).toBe(5);

    const violations = await new AxeBuilder({ page }).include('.segregation-page').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(violations.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('simulates a batch proposal beside the plans chosen on the board and writes nothing', { timeout: SLOW }, async () => {
    await page.getByLabel('Unități').selectOption('neighbourhood');
    const plans = Number((await app.db.knex('relocation_plans').count({ n: '*' }))[0]?.n);
    const units = await app.db.knex('housing_units').select('id', 'status').orderBy('id');
    for (const label of ['A', 'B']) {
      const proposal = page.locator(`[data-proposal="${label}"]`);
      await proposal.getByRole('button', { name: 'Completează cu potrivirea pe lot' }).click();
      await expect.poll(() => proposal.locator('.segregation-move-count').textContent(), { timeout: 60_000 }).toMatch(/\d+ mutări|o mutare/);
    }
    // B from the plans on the board instead: every matched or approved plan's household and flat.
    const b = page.locator('[data-proposal="B"]');
    await b.getByRole('button', { name: 'Completează cu planurile potrivite și aprobate' }).click();
    const chosen = Number(
      (await app.db.knex('relocation_plans as p').join('households as h', 'h.id', 'p.household_id').whereIn('p.state', ['matched', 'approved']).whereNotNull('h.settlement_id').count({ n: '*' }))[0]?.n,
    );
    expect(chosen).toBeGreaterThan(0);
    await expect.poll(() => b.locator('.segregation-moves li').count(), { timeout: 30_000 }).toBe(chosen);
    // A move removed again, by its labelled button.
    const a = page.locator('[data-proposal="A"]');
    const before = await a.locator('.segregation-moves li').count();
    await a.getByRole('button', { name: /^Elimină mutarea/ }).first().click();
    expect(await a.locator('.segregation-moves li').count()).toBe(before - 1);

    await page.getByRole('button', { name: 'Simulează' }).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.locator('thead th').allTextContents()).toEqual(['', 'Acum', 'După A', 'După B']);
    // Moving families out of Pata Rât lowers D in both proposals.
    const row = await result.locator('[data-index="dissimilarity"] td').allTextContents();
    const value = (text: string) => Number(text.split(' ')[0]?.replace(',', '.'));
    // Cells: now, after A, after B (each "0,73 (−0,02)").
    expect(value(row[1] as string)).toBeLessThan(value(row[0] as string));
    expect(value(row[2] as string)).toBeLessThan(value(row[0] as string));
    await expect(page.getByText('Nimic nu a fost scris').count()).resolves.toBe(1);
    expect(Number((await app.db.knex('relocation_plans').count({ n: '*' }))[0]?.n)).toBe(plans);
    expect(await app.db.knex('housing_units').select('id', 'status').orderBy('id')).toEqual(units);
  });
});
