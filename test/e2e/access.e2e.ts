import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../web/src/access/api.js';
import type { IncidentDetail } from '../../web/src/incidents/api.js';
import { DEMO_PASSWORD } from '../../src/access/demo/users.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi } from './support/session.js';

/** Accounts of this journey only: locking them leaves the demo accounts of the other journeys alone. */
const LOCKED = { email: 'verrou@demo.vigie.fr', password: 'Essai-de-blocage-des-journeys-2026' };
const NEWCOMER = 'nouvelle.recrue@demo.vigie.fr';
/** Created by the administrator through the pages, in this journey. */
const RECRUIT = { email: 'ines.gardienne@demo.vigie.fr', name: 'Inès Gardienne', password: 'Ma phrase de passe de gardienne 2026' };

/** The browser reports refused requests (400, 401, 403, 423) as console errors: those are expected here. */
const unexpected = (errors: string[]) => errors.filter((error) => !/Failed to load resource: the server responded with a status of (400|401|403|423)/.test(error));

describe.skipIf(!chromiumAvailable())('sign-in journey in the browser', () => {
  let server: VigieServer;
  let browser: Browser;
  let newcomerPassword: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    await server.cli(['user', 'add', '--email', LOCKED.email, '--name', 'Compte de verrouillage', '--role', 'agent', '--agency', 'AG07', '--password-stdin'], `${LOCKED.password}\n`);
    const added = await server.cli(['user', 'add', '--email', NEWCOMER, '--name', 'Nora Recrue', '--role', 'agent', '--agency', 'AG07']);
    const lines = added.split('\n');
    newcomerPassword = lines[lines.findIndex((line) => line.startsWith('Mot de passe à usage unique')) + 1]!.trim();
    // The demo loads, then the server restarts after each account is added: slow on a busy machine.
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openPage = async (device: keyof typeof VIEWPORTS = 'desktop'): Promise<{ guarded: GuardedContext; page: Page }> => {
    const guarded = await openGuardedContext(browser, server.url, VIEWPORTS[device]);
    return { guarded, page: await guarded.context.newPage() };
  };
  const signInThroughPage = async (page: Page, email: string, password: string) => {
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  };

  describe('the caretaker', () => {
    let guarded: GuardedContext;
    let page: Page;
    beforeAll(async () => ({ guarded, page } = await openPage('phone')));
    afterAll(() => guarded?.context.close());

    it('is sent to the login page, which lists the demo accounts, and back to the page asked for', async () => {
      const response = await page.goto('/incidents?statut=ouvert');
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForURL('**/connexion?retour=%2Fincidents%3Fstatut%3Douvert');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
      const demo = page.getByTestId('demo-accounts');
      await expect.poll(() => demo.getByRole('listitem').filter({ hasText: 'agent@demo.vigie.fr' }).textContent()).toContain('Agent de proximité');
      expect(await page.getByTestId('demo-password').textContent()).toBe(DEMO_PASSWORD);
      // Not signed in: no menu to pages that would only answer 401.
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'phone-login');

      await signInThroughPage(page, demoAccount('agent'), DEMO_PASSWORD);
      await page.waitForURL('**/incidents?statut=ouvert');
      const menu = page.getByTestId('user-menu');
      await expect.poll(() => menu.textContent()).toContain('Karim Agent');
      expect(await menu.textContent()).toContain('Agent de proximité');
      await screenshot(page, 'phone-signed-in');
    });

    it('opens by its address an incident of another agency and sees "access denied", not the record', async () => {
      const officer = await signedInApi(server.url, demoAccount('observatory_officer'));
      const me = (await page.request.get('/api/auth/me').then((answer) => answer.json())) as Session;
      const ownAgencies = new Set(me.grants.flatMap((grant) => grant.perimeter.agencyIds));
      const { items } = await officer<{ items: IncidentDetail[] }>('/api/incidents');
      const elsewhere = items.find((incident) => !ownAgencies.has(incident.agencyId) && incident.family !== 'E');
      expect(elsewhere, 'an incident outside Lens centre in the demo').toBeDefined();

      await page.goto(`/incidents/${elsewhere!.id}`);
      const denied = page.getByTestId('access-denied');
      await expect.poll(() => denied.textContent()).toContain('Accès refusé');
      expect(await denied.textContent()).toContain('hors de votre périmètre');
      expect(await page.getByText(elsewhere!.description).count()).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'phone-access-denied');
    });

    it('signs out back to the login page; the old session answers 401 afterwards', async () => {
      const cookies = (await guarded.context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
      await page.goto('/');
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL('**/connexion');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
      expect((await page.request.get('/api/incidents')).status()).toBe(401);
      expect((await fetch(`${server.url}/api/incidents`, { headers: { cookie: cookies } })).status).toBe(401);
      // A page of the app now leads to the login page again.
      await page.goto('/incidents');
      await page.waitForURL('**/connexion?retour=%2Fincidents');
      expect(unexpected(guarded.pageErrors)).toEqual([]);
      expect(guarded.externalRequests).toEqual([]);
    });
  });

  it('says the password is wrong, then that the account is locked and for how long', async () => {
    const { guarded, page } = await openPage();
    try {
      await page.goto('/connexion');
      const refusal = page.getByTestId('login-refusal');
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signInThroughPage(page, LOCKED.email, `Mauvais-mot-de-passe-${attempt}`);
        await expect.poll(() => refusal.textContent()).toBe('Adresse électronique ou mot de passe incorrect.');
      }
      // Locked now: even the right password is refused, with the wait.
      await signInThroughPage(page, LOCKED.email, LOCKED.password);
      await expect.poll(() => refusal.textContent()).toBe('Compte verrouillé après des échecs répétés : réessayez dans 15 min.');
      expect(page.url()).toContain('/connexion');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'desktop-login-locked');
      expect(unexpected(guarded.pageErrors)).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });

  it('makes a new account choose its own password before anything else', async () => {
    const { guarded, page } = await openPage();
    try {
      await page.goto('/deliberations');
      await page.waitForURL('**/connexion?retour=%2Fdeliberations');
      await signInThroughPage(page, NEWCOMER, newcomerPassword);
      await page.waitForURL('**/mot-de-passe?retour=%2Fdeliberations');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('mot de passe est provisoire');
      await page.getByLabel('Mot de passe actuel').fill(newcomerPassword);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('trop-court');
      await page.getByLabel('Confirmez le nouveau mot de passe').fill('trop-court');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Au moins 12 caractères');
      await screenshot(page, 'desktop-password-forced');

      const chosen = 'Une phrase de passe bien longue 2026';
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(chosen);
      await page.getByLabel('Confirmez le nouveau mot de passe').fill(chosen);
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.waitForURL('**/deliberations');
      await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('Nora Recrue');
      expect(unexpected(guarded.pageErrors)).toEqual([]);
    } finally {
      await guarded.context.close();
    }
  });

  describe('the administrator', () => {
    let guarded: GuardedContext;
    let page: Page;
    let oneTimePassword: string;
    beforeAll(async () => {
      guarded = await openGuardedContext(browser, server.url, VIEWPORTS.desktop, demoAccount('administrator'));
      page = await guarded.context.newPage();
    });
    afterAll(() => guarded?.context.close());

    it('creates an agent for an agency and is shown the one-time password once', async () => {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click();
      await page.waitForURL('**/administration/comptes');
      await expect.poll(() => page.getByTestId('account').count()).toBeGreaterThan(5);
      const agentRow = page.getByTestId('account').filter({ hasText: 'agent@demo.vigie.fr' }).first();
      expect(await agentRow.textContent()).toContain('Agent de proximité — Lens centre');

      await page.getByLabel('Nom et prénom').fill(RECRUIT.name);
      await page.getByLabel('Adresse électronique').fill(RECRUIT.email);
      await page.getByLabel('Rôle').selectOption('agent');
      // No agency chosen: the server names the missing perimeter.
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('agencies');
      await page.getByRole('checkbox', { name: /Lens centre/ }).check();
      await page.getByRole('button', { name: 'Créer le compte' }).click();
      const notice = page.getByTestId('one-time-password');
      await expect.poll(() => notice.textContent()).toContain(RECRUIT.email);
      oneTimePassword = (await notice.locator('code').textContent())!.trim();
      expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
      const row = page.locator(`[data-testid="account"][data-email="${RECRUIT.email}"]`);
      await expect.poll(() => row.textContent()).toContain('Mot de passe provisoire');
      expect(await row.textContent()).toContain('Agent de proximité — Lens centre');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'desktop-admin-account-created');
      await page.getByRole('button', { name: 'J’ai transmis le mot de passe' }).click();
      expect(await notice.count()).toBe(0);
    });

    it('the new agent signs in with it, must choose a password, and then works in the agency', async () => {
      const { guarded: agentContext, page: agentPage } = await openPage('phone');
      try {
        await agentPage.goto('/connexion');
        await signInThroughPage(agentPage, RECRUIT.email, oneTimePassword);
        await agentPage.waitForURL('**/mot-de-passe');
        await agentPage.getByLabel('Mot de passe actuel').fill(oneTimePassword);
        await agentPage.getByLabel('Nouveau mot de passe', { exact: true }).fill(RECRUIT.password);
        await agentPage.getByLabel('Confirmez le nouveau mot de passe').fill(RECRUIT.password);
        await agentPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
        await agentPage.waitForURL((url) => url.pathname === '/');
        await expect.poll(() => agentPage.getByTestId('user-menu').textContent()).toContain(RECRUIT.name);
        // An agent has no administration entry, and the page itself is refused.
        expect(await agentPage.getByRole('link', { name: 'Administration' }).count()).toBe(0);
        await agentPage.goto('/administration/comptes');
        await expect.poll(() => agentPage.getByTestId('access-denied').count()).toBeGreaterThan(0);
        expect(unexpected(agentContext.pageErrors)).toEqual([]);
      } finally {
        await agentContext.context.close();
      }
    });

    it('disables the account: the agent can no longer sign in', async () => {
      await page.reload();
      const row = page.locator(`[data-testid="account"][data-email="${RECRUIT.email}"]`);
      await expect.poll(() => row.textContent()).toContain('Actif');
      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: `Désactiver le compte de ${RECRUIT.name}` }).click();
      await expect.poll(() => row.textContent()).toContain('Désactivé');
      expect(await row.getByRole('button').count()).toBe(0);

      const { guarded: agentContext, page: agentPage } = await openPage();
      try {
        await agentPage.goto('/connexion');
        await signInThroughPage(agentPage, RECRUIT.email, RECRUIT.password);
        await expect.poll(() => agentPage.getByTestId('login-refusal').textContent()).toBe('Adresse électronique ou mot de passe incorrect.');
        expect(agentPage.url()).toContain('/connexion');
      } finally {
        await agentContext.context.close();
      }
    });

    it('finds the creation in the audit log, exports it and verifies the chain', async () => {
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Journal d’audit' }).click();
      await page.waitForURL('**/administration/journal');
      await page.getByLabel('Action (ex. user.add)').fill('user.add');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForURL('**/administration/journal?action=user.add');
      const entries = page.getByTestId('audit-entry');
      await expect.poll(() => entries.first().textContent()).toContain(RECRUIT.email);
      expect(await entries.first().textContent()).toContain(demoAccount('administrator'));
      expect(await entries.filter({ hasNotText: 'user.add' }).count()).toBe(0);

      const exported = await page.request.get(await page.getByRole('link', { name: 'Exporter la sélection (CSV)' }).getAttribute('href') ?? '');
      expect(exported.headers()['cache-control']).toBe('no-store');
      const csv = await exported.text();
      expect(csv.split('\n')[0]).toContain('seq,occurredAt');
      expect(csv).toContain(RECRUIT.email);
      expect(csv).not.toContain('user.disable');

      await page.getByRole('button', { name: 'Vérifier la chaîne' }).click();
      await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(/Chaîne intègre : \d+ entrées vérifiées/);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'desktop-admin-audit');
      expect(unexpected(guarded.pageErrors)).toEqual([]);
      expect(guarded.externalRequests).toEqual([]);
    });
  });
});
