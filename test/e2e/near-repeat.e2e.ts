import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext } from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi } from './support/session.js';
import type { NearRepeatResult } from '../../web/src/observatory/jobs.js';

/** The month `back` months before this one (YYYY-MM), as the month inputs take it. */
function monthsAgo(back: number): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return date.toISOString().slice(0, 7);
}

/**
 * The observatory officer runs a near-repeat analysis of three years of the demo landlord's
 * incidents in the background: the progress bar moves, then the Knox table appears.
 */
describe.skipIf(!chromiumAvailable())('near-repeat journey in the browser', () => {
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

  it('shows the progress of the analysis, then the table of observed / expected ratios', async () => {
    const page = await officer.context.newPage();
    await page.goto('/observatoire');
    await page.getByRole('navigation', { name: 'Observatoire' }).getByRole('link', { name: 'Répétitions proches' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Répétitions proches (test de Knox)');
    await page.getByLabel('Premier mois').fill(monthsAgo(35));
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(monthsAgo(35));
    // The bands as the engine counts them: half-open intervals, an open last one with « inf ».
    await page.getByLabel('Bornes des distances (m)').fill('0, 1, 100, 200, 400, inf');
    await expect.poll(() => page.locator('#near-repeat-distances-preview').textContent()).toBe('[0, 1) m · [1, 100) m · [100, 200) m · [200, 400) m · [400, ∞) m');
    await page.getByLabel('Permutations').selectOption('999');
    await page.getByRole('button', { name: 'Lancer l’analyse' }).click();

    const progress = page.getByTestId('job-progress').locator('progress');
    await expect.poll(() => progress.evaluate((bar) => (bar as HTMLProgressElement).value).catch(() => 0), { timeout: 30_000 }).toBeGreaterThan(0);
    const { value, max } = await progress.evaluate((bar) => ({ value: (bar as HTMLProgressElement).value, max: (bar as HTMLProgressElement).max }));
    expect(max).toBe(999);
    expect(value).toBeLessThan(999);
    expect(new URL(page.url()).searchParams.get('job')).toMatch(/^\d+$/);
    await screenshot(page, 'near-repeat-progress');

    const table = page.getByTestId('knox-table');
    await expect.poll(() => table.count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('job-progress').count()).toBe(0);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Distance \\ délai', '[0, 7) jours', '[7, 14) jours', '[14, 30) jours']);
    expect(await table.locator('tbody th').allTextContents()).toEqual(['[0, 1) m', '[1, 100) m', '[100, 200) m', '[200, 400) m', '[400, ∞) m']);
    // The page shows the job's own result, cell by cell (row-major: distance bands × time bands).
    const api = await signedInApi(server.url, demoAccount('observatory_officer'));
    const result = await api<NearRepeatResult>(`/api/observatory/jobs/${new URL(page.url()).searchParams.get('job')}/result`);
    expect(result.events).toBeGreaterThan(1_000);
    const shown = await table.locator('tbody td').evaluateAll((cells) => cells.map((cell) => ({ ratio: (cell as HTMLElement).dataset.ratio, p: (cell as HTMLElement).dataset.p })));
    expect(shown).toEqual(result.cells.map((cell) => ({ ratio: String(cell.knoxRatio ?? ''), p: String(cell.pValue) })));
    expect(result.cells.every((cell) => cell.pValue >= 0.001 && cell.pValue <= 1)).toBe(true);
    await accessible(page);
    await screenshot(page, 'near-repeat-table');
    expect(officer.pageErrors).toEqual([]);
    expect(officer.externalRequests).toEqual([]);
    await page.close();
  }, 240_000);

  it('offers partners no near-repeat analysis: they read no incident points', async () => {
    const page = await partner.context.newPage();
    await page.goto('/observatoire');
    const nav = page.getByRole('navigation', { name: 'Observatoire' });
    await expect.poll(() => nav.getByRole('link', { name: 'Carte' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Répétitions proches' }).count()).toBe(0);
    await page.goto('/observatoire/repetitions');
    await page.getByRole('button', { name: 'Lancer l’analyse' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Les partenaires ne lisent pas les incidents un à un');
    expect(await page.getByTestId('job-progress').count()).toBe(0);
    await page.close();
  });
});
