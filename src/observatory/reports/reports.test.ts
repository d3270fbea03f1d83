import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../access/domain/roles.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import type { VigieApp } from '../../http/router.js';
import { initialCategories } from '../../incidents/domain/nomenclature.js';
import { seedCategories } from '../../incidents/repository.js';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { HEADER_ROW } from './workbook.js';

/** Free text and personal data seeded on every incident: none of it may reach a report. */
const MARKER = 'ZQX-MARQUEUR-LIBRE-7731';
const REPORTER = { name: 'Gaspard Témoin-Unique', email: 'gaspard.temoin.unique@vigie.test' };
const VICTIM = 'Hortense Victime-Unique';
const HIDDEN = ['< 5', 's'];

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });

interface SheetCells {
  name: string;
  rows: (string | number | null)[][];
}

async function readWorkbook(body: Buffer): Promise<SheetCells[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: (string | number | null)[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      rows[number - 1] = Array.from({ length: sheet.columnCount }, (_, index) => {
        const value = row.getCell(index + 1).value;
        return typeof value === 'number' || typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value);
      });
    });
    return { name: sheet.name, rows: Array.from(rows, (row) => row ?? []) };
  });
}

/** The cells of a pack's workbook that hold counts of incidents: columns headed so, and the rows so labelled on the key figures. */
function countCells(sheet: SheetCells): (string | number | null)[] {
  const header = sheet.rows[HEADER_ROW - 1] ?? [];
  const body = sheet.rows.slice(HEADER_ROW);
  if (sheet.name === 'Chiffres clés') return body.filter((row) => /^\s*(Incidents|Atteintes|dont)/.test(String(row[0]))).flatMap((row) => row.slice(1));
  return header.flatMap((text, column) => (/^Incidents/.test(String(text)) ? body.map((row) => row[column] ?? null) : []));
}

describeEachEngine('observatory reports API', (database) => {
  let app: VigieApp;
  let patrimony: SmallPatrimony;
  const clients = {} as Record<Role, SessionClient>;

  const download = async (role: Role, path: string) => {
    const response = await app.request(`/api${path}`, { headers: clients[role].headers });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: Buffer.from(await response.arrayBuffer()) };
  };
  const json = async (role: Role, path: string) => (await clients[role].request('GET', path)).body;

  beforeAll(async () => {
    const db = database();
    patrimony = await createSmallPatrimony(db);
    await seedCategories(db, patrimony.organisationId, initialCategories());
    app = createApp({ db, config: readConfig({}) });
    const users = await createRoleUsers(db, patrimony);
    for (const [role, user] of Object.entries(users) as [Role, (typeof users)[Role]][]) clients[role] = await sessionClient(app, user);
    const reporter = await createTestUser(db, patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, REPORTER.email);
    await db.query('UPDATE users SET display_name = $1 WHERE id = $2', [REPORTER.name, reporter.id]);
    const { agencyIds: a, residenceIds: r, buildingIds: b, entranceIds: e } = patrimony;
    const lens = { entrance: e.lensA, building: b.lensTower, residence: r.lens, agency: a.lens };
    const arras = { entrance: null, building: b.arrasHouse, residence: r.arras, agency: a.arras };
    // 2025 in Lens: 6 tags (D) in January and February, 3 dumps (A) in July, 2 occupied halls (C) in October, 1 insult to staff (E) — 12;
    // in Arras 3 tags; in 2024, 5 tags in Lens (March and April).
    const rows = [
      ...Array.from({ length: 6 }, (_, i) => ({ ...lens, at: `2025-0${1 + Math.floor(i / 3)}-1${i}T19:30:00Z`, category: 'D.TAG', cost: 100 + i })),
      ...Array.from({ length: 3 }, (_, i) => ({ ...lens, at: `2025-07-0${i + 3}T09:00:00Z`, category: 'A.DUMP' })),
      ...Array.from({ length: 2 }, (_, i) => ({ ...lens, at: `2025-10-2${i}T21:00:00Z`, category: 'C.HALL' })),
      { ...lens, at: '2025-12-01T08:00:00Z', category: 'E.INSULT', staff: true },
      ...Array.from({ length: 3 }, (_, i) => ({ ...arras, at: `2025-0${i + 4}-12T12:00:00Z`, category: 'D.TAG', cost: 50 })),
      ...Array.from({ length: 5 }, (_, i) => ({ ...lens, at: `2024-0${i < 3 ? 3 : 4}-1${i}T12:00:00Z`, category: 'D.TAG' })),
    ];
    const ids = await db.query<{ id: number }>(
      `INSERT INTO incidents (organisation_id, place_kind, entrance_id, building_id, residence_id, agency_id, geom, occurred_at, recorded_at, recorded_by,
         channel, category_code, category_version, family, severity, description, victims, actual_cost, estimated_cost, status)
       SELECT $1, CASE WHEN r.entrance IS NOT NULL THEN 'entrance' ELSE 'building' END, r.entrance, r.building, r.residence, r.agency,
         (SELECT geom FROM buildings WHERE organisation_id = $1 AND id = r.building), r.at, r.at, $3,
         'caretaker', r.category, 1, left(r.category, 1), c.default_severity, $4 || ' ' || $5,
         CASE WHEN r.staff THEN jsonb_build_array(jsonb_build_object('role', 'landlord_staff', 'ittClass', 'none')) ELSE jsonb_build_array(jsonb_build_object('role', 'tenant')) END,
         r.cost, r.cost, 'recorded'
       FROM jsonb_to_recordset($2::jsonb) AS r(entrance int, building int, residence int, agency int, at timestamptz, category text, cost numeric, staff boolean)
       JOIN incident_categories c ON c.organisation_id = $1 AND c.code = r.category AND c.version = 1
       RETURNING id`,
      [patrimony.organisationId, JSON.stringify(rows.map((row) => ({ staff: false, ...row }))), reporter.id, MARKER, VICTIM],
    );
    for (const { id } of ids) {
      await db.query(`INSERT INTO incident_comments (organisation_id, incident_id, body, created_by) VALUES ($1, $2, $3, $4)`, [patrimony.organisationId, id, `${MARKER} commentaire`, reporter.id]);
    }
    // Complaints on the first five tags: their notes and police station carry the marker too.
    for (const { id } of ids.slice(0, 5)) {
      await db.query(
        `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, note, police_station, recorded_by) VALUES ($1, $2, 'complaint_filed', '2025-12-15', $3, $3, $4)`,
        [patrimony.organisationId, id, `${MARKER} note`, reporter.id],
      );
    }
  });

  /** Free text, people and addresses; a partner's file names no agency or residence either. */
  const expectNoPrivateText = (text: string, partner = true) => {
    for (const needle of [MARKER, REPORTER.name, REPORTER.email, VICTIM, 'de la Paix', '@', ...(partner ? ['Grande Résidence'] : [])]) expect(text, needle).not.toContain(needle);
  };

  it('gives a partner the pack of their commune as a PDF: the dashboard\'s figures, small counts « < 5 », no free text or personal data', async () => {
    const pdf = await download('partner', '/observatory/reports/partner-pack?from=2025-01&to=2025-12');
    expect(pdf.status, pdf.body.toString()).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain('dossier-clspd-62498-2025-01-2025-12.pdf');
    const text = pdfText(pdf.body);
    expectNoPrivateText(text);
    const dashboard = await json('partner', '/observatory/dashboard?from=2025-01&to=2025-12');
    expect(dashboard.indicators.current.incidents).toBe(12);
    expect(text).toContain('Dossier partenaires du CLSPD');
    expect(text).toContain('(62498)');
    expect(text).toContain('janvier 2025 – décembre 2025');
    expect(text).toMatch(/Incidents\s+12\s+5\s+5/);
    expect(text).toMatch(/D — Atteintes aux biens\s+6\s+615 €/);
    // pdftotext closes up « < 5 » to « <5 ».
    expect(text).toMatch(/A — Propreté\s+< ?5\s+s/);
    // 5 complaints out of 12 incidents.
    expect(text).toMatch(/Part avec plainte déposée\s+41,7 %/);
    expect(text).toContain('QN06201M');
  });

  it('writes the same pack as XLSX: no free text, no personal data, every count 0, 5 or more, or hidden', async () => {
    const xlsx = await download('partner', '/observatory/reports/partner-pack?from=2025-01&to=2025-12&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readWorkbook(xlsx.body);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Présentation', 'Chiffres clés', 'Familles', 'Communes', 'QPV', 'Mois']);
    expectNoPrivateText(JSON.stringify(sheets));
    const counts = sheets.flatMap(countCells);
    expect(counts.length).toBeGreaterThan(20);
    for (const cell of counts) expect(cell === 0 || (typeof cell === 'number' && cell >= 5) || HIDDEN.includes(String(cell)), String(cell)).toBe(true);
    expect(counts).toContain('< 5');
    const dashboard = await json('partner', '/observatory/dashboard?from=2025-01&to=2025-12');
    const families = sheets.find((sheet) => sheet.name === 'Familles')!.rows.slice(HEADER_ROW).map((row) => row[1]);
    expect(families).toEqual(dashboard.families.map((row: { incidents: unknown }) => row.incidents));
    // The months of the year, against their published total: each small month hidden, never recomputable.
    const months = sheets.find((sheet) => sheet.name === 'Mois')!.rows.slice(HEADER_ROW);
    expect(months).toHaveLength(12);
    expect(months.every((row) => HIDDEN.includes(String(row[1])) || row[1] === 0)).toBe(true);
  });

  it('lets the officer choose communes, hiding a commune that the total would give away', async () => {
    const xlsx = await download('observatory_officer', '/observatory/reports/partner-pack?communes=62498,62041&from=2025-01&to=2025-12&format=xlsx');
    expect(xlsx.status).toBe(200);
    const communes = (await readWorkbook(xlsx.body)).find((sheet) => sheet.name === 'Communes')!.rows.slice(HEADER_ROW);
    // 15 incidents: Arras's 3 read « < 5 », so Lens's 12 must read « s » too.
    expect(communes.map((row) => row[2]).sort()).toEqual(['< 5', 's']);
    const byQpv = await download('observatory_officer', '/observatory/reports/partner-pack?qpv=QN06201M&from=2025-01&to=2025-12');
    expect(byQpv.status).toBe(200);
    expect(pdfText(byQpv.body)).toContain('QPV QN06201M');
  });

  it('refuses a partner another commune, a role without aggregates, and bad parameters', async () => {
    expect((await download('partner', '/observatory/reports/partner-pack?communes=62041')).status).toBe(403);
    expect((await download('agency_manager', '/observatory/reports/partner-pack?communes=62041')).status).toBe(403);
    expect((await download('administrator', '/observatory/reports/partner-pack?communes=62498')).status).toBe(403);
    expect((await download('observatory_officer', '/observatory/reports/partner-pack')).status).toBe(400);
    const bad = await clients.observatory_officer.request('GET', '/observatory/reports/partner-pack?communes=lens');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.communes');
    expect((await download('observatory_officer', '/observatory/reports/partner-pack?communes=62498&from=2025-12&to=2025-01')).status).toBe(400);
  });

  it('writes the board report with the dashboard\'s figures of the year, its trend, map and hotspots', async () => {
    const pdf = await download('observatory_officer', '/observatory/reports/board?year=2025');
    expect(pdf.status, pdf.body.toString()).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdfText(pdf.body);
    expectNoPrivateText(text, false);
    const dashboard = await json('observatory_officer', '/observatory/dashboard?from=2025-01&to=2025-12');
    expect(dashboard.indicators.current.incidents).toBe(15);
    const rate = (dashboard.indicators.current.ratePer100Dwellings as number).toFixed(1).replace('.', ',');
    expect(text).toContain('Rapport annuel 2025');
    expect(text).toMatch(new RegExp(`Incidents\\s+15\\s+5\\s+200,0 %`));
    expect(text).toMatch(new RegExp(`Incidents pour 100 logements\\s+${rate}`));
    expect(text).toMatch(/D — Atteintes aux biens\s+9\s+60,0 %\s+765 €/);
    expect(text).toMatch(/Total\s+15\s+765 €/);
    expect(text).toContain('Évolution mensuelle sur 36 mois');
    expect(text).toContain('Carte des points chauds');
    expect(text).toMatch(/Lens Grande Résidence\s+6\s+12\s+5\s+200,0/);
  });

  it('keeps the board report and the USH survey to whole-landlord roles', async () => {
    expect((await download('partner', '/observatory/reports/board?year=2025')).status).toBe(403);
    expect((await download('agency_manager', '/observatory/reports/ush-survey?year=2025')).status).toBe(403);
    expect((await download('executive', '/observatory/reports/board?year=2025')).status).toBe(200);
    expect((await download('observatory_officer', '/observatory/reports/board?year=1999')).status).toBe(400);
  });

  it('exports the USH survey of a year whose totals are the dashboard\'s', async () => {
    const xlsx = await download('observatory_officer', '/observatory/reports/ush-survey?year=2025');
    expect(xlsx.status).toBe(200);
    expect(xlsx.disposition).toContain('enquete-ush-incivilites-2025.xlsx');
    const sheets = await readWorkbook(xlsx.body);
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Présentation', 'Familles', 'Catégories', 'Personnels']);
    expectNoPrivateText(JSON.stringify(sheets), false);
    const dashboard = await json('observatory_officer', '/observatory/dashboard?from=2025-01&to=2025-12');
    const families = sheets[1]!.rows.slice(HEADER_ROW);
    const familyTotal = families.pop()!;
    expect(families.map((row) => [row[0], row[2], row[4]])).toEqual(dashboard.families.map((row: any) => [row.family, row.incidents, row.damageCost]));
    expect([familyTotal[0], familyTotal[2], familyTotal[4]]).toEqual(['Total', 15, 765]);
    const categories = sheets[2]!.rows.slice(HEADER_ROW);
    const categoryTotal = categories.pop()!;
    expect(categoryTotal[3]).toBe(dashboard.indicators.current.incidents);
    expect(categoryTotal[4]).toBe(dashboard.indicators.current.damageCost);
    expect(categories.find((row) => row[0] === 'D.TAG')?.slice(2, 5)).toEqual(['D', 9, 765]);
    // The whole nomenclature, categories without incidents at 0.
    expect(categories.length).toBe(initialCategories().length);
  });
});
