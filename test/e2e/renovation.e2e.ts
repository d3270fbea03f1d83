import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** A residence added to the demo for this journey: one building of three flats, its BAN id in the patrimony file. */
const TEST_RESIDENCE = 'Résidence Essai DPE immeuble';
const TEST_BAN_ID = '62000_9999_00001';
const TEST_DWELLINGS = ['LOG-E2E-DPE-1', 'LOG-E2E-DPE-2', 'LOG-E2E-DPE-3'];

/**
 * Adds, through the command line on the server's database, a residence of the director's
 * directorate whose flats have no DPE but the first (class C), and an ADEME building DPE (E) for
 * their building, found by the BAN id of the patrimony file.
 */
async function addResidenceWithBuildingDpe(server: VigieServer): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'vigie-e2e-dpe-'));
  try {
    const exported = path.join(folder, 'patrimoine.csv');
    await server.cli(['export', 'patrimony', exported]);
    const [header, ...lines] = (await readFile(exported, 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((line) => line.split(';'));
    const column = (name: string) => header!.indexOf(name);
    // A commune of the director's directorate other than Lens, so the journey's search for "Lens" is unchanged.
    const place = lines.find((cells) => cells[column('directorate_code')] === 'DT-LLH' && cells[column('commune_insee')] !== '62498')!;
    const keep = ['directorate_code', 'directorate_name', 'agency_code', 'agency_name', 'commune_insee'].map((name) => place[column(name)]);
    const patrimony = path.join(folder, 'essai.csv');
    await writeFile(patrimony, [
      'directorate_code;directorate_name;agency_code;agency_name;commune_insee;residence_code;residence_name;building_code;street_number;street_name;ban_id;longitude;latitude;dwelling_code;kind;dpe_energy_class;dpe_date',
      ...TEST_DWELLINGS.map((code, index) =>
        [...keep, 'RES-E2E-DPE', TEST_RESIDENCE, 'BAT-E2E-DPE', '1', 'rue de l’Essai', TEST_BAN_ID, '2.83', '50.43', code, 'collective', index === 0 ? 'C' : '', index === 0 ? '2024-01-15' : ''].join(';')),
    ].join('\n'));
    await server.cli(['import', 'patrimony', patrimony]);
    const dpe = path.join(folder, 'dpe.csv');
    await writeFile(dpe, 'numero_dpe;date_etablissement_dpe;type_batiment;conso_5_usages_par_m2_ep;emission_ges_5_usages_par_m2;identifiant_ban\n2462E0009999Z;2024-03-01;immeuble;260;20;' + TEST_BAN_ID + '\n');
    expect(await server.cli(['import', 'dpe', dpe])).toContain('DPE de bâtiment : 1');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const OPERATIONS_HEADER = 'operation_code;name;kind;plan;programme_year;dwelling_codes;handover_date;planned_cost';
const operationsFile = (handover: string) => ({
  name: 'programme-essai.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([
    OPERATIONS_HEADER,
    `E2E-ENTRETIEN-1;Entretien essai 1;maintenance;pmt_2025_2030;2026;${TEST_DWELLINGS[0]};2026-11-30;12 000`,
    `E2E-ENTRETIEN-2;Entretien essai 2;maintenance;pmt_2025_2030;2026;${TEST_DWELLINGS[1]} ${TEST_DWELLINGS[2]};${handover};24 000`,
  ].join('\n')),
});

/**
 * The renovation officer's journey on the demo landlord: the compliance page and its
 * 2025/2028/2034 trajectory, an operation created and financed, a commitment beyond the 2024
 * application convention refused with the amount, a programme file uploaded (refused with its
 * bad line, then imported), and a dwelling whose label comes from its building's DPE.
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
    await addResidenceWithBuildingDpe(server);
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

  it('uploads a programme file: a bad line is reported with its column and nothing is written; the fixed file is imported', async () => {
    const before = (await api<OperationList>('/api/renovation/operations?kind=maintenance&year=2026&limit=1')).total;
    await page.goto('/renovation/operations');
    const file = page.getByLabel('Fichier CSV ou XLSX (une ligne par opération)');
    await file.setInputFiles(operationsFile('2026-02-30'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const refusal = page.getByTestId('import-refusal');
    await expect.poll(() => refusal.locator('tbody tr').count()).toBe(1);
    expect(await refusal.locator('tbody tr td').allTextContents()).toEqual(['3', 'handover_date', expect.stringContaining('2026-02-30')]);
    expect((await api<OperationList>('/api/renovation/operations?kind=maintenance&year=2026&limit=1')).total).toBe(before);
    await expectAccessible();
    await screenshot(page, 'desktop-renovation-import-refused');

    await file.setInputFiles(operationsFile('2026-12-15'));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '2 opérations importées (2 créées, 0 mises à jour).' }).count()).toBe(1);
    expect(await refusal.count()).toBe(0);
    expect((await api<OperationList>('/api/renovation/operations?kind=maintenance&year=2026&limit=1')).total).toBe(before + 2);
    await screenshot(page, 'desktop-renovation-import-done');
  });

  it('shows a flat labelled by its building’s DPE, and one by its own', async () => {
    const [residence] = await api<ResidenceSummary[]>(`/api/patrimony/search?q=${encodeURIComponent(TEST_RESIDENCE)}&limit=1`);
    await page.goto(`/patrimoine/residences/${residence!.id}`);
    const row = (code: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });
    await expect.poll(() => row(TEST_DWELLINGS[1]!).getByText('DPE du bâtiment').count()).toBe(1);
    expect(await row(TEST_DWELLINGS[1]!).locator('td').last().textContent()).toBe('E DPE du bâtiment');
    expect(await row(TEST_DWELLINGS[2]!).locator('td').last().textContent()).toBe('E DPE du bâtiment');
    // The first flat's own DPE (class C, 2024) wins over the building's.
    expect(await row(TEST_DWELLINGS[0]!).locator('td').last().textContent()).toBe('C');
    await expectAccessible();
    await screenshot(page, 'desktop-residence-building-dpe');
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

  it('never called the internet and logged no error but the refusals it provoked', () => {
    expect(guarded.externalRequests).toEqual([]);
    // Chromium logs every non-2xx response; the only ones are the refused commitment and the refused file.
    expect(guarded.pageErrors).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
