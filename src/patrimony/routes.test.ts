import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../access/domain/roles.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import type { VigieApp } from '../http/router.js';
import { createRoleUsers, sessionClient, type SessionClient } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';

describeEachEngine('patrimony API', (database) => {
  let app: VigieApp;
  let patrimony: SmallPatrimony;
  const clients = {} as Record<Role, SessionClient>;
  /** The executive reads the whole organisation. */
  const get = (path: string, role: Role = 'executive') => clients[role].request('GET', path);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const role of ['executive', 'agent', 'territorial_director', 'partner'] as const) clients[role] = await sessionClient(app, users[role]);
  });

  it('counts the patrimony of the whole organisation for the executive, of Lens only for a Lens agent', async () => {
    const whole = await get('/patrimony/stats');
    expect(whole.status).toBe(200);
    expect(whole.body).toEqual({
      organisations: 1, directorates: 1, agencies: 2, communes: 2, residences: 2, buildings: 2,
      entrances: 2, dwellings: 7, collective: 6, individual: 1, commonAreas: 0,
    });
    expect((await get('/patrimony/stats', 'agent')).body).toEqual({
      organisations: 1, directorates: 1, agencies: 1, communes: 1, residences: 1, buildings: 1,
      entrances: 2, dwellings: 6, collective: 6, individual: 0, commonAreas: 0,
    });
    expect((await get('/patrimony/stats', 'territorial_director')).body).toMatchObject({ agencies: 2, dwellings: 7 });
  });

  it('finds residences by commune name, ignoring case and accents, inside the perimeter', async () => {
    const found = await get('/patrimony/search?q=lens');
    expect(found.body.map((r: { name: string }) => r.name)).toEqual(['Résidence Grande Résidence']);
    expect(found.body[0].dwellings).toBe(6);
    expect((await get('/patrimony/search?q=residence%20grande')).body).toHaveLength(1);
    expect((await get('/patrimony/search?q=arras')).body).toHaveLength(1);
    expect((await get('/patrimony/search?q=arras', 'agent')).body).toEqual([]);
    expect((await get('/patrimony/search?q=lens', 'agent')).body).toHaveLength(1);
  });

  it('returns a residence with buildings, entrances and dwellings to an agent of its agency, 403 to one of another', async () => {
    const lens = await get(`/patrimony/residences/${patrimony.residenceIds.lens}`, 'agent');
    expect(lens.status).toBe(200);
    expect(lens.body.buildings[0].entrances).toEqual([
      { id: patrimony.entranceIds.lensA, name: 'ESC-A', dwellings: 3 },
      { id: patrimony.entranceIds.lensB, name: 'ESC-B', dwellings: 3 },
    ]);
    expect(lens.body.dwellings).toHaveLength(6);
    const arras = await get(`/patrimony/residences/${patrimony.residenceIds.arras}`, 'agent');
    expect(arras.status).toBe(403);
    expect(arras.headers.get('content-type')).toContain('application/problem+json');
    expect((await get(`/patrimony/residences/${patrimony.residenceIds.arras}`, 'territorial_director')).status).toBe(200);
  });

  it('answers 404 for an unknown residence and 400 naming the field for a bad id or a missing query', async () => {
    const missing = await get('/patrimony/residences/999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const bad = await get('/patrimony/residences/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('param.residenceId');
    const noQuery = await get('/patrimony/search');
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.errors[0].field).toBe('query.q');
  });

  it('maps the residences of the perimeter as GeoJSON', async () => {
    const dwellingsOnMap = async (role: Role) => ((await get('/patrimony/map/residences', role)).body.features as { properties: { dwellings: number } }[])
      .map((feature) => feature.properties.dwellings).sort();
    expect(await dwellingsOnMap('executive')).toEqual([1, 6]);
    expect(await dwellingsOnMap('agent')).toEqual([6]);
  });

  it('refuses a partner (no read_patrimony) and a caller without a session', async () => {
    for (const path of ['/patrimony/stats', '/patrimony/search?q=lens', `/patrimony/residences/${patrimony.residenceIds.lens}`, '/patrimony/map/residences']) {
      expect((await get(path, 'partner')).status, path).toBe(403);
      expect((await app.request(`/api${path}`)).status, path).toBe(401);
    }
  });

  it('declares read_patrimony on every patrimony route of the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    const patrimonyRoutes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/patrimony/'));
    expect(patrimonyRoutes.map(([path]) => path)).toContain('/api/patrimony/residences/{residenceId}');
    for (const [path, methods] of patrimonyRoutes) expect(methods.get?.['x-permission'], path).toBe('read_patrimony');
  });
});
