import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { createRoleUsers, sessionClient, type SessionHeaders } from '../../../test/support/auth.js';
import { systemActor } from '../../access/system-actor.js';
import { addFinancingLine, createConvention, createOperation, type OperationInput } from '../programme/service.js';
import { linesOn, semesterOf, semestersBetween } from './domain/history.js';
import { semesterEnd } from './domain/reports.js';
import { HEADER_ROW, TOTAL_LABEL } from './workbook.js';

describe('semesters', () => {
  it('ends the first on 30 June and the second on 31 December, and refuses anything else naming the field', () => {
    expect(semesterEnd('2024-S1')).toBe('2024-06-30');
    expect(semesterEnd('2025-S2')).toBe('2025-12-31');
    expect(() => semesterEnd('2025-S3')).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'semester' })] }));
  });
});

describe('financing lines on a past day', () => {
  const line = { id: 1, operationId: 7, source: 'departement_investment' as const, amountCents: 900, status: 'paid' as const, conventionId: 3 };
  const entry = (toStatus: 'requested' | 'paid' | null, amountCents: number, changedOn: string) => ({ lineId: 1, operationId: 7, source: 'departement_investment' as const, toStatus, amountCents, changedOn });

  it('takes the last status change by then, drops lines not yet created or deleted, keeps lines without history as they are', () => {
    const history = [entry('requested', 500, '2024-03-01'), entry('paid', 900, '2024-09-01')];
    expect(linesOn([line], history, '2024-02-28')).toEqual([]);
    expect(linesOn([line], history, '2024-06-30')).toEqual([{ operationId: 7, source: 'departement_investment', amountCents: 500, status: 'requested', conventionId: 3 }]);
    expect(linesOn([], [...history, entry(null, 900, '2025-01-10')], '2025-06-30')).toEqual([]);
    expect(linesOn([line], [], '2020-01-01')).toEqual([line]);
  });

  it('lists the semesters between two, oldest first', () => {
    expect(semestersBetween('2023-S2', '2025-S1')).toEqual(['2023-S2', '2024-S1', '2024-S2', '2025-S1']);
    expect(semestersBetween('2025-S2', '2025-S1')).toEqual([]);
    expect(semesterOf('2024-07-01')).toBe('2024-S2');
  });
});

/** The sheet's header names, data rows (as header → value) and total line. */
async function readSheet(buffer: ArrayBuffer, index = 0) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const sheet = workbook.worksheets[index]!;
  const headers = (sheet.getRow(HEADER_ROW).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  let totals: Record<string, unknown> = {};
  sheet.eachRow((row, number) => {
    if (number <= HEADER_ROW) return;
    const cells = Object.fromEntries(headers.map((header, index) => {
      const value = row.getCell(index + 1).value;
      return [header, value && typeof value === 'object' && 'result' in value ? value.result : value];
    }));
    if (row.getCell(1).value === TOTAL_LABEL) totals = cells;
    else rows.push(cells);
  });
  return { headers, rows, totals };
}

const cents = (euros: unknown) => Math.round(Number(euros) * 100);

describeEachEngine('renovation reports', (database) => {
  let app: ReturnType<typeof createApp>;
  /** The executive reads the reports of the whole organisation. */
  let executive: SessionHeaders;
  let lensManager: SessionHeaders;
  let partner: SessionHeaders;
  const get = async (path: string) => {
    const response = await app.request(path, { headers: executive });
    expect(response.status, path).toBe(200);
    return response;
  };

  beforeAll(async () => {
    const db = database();
    const patrimony = await createSmallPatrimony(db);
    const org = systemActor(patrimony.organisationId, 'test');
    // A second territory: the Arras agency moves to a directorate of its own.
    const [littoral] = await db.query<{ id: number }>(`INSERT INTO directorates (organisation_id, external_id, name) VALUES ($1, 'DT2', 'Direction territoriale Littoral') RETURNING id`, [org.organisationId]);
    await db.query('UPDATE agencies SET directorate_id = $1 WHERE organisation_id = $2 AND id = $3', [littoral!.id, org.organisationId, patrimony.agencyIds.arras]);
    const dwellings = (await db.query<{ id: number; building: number }>('SELECT id, building_id AS building FROM dwellings WHERE organisation_id = $1 ORDER BY id', [org.organisationId]));
    const lens = dwellings.filter((d) => d.building === patrimony.buildingIds.lensTower).map((d) => d.id);
    const arras = dwellings.filter((d) => d.building === patrimony.buildingIds.arrasHouse).map((d) => d.id);
    const frameworkId = await createConvention(db, org, { externalId: 'CADRE', kind: 'framework', frameworkId: null, name: 'Convention cadre 2024–2033', firstYear: 2024, lastYear: 2033, investmentCents: 100_000_000_00, operatingCents: 50_000_000_00, signedOn: null });
    const y2024 = await createConvention(db, org, { externalId: 'APP-2024', kind: 'application', frameworkId, name: 'Convention d’application 2024', firstYear: 2024, lastYear: 2024, investmentCents: 4_000_000_00, operatingCents: 5_000_000_00, signedOn: '2024-03-01' });
    const y2025 = await createConvention(db, org, { externalId: 'APP-2025', kind: 'application', frameworkId, name: 'Convention d’application 2025', firstYear: 2025, lastYear: 2025, investmentCents: 6_000_000_00, operatingCents: 5_000_000_00, signedOn: null });
    const base: OperationInput = {
      name: 'op', kind: 'energy_renovation', plan: 'pmt_2025_2030', programmeYear: 2025, dwellingIds: lens, endDate: '2026-06-30',
      plannedCents: 0, committedCents: 0, paidCents: 0, labelBefore: 'F', targetLabel: 'C', labelAfter: null,
      energyBefore: 400, energyTarget: 160, energyAfter: null, ghgBefore: null, phases: {},
    };
    const add = (input: Partial<OperationInput>) => createOperation(db, org, { ...base, ...input }, '2025-01-01');
    const a = await add({ externalId: 'A', name: 'Réhabilitation tour', dwellingIds: lens.slice(0, 4), plannedCents: 320_000_12, committedCents: 100_000_00 });
    const b = await add({ externalId: 'B', name: 'Entretien tour', kind: 'maintenance', dwellingIds: lens.slice(4), plannedCents: 12_345_67 });
    const c = await add({ externalId: 'C', name: 'Adaptation maison', kind: 'adaptation', dwellingIds: arras, plannedCents: 9_999_99, phases: { works: { plannedStart: '2025-03-01', plannedEnd: '2025-05-31', actualStart: '2025-03-10', actualEnd: null } } });
    await add({ externalId: 'D', name: 'Vacants 2024', kind: 'vacant_refurbishment', programmeYear: 2024, dwellingIds: arras, plannedCents: 50_000_00 });
    await addFinancingLine(db, org, a.id, { source: 'departement_investment', amountCents: 150_000_00, status: 'committed', conventionId: y2025, note: null }, '2025-01-01');
    await addFinancingLine(db, org, a.id, { source: 'departement_investment', amountCents: 20_000_01, status: 'paid', conventionId: y2024, note: null }, '2025-01-01');
    await addFinancingLine(db, org, a.id, { source: 'eco_pret', amountCents: 60_000_00, status: 'notified', conventionId: null, note: null }, '2025-01-01');
    await addFinancingLine(db, org, b.id, { source: 'departement_operating', amountCents: 5_000_00, status: 'requested', conventionId: null, note: null }, '2025-01-01');
    await addFinancingLine(db, org, c.id, { source: 'departement_operating', amountCents: 7_500_50, status: 'notified', conventionId: y2025, note: null }, '2025-01-01');
    // The lines were entered in January 2025; A's paid line in May 2024, and its committed line was first requested in September 2024 for less.
    await db.query(`UPDATE financing_line_status_changes SET changed_at = '2025-01-15T12:00:00+01:00'`);
    const [committed, paid] = (await db.query<{ id: number }>('SELECT id FROM financing_lines WHERE operation_id = $1 AND source = $2 ORDER BY id', [a.id, 'departement_investment'])).map((row) => row.id);
    await db.query(`UPDATE financing_line_status_changes SET changed_at = '2024-05-10T12:00:00+02:00' WHERE line_id = $1`, [paid]);
    await db.query(
      `INSERT INTO financing_line_status_changes (organisation_id, operation_id, line_id, source, from_status, to_status, amount_cents, changed_at, changed_by)
       VALUES ($1, $2, $3, 'departement_investment', NULL, 'requested', 10000000, '2024-09-01T12:00:00+02:00', 'test')`, [org.organisationId, a.id, committed]);
    app = createApp({ db, config: readConfig({}) });
    const users = await createRoleUsers(db, patrimony);
    executive = (await sessionClient(app, users.executive)).headers;
    lensManager = (await sessionClient(app, users.agency_manager)).headers;
    partner = (await sessionClient(app, users.partner)).headers;
  });

  it('forecasts the volumes of year N per territory, the XLSX totals matching the database', async () => {
    const json = (await (await get('/api/renovation/reports/forecast?year=2025')).json()) as { rows: { territory: string; kind: string; dwellings: number }[] };
    expect(json.rows.map((row) => [row.territory, row.kind, row.dwellings])).toEqual([
      ['Direction territoriale Artois', 'energy_renovation', 4],
      ['Direction territoriale Artois', 'maintenance', 2],
      ['Direction territoriale Littoral', 'adaptation', 1],
    ]);
    const sheet = await readSheet(await (await get('/api/renovation/reports/forecast?year=2025&format=xlsx')).arrayBuffer());
    const [expected] = await database().query<{ operations: number; dwellings: number; planned: number; investment: number; operating: number }>(
      `SELECT count(DISTINCT o.id)::integer AS operations,
         (SELECT count(*) FROM renovation_operation_dwellings od JOIN renovation_operations o2 ON o2.organisation_id = od.organisation_id AND o2.id = od.operation_id WHERE o2.programme_year = 2025)::integer AS dwellings,
         (SELECT sum(planned_cost_cents) FROM renovation_operations WHERE programme_year = 2025) AS planned,
         (SELECT coalesce(sum(l.amount_cents), 0) FROM financing_lines l JOIN renovation_operations o3 ON o3.organisation_id = l.organisation_id AND o3.id = l.operation_id WHERE o3.programme_year = 2025 AND l.source = 'departement_investment') AS investment,
         (SELECT coalesce(sum(l.amount_cents), 0) FROM financing_lines l JOIN renovation_operations o3 ON o3.organisation_id = l.organisation_id AND o3.id = l.operation_id WHERE o3.programme_year = 2025 AND l.source = 'departement_operating') AS operating
       FROM renovation_operations o WHERE o.programme_year = 2025`);
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.totals['Opérations']).toBe(expected!.operations);
    expect(sheet.totals['Logements']).toBe(expected!.dwellings);
    expect(cents(sheet.totals['Coût prévisionnel'])).toBe(expected!.planned);
    expect(cents(sheet.totals['Département investissement'])).toBe(expected!.investment);
    expect(cents(sheet.totals['Département fonctionnement'])).toBe(expected!.operating);
    expect(sheet.rows.reduce((total, row) => total + cents(row['Coût prévisionnel']), 0)).toBe(expected!.planned);
  });

  it('lists the financed operations in the semi-annual tracking table, totals matching the database', async () => {
    const sheet = await readSheet(await (await get('/api/renovation/reports/tracking?semester=2025-S1&format=xlsx')).arrayBuffer());
    // B has only a request: not financed yet. C is in works on 30 June 2025.
    expect(sheet.rows.map((row) => [row['Code'], row['Phase']])).toEqual([['A', 'Programmée'], ['C', 'Travaux']]);
    const [expected] = await database().query<{ notified: number; committed: number; paid: number; planned: number }>(
      `SELECT sum(amount_cents) FILTER (WHERE status <> 'requested') AS notified,
         sum(amount_cents) FILTER (WHERE status IN ('committed', 'paid')) AS committed,
         coalesce(sum(amount_cents) FILTER (WHERE status = 'paid'), 0) AS paid,
         (SELECT sum(planned_cost_cents) FROM renovation_operations WHERE external_id IN ('A', 'C')) AS planned
       FROM financing_lines WHERE source LIKE 'departement_%' AND operation_id IN (SELECT id FROM renovation_operations WHERE external_id IN ('A', 'C'))`);
    expect(cents(sheet.totals['Département notifié'])).toBe(expected!.notified);
    expect(cents(sheet.totals['Département engagé'])).toBe(expected!.committed);
    expect(cents(sheet.totals['Département versé'])).toBe(expected!.paid);
    expect(cents(sheet.totals['Coût prévisionnel'])).toBe(expected!.planned);
    expect(sheet.totals['Logements']).toBe(5);
  });

  it('gives past semesters the Département amounts of their time, rebuilt from the status history, totals re-read from the workbook', async () => {
    type Tracking = { rows: { externalId: string; departement: { notifiedCents: number; committedCents: number; paidCents: number } }[] };
    const at = async (semester: string) => ((await (await get(`/api/renovation/reports/tracking?semester=${semester}`)).json()) as Tracking).rows
      .map((row) => [row.externalId, row.departement.notifiedCents, row.departement.committedCents, row.departement.paidCents]);
    // Mid-2024 only A's paid line existed; its other line was a mere request at the end of 2024.
    expect(await at('2023-S2')).toEqual([]);
    expect(await at('2024-S1')).toEqual([['A', 20_000_01, 20_000_01, 20_000_01]]);
    expect(await at('2024-S2')).toEqual([['A', 20_000_01, 20_000_01, 20_000_01]]);
    expect(await at('2025-S1')).toEqual([['A', 170_000_01, 170_000_01, 20_000_01], ['C', 7_500_50, 0, 0]]);

    const sheet = await readSheet(await (await get('/api/renovation/reports/tracking?semester=2025-S1&format=xlsx')).arrayBuffer(), 1);
    expect(sheet.rows.map((row) => [row['Code'], row['Semestre'], cents(row['Département notifié']), cents(row['Département engagé']), cents(row['Département versé'])])).toEqual([
      ['A', '2024-S1', 20_000_01, 20_000_01, 20_000_01],
      ['A', '2024-S2', 20_000_01, 20_000_01, 20_000_01],
      ['A', '2025-S1', 170_000_01, 170_000_01, 20_000_01],
      ['C', '2024-S1', 0, 0, 0],
      ['C', '2024-S2', 0, 0, 0],
      ['C', '2025-S1', 7_500_50, 0, 0],
    ]);
    expect(cents(sheet.totals['Département notifié'])).toBe(20_000_01 * 2 + 170_000_01 + 7_500_50);
    expect(cents(sheet.totals['Département engagé'])).toBe(20_000_01 * 2 + 170_000_01);
    expect(cents(sheet.totals['Département versé'])).toBe(20_000_01 * 3);
  });

  it('gives envelope consumption by year, totals matching the database', async () => {
    const sheet = await readSheet(await (await get('/api/renovation/reports/consumption?format=xlsx')).arrayBuffer());
    expect(sheet.rows.map((row) => row['Année'])).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033]);
    const [expected] = await database().query<{ allowed: number; committed: number; paid: number }>(
      `SELECT (SELECT sum(investment_cents) FROM funding_conventions WHERE kind = 'application') AS allowed,
         (SELECT sum(amount_cents) FROM financing_lines WHERE source = 'departement_investment' AND status IN ('committed', 'paid')) AS committed,
         (SELECT sum(amount_cents) FROM financing_lines WHERE source = 'departement_investment' AND status = 'paid') AS paid`);
    expect(cents(sheet.totals['Investissement autorisé'])).toBe(expected!.allowed);
    expect(cents(sheet.totals['Investissement engagé'])).toBe(expected!.committed);
    expect(cents(sheet.totals['Investissement versé'])).toBe(expected!.paid);
    expect(cents(sheet.totals['Investissement disponible'])).toBe(expected!.allowed - expected!.committed);
    expect(cents(sheet.rows.at(-1)!['Cumul engagé investissement'])).toBe(expected!.committed);
    expect(sheet.totals['Fonctionnement engagé']).toBe(0);
  });

  it('restricts the forecast and the tracking table to the operations of the perimeter; refuses a partner and a caller without session', async () => {
    const forecast = (await (await app.request('/api/renovation/reports/forecast?year=2025', { headers: lensManager })).json()) as { rows: { territory: string; kind: string }[] };
    expect(forecast.rows.map((row) => [row.territory, row.kind])).toEqual([['Direction territoriale Artois', 'energy_renovation'], ['Direction territoriale Artois', 'maintenance']]);
    const tracking = (await (await app.request('/api/renovation/reports/tracking?semester=2025-S1', { headers: lensManager })).json()) as { rows: { externalId: string; statusChanges: { toStatus: string }[] }[] };
    expect(tracking.rows.map((row) => row.externalId)).toEqual(['A']);
    expect(tracking.rows[0]!.statusChanges.map((change) => change.toStatus)).toEqual(['paid', 'requested', 'committed', 'notified']);
    expect((await app.request('/api/renovation/reports/consumption', { headers: partner })).status).toBe(403);
    expect((await app.request('/api/renovation/reports/consumption')).status).toBe(401);
  });

  it('answers 400 naming the field for a bad semester', async () => {
    const response = await app.request('/api/renovation/reports/tracking?semester=2025-S3', { headers: executive });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('query.semester');
  });
});
