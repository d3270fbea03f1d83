import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceOverview, OperationDetail, OperationList } from '../../web/src/renovation/api.js';
import type { ResidenceSummary } from '../../web/src/shared/api.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi, type ApiCall } from './support/session.js';

interface Consumption { years: { year: number; investment: { remainingCents: number } }[] }

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
/** What a person types: whole euros, French grouping. */
const typed = (cents: number) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(cents / 100);

/**
 * The renovation officer's journey on the demo landlord: the compliance page and its
 * 2025/2028/2034 trajectory, an operation created and financed, and a commitment beyond the
 * 2024 application convention refused with the amount.
 */
describe.skipIf(!chromiumAvailable())('renovation journey in the browser', () => {
  let server: VigieServer;
  let browser: Browser;
  let guarded: GuardedContext;
  let page: Page;
  let api: ApiCall;
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    api = await signedInApi(server.url, demoAccount('territorial_director'));
    guarded = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('territorial_director'));
    page = await guarded.context.newPage();
  });
  afterAll(async () => {
    await guarded?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the E/F/G trajectory against the 2025, 2028 and 2034 bans', async () => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Rénovation' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Rénovation et calendrier Climat et résilience');
    const overview = await api<ComplianceOverview>('/api/renovation/compliance?from=2024');
    const bars = page.getByTestId('trajectory-bar');
    await expect.poll(() => bars.count(), { timeout: 30_000 }).toBe(overview.trajectory.length);
    const drawn = await bars.evaluateAll((groups) => groups.map((g) => [g.dataset.year, g.dataset.e, g.dataset.f, g.dataset.g].map(Number)));
    expect(drawn).toEqual(overview.trajectory.map((year) => [year.year, year.E, year.F, year.G]));
    expect(await page.getByTestId('trajectory-ban').evaluateAll((marks) => marks.map((mark) => Number(mark.dataset.year)))).toEqual([2025, 2028, 2034]);
    // The demo programme renovates the worst first: no G dwelling of the programme is left when the G ban starts.
    const year = (n: number) => overview.trajectory.find((row) => row.year === n)!;
    expect(year(2034).G + year(2034).F).toBeLessThan(year(2024).G + year(2024).F);
    expect(year(2025).G).toBeLessThan(year(2024).G);
    await expectAccessible();
    await screenshot(page, 'desktop-renovation-compliance');
  });

  it('creates an operation over the dwellings of a residence', async () => {
    const residence = (await api<ResidenceSummary[]>('/api/patrimony/search?q=Lens&limit=10'))[0]!;
    await page.getByRole('link', { name: 'Programme de travaux' }).click();
    await page.getByRole('link', { name: 'Nouvelle opération' }).click();
    await page.getByLabel('Nom, commune ou code de la résidence').fill('Lens');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('radio').first().check();
    await expect.poll(() => page.getByTestId('chosen-residence').textContent()).toContain(residence.name);
    await page.getByLabel('Intitulé').fill('Réhabilitation test navigateur');
    await page.getByLabel('Année de programmation').fill('2024');
    await page.getByLabel('Réception').fill('2024-12-20');
    await page.getByLabel('Coût prévisionnel').fill('1 200 000,00');
    await page.getByLabel('Étiquette avant travaux').selectOption('F');
    await page.getByLabel('Énergie primaire avant travaux (kWh/m²/an)').fill('390');
    await expectAccessible();
    await page.getByRole('button', { name: 'Créer l’opération' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Réhabilitation test navigateur');
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    const stored = await api<OperationDetail>(`/api/renovation/operations/${id}`);
    expect(stored).toMatchObject({ plannedCents: 1_200_000_00, programmeYear: 2024, dwellings: residence.dwellings, labelBefore: 'F', targetLabel: 'C' });
    await expect.poll(() => page.getByTestId('operation-dwellings').textContent()).toBe(new Intl.NumberFormat('fr').format(residence.dwellings));
  });

  it('finances it, then refuses a commitment beyond the 2024 convention with the amount', async () => {
    const remaining = (await api<Consumption[]>('/api/renovation/reports/consumption'))[0]!.years.find((year) => year.year === 2024)!.investment.remainingCents;
    expect(remaining).toBeGreaterThan(100_000_00);
    const first = remaining - 50_000_00;
    await page.getByLabel('Financeur').selectOption('departement_investment');
    await page.getByLabel('Statut').selectOption('committed');
    await page.getByLabel('Montant').fill(typed(first));
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ligne de financement ajoutée.' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('financing-total').textContent()).toBe(euros(first));
    // The line's status history names who committed it.
    const history = page.getByTestId('financing-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.first().textContent()).toContain(`— → Engagé${demoAccount('territorial_director')}`);

    await page.getByLabel('Montant').fill(typed(80_000_00));
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const refusal = page.getByTestId('financing-refusal');
    await expect.poll(() => refusal.textContent()).toContain(`serait dépassée de ${euros(30_000_00)}`);
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    const stored = await api<OperationDetail>(`/api/renovation/operations/${id}`);
    expect(stored.financingLines.map((line) => [line.source, line.status, line.amountCents])).toEqual([['departement_investment', 'committed', first]]);
    await expectAccessible();
    await screenshot(page, 'desktop-renovation-refusal');
    const list = await api<OperationList>('/api/renovation/operations?year=2024&kind=energy_renovation&limit=1');
    expect(list.total).toBeGreaterThan(1);
  });

  it('shows the compliance page on a phone', async () => {
    const phone = await openGuardedContext(browser, server.url, VIEWPORTS.phone, demoAccount('territorial_director'));
    try {
      const small = await phone.context.newPage();
      await small.goto('/renovation');
      await expect.poll(() => small.getByTestId('trajectory-bar').count(), { timeout: 30_000 }).toBe(11);
      expect(await seriousAccessibilityViolations(small)).toEqual([]);
      await screenshot(small, 'phone-renovation-compliance');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });

  it('never called the internet and logged no error but the refusal it provoked', () => {
    expect(guarded.externalRequests).toEqual([]);
    // Chromium logs every non-2xx response; the only one is the refused commitment.
    expect(guarded.pageErrors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
