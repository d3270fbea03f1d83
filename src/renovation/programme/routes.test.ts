import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient } from '../../../test/support/auth.js';
import type { Role } from '../../access/domain/roles.js';
import { formatEurosFr } from './domain/money.js';

interface Problem { status: number; detail: string; errors?: { field: string; message: string }[] }
interface Detail {
  id: number; dwellings: number; directorateId: number; endDate: string; targetGainPercent: number | null; gainPercent: number | null;
  currentPhase: string; phases: { phase: string; plannedEnd: string | null }[]; delays: Record<string, number>;
  financing: { totalCents: number; byStatus: Record<string, number> }; financingLines: { id: number; status: string }[];
  hints: { code: string }[];
}

describeEachEngine('renovation programme API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  let lensDwellings: number[];
  let application2024: number;
  const clients = {} as Record<Role | 'otherDirector', SessionClient>;
  /** The territorial director of the directorate holding Lens and Arras manages the programme. */
  const send = (method: string, path: string, body?: unknown, as: Role | 'otherDirector' = 'territorial_director') =>
    app.request(path, { method, headers: { ...clients[as].headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const get = (path: string, as: Role | 'otherDirector' = 'territorial_director') => app.request(path, { headers: clients[as].headers });

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    lensDwellings = (await database().query<{ id: number }>('SELECT id FROM dwellings WHERE building_id = $1 ORDER BY id', [patrimony.buildingIds.lensTower])).map((row) => row.id);
    // Classes entered in the patrimony count once they have a DPE date.
    await database().query(`UPDATE dwellings SET dpe_date = '2022-05-01' WHERE building_id = $1`, [patrimony.buildingIds.lensTower]);
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const role of ['territorial_director', 'agency_manager', 'executive', 'agent'] as const) clients[role] = await sessionClient(app, users[role]);
    const [elsewhere] = await database().query<{ id: number }>(
      `INSERT INTO directorates (organisation_id, external_id, name) VALUES ($1, 'DT9', 'Direction territoriale Littoral') RETURNING id`, [patrimony.organisationId]);
    clients.otherDirector = await sessionClient(app, await createTestUser(database(), patrimony.organisationId, 'territorial_director', { directorateIds: [elsewhere!.id] }, 'littoral@vigie.test'));
    const framework = await send('POST', '/api/renovation/conventions', {
      externalId: 'CD62-2024-2033', kind: 'framework', name: 'Convention cadre Département 2024–2033', firstYear: 2024, lastYear: 2033,
      investmentCents: 100_000_000_00, operatingCents: 50_000_000_00,
    });
    expect(framework.status).toBe(201);
    const frameworkId = ((await framework.json()) as { id: number }).id;
    const application = await send('POST', '/api/renovation/conventions', {
      externalId: 'CD62-2024', kind: 'application', frameworkId, name: 'Convention d’application 2024', firstYear: 2024, lastYear: 2024,
      investmentCents: 4_000_000_00, operatingCents: 5_000_000_00,
    });
    expect(application.status).toBe(201);
    application2024 = ((await application.json()) as { id: number }).id;
    const listed = (await (await get('/api/renovation/conventions')).json()) as { kind: string; frameworkId: number | null; investmentCents: number }[];
    expect(listed.map((c) => [c.kind, c.frameworkId, c.investmentCents])).toEqual([['framework', null, 100_000_000_00], ['application', frameworkId, 4_000_000_00]]);
  });

  const operation = () => ({
    externalId: 'REHA-LENS-A', name: 'Réhabilitation Tour A', kind: 'energy_renovation', plan: 'pmt_2025_2030', programmeYear: 2024,
    dwellingIds: lensDwellings, endDate: '2025-12-31', plannedCents: 6 * 80_000_00, committedCents: 3_000_000_00, paidCents: 0,
    labelBefore: 'G', targetLabel: 'C', energyBefore: 450, energyTarget: 150, ghgBefore: 25,
    phases: {
      studies: { plannedStart: '2024-01-15', plannedEnd: '2024-06-30', actualStart: '2024-01-15', actualEnd: '2024-07-10' },
      works: { plannedStart: '2024-09-01', plannedEnd: '2025-09-30' },
      handover: { plannedStart: '2025-10-15', plannedEnd: '2025-10-15' },
    },
  });

  it('creates an operation with its derived values and makes it count for compliance', async () => {
    const response = await send('POST', '/api/renovation/operations', operation());
    expect(response.status).toBe(201);
    const created = (await response.json()) as Detail;
    expect(created).toMatchObject({ dwellings: 6, directorateId: patrimony.directorateId, endDate: '2025-10-15', targetGainPercent: 66.7, gainPercent: null });
    expect(created.phases.map((p) => p.phase)).toEqual(['studies', 'work_order', 'works', 'handover', 'guarantee', 'final_account']);
    expect(created.delays.studies).toBe(10);
    expect(created.hints.map((h) => h.code)).toEqual(['eco_pret_eligible']);
    const compliance = (await (await get('/api/renovation/compliance?at=2025-06-01')).json()) as { deadlines: { deadline: { id: string }; atRisk: number; covered: number }[] };
    // The G dwelling of the tower is renovated in October 2025: covered for 2028, at risk for the 2025 ban.
    const byId = Object.fromEntries(compliance.deadlines.map((d) => [d.deadline.id, d]));
    expect(byId['mainland-ban-f']!.covered).toBe(1);
    expect(byId['mainland-ban-g']!.atRisk).toBe(1);
  });

  it('shows an operation to readers whose perimeter holds all its dwellings, audits its creation, and refuses the others', async () => {
    const [{ id }] = ((await (await get('/api/renovation/operations')).json()) as { items: { id: number }[] }).items as [{ id: number }];
    expect((await get(`/api/renovation/operations/${id}`, 'agency_manager')).status).toBe(200);
    expect(((await (await get('/api/renovation/operations', 'agency_manager')).json()) as { total: number }).total).toBe(1);
    // A territorial director of another directorate sees none of it and may not touch it.
    expect((await get(`/api/renovation/operations/${id}`, 'otherDirector')).status).toBe(403);
    expect(((await (await get('/api/renovation/operations', 'otherDirector')).json()) as { total: number }).total).toBe(0);
    expect((await send('PUT', `/api/renovation/operations/${id}`, operation(), 'otherDirector')).status).toBe(403);
    expect((await send('POST', `/api/renovation/operations/${id}/financing`, { source: 'eco_pret', amountCents: 1_00, status: 'requested' }, 'otherDirector')).status).toBe(403);
    const outside = await send('POST', '/api/renovation/operations', { ...operation(), externalId: 'ELSEWHERE' }, 'otherDirector');
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as Problem).errors![0]!.field).toBe('dwellingIds');
    // Reading is not managing; an agent has no renovation permission at all; no session, no answer.
    expect((await send('POST', '/api/renovation/operations', { ...operation(), externalId: 'MANAGER' }, 'agency_manager')).status).toBe(403);
    expect((await get('/api/renovation/operations', 'agent')).status).toBe(403);
    expect((await app.request('/api/renovation/operations')).status).toBe(401);
    expect((await app.request(`/api/renovation/operations/${id}`, { method: 'DELETE' })).status).toBe(401);
    const audited = await database().query<{ action: string; actorLabel: string }>(
      `SELECT action, actor_label AS "actorLabel" FROM audit_log WHERE object_type = 'renovation_operation' AND object_id = $1`, [String(id)]);
    expect(audited).toEqual([{ action: 'renovation_operation.create', actorLabel: 'territorial.director.' + patrimony.organisationId + '@vigie.test' }]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...operation(), externalId: 'X1', kind: 'paint' }, 'json.kind'],
      [{ ...operation(), externalId: 'X2', dwellingIds: [999_999] }, 'dwellingIds'],
      [{ ...operation(), externalId: 'X3', paidCents: 3_000_000_01 }, 'paidCents'],
      [{ ...operation(), externalId: 'X4', phases: { works: { plannedStart: '2025-01-01', plannedEnd: '2024-01-01' } } }, 'phases.works.plannedEnd'],
      [{ ...operation(), externalId: 'X5', plannedCents: 12.5 }, 'json.plannedCents'],
      [operation(), 'externalId'],
    ];
    for (const [body, field] of cases) {
      const response = await send('POST', '/api/renovation/operations', body);
      expect(response.status, field).toBe(400);
      expect(((await response.json()) as Problem).errors!.map((e) => e.field)).toContain(field);
    }
    const list = (await (await get('/api/renovation/operations')).json()) as { total: number };
    expect(list.total).toBe(1);
  });

  it('finances an operation and refuses a commitment beyond the annual convention, saying by how much', async () => {
    const [{ id }] = ((await (await get('/api/renovation/operations?year=2024')).json()) as { items: { id: number }[] }).items as [{ id: number }];
    const line = (amountCents: number, status = 'committed') => ({ source: 'departement_investment', amountCents, status, conventionId: application2024 });
    expect((await send('POST', `/api/renovation/operations/${id}/financing`, line(3_500_000_00))).status).toBe(201);
    expect((await send('POST', `/api/renovation/operations/${id}/financing`, { source: 'eco_pret', amountCents: 6 * 15_000_00, status: 'notified' })).status).toBe(201);
    // A request does not consume the envelope; a commitment of 600 000 € would exceed 4 M€ by 100 000 €.
    expect((await send('POST', `/api/renovation/operations/${id}/financing`, line(600_000_00, 'requested'))).status).toBe(201);
    const refused = await send('POST', `/api/renovation/operations/${id}/financing`, line(600_000_00));
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await refused.json()) as Problem;
    expect(problem.detail).toContain(`dépassée de ${formatEurosFr(100_000_00)}`);
    expect(problem.errors![0]!.field).toBe('amountCents');
    const detail = (await (await get(`/api/renovation/operations/${id}`)).json()) as Detail;
    expect(detail.financing).toEqual({ totalCents: 3_500_000_00 + 90_000_00 + 600_000_00, byStatus: { requested: 600_000_00, notified: 90_000_00, committed: 3_500_000_00, paid: 0 } });
    expect(detail.hints.map((h) => h.code)).toEqual(['over_financed']);
    // Moving the request to "committed" is refused the same way; 500 000 € fits exactly.
    const requested = detail.financingLines.find((l) => l.status === 'requested')!;
    expect((await send('PUT', `/api/renovation/financing/${requested.id}`, line(600_000_00))).status).toBe(409);
    const moved = await send('PUT', `/api/renovation/financing/${requested.id}`, line(500_000_00));
    expect(moved.status).toBe(200);
    // Who moved which line from which status to which, and when: creation has no "from".
    const history = ((await moved.json()) as Detail & { statusChanges: { lineId: number; fromStatus: string | null; toStatus: string | null; changedBy: string; changedAt: string }[] }).statusChanges;
    expect(history.map((change) => [change.fromStatus, change.toStatus])).toEqual([[null, 'committed'], [null, 'notified'], [null, 'requested'], ['requested', 'committed']]);
    expect(history.at(-1)).toMatchObject({ lineId: requested.id, changedBy: `territorial.director.${patrimony.organisationId}@vigie.test` });
    expect(Date.now() - Date.parse(history.at(-1)!.changedAt)).toBeLessThan(60_000);
    // The amount alone changing writes no history.
    expect((await send('PUT', `/api/renovation/financing/${requested.id}`, line(400_000_00))).status).toBe(200);
    const tracking = (await (await get(`/api/renovation/reports/tracking?semester=${new Date().getFullYear()}-S${new Date().getMonth() < 6 ? 1 : 2}`)).json()) as { rows: { statusChanges: unknown[] }[] };
    expect(tracking.rows[0]!.statusChanges).toHaveLength(4);
    // In 2020 none of these lines existed yet: the operation was not financed then.
    const before = (await (await get('/api/renovation/reports/tracking?semester=2020-S1')).json()) as { rows: { statusChanges: unknown[] }[] };
    expect(before.rows).toEqual([]);
  });

  it('requires an application convention for a committed Département line and refuses one on other sources', async () => {
    const [{ id }] = ((await (await get('/api/renovation/operations')).json()) as { items: { id: number }[] }).items as [{ id: number }];
    const noConvention = await send('POST', `/api/renovation/operations/${id}/financing`, { source: 'departement_operating', amountCents: 1_00, status: 'committed' });
    expect(((await noConvention.json()) as Problem).errors![0]!.field).toBe('conventionId');
    const stateWithConvention = await send('POST', `/api/renovation/operations/${id}/financing`, { source: 'state', amountCents: 1_00, status: 'notified', conventionId: application2024 });
    expect(stateWithConvention.status).toBe(400);
  });

  it('refuses an application convention that would exceed the framework', async () => {
    const conventions = await database().query<{ id: number }>(`SELECT id FROM funding_conventions WHERE kind = 'framework'`);
    const response = await send('POST', '/api/renovation/conventions', {
      externalId: 'CD62-2025', kind: 'application', frameworkId: conventions[0]!.id, name: 'Convention d’application 2025', firstYear: 2025, lastYear: 2025,
      investmentCents: 96_000_000_01, operatingCents: 0,
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as Problem).detail).toContain(formatEurosFr(1));
  });

  it('updates phases and deletes an operation with its lines', async () => {
    const [{ id }] = ((await (await get('/api/renovation/operations')).json()) as { items: { id: number }[] }).items as [{ id: number }];
    const updated = await send('PUT', `/api/renovation/operations/${id}`, {
      ...operation(), labelAfter: 'C', energyAfter: 135, phases: { handover: { plannedStart: '2025-10-15', plannedEnd: '2025-10-15', actualStart: '2025-11-04', actualEnd: '2025-11-04' } },
    });
    expect(updated.status).toBe(200);
    expect((await updated.json()) as Detail).toMatchObject({ endDate: '2025-11-04', gainPercent: 70 });
    expect((await send('DELETE', `/api/renovation/operations/${id}`)).status).toBe(204);
    expect((await get(`/api/renovation/operations/${id}`)).status).toBe(404);
    const [lines] = await database().query<{ count: number }>('SELECT count(*)::integer AS count FROM financing_lines');
    expect(lines!.count).toBe(0);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/renovation/operations/{operationId}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    for (const path of ['/api/renovation/operations', '/api/renovation/operations/{operationId}/financing', '/api/renovation/financing/{lineId}',
      '/api/renovation/conventions', '/api/renovation/reports/forecast', '/api/renovation/reports/tracking', '/api/renovation/reports/consumption']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
