import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../web/src/observatory/api.js';
import type { NearRepeatResult } from '../../web/src/observatory/jobs.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi } from './support/session.js';

/** A file the page offers for download, read once the browser saved it. */
async function downloaded(page: Page, testId: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), body: await readFile((await download.path())!) };
}

/** The month `back` months before this one (YYYY-MM), as the month inputs take it. */
function monthsAgo(back: number): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return date.toISOString().slice(0, 7);
}

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
/** A count as the PDF prints it: French digits grouped by ordinary spaces. */
const frenchCount = (count: number) => count.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ');

/** Digits of a figure as the French page prints it (12 345 with a narrow no-break space). */
const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/**
 * The observatory officer's dashboard and map on the demo landlord, for the same filters kept
 * in the address; then the town of Lens, a partner, reading « < 5 » where counts are small;
 * the reports; and a near-repeat analysis run in the background (progress, then the Knox table).
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
    await screenshot(page, 'observatory-map');

    // The rate per 100 dwellings per agency: the demo has no IGN boundaries, so its areas are derived and said to be approximate.
    await page.getByLabel('Taux pour 100 logements', { exact: true }).check();
    const legend = page.getByTestId('choropleth-legend');
    await expect.poll(() => legend.getAttribute('data-unit'), { timeout: 30_000 }).toBe('agency');
    await expect.poll(async () => Number(await legend.getAttribute('data-areas')), { timeout: 60_000 }).toBeGreaterThan(5);
    expect(await legend.getAttribute('data-source')).toBe('derived');
    expect(await page.getByTestId('approximate-areas').isVisible()).toBe(true);
    await page.waitForTimeout(1000);
    await accessible(page);
    await screenshot(page, 'observatory-map-agencies');

    // A click on an agency's area (where its incidents cluster) opens the incident list of that agency.
    // The biggest cluster sits in a town, inside an area (a small one may lie between two towns).
    const counts = await clusters.evaluateAll((buttons) => buttons.map((button) => Number((button as HTMLElement).dataset.count)));
    const biggest = clusters.nth(counts.indexOf(Math.max(...counts)));
    await biggest.scrollIntoViewIfNeeded();
    const spot = await biggest.boundingBox();
    for (const layer of ['Incidents regroupés', 'Points chauds (Gi*, bâtiments)']) await page.getByLabel(layer).uncheck();
    await page.waitForTimeout(500);
    await page.mouse.click(spot!.x + spot!.width / 2, spot!.y + spot!.height / 2);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/incidents');
    const listed = new URL(page.url()).searchParams;
    expect(Number(listed.get('agencyId'))).toBeGreaterThan(0);
    expect(listed.get('family')).toBe('D');
    await expect.poll(() => page.getByTestId('incident-list').locator('li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'observatory-map-agency-incidents');
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Carte de l’observatoire');

    // Emerging hotspots on hexagons, with their legend, alone on the map.
    for (const layer of ['Incidents regroupés', 'Carte de chaleur', 'Points chauds (Gi*, bâtiments)']) await page.getByLabel(layer).uncheck();
    await page.getByLabel('Points chauds émergents (hexagones)').check();
    const emerging = page.getByTestId('emerging-legend');
    await expect.poll(() => emerging.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => Number(await emerging.getAttribute('data-units')), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await emerging.locator('li').count()).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    await accessible(page);
    await screenshot(page, 'observatory-map-emerging');

    // Another filter, chosen on the map: both pages follow it.
    await page.getByLabel('Gravité').selectOption('G3');
    const withSeverity = new URL(page.url()).search;
    await expect.poll(async () => page.getByTestId('map-total').getAttribute('data-count'), { timeout: 30_000 }).not.toBe(String(dashboardCount));
    const mapCount = await page.getByTestId('map-total').getAttribute('data-count');
    await page.goto(`/observatoire${withSeverity}`);
    await expect.poll(async () => String(digits(await page.getByTestId('incidents-current').textContent()))).toBe(mapCount);
    await page.close();
  }, 240_000);

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

  it('lets the partner download the CLSPD pack of their commune as PDF and XLSX, holding their dashboard\'s figures', async () => {
    const api = await signedInApi(server.url, demoAccount('partner'));
    const query = 'from=2025-01&to=2025-12';
    const expected = await api<Dashboard>(`/api/observatory/dashboard?${query}`);
    const page = await partner.context.newPage();
    await page.goto(`/observatoire?${query}`);
    await expect.poll(() => page.getByTestId('partner-pack-pdf').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('board-report').count()).toBe(0);
    await accessible(page);
    await screenshot(page, 'observatory-partner-reports');
    const pdf = await downloaded(page, 'partner-pack-pdf');
    expect(pdf.name).toBe('dossier-clspd-62498-2025-01-2025-12.pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.body);
    expect(text).toContain('Dossier partenaires du CLSPD');
    expect(text).toContain('Lens (62498)');
    expect(text).toContain('janvier 2025 – décembre 2025');
    const xlsx = await downloaded(page, 'partner-pack-xlsx');
    expect(xlsx.name).toBe('dossier-clspd-62498-2025-01-2025-12.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const families = workbook.getWorksheet('Familles')!;
    const published = expected.families.map((_, index) => families.getRow(4 + index).getCell(2).value);
    expect(published).toEqual(expected.families.map((row) => row.incidents));
    expect(workbook.getWorksheet('Chiffres clés')!.getRow(4).getCell(2).value).toEqual(expected.indicators.current.incidents);
    await page.close();
  });

  it('lets the officer download the annual board report with the year\'s dashboard figures, and the USH survey', async () => {
    const api = await signedInApi(server.url, demoAccount('observatory_officer'));
    const year = new Date().getFullYear() - 1;
    const expected = await api<Dashboard>(`/api/observatory/dashboard?from=${year}-01&to=${year}-12`);
    const page = await officer.context.newPage();
    await page.goto('/observatoire');
    await expect.poll(() => page.getByTestId('board-report').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Année', { exact: true }).selectOption(String(year));
    const board = await downloaded(page, 'board-report');
    expect(board.name).toBe(`rapport-annuel-observatoire-${year}.pdf`);
    const text = pdfText(board.body);
    expect(text).toContain(`Rapport annuel ${year}`);
    expect(text).toMatch(new RegExp(`Incidents\\s+${frenchCount(expected.indicators.current.incidents as number)}\\s+${frenchCount(expected.indicators.lastYear.incidents as number)}`));
    expect(text).toContain('Carte des points chauds');
    const ush = await downloaded(page, 'ush-survey');
    expect(ush.name).toBe(`enquete-ush-incivilites-${year}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ush.body as unknown as ArrayBuffer);
    const families = workbook.getWorksheet('Familles')!;
    expect(families.getRow(4 + expected.families.length).getCell(3).value).toBe(expected.indicators.current.incidents);
    await screenshot(page, 'observatory-officer-reports');
    await page.close();
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
    await page.close();
  }, 240_000);

  it('leaves no page error and no request outside the server', () => {
    expect([...officer.pageErrors, ...partner.pageErrors]).toEqual([]);
    expect([...officer.externalRequests, ...partner.externalRequests]).toEqual([]);
  });

  // After the check above: the partner's refused analysis is a 403 the browser logs.
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
