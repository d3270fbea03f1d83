import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../../core/config.js';
import { createApp } from '../../../http/app.js';
import type { Role } from '../../../access/domain/roles.js';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient } from '../../../../test/support/auth.js';
import { describeEachEngine } from '../../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../../test/support/fixtures.js';

const HEADER = ['operation_code', 'name', 'kind', 'plan', 'programme_year', 'dwelling_codes', 'handover_date', 'planned_cost', 'target_label'];
const GOOD = ['REHA-LENS', 'Réhabilitation tour', 'energy_renovation', 'pmt_2025_2030', '2026', 'LOG-LENS-0 LOG-LENS-1', '2027-06-30', '480000', 'C'];
const BAD = ['ENTRETIEN-LENS', 'Entretien', 'maintenance', 'pmt_2025_2030', '2026', 'LOG-LENS-2', '2027-02-30', '1000', ''];
const csv = (...rows: string[][]) => [HEADER, ...rows].map((row) => row.join(';')).join('\n');

describeEachEngine('renovation: upload of a planned operations file', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  const clients = {} as Record<Role | 'otherDirector', SessionClient>;
  const upload = (name: string, content: BlobPart, as: Role | 'otherDirector' = 'territorial_director') => {
    const form = new FormData();
    form.append('file', new File([content], name));
    return app.request('/api/renovation/operations/import', { method: 'POST', headers: clients[as].headers, body: form });
  };
  const operations = () => database().query<{ external_id: string; end_date: string }>(
    'SELECT external_id, end_date FROM renovation_operations WHERE organisation_id = $1 ORDER BY external_id', [patrimony.organisationId]);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const role of ['territorial_director', 'agent'] as const) clients[role] = await sessionClient(app, users[role]);
    const [elsewhere] = await database().query<{ id: number }>(
      `INSERT INTO directorates (organisation_id, external_id, name) VALUES ($1, 'DT9', 'Direction territoriale Littoral') RETURNING id`, [patrimony.organisationId]);
    clients.otherDirector = await sessionClient(app, await createTestUser(database(), patrimony.organisationId, 'territorial_director', { directorateIds: [elsewhere!.id] }, 'littoral.import@vigie.test'));
  });

  it('refuses a file with a bad line, naming its line and column, and writes nothing', async () => {
    const response = await upload('programme.csv', csv(GOOD, BAD));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { line: number; field: string; message: string }[] };
    expect(problem.errors).toEqual([{ line: 3, field: 'handover_date', message: expect.stringContaining('2027-02-30') }]);
    expect(await operations()).toEqual([]);
  });

  it('imports the fixed file, then the same file as XLSX changes nothing but is audited again', async () => {
    const fixed = [...BAD];
    fixed[6] = '2027-02-28';
    const response = await upload('programme.csv', csv(GOOD, fixed));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ operations: 2, created: 2, updated: 0 });
    expect(await operations()).toEqual([{ external_id: 'ENTRETIEN-LENS', end_date: '2027-02-28' }, { external_id: 'REHA-LENS', end_date: '2027-06-30' }]);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Opérations');
    for (const row of [HEADER, GOOD, fixed]) sheet.addRow(row);
    const again = await upload('programme.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(await again.json()).toEqual({ operations: 2, created: 0, updated: 2 });
    const audit = await database().query<{ actor_label: string }>(
      `SELECT actor_label FROM audit_log WHERE organisation_id = $1 AND action = 'renovation_operation.import' ORDER BY seq`, [patrimony.organisationId]);
    expect(audit.map((row) => row.actor_label)).toEqual([expect.stringContaining('@'), expect.stringContaining('@')]);
  });

  it('refuses other formats, and unreadable workbooks, naming the file', async () => {
    const ods = await upload('programme.ods', 'x');
    expect(ods.status).toBe(400);
    expect(((await ods.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('file');
    const broken = await upload('programme.xlsx', 'not a workbook');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('file');
  });

  it('needs manage_renovation, and the dwellings in the uploader’s perimeter', async () => {
    expect((await upload('programme.csv', csv(GOOD), 'agent')).status).toBe(403);
    const outside = await upload('programme.csv', csv(GOOD), 'otherDirector');
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('dwellingIds');
  });
});
