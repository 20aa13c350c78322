import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 5, acceptance: a caseworker creates a household, opens a plan, picks a suggested unit, approves
// it and records the move; the timeline shows each step with actor and time, and the unit is occupied.
// Everything is found by role and label, in Romanian (the default language).

const SCREENSHOTS = path.resolve('test-results');
const CASEWORKER = 'Asistent social (demo)';

/** Returns the serious and critical WCAG 2.1 A/AA violations in the page's main content, as short lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The steps run in order on one page; the shared test machine can be slow, so each step gets two minutes.
describe('relocation tracking in Chromium', { timeout: 120_000 }, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let householdCode = '';
  let planPath = '';
  let unitCode = '';
  let householdId = '';
  const pageErrors: string[] = [];

  /** The page's own title (the header's brand is a heading too). */
  const heading = () => page.getByRole('main').getByRole('heading', { level: 1 });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });

  /** Opens the step `state` of the transition panel, fills the note and confirms; waits for the announcement. */
  async function advance(state: string, note: string, fill?: (form: Locator) => Promise<void>) {
    await page.getByRole('button', { name: `Treci la: ${state}` }).click();
    const form = page.getByRole('form', { name: `Trecere la starea ${state}` });
    if (fill) await fill(form);
    await form.getByLabel('Notă (opțional)').fill(note);
    await form.getByRole('button', { name: `Confirmă trecerea la „${state}”` }).click();
    await page.getByRole('status').filter({ hasText: `Planul a trecut în starea „${state}”.` }).waitFor();
    await expect.poll(() => heading().textContent()).toContain(state);
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    // axe-core needs a page of an explicit context.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await fs.mkdir(SCREENSHOTS, { recursive: true });
  });
  afterEach(async (context) => {
    // A failed step leaves a picture of the page behind, to see what the user would have seen.
    if (context.task.result?.state === 'fail') console.error(`errors in the page: ${pageErrors.join('\n') || 'none'}`);
    if (context.task.result?.state === 'fail') await page?.screenshot({ path: path.join(SCREENSHOTS, `relocation-failure-${context.task.name.slice(0, 24).replace(/\W+/g, '-')}.png`), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a caseworker register a household from the households table', async () => {
    await signIn(page, app.baseUrl, 'caseworker');
    await page.getByRole('navigation', { name: 'Navigare principală' }).getByRole('link', { name: 'Gospodării' }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Gospodării' }).waitFor();
    const table = page.getByRole('table', { name: 'Gospodăriile găsite' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining(['Cod', 'Comunitate', 'Persoane', 'Prioritate', 'Plan']),
    );
    expect(await seriousViolations(page)).toEqual([]);

    // Filtering by plan state narrows the table to households without a plan.
    const rows = table.getByRole('row');
    const withoutPlan = table.getByRole('cell', { name: 'Fără plan' });
    await page.getByRole('search', { name: 'Filtre' }).getByLabel('Starea planului').selectOption({ label: 'Fără plan' });
    await expect.poll(async () => (await rows.count()) - 1 === (await withoutPlan.count()) && (await withoutPlan.count()) > 0).toBe(true);
    await page.getByRole('button', { name: 'Șterge filtrele' }).click();

    await page.getByRole('button', { name: 'Gospodărie nouă' }).click();
    const form = page.getByRole('form', { name: 'Înregistrează o gospodărie' });
    await form.getByLabel('Comunitate de origine').selectOption({ label: 'Dallas' });
    await form.getByLabel('Adulți', { exact: true }).fill('2');
    await form.getByLabel('Copii', { exact: true }).fill('2');
    await form.getByRole('checkbox', { name: 'Aproape de școală' }).check();
    await form.getByLabel('Prioritate').selectOption({ label: 'Ridicată' });
    await shot('relocation-household-form.png');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Creează gospodăria' }).click();

    const title = page.getByRole('main').getByRole('heading', { level: 1, name: /^Gospodăria HH-\d{4,}$/ });
    await title.waitFor();
    householdCode = ((await title.textContent()) ?? '').replace('Gospodăria ', '');
    expect(householdCode).toMatch(/^HH-\d{4,}$/);
    householdId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.getByText('2 adulți, 2 copii, 0 vârstnici, 0 cu dizabilități').count()).toBe(1);
    expect(await page.getByText('Asistent social (demo) (dvs.)').count()).toBe(1);
  });

  it('shows the identity only on request, saying that the read is audited, and erases it after a confirmation', async () => {
    const identity = page.getByRole('region', { name: 'Identitate' });
    await identity.getByText('Fiecare afișare a identității este înregistrată în jurnalul de audit').waitFor();
    await identity.getByRole('button', { name: 'Arată identitatea' }).click();
    await identity.getByText('Nu este înregistrată nicio identitate').waitFor();
    await identity.getByRole('button', { name: 'Înregistrează identitatea' }).click();
    await identity.getByLabel('Nume (Membrul 1)').fill('Persoană De Test');
    await identity.getByLabel('Telefon').fill('0712 345 678');
    await identity.getByRole('button', { name: 'Salvează' }).click();
    await identity.getByRole('status').filter({ hasText: 'Identitatea a fost salvată' }).waitFor();
    await identity.getByText('Persoană De Test').waitFor();
    // Hidden again, it is read anew (and audited) only when asked for.
    await identity.getByRole('button', { name: 'Ascunde identitatea' }).click();
    expect(await identity.getByText('Persoană De Test').count()).toBe(0);
    await identity.getByRole('button', { name: 'Arată identitatea' }).click();
    await identity.getByText('Persoană De Test').waitFor();
    await shot('relocation-household.png');

    // Erasing asks first; Cancel keeps the identity.
    await identity.getByRole('button', { name: 'Șterge identitatea' }).click();
    const dialog = page.getByRole('dialog', { name: `Ștergeți identitatea gospodăriei ${householdCode}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Renunță' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await identity.getByText('Persoană De Test').count()).toBe(1);
    await identity.getByRole('button', { name: 'Șterge identitatea' }).click();
    await dialog.getByRole('button', { name: 'Da, șterge identitatea' }).click();
    await identity.getByRole('status').filter({ hasText: 'Identitatea a fost ștearsă.' }).waitFor();

    // The API agrees: the identity is erased, and the read was audited.
    const admin = await app.as('admin');
    const record = await (await admin.get(`/api/households/${householdId}/identity`)).json();
    expect(record.identity).toBeNull();
    expect(record.erasedAt).toBeTruthy();
  });

  it('opens a plan and takes it from draft to moved, picking a suggested unit', async () => {
    await page.getByRole('button', { name: 'Deschide un plan de relocare' }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: /^Planul PL-\d{4,}/ }).waitFor();
    planPath = new URL(page.url()).pathname;
    expect(planPath).toMatch(/^\/plans\/\d+$/);
    expect(await heading().textContent()).toContain('Ciornă');

    // Only the allowed next states are offered.
    const steps = page.getByRole('group', { name: 'Pasul următor' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual(['Treci la: Evaluat', 'Treci la: Suspendat', 'Treci la: Anulat']);

    await advance('Evaluat', 'Evaluare socială făcută la domiciliu');

    // The suggested units carry their score breakdown; pick the best eligible one.
    const candidates = page.getByRole('table', { name: 'Locuințele propuse și scorurile lor' });
    await candidates.waitFor();
    expect(await candidates.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining(['Scor', 'Din ce se compune', 'Avertismente']),
    );
    expect(await candidates.getByText(/^Mărime .*pers\.\/cameră/).count()).toBeGreaterThan(0);
    expect(await candidates.getByText(/^Concentrare −/).count()).toBeGreaterThan(0);
    await shot('relocation-candidates.png');
    expect(await seriousViolations(page)).toEqual([]);
    const pick = candidates.getByRole('button', { name: /^Alege locuința /, disabled: false }).first();
    unitCode = ((await pick.getAttribute('aria-label')) ?? '').replace('Alege locuința ', '');
    expect(unitCode).not.toBe('');
    await pick.click();
    await page.getByRole('status').filter({ hasText: `Locuința ${unitCode} a fost aleasă pentru plan.` }).waitFor();
    await expect.poll(() => heading().textContent()).toContain('Locuință aleasă');
    const summary = page.getByRole('region', { name: 'Rezumat' });
    await expect.poll(() => summary.getByTestId('unit-status').textContent()).toBe('Rezervată');

    await advance('Aprobat', 'Aprobat în ședința unității de incluziune');
    await advance('Mutat', 'Familia s-a mutat', async (form) => {
      const date = form.getByLabel('Data mutării');
      expect(await date.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    await expect.poll(() => summary.getByTestId('unit-status').textContent()).toBe('Ocupată');

    // A support measure is added and its status changed.
    const support = page.getByRole('region', { name: 'Măsuri de sprijin' });
    const add = support.getByRole('form', { name: 'Adaugă o măsură' });
    await add.getByLabel('Tipul măsurii').selectOption({ label: 'Înscriere la școală' });
    await add.getByRole('button', { name: 'Adaugă o măsură' }).click();
    const status = support.getByRole('combobox', { name: 'Starea măsurii Înscriere la școală' });
    await status.waitFor();
    expect(await status.inputValue()).toBe('planned');
    await status.selectOption({ label: 'Realizată' });
    await expect.poll(() => support.getByRole('row').filter({ hasText: 'Înscriere la școală' }).count()).toBe(1);
    await expect.poll(() => status.inputValue()).toBe('done');
    expect(await page.getByRole('group', { name: 'Pasul următor' }).getByRole('button').allTextContents()).toEqual([
      'Treci la: Urmărit după mutare',
      'Treci la: Suspendat',
      'Treci la: Anulat',
    ]);
  });

  it('shows every step in the timeline with its actor and time', async () => {
    const timeline = page.getByRole('region', { name: 'Istoric' }).getByRole('list');
    const items = timeline.getByRole('listitem');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(5);
    const texts = await items.allTextContents();
    const steps = ['Plan creat (Ciornă)', 'Ciornă → Evaluat', 'Evaluat → Locuință aleasă', 'Locuință aleasă → Aprobat', 'Aprobat → Mutat'];
    for (const [index, step] of steps.entries()) {
      expect(texts[index]).toContain(step);
      expect(texts[index]).toContain(`de ${CASEWORKER}`);
    }
    expect(texts[1]).toContain('Evaluare socială făcută la domiciliu');
    // Each event carries a machine-readable time, today.
    const times = await timeline.locator('time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect(times).toHaveLength(texts.length);
    for (const time of times) expect(Math.abs(Date.now() - Date.parse(time))).toBeLessThan(10 * 60_000);
    await page.getByRole('region', { name: 'De unde și unde: accesul la servicii' }).scrollIntoViewIfNeeded();
    await page.locator('[data-testid="plan-map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await shot('relocation-plan-moved.png');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('marks the unit occupied in the API', async () => {
    const caseworker = await app.as('caseworker');
    const plan = await (await caseworker.get(`/api${planPath.replace('/plans/', '/relocation-plans/')}`)).json();
    expect(plan.state).toBe('moved');
    expect(plan.housingUnitCode).toBe(unitCode);
    const unit = await (await caseworker.get(`/api/housing-units/${plan.housingUnitId}`)).json();
    expect(unit.properties.status).toBe('occupied');
  });

  it('lists the plan on the board in the "Mutat" column, reachable by keyboard', async () => {
    await page.getByRole('navigation', { name: 'Navigare principală' }).getByRole('link', { name: 'Planuri', exact: true }).click();
    const column = page.getByRole('region', { name: /^Mutat \(\d+\)$/ });
    await column.waitFor();
    const card = column.getByRole('link', { name: new RegExp(`gospodăria ${householdCode}, Locuința ${unitCode}$`) });
    await card.waitFor();
    expect(await page.getByRole('link', { name: 'Descarcă planurile (CSV, pseudonimizat)' }).getAttribute('href')).toBe(
      '/api/relocation-plans/export.csv',
    );
    await shot('relocation-board.png');
    expect(await seriousViolations(page)).toEqual([]);
    await card.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${planPath}`);
    await page.getByRole('main').getByRole('heading', { level: 1, name: /^Planul PL-/ }).waitFor();
  });

  it('translates the plan page, its states and its timeline into English', async () => {
    await page.getByRole('button', { name: /^EN$/ }).click();
    await expect.poll(() => heading().textContent()).toMatch(/^Plan PL-\d+\s*Moved$/);
    const timeline = page.getByRole('region', { name: 'History' });
    expect(await timeline.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Approved → Moved'), expect.stringContaining(`by ${CASEWORKER}`)]),
    );
    expect(await page.getByRole('region', { name: 'Summary' }).getByTestId('unit-status').textContent()).toBe('Occupied');
    await shot('relocation-plan-en.png');
    await page.getByRole('button', { name: /^RO$/ }).click();
    await expect.poll(() => heading().textContent()).toContain('Mutat');
  });

  it('lets an admin find the identity reads in the audit log; caseworkers have no audit page', async () => {
    const nav = page.getByRole('navigation', { name: 'Navigare principală' });
    expect(await nav.getByRole('link', { name: 'Jurnal de audit' }).count()).toBe(0);

    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const adminPage = await adminContext.newPage();
    try {
      await signIn(adminPage, app.baseUrl, 'admin');
      await adminPage.getByRole('navigation', { name: 'Navigare principală' }).getByRole('link', { name: 'Jurnal de audit' }).click();
      const filters = adminPage.getByRole('form', { name: 'Filtre' });
      await filters.getByLabel('Acțiune').fill('identity.read');
      await filters.getByLabel('Utilizator').fill('caseworker');
      await filters.getByLabel('Id înregistrare').fill(householdId);
      await filters.getByRole('button', { name: 'Filtrează' }).click();
      const log = adminPage.getByRole('table', { name: 'Înregistrările jurnalului' });
      const rows = log.getByRole('row').filter({ hasText: 'identity.read' });
      await expect.poll(() => rows.count()).toBe(1);
      const text = (await rows.first().textContent()) ?? '';
      expect(text).toContain('caseworker');
      expect(text).toContain(`household_identities #${householdId}`);
      await adminPage.screenshot({ path: path.join(SCREENSHOTS, 'relocation-audit.png'), fullPage: true });
      expect(await seriousViolations(adminPage)).toEqual([]);
    } finally {
      await adminContext.close();
    }
  });
});
