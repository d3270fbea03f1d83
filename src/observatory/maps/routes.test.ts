import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../access/domain/roles.js';
import { systemActor } from '../../access/system-actor.js';
import { AppError } from '../../core/errors.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { initialCategories } from '../../incidents/domain/nomenclature.js';
import { seedCategories } from '../../incidents/repository.js';
import { createRoleUsers, sessionClient, type SessionClient } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { seedIncidents } from '../../../test/support/observatory.js';
import { importBoundaryFile } from './service.js';

/** IGN commune polygons of the Pas-de-Calais: test data outside the repository, present in CI. */
const COMMUNES_62 = path.resolve('../shared/data/geo/communes-62.geojson');
const YEAR = 'from=2025-01&to=2025-12';

describeEachEngine('observatory map API (choropleths, emerging hotspots, boundaries)', (database) => {
  let patrimony: SmallPatrimony;
  let dir: string;
  const clients = {} as Record<Role, SessionClient>;
  const as = async (role: Role, url: string) => {
    const answer = await clients[role].request('GET', url);
    expect(answer.status, `${url}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };
  const properties = (body: any) => Object.fromEntries(body.features.map((feature: any) => [feature.properties.key, feature.properties]));
  const auditCount = async () => (await database().query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'observatory.boundaries.import'`))[0]!.n;
  const boundaryCount = async () => (await database().query<{ n: number }>('SELECT count(*)::int AS n FROM commune_boundaries'))[0]!.n;

  beforeAll(async () => {
    if (!existsSync(COMMUNES_62)) throw new Error(`${COMMUNES_62} is missing: the boundary tests need the shared IGN communes of the Pas-de-Calais`);
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-boundaries-'));
    patrimony = await createSmallPatrimony(database());
    await seedCategories(database(), patrimony.organisationId, initialCategories());
    const app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const [role, user] of Object.entries(users) as [Role, (typeof users)[Role]][]) clients[role] = await sessionClient(app, user);
    const { agencyIds: a, residenceIds: r, buildingIds: b, entranceIds: e } = patrimony;
    const lens = { entrance: e.lensA, building: b.lensTower, residence: r.lens, agency: a.lens };
    const arras = { entrance: null, building: b.arrasHouse, residence: r.arras, agency: a.arras };
    await seedIncidents(database(), patrimony.organisationId, [
      ...['02', '03', '05', '07', '11', '12'].map((month) => ({ ...lens, at: `2025-${month}-10T12:00:00Z`, category: 'D.TAG' })),
      { ...arras, at: '2025-06-10T12:00:00Z', category: 'D.TAG' },
      { ...lens, entrance: null, building: null, at: '2025-04-10T12:00:00Z', category: 'B.NOISE' },
    ]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws per agency and per commune exactly the dashboard’s rates, on derived areas when no boundary was imported', async () => {
    const dashboard = await as('observatory_officer', `/observatory/dashboard?${YEAR}`);
    const agencies = await as('observatory_officer', `/observatory/choropleth?${YEAR}&unit=agency`);
    expect(agencies.source).toBe('derived');
    const byAgency = properties(agencies);
    expect(Object.keys(byAgency).sort()).toEqual([String(patrimony.agencyIds.lens), String(patrimony.agencyIds.arras)].sort());
    for (const row of dashboard.agencies) {
      expect(byAgency[String(row.agencyId)]).toMatchObject({ incidents: row.incidents, dwellings: row.dwellings, ratePer100Dwellings: row.ratePer100Dwellings });
    }
    expect(byAgency[String(patrimony.agencyIds.lens)]).toMatchObject({ incidents: 7, dwellings: 6 });
    const communes = properties(await as('observatory_officer', `/observatory/choropleth?${YEAR}&unit=commune`));
    for (const row of dashboard.communes) expect(communes[row.insee]).toMatchObject({ incidents: row.incidents, ratePer100Dwellings: row.ratePer100Dwellings });
    const [lensArea] = agencies.features.filter((feature: any) => feature.properties.key === String(patrimony.agencyIds.lens));
    expect(['Polygon', 'MultiPolygon']).toContain(lensArea.geometry.type);
  });

  it('applies the perimeter: an agent sees the areas of their agency only', async () => {
    const body = await as('agent', `/observatory/choropleth?${YEAR}&unit=agency`);
    expect(body.features.map((feature: any) => feature.properties.key)).toEqual([String(patrimony.agencyIds.lens)]);
    expect((await clients.agent.request('GET', `/observatory/choropleth?${YEAR}&unit=commune&commune=62041`)).status).toBe(403);
  });

  it('rates hexagons from the building roll-ups, with the buildings inside for the incident list', async () => {
    const body = await as('observatory_officer', `/observatory/choropleth?${YEAR}&unit=hexagon&cellSize=125`);
    expect(body).toMatchObject({ unit: 'hexagon', cellSize: 125, source: 'grid' });
    const cells = body.features.map((feature: any) => feature.properties);
    // The incident placed at the Lens residence as a whole has no building: hexagons leave it out.
    expect(cells.reduce((sum: number, cell: any) => sum + cell.incidents, 0)).toBe(7);
    expect(cells.reduce((sum: number, cell: any) => sum + cell.dwellings, 0)).toBe(7);
    const lens = cells.find((cell: any) => cell.buildingIds.includes(patrimony.buildingIds.lensTower));
    expect(lens).toMatchObject({ incidents: 6, dwellings: 6, ratePer100Dwellings: 100 });
    expect(body.features[0].geometry.coordinates[0]).toHaveLength(7);
  });

  it('suppresses small counts for partners, withholds agencies and building ids, and widens hexagons', async () => {
    const partnerDashboard = await as('partner', `/observatory/dashboard?${YEAR}`);
    const communes = await as('partner', `/observatory/choropleth?${YEAR}&unit=commune`);
    expect(communes.features.map((feature: any) => feature.properties)).toEqual(
      partnerDashboard.communes.map((row: any) => ({ key: row.insee, name: row.name, incidents: row.incidents, dwellings: row.dwellings, ratePer100Dwellings: row.ratePer100Dwellings })),
    );
    // One noise incident ("< 5") beside six tags: the dashboard hides the commune's 7 as "s", and so does the map.
    expect(properties(communes)['62498']).toMatchObject({ incidents: 's', ratePer100Dwellings: 's' });
    expect(await as('partner', `/observatory/choropleth?${YEAR}&unit=agency`)).toMatchObject({ withheld: 'partner', features: [] });
    const hexagons = await as('partner', `/observatory/choropleth?${YEAR}&unit=hexagon&cellSize=100`);
    expect(hexagons.cellSize).toBe(300);
    expect(hexagons.features.every((feature: any) => feature.properties.buildingIds === undefined)).toBe(true);
    const small = await as('partner', `/observatory/choropleth?from=2025-02&to=2025-03&unit=hexagon`);
    expect(small.features.map((feature: any) => feature.properties.incidents)).toEqual(['< 5']);
  });

  it('classifies hexagons from the monthly Gi*, for partners too without counts below 5', async () => {
    const body = await as('observatory_officer', `/observatory/emerging?${YEAR}`);
    expect(body).toMatchObject({ type: 'FeatureCollection', months: 12, cellSize: 125, distance: 400 });
    for (const feature of body.features) expect(feature.properties.category).not.toBe('no_pattern');
    const partner = await as('partner', `/observatory/emerging?${YEAR}&cellSize=50`);
    expect(partner.cellSize).toBe(300);
    const bad = await clients.observatory_officer.request('GET', `/observatory/emerging?${YEAR}&distance=10`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.distance');
  });

  it('rejects a bad boundary file with every error and writes nothing', async () => {
    const file = path.join(dir, 'bad.geojson');
    await writeFile(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { INSEE_COM: '62498', NOM: 'Lens' }, geometry: { type: 'Polygon', coordinates: [[[2.8, 50.4], [2.85, 50.4], [2.85, 50.45], [2.8, 50.4]]] } },
        { type: 'Feature', properties: { INSEE_COM: '6204' }, geometry: { type: 'Polygon', coordinates: [[[2.7, 50.2], [2.8, 50.2], [2.8, 50.3], [2.7, 50.2]]] } },
        { type: 'Feature', properties: { INSEE_COM: '62041' }, geometry: { type: 'Polygon', coordinates: [[[684000, 7021000], [685000, 7021000], [685000, 7022000], [684000, 7021000]]] } },
      ],
    }));
    const error = await importBoundaryFile(database(), systemActor(patrimony.organisationId, 'test'), file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).errors).toEqual([
      expect.objectContaining({ line: 2, field: 'features[1].properties.INSEE_COM' }),
      expect.objectContaining({ line: 3, field: 'features[2].geometry', message: expect.stringContaining('EPSG:4326') }),
    ]);
    expect(await boundaryCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it('imports IGN communes once (a second import writes nothing), then draws communes and agencies on them', async () => {
    const actor = systemActor(patrimony.organisationId, 'cli:import boundaries');
    expect(await importBoundaryFile(database(), actor, COMMUNES_62)).toEqual({ communes: 891, inserted: 891, updated: 0, unchanged: 0 });
    expect(await importBoundaryFile(database(), actor, COMMUNES_62)).toEqual({ communes: 891, inserted: 0, updated: 0, unchanged: 891 });
    expect(await boundaryCount()).toBe(891);
    expect(await auditCount()).toBe(1);
    const communes = await as('observatory_officer', `/observatory/choropleth?${YEAR}&unit=commune`);
    expect(communes).toMatchObject({ source: 'boundaries', withoutArea: [] });
    expect(communes.features.map((feature: any) => feature.properties.key).sort()).toEqual(['62041', '62498']);
    const agencies = await as('observatory_officer', `/observatory/choropleth?${YEAR}&unit=agency`);
    expect(agencies.source).toBe('boundaries');
    // Each agency holds most dwellings of its own commune: one area each, none missing.
    expect(agencies.withoutArea).toEqual([]);
    expect(agencies.features.map((feature: any) => feature.properties.key).sort()).toEqual([String(patrimony.agencyIds.lens), String(patrimony.agencyIds.arras)].sort());
  });
});
