import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { countPatrimony } from '../repository.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import type { NativePatrimonyRow } from './native-row.js';
import { importPatrimonyRows, resolveImportOrganisation } from './service.js';

/** Two residences: a tower (two entrances, `perEntrance` flats each) in Lens and a house in Arras. */
function sampleRows(perEntrance: number): NativePatrimonyRow[] {
  const base = {
    directorate_code: 'DT1', directorate_name: 'Direction Artois', agency_code: 'AG-LENS', agency_name: 'Agence de Lens',
    qpv_code: 'QN06201M', building_name: 'Tour A', street_number: '12', street_type: 'rue', street_name: 'de la Paix',
    rpls_id: null, floor: 0, rooms: 3, habitable_surface: 62.5, construction_year: 1968, financing: 'HLMO',
    dpe_energy_class: 'D', dpe_ghg_class: 'E', dpe_date: '2021-06-30',
  } as const;
  const tower: NativePatrimonyRow[] = [];
  for (const entrance of ['A', 'B']) {
    for (let i = 0; i < perEntrance; i++) {
      tower.push({
        ...base, residence_code: 'RES-1', residence_name: 'Grande Résidence', commune_insee: '62498', building_code: 'BAT-1',
        longitude: 2.8196, latitude: 50.4388, entrance_code: `ESC-${entrance}`, dwelling_code: `L-${entrance}-${i}`,
        rpls_id: `R${entrance}${i}`, kind: 'collective', floor: i % 4,
      });
    }
  }
  const house: NativePatrimonyRow = {
    ...base, agency_code: 'AG-ARRAS', agency_name: "Agence d'Arras", residence_code: 'RES-2', residence_name: 'Cité des Jardins',
    commune_insee: '62041', qpv_code: null, building_code: 'BAT-2', building_name: null, longitude: 2.7819, latitude: 50.2931,
    entrance_code: null, dwelling_code: 'M-1', kind: 'individual', rooms: 4, habitable_surface: 85, construction_year: 1931,
  };
  return [...tower, house];
}

describeEachEngine('patrimony import service', (database) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = (await resolveImportOrganisation(database(), '272000011', 'Office Test Habitat')).id;
  });

  it('creates every level, then reports the same rows unchanged', async () => {
    const rows = sampleRows(3);
    const first = await importPatrimonyRows(database(), organisationId, rows);
    expect(first.dwellings).toEqual({ created: rows.length, updated: 0, unchanged: 0 });
    expect(first.entrances.created).toBe(2);
    expect(first.residences.created).toBe(2);
    const stats = await countPatrimony(database(), organisationId);
    expect(stats).toMatchObject({ directorates: 1, agencies: 2, communes: 2, residences: 2, buildings: 2, entrances: 2, dwellings: 7, collective: 6, individual: 1 });

    const again = await importPatrimonyRows(database(), organisationId, rows);
    for (const level of Object.values(again)) expect(level.created + level.updated).toBe(0);
    expect(again.dwellings.unchanged).toBe(rows.length);
  });

  it('updates only what changed and places a residence at the centroid of its buildings', async () => {
    const rows = sampleRows(3);
    rows[0] = { ...rows[0]!, rooms: 5 };
    rows.push({ ...rows[1]!, building_code: 'BAT-1B', entrance_code: 'ESC-C', dwelling_code: 'L-C-0', rpls_id: null, longitude: 2.8204, latitude: 50.4392 });
    const counts = await importPatrimonyRows(database(), organisationId, rows);
    expect(counts.dwellings).toEqual({ created: 1, updated: 1, unchanged: rows.length - 2 });
    expect(counts.residences).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const [position] = await database().query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM residences WHERE organisation_id = $1 AND external_id = 'RES-1'`, [organisationId]);
    expect(position!.lon).toBeCloseTo((2.8196 + 2.8204) / 2, 10);
    expect(position!.lat).toBeCloseTo((50.4388 + 50.4392) / 2, 10);
  });

  it('reports every bad line and writes nothing', async () => {
    const before = await countPatrimony(database(), organisationId);
    const rows = sampleRows(3).map((row) => ({ ...row, dwelling_code: `NEW-${row.dwelling_code}`, rpls_id: null }));
    rows[1] = { ...rows[1]!, commune_insee: '99999' };
    rows[2] = { ...rows[2]!, dpe_energy_class: 'H', rooms: 0 };
    rows[3] = { ...rows[3]!, dwelling_code: rows[0]!.dwelling_code };
    rows[4] = { ...rows[4]!, residence_name: 'Autre nom' };
    rows[5] = { ...rows[5]!, kind: 'chateau' as NativePatrimonyRow['kind'], agency_code: '' };
    const error = await importPatrimonyRows(database(), organisationId, rows).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const reported = (error as AppError).errors.map(({ line, field }) => `${line}:${field}`);
    expect(reported).toEqual([
      '3:commune_insee', '3:commune_insee', '4:dpe_energy_class', '4:rooms', '5:dwelling_code', '6:residence_name',
      '7:agency_code', '7:agency_code', '7:kind',
    ]);
    expect(await countPatrimony(database(), organisationId)).toEqual(before);
  });

  it('picks the only organisation, and asks which one when there are several', async () => {
    expect((await resolveImportOrganisation(database(), undefined, undefined)).id).toBe(organisationId);
    await resolveImportOrganisation(database(), '272000029', 'Autre Office');
    await expect(resolveImportOrganisation(database(), undefined, undefined)).rejects.toMatchObject({ kind: 'validation' });
    await expect(resolveImportOrganisation(database(), '12', 'x')).rejects.toMatchObject({ errors: [{ field: 'organisation' }] });
  });
});
