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
});
