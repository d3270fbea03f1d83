import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check, Item, Member, Session } from '../../web/src/deliberations/api.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, SCREENSHOT_DIR, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi, type ApiCall } from './support/session.js';

const PEOPLE = [
  ['M.', 'Paul', 'Arnaud'], ['Mme', 'Claire', 'Bernard'], ['M.', 'Louis', 'Caron'], ['Mme', 'Inès', 'Duval'], ['M.', 'Yves', 'Etienne'],
] as const;

describe.skipIf(!chromiumAvailable())('board decisions journey in the browser', () => {
  let server: VigieServer;
  let browser: Browser;
  let guarded: GuardedContext;
  let page: Page;
  let call: ApiCall;
  const api = <T>(apiPath: string, method = 'GET', body?: unknown): Promise<T> =>
    call<T>(apiPath, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  /** The journey's own board, beside the demo landlord's (whose register is already full). */
  const BOARD_NAME = "Conseil d'administration (séance d'essai)";
  let boardId: number;

  /** A board of five with the usual OPH rules: two thirds quorum, one proxy per member. */
  async function seedBoard(): Promise<void> {
    await api('/api/deliberations/landlord', 'PUT', {
      name: 'Office Test Habitat', legalForm: "Office Public de l'Habitat", siret: '27200001100011',
      addressLines: ['1 rue de la Paix', '62300 LENS'], directorGeneral: { civility: 'Mme', firstName: 'Anne', lastName: 'Roussel' },
    });
    const board = await api<{ id: number }>('/api/deliberations/instances', 'POST', {
      kind: 'board', name: BOARD_NAME, seats: 5, quorum: { numerator: 2, denominator: 3 }, maxProxiesPerMember: 1,
      remoteAttendanceAllowed: true, majority: 'present_or_represented', castingVote: true,
    });
    boardId = board.id;
    for (const [civility, firstName, lastName] of PEOPLE) {
      await api('/api/deliberations/members', 'POST', {
        civility, firstName, lastName, category: 'collectivity_elected', voting: true, instanceIds: [board.id], mandateStart: '2021-07-01', mandateEnd: null,
      });
    }
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    call = await signedInApi(server.url, demoAccount('executive'));
    await seedBoard();
    guarded = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('executive'));
    page = await guarded.context.newPage();
  });
  afterAll(async () => {
    await guarded?.context.close();
    await browser?.close();
    await server?.stop();
  });

  const journeySession = async () => (await api<Session[]>('/api/deliberations/sessions')).find((s) => s.instanceId === boardId);
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  it('enters a session with a proxy', async () => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Délibérations' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Registre des délibérations');
    await page.getByLabel(/^Instance/).selectOption({ label: BOARD_NAME });
    await page.getByLabel('Date de la séance').fill('2025-03-13');
    await page.getByLabel('Date de convocation').fill('2025-02-27');
    await page.getByLabel('Président de séance').selectOption({ label: 'M. Paul ARNAUD' });
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${BOARD_NAME} — séance du 13 mars 2025`);

    await page.getByLabel('Statut de Mme Inès DUVAL').selectOption('excused_with_proxy');
    await page.getByLabel('Titulaire du pouvoir de Mme Inès DUVAL').selectOption({ label: 'Mme Claire BERNARD' });
    await page.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Feuille de présence enregistrée.');
    expect(await page.getByTestId('attendance-summary').textContent()).toBe('Présents : 4 · pouvoirs : 1 · excusés : 0 · absents : 0');

    const session = await journeySession();
    const members = (await api<Member[]>('/api/deliberations/members')).filter((m) => m.instanceIds.includes(boardId));
    const id = (lastName: string) => members.find((m) => m.lastName === lastName)!.id;
    expect(session!.attendance.find((a) => a.memberId === id('Duval'))).toEqual({ memberId: id('Duval'), status: 'excused_with_proxy', proxyHolderId: id('Bernard') });
    await expectAccessible();
    await screenshot(page, 'deliberations-session');
  });

  it('adds an item with a stand-aside, refuses counts that do not add up, then adopts it', async () => {
    await page.getByLabel('Numéro d’acte').fill('ESSAI2025_03_01');
    await page.getByLabel('Objet').fill('Convention de financement avec le Département pour la réhabilitation de la résidence Les Acacias');
    await page.getByLabel('Direction').fill('Direction de la maîtrise d’ouvrage');
    await page.getByLabel('Prénom').fill('Camille');
    await page.getByLabel('Nom', { exact: true }).fill('Joly');
    await page.getByLabel(/^Décisions/).fill('approuvent la convention de financement annexée à la présente délibération ;');
    await page.getByRole('button', { name: 'Ajouter le point' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Point 1 — Convention de financement/);

    await page.getByLabel('M. Louis CARON se retire').check();
    await page.getByLabel('Motif du retrait de M. Louis CARON').fill('Conseiller départemental, membre de la commission permanente');
    await page.getByLabel('Décompte').check();
    // Four vote where only three members and one proxy can: the rules refuse the adoption.
    await page.getByLabel('Pour', { exact: true }).fill('4');
    await page.getByLabel('Abstentions', { exact: true }).fill('1');
    await page.getByLabel('État').selectOption('adopted');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('VOTE_TOTAL_MISMATCH');

    await page.getByLabel('Pour', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain('Aucune erreur');

    const session = await journeySession();
    const item = await api<Item>(`/api/deliberations/items/${session!.items[0]!.id}`);
    expect(item.status).toBe('adopted');
    expect(item.vote).toEqual({ kind: 'counts', for: 3, against: 0, abstentions: 1, notVoting: 0, presidentChoice: null });
    expect(item.standAsides).toHaveLength(1);
    const check = await api<Check>(`/api/deliberations/items/${item.id}/check`);
    expect(check.errors).toEqual([]);
    await expectAccessible();
    await screenshot(page, 'deliberations-item');
  });

  it('overrides the attendance for this item only, and the rules count it', async () => {
    // Monsieur ETIENNE leaves before the vote: absent, the four votes no longer add up.
    await page.getByLabel('Présence de M. Yves ETIENNE pour ce point').selectOption('absent');
    expect(await page.getByTestId('item-attendance-summary').textContent()).toBe('Présents : 3 · pouvoirs : 1 · excusés : 0 · absents : 1');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('VOTE_TOTAL_MISMATCH');

    // He leaves his proxy to the president: the count holds again.
    await page.getByLabel('Présence de M. Yves ETIENNE pour ce point').selectOption('excused_with_proxy');
    await page.getByLabel('Titulaire du pouvoir de M. Yves ETIENNE pour ce point').selectOption({ label: 'M. Paul ARNAUD' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

    const members = (await api<Member[]>('/api/deliberations/members')).filter((m) => m.instanceIds.includes(boardId));
    const id = (lastName: string) => members.find((m) => m.lastName === lastName)!.id;
    const session = await journeySession();
    const item = () => api<Item>(`/api/deliberations/items/${session!.items[0]!.id}`);
    await expect.poll(async () => (await item()).attendanceOverrides).toEqual([{ memberId: id('Etienne'), status: 'excused_with_proxy', proxyHolderId: id('Arnaud') }]);
    expect((await item()).status).toBe('adopted');
    await expect.poll(() => page.getByTestId('findings').textContent()).toContain('Aucune erreur');
    // The page reloaded the item: its form shows the saved override.
    await expect.poll(() => page.getByLabel('Présence de M. Yves ETIENNE pour ce point').inputValue()).toBe('excused_with_proxy');
    // The session's own sheet is untouched.
    expect(session!.attendance.find((a) => a.memberId === id('Etienne'))!.status).toBe('present');
    await expectAccessible();
    await screenshot(page, 'deliberations-item-attendance');
  });

  it('generates the extract, rendered to PNG', async () => {
    const href = await page.getByRole('link', { name: 'Extrait de la délibération (PDF)' }).getAttribute('href');
    // The browser's own session fetches it, as the link does.
    const response = await page.context().request.get(href!);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const pdf = path.join(SCREENSHOT_DIR, 'deliberations-extract.pdf');
    await writeFile(pdf, await response.body());
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('SEANCE DU 13 MARS 2025');
    expect(text).toContain('Directrice générale');
    expect(text).toContain('Président : Monsieur ARNAUD');
    // The item's own attendance: Monsieur ETIENNE left his proxy for this item.
    const flowing = text.replace(/\s+/g, ' ');
    expect(flowing).toContain('Excusés : Madame DUVAL qui a donné pouvoir à Madame BERNARD, Monsieur ETIENNE qui a donné pouvoir à Monsieur ARNAUD.');
    expect(flowing.slice(flowing.indexOf('Présents :'), flowing.indexOf('Excusés :'))).not.toContain('ETIENNE');
    expect(text).toContain("Monsieur CARON n'ayant pas participé aux débats et vote de cette délibération.");
    expect(text).toMatch(/Pour\s+3\n/);
    expect(text).not.toContain('PROJET');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
    expect(guarded.externalRequests).toEqual([]);
  });

  it('links the decision to its convention and finds it in the register', async () => {
    await page.getByLabel('Référence').fill('CONV-CD62-ACACIAS');
    await page.getByLabel('Libellé').fill('Convention Les Acacias');
    await page.getByRole('button', { name: 'Ajouter le lien' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Ce que la décision a décidé' }).textContent()).toContain('CONV-CD62-ACACIAS');
    const linked = await api<{ actNumber: string }[]>('/api/deliberations/linked?kind=funding_convention&reference=CONV-CD62-ACACIAS');
    expect(linked.map((l) => l.actNumber)).toEqual(['ESSAI2025_03_01']);

    await page.getByRole('navigation').getByRole('link', { name: 'Délibérations' }).click();
    await page.getByLabel('Mots de l’objet, du rapport ou des décisions').fill('departement acacias');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect.poll(() => page.getByRole('search').locator('..').getByRole('status').textContent()).toBe('1 délibération');
    expect(await page.locator('.result__name', { hasText: 'Convention de financement' }).count()).toBe(1);
    await expectAccessible();
    await screenshot(page, 'deliberations-register');
    // The refused adoption is a 409 the browser logs; anything else is a fault of the page.
    expect(guarded.pageErrors.filter((error) => !error.includes('409'))).toEqual([]);
  });
  it('shows the dated board delegation of a Bureau decision, and its extract cites it', async () => {
    const [entry] = await api<{ id: number; actNumber: string }[]>('/api/deliberations/register?q=garantie%20emprunt%20Bully');
    expect(entry!.actNumber).toBe('BU2025_03_01');
    await page.goto(`/deliberations/points/${entry!.id}`);
    const delegation = page.getByRole('group', { name: 'Délégation du conseil dont relève la décision du Bureau' });
    await expect.poll(() => delegation.getByLabel('Délégation consentie le').inputValue()).toBe('2025-02-13');
    expect(await delegation.getByLabel('Numéro de la délibération de délégation').inputValue()).toBe('CA2025_02_02');
    const response = await page.context().request.get(`/api/deliberations/items/${entry!.id}/extract.pdf`);
    const text = execFileSync('pdftotext', ['-', '-'], { input: await response.body(), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain("les membres du Bureau, en vertu de la délégation consentie par le Conseil d'administration le 13 février 2025 (délibération n° CA2025_02_02) :");
    await expectAccessible();
  });

  it('counts the approval of the accounts without the remote participant, and says so in the extract', async () => {
    const [entry] = await api<{ id: number; actNumber: string }[]>('/api/deliberations/register?q=approbation%20comptes%202024');
    expect(entry!.actNumber).toBe('CA2025_04_02');
    await page.goto(`/deliberations/points/${entry!.id}`);
    await expect.poll(() => page.getByLabel('Nature de la décision').inputValue()).toBe('accounts_approval');
    await expect.poll(() => page.getByTestId('findings').textContent()).toMatch(/la participation à distance de .+ ne compte ni pour le quorum ni pour la majorité/);
    // The remote member has no ballot on this item.
    await page.getByLabel('Vote nominatif').check();
    const item = await api<Item>(`/api/deliberations/items/${entry!.id}`);
    const session = await api<{ attendance: { memberId: number; status: string }[] }>(`/api/deliberations/sessions/${item.sessionId}`);
    const remote = session.attendance.find((a) => a.status === 'remote')!;
    const remoteMember = (await api<Member[]>('/api/deliberations/members')).find((m) => m.id === remote.memberId)!;
    expect(await page.getByLabel(`Vote de ${remoteMember.civility} ${remoteMember.firstName} ${remoteMember.lastName.toUpperCase()}`).count()).toBe(0);
    await screenshot(page, 'deliberations-accounts');
    const response = await page.context().request.get(`/api/deliberations/items/${entry!.id}/extract.pdf`);
    const text = execFileSync('pdftotext', ['-', '-'], { input: await response.body(), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Participant à distance, non compté pour l'approbation des comptes : ${remoteMember.civility === 'Mme' ? 'Madame' : 'Monsieur'} ${remoteMember.lastName.toUpperCase()}`);
    await expectAccessible();
  });

  it('shows the register to a territorial director without its forms', async () => {
    const reader = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('territorial_director'));
    try {
      const readerPage = await reader.context.newPage();
      const session = await journeySession();
      await readerPage.goto(`/deliberations/points/${session!.items[0]!.id}`);
      await expect.poll(() => readerPage.getByTestId('findings').textContent()).toContain('Aucune erreur');
      expect(await readerPage.getByLabel('Présence de M. Yves ETIENNE pour ce point').isDisabled()).toBe(true);
      expect(await readerPage.getByRole('button', { name: 'Enregistrer', exact: true }).count()).toBe(0);
      expect(await readerPage.getByRole('button', { name: 'Ajouter le lien' }).count()).toBe(0);
      await readerPage.goto('/deliberations');
      await expect.poll(() => readerPage.getByRole('heading', { level: 1 }).textContent()).toBe('Registre des délibérations');
      expect(await readerPage.getByRole('heading', { name: 'Nouvelle séance' }).count()).toBe(0);
      expect(await seriousAccessibilityViolations(readerPage)).toEqual([]);
      expect(reader.pageErrors).toEqual([]);
    } finally {
      await reader.context.close();
    }
  });
});
