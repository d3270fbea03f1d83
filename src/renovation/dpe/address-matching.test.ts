import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { parseCsv } from '../../patrimony/import/files/read-table.js';
import { importDpeTable } from '../service.js';

const HEADER = 'numero_dpe,date_etablissement_dpe,conso_5_usages_par_m2_ep,emission_ges_5_usages_par_m2,numero_rpls_logement,identifiant_ban,code_insee_ban,numero_voie_ban,nom_rue_ban';
const BAN_ARRAS = '62041_1234_00001';

describeEachEngine('renovation: ADEME DPEs matched by address', (database) => {
  let patrimony: SmallPatrimony;
  let arrasHouse: number;

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    // The Arras house (1 rue de la Paix, 62041) is the only dwelling of its building; the Lens tower holds six.
    const [house] = await database().query<{ id: number }>(
      `UPDATE dwellings SET rpls_id = 'RPLS-ARRAS' WHERE organisation_id = $1 AND external_id = 'LOG-ARRAS-1' RETURNING id`, [patrimony.organisationId]);
    arrasHouse = house!.id;
  });

  it('matches by RPLS number, then by the BAN identifier learnt from it, then by normalised address, and reports every other line with its reason', async () => {
    const result = await importDpeTable(database(), patrimony.organisationId, parseCsv([
      HEADER,
      `2262E0000001A,2022-03-15,450,20,RPLS-ARRAS,${BAN_ARRAS},62041,1,rue de la Paix`,
      `2362E0000002B,2023-01-10,340,40,,${BAN_ARRAS},,,`,
      '2462E0000003C,2024-02-01,240,9,,,62041,01,R. de la  Paix',
      '2262E0000004D,2022-05-01,350,12,UNKNOWN-RPLS,,62041,1,RUE DE LA PAIX',
      '2262E0000005E,2022-05-01,350,12,,,62498,1,rue de la Paix',
      '2262E0000006F,2022-05-01,350,12,,,,,',
      '2262E0000007G,2022-05-01,350,12,,,62041,3,rue de la Paix',
    ].join('\n')));
    expect(result.matchedBy).toEqual({ rpls: 1, ban: 1, address: 2 });
    expect(result.unmatchedLines).toEqual([
      { line: 6, numeroDpe: '2262E0000005E', reason: 'several_dwellings' },
      { line: 7, numeroDpe: '2262E0000006F', reason: 'no_key' },
      { line: 8, numeroDpe: '2262E0000007G', reason: 'not_found' },
    ]);
    const stored = await database().query<{ numero: string; dwelling: number; matchedBy: string }>(
      `SELECT numero_dpe AS numero, dwelling_id AS dwelling, matched_by AS "matchedBy" FROM dpe_records WHERE organisation_id = $1 ORDER BY numero_dpe`,
      [patrimony.organisationId]);
    expect(stored).toEqual([
      { numero: '2262E0000001A', dwelling: arrasHouse, matchedBy: 'rpls' },
      { numero: '2262E0000004D', dwelling: arrasHouse, matchedBy: 'address' },
      { numero: '2362E0000002B', dwelling: arrasHouse, matchedBy: 'ban' },
      { numero: '2462E0000003C', dwelling: arrasHouse, matchedBy: 'address' },
    ]);
  });

  it('keeps the learnt BAN identifier for later files', async () => {
    const result = await importDpeTable(database(), patrimony.organisationId, parseCsv([HEADER, `2562E0000008H,2025-03-01,200,10,,${BAN_ARRAS},,,`].join('\n')));
    expect(result).toMatchObject({ inserted: 1, matchedBy: { rpls: 0, ban: 1, address: 0 }, unmatched: 0 });
  });
});
