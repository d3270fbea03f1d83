import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../access/system-actor.js';
import { AppError } from '../core/errors.js';
import { parseCsv } from '../patrimony/import/files/read-table.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { complianceOverview, importDpeTable, resolveOrganisation } from './service.js';

const SIREN = '272000011';
const HEADER = 'numero_dpe;date_etablissement_dpe;numero_dpe_remplace;etiquette_dpe;etiquette_ges;conso_5_usages_par_m2_ep;conso_5_usages_par_m2_ef;emission_ges_5_usages_par_m2;numero_rpls_logement;surface_habitable_logement;classe_altitude';
const ROWS = [
  `2262E0000001A;2022-03-15;;G;C;450;300;20;${SIREN}L0;62,5;inférieur à 400m`,
  `2362E0000002B;2023-01-10;;D;D;200;120;40;${SIREN}L1;62,5;inférieur à 400m`,
  `2262E0000003C;2022-05-01;;F;B;350;160;12;${SIREN}L2;62,5;inférieur à 400m`,
  `2462E0000004D;2024-02-01;2262E0000003C;D;B;240;140;9;${SIREN}L2;62,5;inférieur à 400m`,
  `1962V0000005E;2019-04-02;;C;D;150;;;${SIREN}L3;62,5;`,
  `2362E0000006F;2023-06-01;;B;A;100;90;4;999999999L9;45;inférieur à 400m`,
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

describeEachEngine('renovation: ADEME DPE import and compliance', (database) => {
  let patrimony: SmallPatrimony;
  let organisationId: number;
  const stored = () => database().query<{ numero_dpe: string; label: string; dwelling_id: number; valid_until: string; electricity_factor: number }>(
    'SELECT numero_dpe, label, dwelling_id, valid_until, electricity_factor FROM dpe_records WHERE organisation_id = $1 ORDER BY numero_dpe', [organisationId]);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database(), SIREN);
    organisationId = await resolveOrganisation(database(), undefined);
  });

  it('imports matched DPEs by RPLS number, with recomputed classes, and skips the others', async () => {
    expect(organisationId).toBe(patrimony.organisationId);
    const result = await importDpeTable(database(), organisationId, csv(...ROWS));
    expect(result).toEqual({
      rows: 6, inserted: 5, updated: 0, matchedBy: { rpls: 5, ban: 0, address: 0 }, buildingDpes: 0,
      unmatched: 1, unmatchedLines: [{ line: 7, numeroDpe: '2362E0000006F', reason: 'no_key' }],
    });
    const rows = await stored();
    expect(rows.map((row) => [row.numero_dpe, row.label, row.valid_until, row.electricity_factor])).toEqual([
      ['1962V0000005E', 'C', '2024-12-31', 2.58],
      ['2262E0000001A', 'G', '2032-03-14', 2.3],
      ['2262E0000003C', 'F', '2032-04-30', 2.3],
      ['2362E0000002B', 'D', '2033-01-09', 2.3],
      ['2462E0000004D', 'D', '2034-01-31', 2.3],
    ]);
  });

  it('is idempotent by DPE number', async () => {
    const again = await importDpeTable(database(), organisationId, csv(...ROWS));
    expect(again).toMatchObject({ inserted: 0, updated: 5, unmatched: 1 });
    expect(await stored()).toHaveLength(5);
  });

  it('rejects a file with a bad line as a whole, naming every field and line', async () => {
    const error = await rejection(importDpeTable(database(), organisationId, csv(
      `2462E0000007G;2024-05-01;;A;A;50;40;2;${SIREN}L4;62,5;`,
      `2462E0000008H;2024-13-01;;A;Z;50;40;2;${SIREN}L5;62,5;`,
    )));
    expect(error.kind).toBe('validation');
    expect(error.errors.map(({ line, field }) => `${line}:${field}`)).toEqual(['3:date_etablissement_dpe', '3:etiquette_ges']);
    expect(await stored()).toHaveLength(5);
  });

  it('asks for the SIREN when it matches no organisation', async () => {
    const error = await rejection(resolveOrganisation(database(), '123456789'));
    expect(error.errors[0]!.field).toBe('siren');
  });

  it('counts dwellings per deadline and the yearly trajectory', async () => {
    const db = database();
    const [operation] = await db.query<{ id: number }>(
      `INSERT INTO renovation_operations (organisation_id, external_id, name, end_date, target_label)
       VALUES ($1, 'OP-1', 'Réhabilitation tour A', '2027-06-30', 'C') RETURNING id`, [organisationId]);
    const [lens0] = await db.query<{ id: number }>(`SELECT id FROM dwellings WHERE organisation_id = $1 AND external_id = 'LOG-LENS-0'`, [organisationId]);
    await db.query('INSERT INTO renovation_operation_dwellings (organisation_id, operation_id, dwelling_id) VALUES ($1, $2, $3)', [organisationId, operation!.id, lens0!.id]);

    const overview = await complianceOverview(db, systemActor(organisationId, 'test'), '2025-06-01');
    expect(overview.dwellings).toBe(7);
    const counts = Object.fromEntries(overview.deadlines.map(({ deadline, ...rest }) => [deadline.id, rest]));
    // LOG-LENS-0 is G (renovation ends mid-2027), LENS-1 and LENS-2 are D, LENS-3's 2019 DPE expired,
    // LENS-4, LENS-5 and the Arras house have a class but no DPE date: unknown.
    expect(counts['mainland-ban-g']).toEqual({ dwellings: 7, compliant: 2, covered: 0, atRisk: 1, notCovered: 0, unknown: 4 });
    expect(counts['mainland-decency-450']).toEqual({ dwellings: 7, compliant: 3, covered: 0, atRisk: 0, notCovered: 0, unknown: 4 });
    expect(counts['mainland-ban-e']).toEqual({ dwellings: 7, compliant: 2, covered: 1, atRisk: 0, notCovered: 0, unknown: 4 });
    expect(counts['overseas-ban-g']!.dwellings).toBe(0);
    expect(overview.trajectory.map(({ year, G, unknown, banned }) => [year, G, unknown, banned]).slice(0, 4)).toEqual([
      [2025, 1, 4, 1], [2026, 1, 4, 1], [2027, 1, 4, 1], [2028, 0, 4, 0],
    ]);
    expect(overview.trajectory.at(-1)!.year).toBe(2034);
  });
});
