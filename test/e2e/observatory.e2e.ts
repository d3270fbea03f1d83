import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../web/src/observatory/api.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi } from './support/session.js';

/** Digits of a figure as the French page prints it (12 345 with a narrow no-break space). */
const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/**
 * The observatory officer's dashboard and map on the demo landlord, for the same filters kept
 * in the address; then the town of Lens, a partner, reading « < 5 » where counts are small.
 */
describe.skipIf(!chromiumAvailable())('observatory journey in the browser', () => {
  let server: VigieServer;
  let browser: Browser;
  let officer: GuardedContext;
  let partner: GuardedContext;
  const accessible = async (page: Page) => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    officer = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('observatory_officer'));
    partner = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('partner'));
  });
  afterAll(async () => {
    await officer?.context.close();
    await partner?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows on the map as many incidents as the dashboard counts, for the same filters', async () => {
    const page = await officer.context.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Observatoire' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau de bord de l’observatoire');
    await page.getByLabel('Famille').selectOption('D');
    await expect.poll(() => new URL(page.url()).searchParams.get('family')).toBe('D');
    await expect.poll(() => page.getByTestId('incidents-current').count(), { timeout: 15_000 }).toBe(1);
    const dashboardCount = digits(await page.getByTestId('incidents-current').textContent());
    expect(dashboardCount).toBeGreaterThan(0);
    await accessible(page);
    await screenshot(page, 'observatory-dashboard');

    await page.getByRole('navigation', { name: 'Observatoire' }).getByRole('link', { name: 'Carte' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Carte de l’observatoire');
    expect(new URL(page.url()).searchParams.get('family')).toBe('D');
    await expect.poll(() => page.getByTestId('map-total').getAttribute('data-count'), { timeout: 30_000 }).toBe(String(dashboardCount));
    // The clusters of the viewport are buttons; together they hold no more than the whole map.
    const clusters = page.locator('.map-cluster');
    await expect.poll(() => clusters.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const shown = (await clusters.evaluateAll((buttons) => buttons.map((button) => Number((button as HTMLElement).dataset.count)))).reduce((a, b) => a + b, 0);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(dashboardCount);
    await page.getByLabel('Taux pour 100 logements (carrés de 200 m)').check();
    await page.waitForTimeout(1000);
    await accessible(page);
    await screenshot(page, 'observatory-map');

    // Another filter, chosen on the map: both pages follow it.
    await page.getByLabel('Gravité').selectOption('G3');
    const withSeverity = new URL(page.url()).search;
    await expect.poll(async () => page.getByTestId('map-total').getAttribute('data-count'), { timeout: 30_000 }).not.toBe(String(dashboardCount));
    const mapCount = await page.getByTestId('map-total').getAttribute('data-count');
    await page.goto(`/observatoire${withSeverity}`);
    await expect.poll(async () => String(digits(await page.getByTestId('incidents-current').textContent()))).toBe(mapCount);
    await page.close();
  });

  it('shows a partner « < 5 » instead of small counts, and no points', async () => {
    const api = await signedInApi(server.url, demoAccount('partner'));
    // A month and a severity where some family of Lens counts 1 to 4 incidents.
    const base = await api<Dashboard>('/api/observatory/dashboard');
    let query = '';
    let expected: Dashboard | undefined;
    for (const month of base.trend.map((row) => row.month).reverse()) {
      const candidate = `from=${month}&to=${month}&severity=G3`;
      const answer = await api<Dashboard>(`/api/observatory/dashboard?${candidate}`);
      if (answer.families.some((row) => row.incidents === '< 5')) {
        [query, expected] = [candidate, answer];
        break;
      }
    }
    expect(expected, 'a month with a small count').toBeDefined();
    const page = await partner.context.newPage();
    await page.goto(`/observatoire?${query}`);
    await expect.poll(() => page.getByTestId('suppression-note').count(), { timeout: 15_000 }).toBe(1);
    const families = page.getByTestId('panel-families').locator('tbody td');
    await expect.poll(() => families.allTextContents(), { timeout: 15_000 }).toEqual(expected!.families.map((row) => (typeof row.incidents === 'number' ? String(row.incidents) : row.incidents)));
    expect(await families.allTextContents()).toContain('< 5');
    // No agency, residence or hall breakdown for a partner.
    expect(await page.getByTestId('panel-agencies').count()).toBe(0);
    expect(await page.getByTestId('panel-halls').count()).toBe(0);
    await accessible(page);
    await screenshot(page, 'observatory-partner-dashboard');

    await page.getByRole('navigation', { name: 'Observatoire' }).getByRole('link', { name: 'Carte' }).click();
    await expect.poll(() => page.getByText('Les partenaires ne reçoivent pas de points').count(), { timeout: 15_000 }).toBe(1);
    await page.waitForTimeout(1500);
    expect(await page.locator('.map-cluster, .observatory-point').count()).toBe(0);
    await screenshot(page, 'observatory-partner-map');
    await page.close();
  });

  it('leaves no page error and no request outside the server', () => {
    expect([...officer.pageErrors, ...partner.pageErrors]).toEqual([]);
    expect([...officer.externalRequests, ...partner.externalRequests]).toEqual([]);
  });
});
