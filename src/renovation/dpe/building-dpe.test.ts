import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../access/system-actor.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { parseCsv } from '../../patrimony/import/files/read-table.js';
import { complianceOverview, importDpeTable, residenceLabels } from '../service.js';

const SIREN = '272000011';
const HEADER = 'numero_dpe,date_etablissement_dpe,type_batiment,methode_application_dpe,etiquette_dpe,conso_5_usages_par_m2_ep,emission_ges_5_usages_par_m2,numero_rpls_logement,identifiant_ban,code_insee_ban,numero_voie_ban,nom_rue_ban';
const BAN_LENS = '62498_0420_00001';
const ROWS = [
  // The Lens tower's building DPE, found by the BAN id of the patrimony file (published in capitals here).
  `2462E0000010A,2024-02-01,immeuble,dpe immeuble collectif,,240,9,,${BAN_LENS.toUpperCase()},,,`,
  // LOG-LENS-0's own DPE, by RPLS number: it wins over the building's.
  `2362E0000011B,2023-01-10,appartement,dpe appartement individuel,,450,20,${SIREN}L0,${BAN_LENS},62498,1,rue de la Paix`,
  // The Arras house's building: a building DPE by address, of 2019, expired since 2025.
  '1962E0000012C,2019-03-01,immeuble,,C,,,,,62041,1,Rue de la Paix',
  '2462E0000013D,2024-03-01,immeuble,,,200,10,,,62041,9,rue Inconnue',
  '2462E0000014E,2024-03-01,,dpe immeuble collectif,,200,10,,,,,',
];
const csv = (...rows: string[]) => parseCsv([HEADER, ...rows].join('\n'));

describeEachEngine('renovation: building DPEs', (database) => {
  let patrimony: SmallPatrimony;
  const actor = () => systemActor(patrimony.organisationId, 'test');
  const stored = () => database().query<{ numero: string; dwelling: number | null; building: number | null; matchedBy: string }>(
    `SELECT numero_dpe AS numero, dwelling_id AS dwelling, building_id AS building, matched_by AS "matchedBy" FROM dpe_records
     WHERE organisation_id = $1 ORDER BY numero_dpe`, [patrimony.organisationId]);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database(), SIREN);
    await database().query('UPDATE buildings SET ban_id = $2 WHERE organisation_id = $1 AND id = $3', [patrimony.organisationId, BAN_LENS, patrimony.buildingIds.lensTower]);
  });

  it('places building DPEs on their building, by BAN id or address, and reports the others with their reason', async () => {
    const result = await importDpeTable(database(), patrimony.organisationId, csv(...ROWS));
    expect(result).toEqual({
      rows: 5, inserted: 3, updated: 0, matchedBy: { rpls: 1, ban: 1, address: 1 }, buildingDpes: 2, unmatched: 2,
      unmatchedLines: [{ line: 5, numeroDpe: '2462E0000013D', reason: 'not_found' }, { line: 6, numeroDpe: '2462E0000014E', reason: 'no_key' }],
    });
    const [lens0] = await database().query<{ id: number }>(`SELECT id FROM dwellings WHERE organisation_id = $1 AND external_id = 'LOG-LENS-0'`, [patrimony.organisationId]);
    expect(await stored()).toEqual([
      { numero: '1962E0000012C', dwelling: null, building: patrimony.buildingIds.arrasHouse, matchedBy: 'address' },
      { numero: '2362E0000011B', dwelling: lens0!.id, building: null, matchedBy: 'rpls' },
      { numero: '2462E0000010A', dwelling: null, building: patrimony.buildingIds.lensTower, matchedBy: 'ban' },
    ]);
  });

  it('gives each dwelling its own valid DPE first, else its building’s, else unknown', async () => {
    const lens = await residenceLabels(database(), actor(), patrimony.residenceIds.lens, '2025-06-01');
    expect(lens.dwellings.map(({ label, source, numeroDpe }) => [label, source, numeroDpe])).toEqual([
      ['G', 'dwelling', '2362E0000011B'],
      ...Array.from({ length: 5 }, () => ['D', 'building', '2462E0000010A']),
    ]);
    const arras = await residenceLabels(database(), actor(), patrimony.residenceIds.arras, '2025-06-01');
    expect(arras.dwellings).toEqual([{ dwellingId: expect.any(Number), label: null, source: null, numeroDpe: null, issuedOn: null, validUntil: null, reason: 'expired' }]);
    // In 2024 the Arras building DPE was still valid (issued 2018 – mid-2021: until 31 December 2024).
    const before = await residenceLabels(database(), actor(), patrimony.residenceIds.arras, '2024-06-01');
    expect(before.dwellings[0]).toMatchObject({ label: 'C', source: 'building', validUntil: '2024-12-31' });
  });

  it('counts the building DPE’s label in the compliance calendar and trajectory', async () => {
    const overview = await complianceOverview(database(), actor(), '2025-06-01');
    const g = overview.deadlines.find(({ deadline }) => deadline.id === 'mainland-ban-g')!;
    expect(g).toMatchObject({ dwellings: 7, compliant: 5, notCovered: 1, unknown: 1 });
    expect(overview.trajectory[0]).toMatchObject({ year: 2025, G: 1, unknown: 1 });
  });

  it('re-imports the same file without change (idempotent by DPE number)', async () => {
    const before = await stored();
    const again = await importDpeTable(database(), patrimony.organisationId, csv(...ROWS));
    expect(again).toMatchObject({ inserted: 0, updated: 3, buildingDpes: 2, unmatched: 2 });
    expect(await stored()).toEqual(before);
  });

  it('rejects a file with one bad line as a whole: nothing written', async () => {
    const before = await stored();
    await expect(importDpeTable(database(), patrimony.organisationId, csv(
      `2562E0000015F,2025-02-01,immeuble,,,150,5,,${BAN_LENS},,,`,
      `2562E0000016G,2025-02-31,immeuble,,,150,5,,${BAN_LENS},,,`,
    ))).rejects.toMatchObject({ kind: 'validation', errors: [{ line: 3, field: 'date_etablissement_dpe' }] });
    expect(await stored()).toEqual(before);
  });
});
