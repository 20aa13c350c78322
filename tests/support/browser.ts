import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './test-engine';

// Debian's Chromium, never a downloaded browser (CI has no internet). MapLibre renders with
// SwiftShader's software WebGL under these flags.
const ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Returns a headless Chromium (PUNTE_CHROMIUM_PATH or /usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.PUNTE_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, headless: true });
}

/** Resolves when the page's map (window.__punteMap) has loaded its style and gone idle. */
export async function waitForMapIdle(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { __punteMap?: unknown }).__punteMap), undefined, {
    timeout: timeoutMs,
  });
  await page.evaluate(
    (timeout) =>
      new Promise<void>((resolve, reject) => {
        type MapLike = { loaded(): boolean; areTilesLoaded(): boolean; once(event: string, cb: () => void): void; triggerRepaint(): void };
        const map = (window as unknown as { __punteMap: MapLike }).__punteMap;
        const timer = setTimeout(() => reject(new Error('map did not become idle')), timeout);
        // Attach the listener before checking, so an idle event between the two is not missed.
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
    timeoutMs,
  );
}

/** Returns the distinct values of `property` among the features MapLibre drew in `layers`. */
export function renderedValues(page: Page, layers: string[], property: string): Promise<string[]> {
  return page.evaluate(
    ({ layers, property }) => {
      type MapLike = { queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }> };
      const map = (window as unknown as { __punteMap: MapLike }).__punteMap;
      const values = map.queryRenderedFeatures({ layers }).map((f) => String(f.properties[property]));
      return [...new Set(values)].sort();
    },
    { layers, property },
  );
}

/** Signs in through the login form (Romanian labels, the default language), as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Nume de utilizator').fill(username);
  await page.getByLabel('Parolă').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Autentificare' }).click();
  await page.getByTestId('map').waitFor();
}
