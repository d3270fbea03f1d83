import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parseCsv } from '../../patrimony/import/files/read-table.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { systemActor } from '../../access/system-actor.js';
import { incidentStats } from '../service.js';
import { importIncidentFile, importIncidentTable } from './service.js';

const now = new Date('2026-06-01T12:00:00Z');
const HEADER = 'external_id;place_kind;place_code;occurred_at;channel;category_code;severity;description;status;outcome;victim_role;itt_class;estimated_cost';
const GOOD = [
  'OLD-1;entrance;ESC-A;2019-03-05 21:30;caretaker;D.TAG;;Tags cage A;closed;resolved;;;120,50',
  'OLD-2;dwelling;LOG-LENS-4;12/07/2020;tenant;B.NOISE;;Fête tardive;recorded;;;;',
  'OLD-3;residence;RES-ARRAS-1;2021-11-02T08:15:00+01:00;phone;E.THREAT;G3;Menaces au gardien;in_progress;;landlord_staff;no_itt;',
];

describeEachEngine('incident history import', (database) => {
  let patrimony: SmallPatrimony;
  const actor = () => systemActor(patrimony.organisationId, 'cli:import incidents');
  const count = async () => (await database().query<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE organisation_id = $1', [patrimony.organisationId]))[0]!.n;
  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
  });

  it('imports every line, then nothing more when the same file comes again', async () => {
    const table = parseCsv([HEADER, ...GOOD].join('\n'));
    expect(await importIncidentTable(database(), actor(), table, now)).toEqual({ rows: 3, inserted: 3, alreadyPresent: 0 });
    expect(await importIncidentTable(database(), actor(), table, now)).toEqual({ rows: 3, inserted: 0, alreadyPresent: 3 });
    const rows = await database().query<Record<string, unknown>>(
      `SELECT external_id, entrance_id, building_id, residence_id, occurred_at, time_unknown, severity, status, outcome, estimated_cost, victims
       FROM incidents WHERE organisation_id = $1 ORDER BY external_id`, [patrimony.organisationId]);
    expect(rows.map((row) => [row.external_id, row.entrance_id, row.severity, row.status, row.time_unknown])).toEqual([
      ['OLD-1', patrimony.entranceIds.lensA, 'G1', 'closed', false],
      ['OLD-2', patrimony.entranceIds.lensB, 'G1', 'recorded', true],
      ['OLD-3', null, 'G3', 'in_progress', false],
    ]);
    expect(rows[0]!.occurred_at).toEqual(new Date('2019-03-05T20:30:00Z'));
    expect(rows[0]!.estimated_cost).toBe(120.5);
    expect(rows[2]!.victims).toEqual([{ role: 'landlord_staff', ittClass: 'no_itt' }]);
    const history = await database().query<{ after_value: unknown; reason: string }>(
      'SELECT after_value, reason FROM incident_history h JOIN incidents i ON i.organisation_id = h.organisation_id AND i.id = h.incident_id WHERE i.external_id = $1', ['OLD-1']);
    expect(history).toEqual([{ after_value: 'closed', reason: 'import' }]);
    const audit = await database().query<{ actor_label: string; after_value: unknown }>(
      `SELECT actor_label, after AS after_value FROM audit_log WHERE organisation_id = $1 AND action = 'incident.import' ORDER BY seq`, [patrimony.organisationId]);
    expect(audit).toEqual([
      { actor_label: 'cli:import incidents', after_value: { rows: 3, inserted: 3, alreadyPresent: 0 } },
      { actor_label: 'cli:import incidents', after_value: { rows: 3, inserted: 0, alreadyPresent: 3 } },
    ]);
    const stats = await incidentStats(database(), actor());
    expect(stats).toMatchObject({ total: 3, merged: 0, byFamily: { B: 1, D: 1, E: 1 }, byYear: { 2019: 1, 2020: 1, 2021: 1 }, byStatus: { closed: 1, in_progress: 1, recorded: 1 } });
  });

  it('rejects a file with any bad line, reporting each with its line, and writes nothing', async () => {
    const before = await count();
    const bad = [
      HEADER,
      'NEW-1;entrance;ESC-B;2022-01-01;caretaker;D.TAG;;Bon;recorded;;;;',
      'NEW-2;entrance;ESC-Z;2022-01-02;caretaker;D.TAG;;Lieu inconnu;recorded;;;;',
      'NEW-3;building;BAT-LENS-A;2022-13-40;caretaker;D.NOPE;;Date et catégorie;closed;;;;',
      'NEW-1;entrance;ESC-B;2030-01-01;pigeon;A.DUMP;;Doublon;recorded;;tenant;no_itt;-5',
    ].join('\n');
    try {
      await importIncidentTable(database(), actor(), parseCsv(bad), now);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).kind).toBe('validation');
      expect((error as AppError).errors.map((e) => `${e.line}:${e.field}`)).toEqual([
        '3:place_code', '4:outcome', '4:occurred_at', '4:category_code',
        '5:external_id', '5:channel', '5:occurred_at', '5:estimated_cost', '5:itt_class',
      ]);
    }
    expect(await count()).toBe(before);
  });

  it('stages a file of several chunks whole, and none of it when a line of the last chunk is wrong', async () => {
    const before = await count();
    // Three chunks of the import (20,000 lines each): the first two are copied before the third is read.
    const lines = Array.from({ length: 41_000 }, (_, i) => `BIG-${i};entrance;ESC-A;2019-03-05;caretaker;D.TAG;;Tags cage A;recorded;;;;`);
    const wrong = [...lines.slice(0, -1), '40999-BAD;entrance;ESC-A;2019-03-05;caretaker;D.NOPE;;Catégorie inconnue;recorded;;;;'];
    await expect(importIncidentTable(database(), actor(), parseCsv([HEADER, ...wrong].join('\n')), now)).rejects.toMatchObject({
      kind: 'validation', errors: [{ line: 41_001, field: 'category_code' }],
    });
    expect(await count()).toBe(before);
    expect(await importIncidentTable(database(), actor(), parseCsv([HEADER, ...lines].join('\n')), now)).toEqual({ rows: 41_000, inserted: 41_000, alreadyPresent: 0 });
    expect(await count()).toBe(before + 41_000);
  }, 180_000);

  it('reads the same columns from an XLSX workbook', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'vigie-incidents-'));
    try {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Incidents');
      sheet.addRow(['external_id', 'place_kind', 'place_code', 'occurred_at', 'channel', 'category_code', 'description']);
      sheet.addRow(['XL-1', 'building', 'BAT-ARRAS-1', new Date('2023-02-14T00:00:00Z'), 'police', 'D.BREAK_IN', 'Cave forcée']);
      const file = path.join(folder, 'historique.xlsx');
      await workbook.xlsx.writeFile(file);
      expect(await importIncidentFile(database(), actor(), file, now)).toEqual({ rows: 1, inserted: 1, alreadyPresent: 0 });
      const [row] = await database().query<{ severity: string; time_unknown: boolean; occurred_at: Date }>('SELECT severity, time_unknown, occurred_at FROM incidents WHERE external_id = $1', ['XL-1']);
      expect(row).toEqual({ severity: 'G3', time_unknown: true, occurred_at: new Date('2023-02-13T23:00:00Z') });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
