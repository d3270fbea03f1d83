import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, NearestPlace } from '../../web/src/incidents/api.js';
import type { ResidenceDetail, ResidenceMap } from '../../web/src/shared/api.js';
import {
  chromiumAvailable, launchChromium, openGuardedContext, screenshot, seriousAccessibilityViolations, VIEWPORTS, type GuardedContext,
} from './support/browser.js';
import { startVigie, type VigieServer } from './support/server.js';
import { demoAccount, signedInApi, type ApiCall } from './support/session.js';

/**
 * A caretaker's journey on a phone: record an incident by tapping the map (the free-text guard
 * catching a name on the way), find it in the list; the agency manager follows it up to its
 * closing and merges the duplicate; the caretaker sees what became of both in "my reports".
 */
describe.skipIf(!chromiumAvailable())('incidents journey on a phone', () => {
  let server: VigieServer;
  let browser: Browser;
  let guarded: GuardedContext;
  let managerContext: GuardedContext;
  let page: Page;
  let managerPage: Page;
  let managerApi: ApiCall;
  let building: ResidenceDetail['buildings'][number];
  let firstId: number;
  let secondId: number;
  let api: ApiCall;
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startVigie(), launchChromium()]);
    api = await signedInApi(server.url, demoAccount('agent'));
    managerApi = await signedInApi(server.url, demoAccount('agency_manager'));
    const residence = await residenceOfTheAgent();
    building = residence.buildings.find((candidate) => candidate.entrances.length > 0)!;
    guarded = await openGuardedContext(browser, server.url, VIEWPORTS.phone, demoAccount('agent'));
    managerContext = await openGuardedContext(browser, server.url, VIEWPORTS.phone, demoAccount('agency_manager'));
    managerPage = await managerContext.context.newPage();
    // The phone stands at the building's door.
    await guarded.context.grantPermissions(['geolocation']);
    await guarded.context.setGeolocation({ longitude: building.lon, latitude: building.lat, accuracy: 10 });
    page = await guarded.context.newPage();
  });
  /** A residence with entrances in the agent's perimeter: its hall levels are the agent's to read. */
  async function residenceOfTheAgent(): Promise<ResidenceDetail> {
    const residences = await api<ResidenceMap>('/api/patrimony/map/residences');
    for (const { properties } of residences.features) {
      const inPerimeter = await api(`/api/incidents/residences/${properties.id}/hall-levels`).then(() => true, () => false);
      if (!inPerimeter) continue;
      const detail = await api<ResidenceDetail>(`/api/patrimony/residences/${properties.id}`);
      if (detail.buildings.some((candidate) => candidate.entrances.length > 0)) return detail;
    }
    throw new Error('no residence with entrances in the demo agent’s perimeter');
  }

  afterAll(async () => {
    await managerContext?.context.close();
    await guarded?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('records an incident by tapping the map, snapped to the nearest entrance or building', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('link', { name: 'Signaler un incident' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Signaler un incident');

    // The position centres the map on the building; then a tap beside it chooses the place.
    await page.getByRole('button', { name: 'Ma position' }).click();
    const atDoor = (await api<NearestPlace[]>(`/api/incidents/places/nearest?lon=${building.lon}&lat=${building.lat}`))[0]!;
    const nearest = page.getByTestId('nearest-places');
    await expect.poll(async () => Number(await nearest.getAttribute('data-lon'))).toBeCloseTo(building.lon, 6);
    await expect.poll(() => page.locator('.incident-map').getAttribute('data-centre'), { timeout: 30_000 }).toBe(`${atDoor.lon},${atDoor.lat}`);
    const canvas = page.locator('.incident-map canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.tap({ position: { x: box.width / 2 + 45, y: box.height / 2 - 30 } });
    await expect.poll(async () => Math.abs(Number(await nearest.getAttribute('data-lon')) - building.lon)).toBeGreaterThan(1e-5);
    const [tapLon, tapLat] = [Number(await nearest.getAttribute('data-lon')), Number(await nearest.getAttribute('data-lat'))];
    const snapped = await api<NearestPlace[]>(`/api/incidents/places/nearest?lon=${tapLon}&lat=${tapLat}`);
    expect(snapped.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('chosen-place').textContent()).toBe(`Lieu choisi : ${snapped[0]!.name} — ${snapped[0]!.residenceName}`);
    await expect.poll(() => nearest.getByRole('radio').count()).toBe(snapped.length);

    await page.getByLabel('Type d’incident *').selectOption('D.MAILBOX');
    await expect.poll(() => page.getByTestId('suggested-severity').textContent()).toBe('Gravité proposée pour ce type : G2. Vous pouvez l’ajuster.');
    await expect.poll(() => page.getByLabel('Gravité', { exact: true }).inputValue()).toBe('G2');
    await page.getByLabel('Gravité', { exact: true }).selectOption('G3');
    await page.getByLabel('Connu par *').selectOption('caretaker');
    const description = page.getByLabel('Description courte et factuelle *');
    await description.fill('M. Durand a forcé les boîtes aux lettres, trois portes arrachées.');
    await expect.poll(() => page.getByTestId('free-text-warning').textContent()).toContain('Décrivez des faits, sans nom ni donnée sensible');
    await page.getByText('Compléments (facultatif)').click();
    await page.getByLabel('Coût estimé des dommages (€)').fill('350');
    await page.getByLabel('N° du bon de travaux').fill('OT-2026-0042');
    await expectAccessible();
    await screenshot(page, 'phone-incident-form');

    // The free-text guard refuses the name; "Corriger" goes back to the text.
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    const review = page.getByTestId('sensitive-text');
    await expect.poll(() => review.textContent()).toContain('nom de personne / personal name : « M. Durand »');
    await expectAccessible();
    await screenshot(page, 'phone-incident-sensitive-text');
    await review.getByRole('button', { name: 'Corriger' }).click();
    await expect.poll(() => review.count()).toBe(0);
    expect(await description.evaluate((element) => element === document.activeElement)).toBe(true);
    await description.fill('Boîtes aux lettres forcées, trois portes arrachées.');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    const saved = page.getByTestId('incident-saved');
    await expect.poll(() => saved.getAttribute('data-incident-id')).toMatch(/^\d+$/);
    firstId = Number(await saved.getAttribute('data-incident-id'));
    const recorded = await api<IncidentDetail>(`/api/incidents/${firstId}`);
    expect({ kind: recorded.placeKind, id: recorded.entranceId ?? recorded.buildingId }).toEqual({ kind: snapped[0]!.kind, id: snapped[0]!.id });
    expect([recorded.categoryCode, recorded.severity, recorded.channel, recorded.status, recorded.timeUnknown]).toEqual(['D.MAILBOX', 'G3', 'caretaker', 'recorded', false]);
    expect([recorded.description, recorded.estimatedCost, recorded.workOrderRef]).toEqual(['Boîtes aux lettres forcées, trois portes arrachées.', 350, 'OT-2026-0042']);
    const flag = await page.getByTestId('duplicate-flag').textContent();
    expect(flag).toEqual(recorded.suspectedDuplicateOf === null ? 'Aucun doublon probable détecté.' : expect.stringContaining(String(recorded.suspectedDuplicateOf)));
    await expectAccessible();
    await screenshot(page, 'phone-incident-saved');
  });

  it('flags a second report of the same facts at the same place as a probable duplicate', async () => {
    const first = await api<IncidentDetail>(`/api/incidents/${firstId}`);
    await page.getByRole('button', { name: 'Signaler un autre incident' }).click();
    // The tap may have snapped to a neighbouring residence: search the one the first report went to, by its code.
    const { externalId, name } = await api<ResidenceDetail>(`/api/patrimony/residences/${first.residenceId}`);
    await page.getByLabel('Nom, commune ou code de la résidence').fill(externalId);
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
    const placeSelect = page.getByLabel('Bâtiment ou entrée');
    const placeValue = first.entranceId !== null ? `entrance:${first.entranceId}` : `building:${first.buildingId}`;
    await expect.poll(() => placeSelect.locator(`option[value="${placeValue}"]`).count()).toBe(1);
    await placeSelect.selectOption(placeValue);
    await page.getByLabel('Type d’incident *').selectOption('D.DOOR');
    await page.getByLabel('Heure inconnue').check();
    await page.getByLabel('Connu par *').selectOption('tenant');
    await page.getByLabel('Description courte et factuelle *').fill('Porte du hall dégradée, signalée par Mme Lefebvre.');
    await page.getByRole('button', { name: 'Enregistrer l’incident' }).click();
    // The caretaker judges the name needed: "Enregistrer quand même" keeps it (the choice is audited).
    await page.getByTestId('sensitive-text').getByRole('button', { name: 'Enregistrer quand même' }).click();
    const saved = page.getByTestId('incident-saved');
    await expect.poll(() => saved.getAttribute('data-incident-id')).not.toBe(String(firstId));
    secondId = Number(await saved.getAttribute('data-incident-id'));
    const second = await api<IncidentDetail>(`/api/incidents/${secondId}`);
    expect(second.timeUnknown).toBe(true);
    expect(second.description).toBe('Porte du hall dégradée, signalée par Mme Lefebvre.');
    expect(second.suspectedDuplicateOf).not.toBeNull();
    await expect.poll(() => page.getByTestId('duplicate-flag').textContent()).toContain(`n°\u00a0${firstId}`);
    await screenshot(page, 'phone-incident-duplicate');
  });

  it('lists the incident with filters kept in the address and the same filters on the CSV export', async () => {
    await page.getByRole('link', { name: 'Liste et suivi' }).click();
    await expect.poll(() => page.getByLabel('Famille').isVisible()).toBe(false);
    await page.getByText('Filtres', { exact: true }).click();
    await page.getByLabel('Famille').selectOption('D');
    await page.getByLabel('Statut').selectOption('recorded');
    await page.getByLabel('Du').fill(new Date().toISOString().slice(0, 10).replace(/\d\d$/, '01'));
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('recorded');
    const query = new URL(page.url()).search;
    expect(new URLSearchParams(query).get('family')).toBe('D');
    expect(await page.getByTestId('csv-export').getAttribute('href')).toBe(`/api/incidents/export.csv${query}`);
    const card = page.locator(`.incident-card[data-incident-id="${firstId}"]`);
    await expect.poll(() => card.count()).toBe(1);
    const expected = await api<{ items: { id: number }[] }>(`/api/incidents${query}&limit=50`);
    await expect.poll(() => page.locator('.incident-card').evaluateAll((cards) => cards.map((c) => Number((c as HTMLElement).dataset.incidentId))))
      .toEqual(expected.items.map((item) => item.id));
    await page.reload();
    await expect.poll(() => page.getByLabel('Statut').inputValue()).toBe('recorded');
    await expect.poll(() => card.count()).toBe(1);
    await expectAccessible();
    await screenshot(page, 'phone-incident-list');
    await card.getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Incident n°\u00a0${firstId}`);
  });

  it('leaves the follow-up to the agency manager, who qualifies, adds a complaint and closes, each step in the timeline', async () => {
    // The caretaker may comment, not follow up.
    await expect.poll(() => page.getByText('Ajouter un commentaire').count()).toBe(1);
    expect(await page.locator('.incident-transitions').count()).toBe(0);
    const manager = managerPage;
    await manager.goto(`/incidents/${firstId}`);
    const status = manager.getByTestId('incident-status').first();
    await expect.poll(() => status.textContent()).toBe('enregistré');
    await expect.poll(() => manager.locator('.incident-transitions').getByRole('button').allTextContents()).toEqual(['Qualifier']);
    await manager.getByRole('button', { name: 'Qualifier' }).click();
    // A write, then the incident read again: on a busy shared machine this takes more than the default second.
    const afterWrite = { timeout: 10_000 };
    await expect.poll(() => status.textContent(), afterWrite).toBe('qualifié');

    await manager.getByText('Ajouter une action').click();
    await manager.getByLabel('Action', { exact: true }).selectOption('complaint_filed');
    await manager.getByLabel('Commissariat ou brigade').fill('Commissariat de Lens');
    await manager.getByRole('button', { name: 'Ajouter l’action' }).click();
    const timeline = manager.getByTestId('timeline');
    await expect.poll(() => timeline.getByText('Dépôt de plainte').count(), afterWrite).toBe(1);
    await expect.poll(() => timeline.getByText('Commissariat de Lens').count()).toBe(1);

    await manager.getByRole('button', { name: 'Clore', exact: true }).click();
    await manager.getByLabel('résolu').check();
    await manager.getByRole('button', { name: 'Clore l’incident' }).click();
    await expect.poll(() => status.textContent(), afterWrite).toBe('clos (résolu)');
    await expect.poll(() => manager.locator('.incident-transitions').getByRole('button').allTextContents()).toEqual(['Rouvrir']);
    const detail = await managerApi<IncidentDetail>(`/api/incidents/${firstId}`);
    expect([detail.status, detail.outcome, detail.actions.map((a) => [a.kind, a.policeStation])]).toEqual(['closed', 'resolved', [['complaint_filed', 'Commissariat de Lens']]]);
    await expect.poll(() => timeline.locator('li[data-kind="status"]').allTextContents()).toEqual([
      expect.stringContaining('Incident enregistré (enregistré)'),
      expect.stringContaining('Statut : enregistré → qualifié'),
      expect.stringContaining('Statut : qualifié → clos'),
    ]);
    expect(await seriousAccessibilityViolations(manager)).toEqual([]);
    await screenshot(manager, 'phone-incident-detail');
  });

  it('shows the API’s refusal when the incident changed meanwhile (409)', async () => {
    await managerPage.goto(`/incidents/${secondId}`);
    await expect.poll(() => managerPage.getByTestId('incident-status').first().textContent()).toBe('enregistré');
    // Someone else qualifies it first: this page's "Qualifier" is now a forbidden transition.
    const qualify = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'qualified' }) };
    await managerApi(`/api/incidents/${secondId}/transitions`, qualify);
    const refusal = await managerApi(`/api/incidents/${secondId}/transitions`, qualify).then(() => '', (error: Error) => error.message);
    expect(refusal).toContain(': 409 ');
    const { detail } = JSON.parse(refusal.slice(refusal.indexOf('{'))) as { detail: string };
    await managerPage.getByRole('button', { name: 'Qualifier' }).click();
    await expect.poll(() => managerPage.getByRole('alert').textContent()).toContain(detail);
    await screenshot(managerPage, 'phone-incident-conflict');
  });

  it('merges the duplicate into the first incident, both histories kept', async () => {
    await managerPage.goto(`/incidents/${firstId}`);
    await managerPage.getByText('Fusionner un doublon probable').click();
    const form = managerPage.getByTestId('merge-form');
    await form.getByLabel(`Incident n°\u00a0${secondId}`).check();
    await expect.poll(() => managerPage.getByRole('button', { name: `Fusionner l’incident n°\u00a0${secondId} dans celui-ci` }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(managerPage)).toEqual([]);
    await screenshot(managerPage, 'phone-incident-merge');
    await managerPage.getByRole('button', { name: `Fusionner l’incident n°\u00a0${secondId} dans celui-ci` }).click();
    await expect.poll(async () => (await managerApi<IncidentDetail>(`/api/incidents/${firstId}`)).mergedIncidents, { timeout: 10_000 }).toEqual([secondId]);
    await expect.poll(() => managerPage.getByTestId('timeline').getByText(`(incident n°\u00a0${secondId})`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await managerApi<IncidentDetail>(`/api/incidents/${secondId}`)).duplicateOf).toBe(firstId);
  });

  it('shows the reporter, signed in, what became of the incidents they recorded', async () => {
    await page.getByRole('link', { name: 'Mes signalements' }).click();
    const reports = page.getByTestId('my-reports');
    await expect.poll(async () => (await reports.locator('li').evaluateAll((items) => items.map((i) => Number((i as HTMLElement).dataset.incidentId)))).sort())
      .toEqual([firstId, secondId].sort());
    await expect.poll(() => reports.locator(`li[data-incident-id="${firstId}"]`).getByTestId('incident-status').textContent()).toBe('clos (résolu)');
    await expect.poll(() => reports.locator(`li[data-incident-id="${secondId}"]`).getByTestId('merged-into').textContent()).toContain(`Incident n°\u00a0${firstId}`);
    await expectAccessible();
    await screenshot(page, 'phone-incident-mine');
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My reports');
    await expect.poll(() => page.getByTestId('my-reports').locator(`li[data-incident-id="${firstId}"]`).getByTestId('incident-status').textContent()).toBe('closed (resolved)');
    await page.goto(`/incidents/${firstId}`);
    await expect.poll(() => page.getByTestId('timeline').getByText('Complaint filed').count()).toBe(1);
    await expectAccessible();
    await screenshot(page, 'phone-incident-detail-en');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
  });

  it('adds a photo to the incident from its page: the thumbnail opens the full image', async () => {
    await page.goto(`/incidents/${firstId}`);
    const photos = page.getByRole('region', { name: 'Photos' });
    await expect.poll(() => photos.getByText('Aucune photo.').count()).toBe(1);
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 180, g: 90, b: 40 } } }).jpeg().toBuffer();
    await photos.getByLabel('Ajouter une photo').setInputFiles({ name: 'boites-aux-lettres.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const thumbnail = photos.getByTestId('incident-photos').getByRole('img');
    await expect.poll(() => thumbnail.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => thumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const stored = await api<{ id: number; url: string; width: number }[]>(`/api/incidents/${firstId}/photos`);
    expect(stored.map(({ width }) => width)).toEqual([640]);
    expect(await photos.getByRole('link').getAttribute('href')).toBe(stored[0]!.url);
    // The caretaker records, the agency manager deletes.
    expect(await photos.getByRole('button', { name: /^Supprimer/ }).count()).toBe(0);
    await expectAccessible();
    await screenshot(page, 'phone-incident-photo');

    // A file that is not an image: the refusal (415) in plain words, nothing stored.
    await photos.getByLabel('Ajouter une photo').setInputFiles({ name: 'note.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('pas une image') });
    await expect.poll(() => photos.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Photo refusée : format non accepté.');
    expect(await api<unknown[]>(`/api/incidents/${firstId}/photos`)).toHaveLength(1);
    await screenshot(page, 'phone-incident-photo-refused');

    // The agency manager deletes it, after confirming.
    await managerPage.goto(`/incidents/${firstId}`);
    managerPage.once('dialog', (dialog) => void dialog.accept());
    await managerPage.getByRole('button', { name: 'Supprimer la photo 1' }).click();
    await expect.poll(() => managerPage.getByText('Aucune photo.').count(), { timeout: 10_000 }).toBe(1);
    expect(await api<unknown[]>(`/api/incidents/${firstId}/photos`)).toEqual([]);
  });

  it('never called the internet nor logged an error', () => {
    expect([...guarded.externalRequests, ...managerContext.externalRequests]).toEqual([]);
    // The refused transition (409), the flagged text (422) and the file that is no image (415) are answered so on purpose:
    // the browser logs those failed requests.
    const unexpected = (errors: string[]) => errors.filter((error) => !/\b(409|415|422)\b/.test(error));
    expect([...unexpected(guarded.pageErrors), ...unexpected(managerContext.pageErrors)]).toEqual([]);
  });
});
