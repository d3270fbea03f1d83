import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatrimonyStats, ResidenceDetail, ResidenceSummary } from '../../web/src/shared/api.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi, type ApiCall } from './support/session.js';

const DOCS_HOME_SCREENSHOT = path.resolve('docs/screenshots/home.png');
const BASEMAP_ORIGIN = 'http://basemap.example.invalid';
const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!chromiumAvailable())('patrimony journey in the browser', () => {
  let server: VigieServer;
  let browser: Browser;
  let api: ApiCall;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    api = await signedInApi(server.url, demoAccount('observatory_officer'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [device, options] of Object.entries(VIEWPORTS)) {
    describe(device, () => {
      let guarded: GuardedContext;
      let page: Page;
      beforeAll(async () => {
        guarded = await openGuardedContext(browser, server.url, options, demoAccount('observatory_officer'));
        page = await guarded.context.newPage();
      });
      afterAll(async () => {
        await guarded?.context.close();
      });

      const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

      it('shows the key figures and every residence on the map', async () => {
        const stats = await api<PatrimonyStats>('/api/patrimony/stats');
        await page.goto('/');
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
        await expect.poll(() => page.getByTestId('stat-dwellings').locator('dd').textContent())
          .toBe(new Intl.NumberFormat('fr').format(stats.dwellings));

        // The caption is computed from the features MapLibre rendered from the clustered source.
        const summary = page.getByTestId('map-summary');
        await expect.poll(() => summary.getAttribute('data-residences'), { timeout: 30_000 }).toBe(String(stats.residences));
        const clusters = Number(await summary.getAttribute('data-clusters'));
        await expect.poll(() => page.locator('.map-cluster').count()).toBe(clusters);
        const clustered = await page.locator('.map-cluster').allTextContents();
        expect(clustered.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0)).toBeLessThanOrEqual(stats.residences);
        // Fitted to the data: every cluster is drawn inside the map.
        const map = (await page.locator('.map--large canvas').boundingBox())!;
        for (const cluster of await page.locator('.map-cluster').all()) {
          const box = (await cluster.boundingBox())!;
          const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
          expect(x > map.x && x < map.x + map.width && y > map.y && y < map.y + map.height).toBe(true);
        }

        await expectAccessible();
        await screenshot(page, `${device}-home`);
        if (device === 'desktop' && (process.env.VIGIE_DOCS_SCREENSHOTS || !existsSync(DOCS_HOME_SCREENSHOT))) {
          await mkdir(path.dirname(DOCS_HOME_SCREENSHOT), { recursive: true });
          await page.screenshot({ path: DOCS_HOME_SCREENSHOT, fullPage: true });
        }
      });

      it('zooms into a cluster when its count is pressed', async () => {
        const clusterIds = () => page.locator('.map-cluster').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.clusterId).sort().join());
        const before = await clusterIds();
        expect(before).not.toBe('');
        await page.locator('.map-cluster').first().click();
        await expect.poll(clusterIds, { timeout: 15_000 }).not.toBe(before);
      });

      it('opens a residence clicked on the map, and returns to the same view', async () => {
        const [target] = await api<ResidenceSummary[]>('/api/patrimony/search?q=Lens&limit=1');
        // Zoom 16 is past clustering: the residence is drawn alone at the centre of the map.
        // From a blank page, so that this is a fresh load and not a hash change on the home page.
        await page.goto('about:blank');
        await page.goto(`/#carte=16/${target!.lat}/${target!.lon}`);
        await expect.poll(() => page.getByTestId('map-summary').getAttribute('data-residences'), { timeout: 30_000 }).not.toBeNull();
        const canvas = page.locator('.map--large canvas');
        const box = (await canvas.boundingBox())!;
        await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(target!.name);
        expect(new URL(page.url()).pathname).toBe(`/patrimoine/residences/${target!.id}`);
        await page.goBack();
        await expect.poll(() => page.getByTestId('map-summary').getAttribute('data-residences'), { timeout: 30_000 }).not.toBeNull();
        expect(new URL(page.url()).hash).toMatch(/^#carte=16\//);
      });

      it('finds the residences of Lens', async () => {
        const expected = await api<ResidenceSummary[]>('/api/patrimony/search?q=Lens&limit=50');
        expect(expected.length).toBeGreaterThan(0);
        await page.getByRole('navigation').getByRole('link', { name: 'Résidences' }).click();
        await page.getByLabel('Nom, commune, code de la résidence ou code QPV').fill('Lens');
        await page.getByRole('button', { name: 'Rechercher' }).click();
        await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toMatch(/^\d+ résidences? pour « Lens »$/);
        const names = await page.locator('.result__name').allTextContents();
        expect(names).toEqual(expected.map((residence) => residence.name));
        await expectAccessible();
        await screenshot(page, `${device}-search`);
      });

      it('opens a residence with its buildings and dwellings', async () => {
        const first = (await api<ResidenceSummary[]>('/api/patrimony/search?q=Lens&limit=50'))[0]!;
        const detail = await api<ResidenceDetail>(`/api/patrimony/residences/${first.id}`);
        await page.locator('.result__name').first().click();
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(detail.name);
        await expect.poll(() => page.getByTestId('building').count()).toBe(detail.buildings.length);
        for (const building of detail.buildings) {
          await expect.poll(() => page.getByTestId('building').getByText(building.address, { exact: true }).count()).toBeGreaterThan(0);
        }
        const dwellingRows = page.getByRole('region', { name: 'Logements de la résidence avec leur étiquette DPE' }).locator('tbody tr');
        await expect.poll(() => dwellingRows.count()).toBe(Math.min(detail.dwellings.length, 100));
        await expect.poll(() => page.locator('.map--small canvas').count()).toBe(1);
        await expectAccessible();
        await screenshot(page, `${device}-residence`);
        if (detail.dwellings.length > 100) {
          await page.getByRole('button', { name: `Afficher les ${detail.dwellings.length} logements` }).click();
          await expect.poll(() => dwellingRows.count()).toBe(detail.dwellings.length);
        }
      });

      it('switches to English and remembers it', async () => {
        await page.getByRole('button', { name: 'Switch to English' }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
        await expect.poll(() => page.getByRole('heading', { name: /^Buildings/ }).count()).toBe(1);
        await page.reload();
        await expect.poll(() => page.getByRole('heading', { name: /^Dwellings/ }).count()).toBe(1);
        await expectAccessible();
        await screenshot(page, `${device}-residence-en`);
        await page.getByRole('button', { name: 'Passer en français' }).click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
      });

      it('lets keyboard users skip to the content', async () => {
        await page.goto('/');
        // Tab only once the app has rendered its header, or the key lands on an empty body.
        await page.getByRole('link', { name: 'Aller au contenu' }).waitFor({ state: 'attached' });
        await page.keyboard.press('Tab');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content');
      });

      it('explains unknown pages and residences', async () => {
        await page.goto('/nulle-part');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable');
        await expectAccessible();
        const logged = guarded.pageErrors.length;
        await page.goto('/patrimoine/residences/999999');
        await expect.poll(() => page.getByRole('alert').textContent()).toBe('Cette résidence n’existe pas.');
        await expectAccessible();
        // Chromium logs the API's 404 answer itself: expected here, and only here.
        expect(guarded.pageErrors.splice(logged).every((error) => error.includes('404'))).toBe(true);
      });

      it('never called the internet nor logged an error', () => {
        expect(guarded.externalRequests).toEqual([]);
        expect(guarded.pageErrors).toEqual([]);
      });
    });
  }

  it('draws a configured raster basemap under the residences', async () => {
    await server.restart({ basemapUrl: `${BASEMAP_ORIGIN}/plan/{z}/{x}/{y}.png` });
    api = await signedInApi(server.url, demoAccount('observatory_officer'));
    const stats = await api<PatrimonyStats>('/api/patrimony/stats');
    const guarded = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('observatory_officer'));
    try {
      const page = await guarded.context.newPage();
      const tiles: string[] = [];
      await page.route(`${BASEMAP_ORIGIN}/**`, (route) => {
        tiles.push(route.request().url());
        return route.fulfill({ contentType: 'image/png', body: ONE_PIXEL_PNG });
      });
      await page.goto('/');
      await expect.poll(() => page.getByTestId('map-summary').getAttribute('data-residences'), { timeout: 30_000 }).toBe(String(stats.residences));
      expect(tiles.length).toBeGreaterThan(0);
      for (const tile of tiles) expect(tile).toMatch(/^http:\/\/basemap\.example\.invalid\/plan\/\d+\/\d+\/\d+\.png$/);
      expect(guarded.externalRequests).toEqual([]);
      expect(guarded.pageErrors).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });
});
