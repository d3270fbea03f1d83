import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../../access/system-actor.js';
import { AppError } from '../../../core/errors.js';
import { parseCsv } from '../../../patrimony/import/files/read-table.js';
import { testActor } from '../../../../test/support/auth.js';
import { describeEachEngine } from '../../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../../test/support/fixtures.js';
import { importOperationTable } from './service.js';

const HEADER = 'operation_code;name;kind;plan;programme_year;dwelling_codes;building_codes;handover_date;planned_cost;committed_cost;paid_cost;label_before;target_label;energy_before;energy_target;works_start;works_end';
const GOOD = [
  'REHA-LENS;Réhabilitation tour;energy_renovation;pmt_2025_2030;2026;LOG-LENS-0 LOG-LENS-1|LOG-LENS-2;;2027-06-30;480 000,50;100000;0;G;C;450;150;2026-09-01;2027-05-31',
  'ADAPT-ARRAS;Adaptation maison;adaptation;pmt_2025_2030;2026;;BAT-ARRAS-1;2026-12-15;12000;;;;;;;;',
];
const csv = (...rows: string[]) => parseCsv([HEADER, ...rows].join('\n'));

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describeEachEngine('renovation: import of planned operations', (database) => {
  let patrimony: SmallPatrimony;
  const snapshot = () => database().query(
    `SELECT o.external_id, o.name, o.kind, o.programme_year, o.directorate_id, o.end_date, o.planned_cost_cents, o.committed_cost_cents, o.target_label,
       (SELECT array_agg(dwelling_id ORDER BY dwelling_id) FROM renovation_operation_dwellings od WHERE od.organisation_id = o.organisation_id AND od.operation_id = o.id) AS dwellings,
       (SELECT array_agg(phase || ':' || coalesce(planned_start::text, '') || '/' || coalesce(planned_end::text, '') ORDER BY phase) FROM renovation_operation_phases p
         WHERE p.organisation_id = o.organisation_id AND p.operation_id = o.id) AS phases
     FROM renovation_operations o WHERE o.organisation_id = $1 ORDER BY o.external_id`, [patrimony.organisationId]);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
  });

  it('imports operations given by dwelling or building codes, amounts in euros, phases from the dates, with one audit entry', async () => {
    const result = await importOperationTable(database(), systemActor(patrimony.organisationId, 'cli:import operations'), csv(...GOOD));
    expect(result).toEqual({ operations: 2, created: 2, updated: 0 });
    const rows = await snapshot();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      external_id: 'REHA-LENS', kind: 'energy_renovation', directorate_id: patrimony.directorateId, end_date: '2027-06-30',
      planned_cost_cents: 48_000_050, committed_cost_cents: 10_000_000, target_label: 'C',
      phases: ['handover:2027-06-30/2027-06-30', 'works:2026-09-01/2027-05-31'],
    });
    expect((rows[1] as { dwellings: number[] }).dwellings).toHaveLength(3);
    expect((rows[0] as { dwellings: number[] }).dwellings).toHaveLength(1);
    const audit = await database().query<{ action: string; actor_label: string }>(`SELECT action, actor_label FROM audit_log WHERE organisation_id = $1`, [patrimony.organisationId]);
    expect(audit).toEqual([{ action: 'renovation_operation.import', actor_label: 'cli:import operations' }]);
  });

  it('is idempotent by operation code', async () => {
    const before = await snapshot();
    const again = await importOperationTable(database(), systemActor(patrimony.organisationId, 'cli:import operations'), csv(...GOOD));
    expect(again).toEqual({ operations: 2, created: 0, updated: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file with bad lines, naming each line and column, and writes nothing', async () => {
    const before = await snapshot();
    const error = await rejection(importOperationTable(database(), systemActor(patrimony.organisationId, 'cli'), csv(
      'NEW-1;Nouvelle;paint;pmt_2025_2030;2026;LOG-LENS-3;;2027-01-31;1000;;;;;;;;',
      'NEW-2;Nouvelle;maintenance;pmt_2025_2030;2026;LOG-LENS-3;;2027-01-31;1000;10;20;;;;;;',
      'NEW-3;Nouvelle;maintenance;pmt_2025_2030;2026;LOG-LENS-3;;2027-02-30;douze;;;;;;;;',
      'NEW-4;Nouvelle;maintenance;pmt_2025_2030;2026;;;2027-01-31;1000;;;;;;;;',
      'NEW-5;Nouvelle;maintenance;pmt_2025_2030;2026;LOG-LENS-3;;2027-01-31;1000;;;;;;;2027-01-01;2026-01-01',
      'NEW-6;Nouvelle;maintenance;pmt_2025_2030;2026;LOG-LENS-3;;2027-01-31;1000;;;;;;;;',
      'NEW-6;Doublon;maintenance;pmt_2025_2030;2026;LOG-LENS-4;;2027-01-31;1000;;;;;;;;',
    )));
    expect(error.kind).toBe('validation');
    expect(error.errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'kind'], [3, 'paid_cost'], [4, 'handover_date'], [4, 'planned_cost'], [5, 'dwelling_codes'], [6, 'works_end'], [8, 'operation_code'],
    ]);
    const unknown = await rejection(importOperationTable(database(), systemActor(patrimony.organisationId, 'cli'), csv(
      'NEW-9;Nouvelle;maintenance;pmt_2025_2030;2026;LOG-NOWHERE;BAT-NOWHERE;2027-01-31;1000;;;;;;;;',
    )));
    expect(unknown.errors.map((e) => [e.line, e.field])).toEqual([[2, 'dwelling_codes'], [2, 'building_codes']]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses dwellings outside the importer\'s perimeter', async () => {
    const arrasOnly = testActor(patrimony.organisationId, 'territorial_director', { directorateIds: [patrimony.directorateId + 1000] });
    const error = await rejection(importOperationTable(database(), arrasOnly, csv(GOOD[0]!)));
    expect(error.kind).toBe('forbidden');
    expect(error.errors[0]!.field).toBe('dwellingIds');
  });
});
