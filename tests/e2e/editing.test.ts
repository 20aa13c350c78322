import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { distance } from '@turf/turf';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn, waitForMapIdle } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 3 in the browser: a planner draws, names and saves a zone by clicking on the map; two sessions
// editing one zone meet a version conflict that keeps the second planner's input; a viewer sees no editing.

const SCREENSHOTS = path.resolve('test-results');
const ZONE_NAME = 'Zonă de test E2E — Valea Chintăului';
// An empty stretch east of the city, away from the seeded intervention zones, at a zoom where the
// vertices lie ~100 px apart (terra-draw closes a ring when a click lands within 40 px of its ends).
const VIEW = { center: [23.655, 46.805] as [number, number], zoom: 14 };
const SQUARE: Array<[number, number]> = [
  [23.648, 46.808],
  [23.662, 46.808],
  [23.662, 46.801],
  [23.648, 46.801],
];

type Point = { x: number; y: number };

/** Returns the WCAG 2.1 A/AA violations axe finds inside `selector`, as "rule: target" lines. */
async function accessibilityViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Returns where a longitude/latitude appears on the page (map.project plus the canvas offset). */
async function screenPoint(page: Page, position: [number, number]): Promise<Point> {
  const box = await page.locator('.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('the map canvas is not visible');
  const projected = await page.evaluate((lngLat) => {
    type MapLike = { project(p: [number, number]): { x: number; y: number } };
    return (window as unknown as { __punteMap: MapLike }).__punteMap.project(lngLat);
  }, position);
  return { x: box.x + projected.x, y: box.y + projected.y };
}

async function openMap(page: Page, baseUrl: string, username: string): Promise<void> {
  await signIn(page, baseUrl, username);
  await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
  await waitForMapIdle(page);
}

async function jumpTo(page: Page, view: typeof VIEW): Promise<void> {
  await page.evaluate((v) => {
    type MapLike = { jumpTo(options: { center: [number, number]; zoom: number }): void };
    (window as unknown as { __punteMap: MapLike }).__punteMap.jumpTo(v);
  }, view);
  await waitForMapIdle(page);
}

/** Returns the names of the zones MapLibre drew (fill and outline layers). */
function renderedZoneNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type MapLike = { queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: { name?: string } }> };
    const map = (window as unknown as { __punteMap: MapLike }).__punteMap;
    return [...new Set(map.queryRenderedFeatures({ layers: ['zones-fill', 'zones-line'] }).map((f) => String(f.properties.name)))];
  });
}

/** Opens the editor of a zone found through the search box and the details card. */
async function editZoneFromSearch(page: Page, query: string, name: string): Promise<void> {
  await page.getByLabel('Caută după nume').fill(query);
  await page.getByRole('button', { name, exact: true }).click();
  const details = page.getByTestId('feature-details');
  await details.getByRole('heading', { name }).waitFor();
  await details.getByRole('button', { name: 'Editează' }).click();
  await page.getByTestId('editor-card').getByRole('heading', { name: `Editare: ${name}` }).waitFor();
  await page.getByTestId('editor-card').getByText(/Trageți un vârf/).waitFor();
}

describe('the planner workspace in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await fs.mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await app?.close();
  });

  it('lets a planner draw a zone by clicking on the map, name it, save it, and find it after a reload', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'planner');
    await jumpTo(page, VIEW);
    const before = await app.db.knex('zones').count<{ n: number }[]>({ n: '*' });

    await page.getByRole('button', { name: 'Zonă nouă' }).click();
    const editor = page.getByTestId('editor-card');
    await editor.getByRole('heading', { name: 'Zonă nouă' }).waitFor();
    await editor.getByText(/Faceți clic pe hartă pentru fiecare vârf/).waitFor();

    const points = await Promise.all(SQUARE.map((position) => screenPoint(page, position)));
    for (const point of points.slice(0, -1)) {
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    // A double-click on the last vertex closes the ring, as a planner would do it.
    const last = points[points.length - 1]!;
    await page.mouse.dblclick(last.x, last.y);
    await editor.getByText(/Trageți un vârf/).waitFor();
    await editor.getByText('Vârfuri: 4.').waitFor();

    await editor.getByRole('textbox', { name: 'Nume', exact: true }).fill(ZONE_NAME);
    await editor.getByLabel('Stare').selectOption({ label: 'Planificată' });
    await editor.getByLabel('Termen').fill('2027-06-30');
    await editor.getByLabel('Descriere').fill('Desenată de testul de browser.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editing-draw-zone.png') });
    await editor.getByRole('button', { name: 'Salvează' }).click();

    await page.getByTestId('toast').filter({ hasText: ZONE_NAME }).waitFor();
    await expect.poll(() => editor.count()).toBe(0);
    const after = await app.db.knex('zones').count<{ n: number }[]>({ n: '*' });
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
    const stored = await app.db
      .knex('zones')
      .where({ name: ZONE_NAME })
      .first('kind', 'status', 'target_date', 'version', app.db.knex.raw('ST_NPoints(geom) as points'), app.db.knex.raw('ST_Area(geom::geography) as area'));
    expect(stored).toMatchObject({ kind: 'intervention', status: 'planned', target_date: '2027-06-30', version: 1, points: 5 });
    // ~1.07 km × 0.78 km drawn on screen: the stored polygon is the one clicked, not a degenerate one.
    expect(Number(stored.area)).toBeGreaterThan(0.6e6);
    expect(Number(stored.area)).toBeLessThan(1.1e6);

    await page.reload();
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await jumpTo(page, VIEW);
    await expect.poll(() => renderedZoneNames(page), { timeout: 15_000 }).toContain(ZONE_NAME);
    await page.getByLabel('Caută după nume').fill('Chintăului');
    await page.getByRole('button', { name: ZONE_NAME, exact: true }).waitFor();
  }, 180_000);

  it('shows a stale second session the conflict, keeps its input, and saves it on top of the new version', async () => {
    const first = await newPage();
    const second = await newPage();
    await Promise.all([openMap(first, app.baseUrl, 'planner'), openMap(second, app.baseUrl, 'planner')]);
    await editZoneFromSearch(first, 'Chintăului', ZONE_NAME);
    await editZoneFromSearch(second, 'Chintăului', ZONE_NAME);

    // The first planner saves a new description; version 1 becomes 2.
    await first.getByTestId('editor-card').getByLabel('Descriere').fill('Descriere schimbată de prima sesiune.');
    await first.getByTestId('editor-card').getByRole('button', { name: 'Salvează' }).click();
    await first.getByTestId('toast').filter({ hasText: 'S-au salvat' }).waitFor();

    // The second planner, still on version 1, renames the zone and saves: 412.
    const editor = second.getByTestId('editor-card');
    const renamed = `${ZONE_NAME} (redenumită)`;
    await editor.getByRole('textbox', { name: 'Nume', exact: true }).fill(renamed);
    await editor.getByLabel('Populație').fill('420');
    await editor.getByRole('button', { name: 'Salvează' }).click();
    const conflict = second.getByTestId('conflict-panel');
    await conflict.waitFor();
    await expect.poll(() => conflict.getByRole('heading').textContent()).toMatch(/Conflict/);
    await conflict.getByText(/planner a salvat versiunea 2/).waitFor();
    // The other person's version sits next to this session's input, which is still in the form.
    await conflict.locator('[data-field="description"]').getByText(/modificat de planner/).waitFor();
    await conflict.locator('[data-field="description"]').getByText('Descriere schimbată de prima sesiune.').waitFor();
    await conflict.locator('[data-field="name"]').getByText(/modificat de dvs/).waitFor();
    await conflict.locator('[data-field="name"]').getByText(renamed).waitFor();
    expect(await editor.getByRole('textbox', { name: 'Nume', exact: true }).inputValue()).toBe(renamed);
    expect(await editor.getByLabel('Populație').inputValue()).toBe('420');
    await second.screenshot({ path: path.join(SCREENSHOTS, 'editing-conflict.png') });
    expect(await accessibilityViolations(second, '[data-testid="editor-card"]')).toEqual([]);
    expect(await app.db.knex('zones').where({ name: ZONE_NAME }).first('version')).toMatchObject({ version: 2 });

    await conflict.getByRole('button', { name: 'Continuă editarea peste versiunea nouă' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    expect(await editor.getByRole('textbox', { name: 'Nume', exact: true }).inputValue()).toBe(renamed);
    // Untouched fields now show the newer version, so saving does not undo the first planner's work.
    expect(await editor.getByLabel('Descriere').inputValue()).toBe('Descriere schimbată de prima sesiune.');
    await editor.getByRole('button', { name: 'Salvează' }).click();
    await second.getByTestId('toast').filter({ hasText: 'S-au salvat' }).waitFor();
    const stored = await app.db.knex('zones').where({ name: renamed }).first('version', 'description', 'population');
    expect(stored).toMatchObject({ version: 3, description: 'Descriere schimbată de prima sesiune.', population: 420 });

    // The history names both saves; Ctrl+Z (outside a text field) undoes the planner's last one.
    const details = second.getByTestId('feature-details');
    await details.getByRole('button', { name: 'Istoric' }).click();
    const history = details.getByTestId('feature-history');
    await history.getByText('Modificat').first().waitFor();
    expect(await history.locator('li.history-panel__entry').count()).toBe(3);
    await second.screenshot({ path: path.join(SCREENSHOTS, 'editing-history.png') });
    await second.getByRole('heading', { name: 'Instrumente' }).click();
    await second.keyboard.press('Control+z');
    await second.getByTestId('toast').filter({ hasText: 'Anulat: modificarea' }).waitFor();
    expect(await app.db.knex('zones').where({ name: ZONE_NAME }).first('version', 'population')).toMatchObject({ version: 4, population: null });
  }, 180_000);

  it('shows the server’s geometry problems next to the drawing', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'admin');
    await jumpTo(page, VIEW);
    await page.getByRole('button', { name: 'Comunitate nouă' }).click();
    const editor = page.getByTestId('editor-card');
    // A bow tie: the second side crosses the fourth.
    const bowTie: Array<[number, number]> = [SQUARE[0]!, SQUARE[2]!, SQUARE[1]!, SQUARE[3]!];
    const points = await Promise.all(bowTie.map((position) => screenPoint(page, position)));
    // Escape drops a half-drawn outline; the form stays.
    await page.mouse.click(points[0]!.x, points[0]!.y);
    await page.waitForTimeout(150);
    await page.mouse.click(points[1]!.x, points[1]!.y);
    await editor.getByText('Vârfuri: 2.').waitFor();
    await page.keyboard.press('Escape');
    await editor.getByText('Niciun contur desenat.').waitFor();
    await editor.getByRole('button', { name: 'Desenează conturul' }).click();
    for (const point of points) {
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    await editor.getByRole('button', { name: 'Termină conturul' }).click();
    await editor.getByRole('textbox', { name: 'Nume', exact: true }).fill('Contur greșit');
    const count = await app.db.knex('settlements').count<{ n: number }[]>({ n: '*' });
    await editor.getByRole('button', { name: 'Salvează' }).click();
    const problems = editor.locator('.geometry-tools__problems');
    await problems.getByText(/intersectează o altă latură/).waitFor();
    await expect.poll(() => problems.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editing-geometry-problem.png') });
    // The red ring on the map sits where the edges cross: the middle of the square.
    const marked = await page.evaluate(() => {
      type MapLike = { querySourceFeatures(source: string): Array<{ geometry: { coordinates: [number, number] } }> };
      return (window as unknown as { __punteMap: MapLike }).__punteMap.querySourceFeatures('editing-issues').map((f) => f.geometry.coordinates);
    });
    expect(marked.length).toBeGreaterThan(0);
    expect(distance(marked[0]!, [23.655, 46.8045], { units: 'meters' })).toBeLessThan(20);
    expect(await app.db.knex('settlements').count<{ n: number }[]>({ n: '*' })).toEqual(count);
    // Typed input survives the refusal.
    expect(await editor.getByRole('textbox', { name: 'Nume', exact: true }).inputValue()).toBe('Contur greșit');
  }, 180_000);

  it('places a service as a point, moves it by dragging, and deletes it', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'planner');
    await jumpTo(page, VIEW);
    await page.getByRole('button', { name: 'Serviciu nou' }).click();
    const editor = page.getByTestId('editor-card');
    const at = await screenPoint(page, SQUARE[0]!);
    await page.mouse.click(at.x, at.y);
    await editor.getByText('Trageți punctul pentru a-l muta.').waitFor();
    await editor.getByRole('textbox', { name: 'Nume', exact: true }).fill('Centru comunitar de test');
    await editor.getByLabel('Categorie').selectOption({ label: 'Centru comunitar' });
    await editor.getByRole('button', { name: 'Salvează' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Centru comunitar de test' }).waitFor();
    const position = () =>
      app.db
        .knex('services')
        .where({ name: 'Centru comunitar de test' })
        .first('id', 'category', 'version', app.db.knex.raw('ST_X(geom) as lon'), app.db.knex.raw('ST_Y(geom) as lat'));
    const created = await position();
    expect(created).toMatchObject({ category: 'community_centre', version: 1 });
    expect(distance([created.lon, created.lat], SQUARE[0]!, { units: 'meters' })).toBeLessThan(15);

    await page.getByTestId('feature-details').getByRole('button', { name: 'Editează' }).click();
    await editor.getByText('Trageți punctul pentru a-l muta.').waitFor();
    const to = await screenPoint(page, SQUARE[2]!);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(at.x + ((to.x - at.x) * step) / 10, at.y + ((to.y - at.y) * step) / 10);
    await page.mouse.up();
    await editor.getByRole('button', { name: 'Salvează' }).click();
    await page.getByTestId('toast').filter({ hasText: 'S-au salvat' }).waitFor();
    const moved = await position();
    expect(moved.version).toBe(2);
    expect(distance([moved.lon, moved.lat], SQUARE[2]!, { units: 'meters' })).toBeLessThan(15);

    await page.getByTestId('feature-details').getByRole('button', { name: 'Editează' }).click();
    await editor.getByRole('button', { name: 'Șterge' }).click();
    await editor.getByRole('button', { name: 'Da, șterge' }).click();
    await page.getByTestId('toast').filter({ hasText: 'S-a șters' }).waitFor();
    expect(await position()).toBeUndefined();
  }, 180_000);

  it('imports a CSV in Stereo 70 after a dry run that lists rejected rows, and exports a layer', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'planner');
    const before = Number((await app.db.knex('services').count<{ n: number }[]>({ n: '*' }))[0]!.n);
    // Around Piața Unirii, which lies at E 392 395 / N 586 559 in Stereo 70 (issue 3).
    const header = 'cod;denumire;x;y';
    const good = ['FARM-E2E-1;Farmacia Test Unu;392395;586559', 'FARM-E2E-2;Farmacia Test Doi;392600;586700', 'FARM-E2E-3;Farmacia Test Trei;392200;586400'];
    const csv = (rows: string[]) => ({ name: 'farmacii.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });

    await page.getByRole('button', { name: 'Importă date…' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByLabel('Fișier', { exact: true }).setInputFiles(csv([...good, 'FARM-E2E-4;Farmacia fără coordonate;;']));
    await dialog.getByLabel('Strat', { exact: true }).selectOption({ label: 'Servicii' });
    await dialog.getByLabel('Sistemul de coordonate al fișierului').selectOption('EPSG:3844');
    await dialog.getByLabel('Câmpul din fișier pentru Nume').selectOption('denumire');
    await dialog.getByLabel('Câmpul din fișier pentru Cod extern').selectOption('cod');
    await dialog.getByLabel('Valoarea implicită pentru Categorie').selectOption({ label: 'Farmacie' });
    await dialog.getByRole('button', { name: 'Verifică (simulare)' }).click();
    const report = dialog.getByTestId('import-report');
    await report.getByText('Respinse: 1').waitFor();
    await report.getByText('De adăugat: 3').waitFor();
    await report.getByText(/Rândul 4/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Importă', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editing-import-dry-run.png') });
    expect(await accessibilityViolations(page, '[data-testid="import-dialog"]')).toEqual([]);

    await dialog.getByLabel('Fișier', { exact: true }).setInputFiles(csv(good));
    await dialog.getByLabel('Câmpul din fișier pentru Nume').selectOption('denumire');
    await dialog.getByLabel('Câmpul din fișier pentru Cod extern').selectOption('cod');
    await dialog.getByRole('button', { name: 'Verifică (simulare)' }).click();
    await report.getByText('Respinse: 0').waitFor();
    await dialog.getByRole('button', { name: 'Importă', exact: true }).click();
    await report.getByText('Adăugate: 3').waitFor();
    await page.getByTestId('toast').filter({ hasText: 'Import încheiat' }).waitFor();
    expect(Number((await app.db.knex('services').count<{ n: number }[]>({ n: '*' }))[0]!.n)).toBe(before + 3);
    const unirii = await app.db
      .knex('services')
      .where({ external_id: 'FARM-E2E-1' })
      .first('category', app.db.knex.raw('ST_X(geom) as lon'), app.db.knex.raw('ST_Y(geom) as lat'));
    expect(unirii.category).toBe('pharmacy');
    expect(distance([unirii.lon, unirii.lat], [23.58932, 46.76996], { units: 'meters' })).toBeLessThan(10);

    // A GeoJSON file goes the same way (checked with a dry run only).
    const ring = [...SQUARE, SQUARE[0]!];
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Comunitate importată' }, geometry: { type: 'Polygon', coordinates: [ring] } }] };
    await dialog.getByLabel('Fișier', { exact: true }).setInputFiles({ name: 'comunitati.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geojson)) });
    await dialog.getByLabel('Strat', { exact: true }).selectOption({ label: 'Comunități Pata Rât' });
    await dialog.getByLabel('Sistemul de coordonate al fișierului').selectOption('EPSG:4326');
    await dialog.getByRole('button', { name: 'Verifică (simulare)' }).click();
    await report.getByText('De adăugat: 1').waitFor();
    await report.getByText('Respinse: 0').waitFor();
    await dialog.getByRole('button', { name: 'Închide', exact: true }).click();

    // The map shows the imported services without a reload; search finds them.
    await page.getByLabel('Caută după nume').fill('Farmacia Test');
    await page.getByRole('button', { name: 'Farmacia Test Unu', exact: true }).click();
    await page.getByTestId('feature-details').getByRole('heading', { name: 'Farmacia Test Unu' }).waitFor();

    const exports = page.getByRole('group', { name: 'Export' });
    await exports.getByLabel('Format', { exact: true }).selectOption('csv');
    await exports.getByLabel('Sistem de coordonate', { exact: true }).selectOption('EPSG:3844');
    const href = await page.getByRole('link', { name: 'Descarcă Servicii ca CSV, EPSG:3844' }).getAttribute('href');
    const exported = await page.request.get(`${app.baseUrl}${href}`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-disposition']).toContain('services-EPSG3844.csv');
    expect(await exported.text()).toContain('Farmacia Test Unu');
  }, 180_000);

  it('measures a distance along a drawn line, geodesically', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'viewer');
    await jumpTo(page, VIEW);
    await page.getByRole('button', { name: 'Măsoară o distanță' }).click();
    const [a, b] = await Promise.all([screenPoint(page, SQUARE[0]!), screenPoint(page, SQUARE[1]!)]);
    await page.mouse.click(a.x, a.y);
    await page.waitForTimeout(150);
    await page.mouse.dblclick(b.x, b.y);
    const result = page.getByTestId('measured-length');
    await page.getByTestId('measure-card').getByText(/Trageți vârfurile/).waitFor();
    const metres = Number(await result.getAttribute('data-metres'));
    const expected = distance(SQUARE[0]!, SQUARE[1]!, { units: 'meters' });
    // Clicks land on whole pixels (~6 m at zoom 14).
    expect(Math.abs(metres - expected)).toBeLessThan(20);
    expect(await result.textContent()).toMatch(/1,0\d km/);
  }, 120_000);

  it('shows a viewer no editing controls', async () => {
    const page = await newPage();
    await openMap(page, app.baseUrl, 'viewer');
    const tools = page.getByTestId('map-tools');
    await tools.getByLabel('Caută după nume').waitFor();
    expect(await tools.getByRole('button', { name: 'Zonă nouă' }).count()).toBe(0);
    expect(await tools.getByRole('button', { name: 'Anulează ultima modificare' }).count()).toBe(0);
    expect(await tools.getByRole('button', { name: 'Importă date…' }).count()).toBe(0);
    await tools.getByLabel('Caută după nume').fill('Pata Rât');
    await tools.getByRole('button', { name: 'Pata Rât – zona de desegregare' }).click();
    const details = page.getByTestId('feature-details');
    await details.getByRole('heading', { name: 'Pata Rât – zona de desegregare' }).waitFor();
    expect(await details.getByRole('button', { name: 'Editează' }).count()).toBe(0);
    expect(await details.getByRole('button', { name: 'Istoric' }).count()).toBe(0);

    // A point clicked with "access here" also says how far it is from Piața Unirii and the nearest community.
    await details.getByRole('button', { name: 'Închide detaliile' }).click();
    await page.getByLabel('Acces aici: clic pe hartă').check();
    await jumpTo(page, { center: [23.58932, 46.76996], zoom: 14 });
    const unirii = await screenPoint(page, [23.58932, 46.76996]);
    await page.mouse.click(unirii.x, unirii.y);
    const distances = page.getByTestId('place-distances');
    await distances.getByText(/Până la centrul orașului \(Piața Unirii\): \d+ m/).waitFor();
    await distances.getByText(/Până la cea mai apropiată comunitate \((Cantonului|Dallas|Colina Verde|Rampa)[^)]*\): \d+,\d+ km/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editing-place-distances.png') });
  }, 120_000);
});
