import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/domain/roles.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import type { VigieApp } from '../http/router.js';
import { initialCategories } from '../incidents/domain/nomenclature.js';
import { seedCategories } from '../incidents/repository.js';
import { createRoleUsers, sessionClient, type SessionClient } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { seedIncidents, type SeededIncident } from '../../test/support/observatory.js';

describeEachEngine('observatory API', (database) => {
  let app: VigieApp;
  let patrimony: SmallPatrimony;
  const clients = {} as Record<Role, SessionClient>;
  /** The observatory officer reads the whole landlord, every figure shown. */
  const get = (path: string) => clients.observatory_officer.request('GET', path);
  const as = (role: Role, path: string) => clients[role].request('GET', path);

  const seed = (rows: SeededIncident[]) => seedIncidents(database(), patrimony.organisationId, rows);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    await seedCategories(database(), patrimony.organisationId, initialCategories());
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const [role, user] of Object.entries(users) as [Role, (typeof users)[Role]][]) clients[role] = await sessionClient(app, user);
    const { agencyIds: a, residenceIds: r, buildingIds: b, entranceIds: e } = patrimony;
    const lensA = { entrance: e.lensA, building: b.lensTower, residence: r.lens, agency: a.lens };
    const lensB = { entrance: e.lensB, building: b.lensTower, residence: r.lens, agency: a.lens };
    const arras = { entrance: null, building: b.arrasHouse, residence: r.arras, agency: a.arras };
    const lensWhole = { entrance: null, building: null, residence: r.lens, agency: a.lens };
    await seed([
      // 2025: 6 incidents (5 in Lens, 1 in Arras), one of them closed with a cost, one staff assault with ITT > 8 days.
      { ...lensA, at: '2025-02-10T19:30:00Z', category: 'D.TAG', cost: 300 },
      { ...lensA, at: '2025-11-03T20:00:00Z', category: 'D.TAG' },
      { ...lensA, at: '2025-11-20T21:00:00Z', category: 'A.DUMP' },
      { ...lensA, at: '2025-12-01T08:00:00Z', category: 'C.HALL', status: 'closed' },
      { ...lensB, at: '2025-06-15T12:00:00Z', category: 'E.ITT_OVER_8_OR_WEAPON', staffItt: 'itt_over_8_days' },
      { ...arras, at: '2025-12-31T22:30:00Z', category: 'D.TAG', cost: 120.5 },
      // 2024 (the same period last year, and the previous period): 2 incidents, the last at 23:59 in Paris.
      { ...lensWhole, at: '2024-05-05T10:00:00Z', category: 'B.NOISE' },
      { ...arras, at: '2024-12-31T22:59:00Z', category: 'D.TAG' },
      // Already January 2026 in Paris: outside every period read.
      { ...arras, at: '2025-12-31T23:30:00Z', category: 'D.TAG' },
    ]);
    await database().query(`INSERT INTO observatory_agency_staff (organisation_id, agency_id, staff) VALUES ($1, $2, 4)`, [patrimony.organisationId, a.lens]);
  });

  const total = async (query: string) => (await get(`/observatory/dashboard?${query}`)).body.indicators.current.incidents as number;
  const clusterCount = async (query: string) => {
    const answer = await get(`/observatory/clusters?bbox=-180,-85,180,85&zoom=0&${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.features as { count: number }[]).reduce((sum, feature) => sum + feature.count, 0);
  };

  it('is published in the OpenAPI document with the permission of each route', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/observatory/dashboard']?.get?.['x-permission']).toBe('read_aggregates');
    expect(doc.paths['/api/observatory/clusters']?.get?.['x-permission']).toBe('read_aggregates');
    expect(doc.paths['/api/observatory/staff']?.put?.['x-permission']).toBe('manage_patrimony');
  });

  it('answers 401 without a session and 403 to a role without aggregates', async () => {
    expect((await app.request('/api/observatory/dashboard?from=2025-01&to=2025-12')).status).toBe(401);
    expect((await as('administrator', '/observatory/dashboard?from=2025-01&to=2025-12')).status).toBe(403);
    expect((await as('group_analyst', '/observatory/heatmap?from=2025-01&to=2025-12')).status).toBe(403);
  });

  it('computes the indicators with the previous period and the same period last year', async () => {
    const { status, body } = await get('/observatory/dashboard?from=2025-01&to=2025-12');
    expect(status, JSON.stringify(body)).toBe(200);
    const { current, previous, lastYear } = body.indicators;
    expect(body.dwellings).toBe(7);
    expect(current.incidents).toBe(6);
    expect(current.ratePer100Dwellings).toBeCloseTo((6 * 100) / 7, 10);
    expect(current.damageCost).toBeCloseTo(420.5, 10);
    expect(current.damageCostPerDwellingPerYear).toBeCloseTo(420.5 / 7, 10);
    expect(current.staffAssaults).toMatchObject({ total: 1, physical: 1, verbal: 0, itt: { over8Days: 1 }, per100Staff: 25 });
    expect(previous.incidents).toBe(2);
    expect(lastYear.incidents).toBe(2);
    expect(body.period.previous).toEqual({ from: '2024-01', to: '2024-12' });
    expect(body.agencies.find((agency: any) => agency.agencyId === patrimony.agencyIds.lens)).toMatchObject({ incidents: 5, dwellings: 6, previous: 1 });
    expect(body.families.find((family: any) => family.family === 'D').incidents).toBe(3);
    expect(body.trend).toHaveLength(36);
    expect(body.trend.find((month: any) => month.month === '2025-11').incidents).toBe(2);
    expect(body.trend.find((month: any) => month.month === '2026-01')).toBeUndefined();
    // 2025-02-10 19:30 UTC is a Monday, 20:30 in Paris.
    expect(body.hourWeekday.grid[0][20]).toBe(1);
    expect(body.hourWeekday.incidentsWithTime).toBe(6);
    expect(body.repeatIncidents).toMatchObject({ hallsWithIncidents: 2, hallsWithRepeats: 1, repeatHallShare: 0.5, repeatIncidentShare: 0.8 });
    // Quarter Oct–Dec at entrance A: three incidents, one of family C, none G3+: yellow (recurring), up from green.
    expect(body.hallLevels).toMatchObject({ levels: { green: 1, yellow: 1 }, worse: 1 });
  });

  it('narrows every panel with the shared filters', async () => {
    expect(await total('from=2025-01&to=2025-12&agencyId=' + patrimony.agencyIds.lens)).toBe(5);
    expect(await total('from=2025-01&to=2025-12&entranceId=' + patrimony.entranceIds.lensA)).toBe(4);
    expect(await total('from=2025-01&to=2025-12&commune=62041')).toBe(1);
    expect(await total('from=2025-01&to=2025-12&qpv=QN06201M&family=D')).toBe(2);
    expect(await total('from=2025-01&to=2025-12&status=closed')).toBe(1);
    expect(await total('from=2025-12&to=2025-12&category=D.TAG')).toBe(1);
  });

  it('counts on the map exactly what the dashboard counts, for the same filter', async () => {
    const filters = ['from=2025-01&to=2025-12', 'from=2024-01&to=2025-12', 'from=2025-01&to=2025-12&family=D', `from=2025-01&to=2025-12&residenceId=${patrimony.residenceIds.lens}`, 'from=2025-12&to=2025-12&severity=G1'];
    for (const filter of filters) expect(await clusterCount(filter), filter).toBe(await total(filter));
  });

  describe('per role, each inside its perimeter', () => {
    const year = 'from=2025-01&to=2025-12';
    const mapTotal = async (role: Role, query: string) => {
      const answer = await as(role, `/observatory/clusters?bbox=-180,-85,180,85&zoom=0&${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return { placed: (answer.body.features as { count: number }[]).reduce((sum, feature) => sum + feature.count, 0), hidden: answer.body.hiddenConfidential as number };
    };

    it('shows an agent the figures of their agency only, and refuses places outside it', async () => {
      const { status, body } = await as('agent', `/observatory/dashboard?${year}`);
      expect(status).toBe(200);
      expect(body.indicators.current.incidents).toBe(5);
      expect(body.agencies.map((agency: any) => agency.agencyId)).toEqual([patrimony.agencyIds.lens]);
      expect(body.communes.map((commune: any) => commune.insee)).toEqual(['62498']);
      expect(body.suppression).toBeNull();
      expect((await as('agent', `/observatory/dashboard?${year}&agencyId=${patrimony.agencyIds.arras}`)).status).toBe(403);
      expect((await as('agent', `/observatory/heatmap?${year}&commune=62041`)).status).toBe(403);
      expect((await as('agent', `/observatory/hall-levels?${year}&residenceId=${patrimony.residenceIds.arras}`)).status).toBe(403);
      const heat = await as('agent', `/observatory/heatmap?${year}`);
      expect((heat.body.points as { weight: number }[]).reduce((sum, point) => sum + point.weight, 0)).toBe(5);
      const hot = await as('agent', `/observatory/hotspots?${year}&unit=building`);
      expect(hot.body.units.map((unit: any) => unit.id)).toEqual([patrimony.buildingIds.lensTower]);
    });

    it('shows the territorial director and the executive the whole landlord', async () => {
      for (const role of ['territorial_director', 'executive'] as const) {
        expect((await as(role, `/observatory/dashboard?${year}`)).body.indicators.current.incidents, role).toBe(6);
      }
    });

    it('counts attacks on staff on the map without placing them for callers who may not see them', async () => {
      // The one attack on staff happened in Lens: its agency's manager and the observatory see it.
      expect(await mapTotal('agent', year)).toEqual({ placed: 4, hidden: 1 });
      expect(await mapTotal('executive', year)).toEqual({ placed: 5, hidden: 1 });
      expect(await mapTotal('agency_manager', year)).toEqual({ placed: 5, hidden: 0 });
      expect(await mapTotal('observatory_officer', year)).toEqual({ placed: 6, hidden: 0 });
      const single = `/observatory/clusters?bbox=-180,-85,180,85&zoom=20&${year}`;
      const ids = async (role: Role) => ((await as(role, single)).body.features as { incidentId?: number }[]).map((feature) => feature.incidentId);
      expect((await ids('executive')).every((id) => id === undefined)).toBe(true);
      expect((await ids('agent')).every((id) => typeof id === 'number')).toBe(true);
    });

    it('gives a partner the figures of their communes with small counts suppressed', async () => {
      const { status, body } = await as('partner', `/observatory/dashboard?${year}`);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.suppression).toEqual({ threshold: 5, withheld: ['directorates', 'agencies', 'categories', 'residences', 'halls'] });
      // Lens: 5 incidents in 2025 (shown), of families A 1, C 1, D 2, E 1 (each hidden), 1 in 2024 (hidden with its rate).
      expect(body.indicators.current.incidents).toBe(5);
      expect(Object.fromEntries(body.families.map((row: any) => [row.family, row.incidents]))).toMatchObject({ A: '< 5', B: 0, C: '< 5', D: '< 5', E: '< 5' });
      expect(body.families.find((row: any) => row.family === 'D').damageCost).toBe('s');
      expect(body.indicators.current.staffAssaults.total).toBe('< 5');
      expect(body.indicators.previous).toMatchObject({ incidents: '< 5', ratePer100Dwellings: 's', damageCost: 's' });
      expect(body.communes).toEqual([expect.objectContaining({ insee: '62498', incidents: 5 })]);
      expect(body.trend.find((month: any) => month.month === '2025-11').incidents).toBe('< 5');
      expect([body.agencies, body.categories, body.residences, body.halls]).toEqual([[], [], [], []]);
      expect(body.hourWeekday.available).toBe(false);
      const everyCount = JSON.stringify(body.families.concat(body.trend, body.communes).map((row: any) => row.incidents));
      expect(everyCount).not.toMatch(/(^|[^0-9.])[1-4](?![0-9.])/);
    });

    it('gives a partner no points, no halls, a coarse heatmap and nothing finer than a residence', async () => {
      const clusters = await as('partner', `/observatory/clusters?bbox=-180,-85,180,85&zoom=20&${year}`);
      expect(clusters.body).toMatchObject({ features: [], withheld: 'partner' });
      expect((await as('partner', `/observatory/hall-levels?${year}`)).body).toMatchObject({ entrances: [], withheld: 'partner' });
      const heat = await as('partner', `/observatory/heatmap?from=2024-01&to=2025-12`);
      expect(heat.body.points).toEqual([expect.objectContaining({ weight: 6 })]);
      expect((await as('partner', `/observatory/hotspots?${year}&unit=building`)).body).toMatchObject({ unit: 'cell', cellSize: 500 });
      expect((await as('partner', `/observatory/dashboard?${year}&residenceId=${patrimony.residenceIds.lens}`)).status).toBe(200);
      expect((await as('partner', `/observatory/dashboard?${year}&entranceId=${patrimony.entranceIds.lensA}`)).status).toBe(403);
      expect((await as('partner', `/observatory/dashboard?${year}&commune=62041`)).status).toBe(403);
    });
    it('exports the figures each caller may read, as CSV, XLSX and GeoJSON', async () => {
      const csv = async (role: Role) => (await as(role, `/observatory/export?${year}&format=csv`)).body as string;
      const officerCsv = await csv('observatory_officer');
      expect(officerCsv.split('\n')[0]).toBe('panel,key,label,incidents,dwellings,ratePer100Dwellings,damageCost');
      expect(officerCsv).toMatch(/^period,current,2025-01 → 2025-12,6,7,/m);
      expect(officerCsv).toMatch(new RegExp(`^agency,${patrimony.agencyIds.arras},`, 'm'));
      const partnerCsv = await csv('partner');
      expect(partnerCsv).toMatch(/^family,D,D,< 5,/m);
      expect(partnerCsv).not.toMatch(/^agency,/m);
      const agentCsv = await csv('agent');
      expect(agentCsv).toMatch(/^period,current,2025-01 → 2025-12,5,6,/m);
      expect(agentCsv).not.toMatch(new RegExp(`^agency,${patrimony.agencyIds.arras},`, 'm'));

      const xlsx = await app.request(`/api/observatory/export?${year}&format=xlsx`, { headers: clients.partner.headers });
      expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="observatoire-2025-01-2025-12.xlsx"');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const values = workbook.worksheets[0]!.getSheetValues().flat().filter((value) => value !== undefined);
      expect(values).toContain('< 5');

      const geojson = await as('agent', `/observatory/export?${year}&format=geojson`);
      const features = geojson.body.features as { properties: { incidents: number } }[];
      expect(features.reduce((sum, feature) => sum + feature.properties.incidents, 0)).toBe(5);
      expect((await app.request(`/api/observatory/export?${year}`)).status).toBe(401);
    });
  });

  it('rebuilds the cluster index after a change to the incidents', async () => {
    const before = await clusterCount('from=2025-01&to=2025-12');
    await seed([{ entrance: patrimony.entranceIds.lensB, building: patrimony.buildingIds.lensTower, residence: patrimony.residenceIds.lens, agency: patrimony.agencyIds.lens, at: '2025-07-01T10:00:00Z', category: 'D.TAG' }]);
    expect(await clusterCount('from=2025-01&to=2025-12')).toBe(before + 1);
    expect(await total('from=2025-01&to=2025-12')).toBe(before + 1);
  });

  it('serves the heatmap, the hotspots and the hall levels', async () => {
    const heat = await get('/observatory/heatmap?from=2024-01&to=2025-12');
    expect(heat.status).toBe(200);
    expect((heat.body.points as { weight: number }[]).reduce((sum, point) => sum + point.weight, 0)).toBe(await total('from=2024-01&to=2025-12'));
    const hot = await get('/observatory/hotspots?from=2025-01&to=2025-12&unit=building&distance=200');
    expect(hot.status, JSON.stringify(hot.body)).toBe(200);
    expect(hot.body.units).toHaveLength(2);
    const tower = hot.body.units.find((unit: any) => unit.id === patrimony.buildingIds.lensTower);
    // Five incidents of 2025 in the tower's entrances, and the one added by the test above, for 6 dwellings.
    expect(tower.ratePer100Dwellings).toBeCloseTo((6 * 100) / 6, 10);
    const halls = await get('/observatory/hall-levels?from=2025-01&to=2025-12');
    expect(halls.body.entrances.find((hall: any) => hall.entranceId === patrimony.entranceIds.lensA)).toMatchObject({ current: { level: 'yellow' }, previous: { level: 'green' }, change: 'worse' });
  });

  it('reads the places in scope again when the patrimony changes', async () => {
    const dwellings = async () => (await get('/observatory/dashboard?from=2025-01&to=2025-12')).body.dwellings as number;
    expect(await dwellings()).toBe(7);
    const org = patrimony.organisationId;
    await database().query(`INSERT INTO dwellings (organisation_id, external_id, building_id, kind) VALUES ($1, 'LOG-ARRAS-2', $2, 'individual')`, [org, patrimony.buildingIds.arrasHouse]);
    expect(await dwellings()).toBe(8);
    await database().query(`DELETE FROM dwellings WHERE organisation_id = $1 AND external_id = 'LOG-ARRAS-2'`, [org]);
    expect(await dwellings()).toBe(7);
  });

  it('rejects bad filters naming the field', async () => {
    for (const [query, field] of [['from=2025-13', 'query.from'], ['from=2025-06&to=2025-01', 'query.from'], ['from=2001-01&to=2025-01', 'query.from'], ['family=Z', 'query.family']] as const) {
      const answer = await get(`/observatory/dashboard?${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    const badBox = await get('/observatory/clusters?bbox=1,2,3&zoom=3');
    expect(badBox.status).toBe(400);
    expect(badBox.body.errors[0].field).toBe('query.bbox');
  });

  it('lets the observatory set the staff of agencies, audited, and refuses roles without patrimony management', async () => {
    const body = { agencies: [{ agencyId: patrimony.agencyIds.arras, staff: 7 }] };
    expect((await clients.agency_manager.request('PUT', '/observatory/staff', body)).status).toBe(403);
    expect((await clients.executive.request('PUT', '/observatory/staff', body)).status).toBe(403);
    const answer = await clients.observatory_officer.request('PUT', '/observatory/staff', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.find((agency: any) => agency.agencyId === patrimony.agencyIds.arras).staff).toBe(7);
    const [entry] = await database().query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE organisation_id = $1 AND action = 'observatory.staff.set' ORDER BY seq DESC LIMIT 1`, [patrimony.organisationId]);
    expect(entry).toEqual({ before: [{ agencyId: patrimony.agencyIds.arras, staff: null }], after: body.agencies });
  });

  it('keeps the dashboard between changes and gives the new figures after a recorded incident, a staff change or a patrimony change', async () => {
    const query = '/observatory/dashboard?from=2025-01&to=2025-12';
    const first = (await get(query)).body;
    expect((await get(query)).body).toEqual(first);
    const { agencyIds: a, residenceIds: r, buildingIds: b, entranceIds: e } = patrimony;
    await seed([{ entrance: e.lensB, building: b.lensTower, residence: r.lens, agency: a.lens, at: '2025-12-10T09:00:00Z', category: 'C.HALL' }]);
    const after = (await get(query)).body;
    expect(after.indicators.current.incidents).toBe(first.indicators.current.incidents + 1);
    expect(after.families.find((row: any) => row.family === 'C').incidents).toBe(first.families.find((row: any) => row.family === 'C').incidents + 1);
    expect(after.agencies.find((row: any) => row.agencyId === a.lens).incidents).toBe(first.agencies.find((row: any) => row.agencyId === a.lens).incidents + 1);
    expect(after.residences.find((row: any) => row.residenceId === r.lens).incidents).toBe(first.residences.find((row: any) => row.residenceId === r.lens).incidents + 1);
    expect(after.halls.find((row: any) => row.entranceId === e.lensB).incidents).toBe(first.halls.find((row: any) => row.entranceId === e.lensB).incidents + 1);
    expect(after.hourWeekday.incidentsWithTime).toBe(first.hourWeekday.incidentsWithTime + 1);
    expect(after.trend.find((row: any) => row.month === '2025-12').incidents).toBe(first.trend.find((row: any) => row.month === '2025-12').incidents + 1);
    // The staff of an agency moves no roll-up: the dashboard reads it anyway.
    expect((await clients.observatory_officer.request('PUT', '/observatory/staff', { agencies: [{ agencyId: a.lens, staff: 40 }] })).status).toBe(200);
    expect((await get(query)).body.agencies.find((row: any) => row.agencyId === a.lens).staff).toBe(40);
    const org = patrimony.organisationId;
    await database().query(`INSERT INTO dwellings (organisation_id, external_id, building_id, kind) VALUES ($1, 'LOG-ARRAS-3', $2, 'individual')`, [org, b.arrasHouse]);
    expect((await get(query)).body.dwellings).toBe(after.dwellings + 1);
    await database().query(`DELETE FROM dwellings WHERE organisation_id = $1 AND external_id = 'LOG-ARRAS-3'`, [org]);
    await database().query(`DELETE FROM incidents WHERE organisation_id = $1 AND occurred_at = '2025-12-10T09:00:00Z'`, [org]);
    await database().query(`UPDATE observatory_agency_staff SET staff = 4 WHERE organisation_id = $1 AND agency_id = $2`, [org, a.lens]);
    expect((await get(query)).body).toEqual(first);
  });
});
