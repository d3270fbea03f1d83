import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';

describeEachEngine('patrimony API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = createApp({ db: database(), config: readConfig({}) });
  });

  it('counts the patrimony', async () => {
    const response = await app.request('/api/patrimony/stats');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      organisations: 1, directorates: 1, agencies: 2, communes: 2, residences: 2, buildings: 2,
      entrances: 2, dwellings: 7, collective: 6, individual: 1, commonAreas: 0,
    });
  });

  it('finds residences by commune name, ignoring case and accents', async () => {
    const response = await app.request('/api/patrimony/search?q=lens');
    const body = (await response.json()) as { name: string; dwellings: number }[];
    expect(body.map((r) => r.name)).toEqual(['Résidence Grande Résidence']);
    expect(body[0]!.dwellings).toBe(6);
    const accented = (await (await app.request('/api/patrimony/search?q=residence%20grande')).json()) as unknown[];
    expect(accented).toHaveLength(1);
  });

  it('returns a residence with buildings, entrances and dwellings', async () => {
    const response = await app.request(`/api/patrimony/residences/${patrimony.residenceIds.lens}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { buildings: { entrances: { name: string; dwellings: number }[] }[]; dwellings: unknown[] };
    expect(body.buildings[0]!.entrances).toEqual([
      { id: patrimony.entranceIds.lensA, name: 'ESC-A', dwellings: 3 },
      { id: patrimony.entranceIds.lensB, name: 'ESC-B', dwellings: 3 },
    ]);
    expect(body.dwellings).toHaveLength(6);
  });

  it('answers 404 problem+json for an unknown residence and 400 naming the field for a bad id', async () => {
    const missing = await app.request('/api/patrimony/residences/999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const bad = await app.request('/api/patrimony/residences/abc');
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { field: string }[] };
    expect(problem.errors[0]!.field).toBe('param.residenceId');
    const noQuery = await app.request('/api/patrimony/search');
    expect(noQuery.status).toBe(400);
    expect(((await noQuery.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('query.q');
  });

  it('serves residences as GeoJSON and the OpenAPI document', async () => {
    const map = (await (await app.request('/api/patrimony/map/residences')).json()) as { features: { properties: { dwellings: number } }[] };
    expect(map.features.map((f) => f.properties.dwellings).sort()).toEqual([1, 6]);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/patrimony/residences/{residenceId}');
    const health = await app.request('/api/health');
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});
