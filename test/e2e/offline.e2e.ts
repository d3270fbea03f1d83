import sharp from 'sharp';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentPage, NearestPlace } from '../../web/src/incidents/api.js';
import type { ResidenceDetail, ResidenceMap } from '../../web/src/shared/api.js';
import { chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext } from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi, type ApiCall } from './support/session.js';

/** The console errors a cut network causes by design (failed loads); anything else is a bug. */
const NETWORK_FAILURE = /Failed to load resource|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|Failed to fetch/;

/**
 * A caretaker in a car park: no signal. The phone keeps the app, the agency's patrimony and the
 * nomenclature; incidents and photos wait on the phone, survive a closed app, and reach the
 * server exactly once when the network is back — even when the connection dies mid-upload.
 */
describe.skipIf(!chromiumAvailable())('offline field capture on a phone', () => {
  let server: VigieServer;
  let browser: Browser;
  let guarded: GuardedContext;
  let page: Page;
  let api: ApiCall;
  let residence: { id: number; name: string; communeName: string };
  let photo: Buffer;
  // Descriptions unique to this run: the server's count of each proves "exactly once".
  const tag = `run ${Date.now().toString(36)}`;

  const openRecordPage = async () => {
    page = await guarded.context.newPage();
    await page.goto('/incidents/nouveau');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Signaler un incident');
  };

  const recordIncident = async (description: string) => {
    await page.getByLabel('Nom, commune ou code de la résidence').fill(residence.name);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: `${residence.name} ${residence.communeName}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('chosen-place').textContent()).toBe(`Lieu choisi : ${residence.name}`);
    await page.getByLabel('Type d’incident *').selectOption('D.MAILBOX');
    await page.getByLabel('Connu par *').selectOption('caretaker');
    await page.getByLabel('Description courte et factuelle *').fill(description);
    await page.getByLabel('Photos (facultatif)').setInputFiles({ name: 'boites.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
  };

  /** The agent's incidents on the server whose description is `description`, with their photos. */
  const onServer = async (description: string) => {
    const page = await api<IncidentPage>(`/api/incidents?mine=true&residenceId=${residence.id}&limit=200`);
    const found = page.items.filter((incident) => incident.description === description);
    return Promise.all(found.map(async (incident) => ({ id: incident.id, photos: (await api<unknown[]>(`/api/incidents/${incident.id}/photos`)).length })));
  };

  const outboxItems = () => page.getByTestId('outbox-item');

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    api = await signedInApi(server.url, demoAccount('agent'));
    // A residence no other of the agency's shares a name with: the search finds it alone.
    const agency = (await api<ResidenceMap>('/api/patrimony/map/residences')).features.map((feature) => feature.properties);
    residence = agency.find((candidate) => agency.filter((other) => other.name.startsWith(candidate.name)).length === 1)!;
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6b7b8c' } }).jpeg().toBuffer();
    guarded = await openGuardedContext(browser, server.url, VIEWPORTS.phone, demoAccount('agent'));
  });
  afterAll(async () => {
    await guarded?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('gets the phone ready for the field: installable, app and agency data kept', async () => {
    await openRecordPage();
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    expect(manifest).toMatchObject({ short_name: 'Vigie', display: 'standalone', lang: 'fr' });
    expect((manifest as { icons: { sizes: string }[] }).icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    const agencyResidences = (await api<ResidenceMap>('/api/patrimony/map/residences')).features.length;
    await expect.poll(() => page.getByTestId('offline-ready').textContent(), { timeout: 60_000 })
      .toBe(`Prêt pour le terrain : la nomenclature et ${agencyResidences} résidences de votre secteur sont disponibles hors connexion.`);
    // Minimal data: the kept answers are the session, nomenclature and the agency's residences, no incident.
    const kept = await page.evaluate(async () => (await (await caches.open('vigie-api')).keys()).map((request) => new URL(request.url).pathname));
    expect(kept.filter((path) => path.startsWith('/api/incidents'))).toEqual(['/api/incidents/categories']);
    expect(kept.filter((path) => path.startsWith('/api/patrimony/residences/'))).toHaveLength(agencyResidences);
  });

  it('records two incidents with a photo offline, keeps them through a closed app, sends each once when back online', async () => {
    await guarded.context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('offline-banner').isVisible()).toBe(true);
    // A tap on the map still snaps to the agency's buildings and entrances kept on the phone.
    const building = (await api<ResidenceDetail>(`/api/patrimony/residences/${residence.id}`)).buildings[0]!;
    const snapped = await page.evaluate(async ([lon, lat]) => (await fetch(`/api/incidents/places/nearest?lon=${lon}&lat=${lat}`)).json() as Promise<NearestPlace[]>, [building.lon, building.lat]);
    expect(snapped[0]).toMatchObject({ buildingId: building.id, residenceId: residence.id, residenceName: residence.name, distanceMetres: 0 });

    for (const number of [1, 2]) {
      await recordIncident(`Boîtes aux lettres forcées, parking niveau -${number} (${tag}).`);
      await expect.poll(() => page.getByTestId('incident-queued').isVisible()).toBe(true);
      await expect.poll(() => outboxItems().count()).toBe(number);
      if (number === 1) await page.getByRole('button', { name: 'Signaler un autre incident' }).click();
    }
    await expect.poll(() => page.getByTestId('outbox').getByText('En attente d’envoi', { exact: true }).count()).toBe(2);
    await expect.poll(() => page.getByTestId('outbox').getByText('1 photo en attente d’envoi', { exact: true }).count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-offline-queue');

    // The app is closed in the car park and opened again, still without signal.
    await page.close();
    await openRecordPage();
    await expect.poll(() => outboxItems().count()).toBe(2);
    for (const number of [1, 2]) expect(await onServer(`Boîtes aux lettres forcées, parking niveau -${number} (${tag}).`)).toEqual([]);

    await guarded.context.setOffline(false);
    await expect.poll(() => outboxItems().count(), { timeout: 45_000 }).toBe(0);
    for (const number of [1, 2]) {
      const found = await onServer(`Boîtes aux lettres forcées, parking niveau -${number} (${tag}).`);
      expect(found.map((incident) => incident.photos)).toEqual([1]);
    }
    await expect.poll(() => page.getByTestId('offline-ready').isVisible()).toBe(true);
    await screenshot(page, 'phone-offline-sent');
  });

  it('creates no duplicate when the connection dies after the server received the incident, then the photo', async () => {
    // The first request of each kind reaches the server, which records it; the answer never comes back.
    const cutting = { incident: false, photo: false };
    const cut = { incident: false, photo: false };
    const cutOnce = (kind: keyof typeof cut) => async (route: Route) => {
      if (route.request().method() !== 'POST' || cutting[kind]) return route.fallback();
      cutting[kind] = true;
      await route.fetch();
      cut[kind] = true;
      return route.abort('connectionreset');
    };
    await guarded.context.route('**/api/incidents', cutOnce('incident'));
    await guarded.context.route('**/api/incidents/*/photos', cutOnce('photo'));
    const description = `Porte du local vélos arrachée (${tag}).`;
    await recordIncident(description);
    // The form could not know the outcome: the draft waits on the phone, its incident already on the server.
    await expect.poll(() => page.getByTestId('incident-queued').isVisible()).toBe(true);
    expect(cut.incident).toBe(true);
    expect((await onServer(description)).map((incident) => incident.photos)).toEqual([0]);

    // The retry of the incident gets the recorded one back; the photo's first upload is cut in turn.
    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await expect.poll(() => cut.photo).toBe(true);
    await expect.poll(() => page.getByTestId('outbox').getByText('1 photo en attente d’envoi', { exact: true }).count()).toBe(1);
    expect((await onServer(description)).map((incident) => incident.photos)).toEqual([1]);

    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await expect.poll(() => outboxItems().count()).toBe(0);
    expect((await onServer(description)).map((incident) => incident.photos)).toEqual([1]);
  });

  it('shows a draft the server refuses (category retired meanwhile) with the reason, intact, and sends it again once fixed', async () => {
    await guarded.context.unrouteAll({ behavior: 'ignoreErrors' });
    const observatory = await signedInApi(server.url, demoAccount('observatory_officer'));
    const setMailboxActive = (active: boolean) =>
      observatory('/api/incidents/categories/D.MAILBOX', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ active }) });
    await guarded.context.setOffline(true);
    await page.getByRole('button', { name: 'Signaler un autre incident' }).click();
    const description = `Boîtes aux lettres forcées, hall B (${tag}).`;
    await recordIncident(description);
    await expect.poll(() => outboxItems().count()).toBe(1);
    // While the caretaker is underground, the nomenclature retires the category.
    await setMailboxActive(false);
    await guarded.context.setOffline(false);
    const refused = page.locator('[data-testid=outbox-item][data-state=refused]');
    await expect.poll(() => refused.getByRole('alert').first().textContent(), { timeout: 45_000 }).toMatch(/^Refusé : Catégorie inconnue ou désactivée/);
    await expect.poll(() => refused.getByText(description, { exact: true }).count()).toBe(1);
    await expect.poll(() => refused.getByText('categoryCode').count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-offline-refused');
    expect(await onServer(description)).toEqual([]);

    await setMailboxActive(true);
    await refused.getByRole('button', { name: 'Renvoyer' }).click();
    await expect.poll(() => outboxItems().count()).toBe(0);
    expect((await onServer(description)).map((incident) => incident.photos)).toEqual([1]);
  });

  it('signing out leaves nothing of the agent’s work on the phone, unsent drafts included', async () => {
    await guarded.context.unrouteAll({ behavior: 'ignoreErrors' });
    // The recordings cannot get through (a dead zone for writes): the draft waits on the phone.
    await guarded.context.route('**/api/incidents', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()));
    await page.getByRole('button', { name: 'Signaler un autre incident' }).click();
    const description = `Tags dans la cage d’escalier (${tag}).`;
    await recordIncident(description);
    await expect.poll(() => outboxItems().count()).toBe(1);
    // Signed out before the queue could send it: warned, the agent confirms; the draft goes with the session.
    const warnings: string[] = [];
    page.once('dialog', (dialog) => {
      warnings.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => warnings).toEqual(['1 signalement de ce téléphone n’est pas encore envoyé : la déconnexion le supprimera. Se déconnecter quand même ?']);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/connexion');
    const left = await page.evaluate(async () => {
      const kept = (await caches.has('vigie-api')) ? (await (await caches.open('vigie-api')).keys()).map((request) => new URL(request.url).pathname) : [];
      const queued = await new Promise<number>((resolve, reject) => {
        const opening = indexedDB.open('vigie-outbox');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('incidents')) return resolve(0);
          const counting = db.transaction('incidents').objectStore('incidents').count();
          counting.onsuccess = () => resolve(counting.result);
        };
      });
      return { kept, queued };
    });
    // The login page's public settings may be kept again; nothing of the agent's.
    expect(left.kept.filter((path) => path !== '/api/settings')).toEqual([]);
    expect(left.queued).toBe(0);
    expect(await onServer(description)).toEqual([]);
    expect(guarded.externalRequests).toEqual([]);
    expect(guarded.pageErrors.filter((error) => !NETWORK_FAILURE.test(error))).toEqual([]);
  });
});
