import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { countPatrimony } from '../repository.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { importDpeTable } from '../../renovation/service.js';
import { exportPatrimonyFile } from '../export/service.js';
import { importPatrimonyFile } from './file-service.js';
import { parseCsv } from './files/read-table.js';
import { resolveImportOrganisation } from './service.js';

const SIREN = '272000011';
const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachEngine('patrimony file import', (database) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = (await resolveImportOrganisation(database(), SIREN, 'Office Test Habitat')).id;
  });

  it('imports a native CSV (BOM, semicolons, decimal commas), then the same XLSX changes nothing', async () => {
    const csv = await importPatrimonyFile(database(), { siren: SIREN }, fixture('native-good.csv'));
    expect(csv.layout).toBe('native');
    expect(csv.counts.dwellings).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(await countPatrimony(database(), organisationId)).toMatchObject({
      directorates: 1, agencies: 2, communes: 2, residences: 2, buildings: 4, entrances: 3, dwellings: 6, collective: 4, individual: 2,
    });
    const [building] = await database().query<{ name: string }>(`SELECT name FROM buildings WHERE external_id = 'BAT-GR-B'`);
    expect(building!.name).toBe('Tour B; côté parc');
    const [surface] = await database().query<{ habitable_surface: number }>(`SELECT habitable_surface FROM dwellings WHERE external_id = 'LOG-0006'`);
    expect(surface!.habitable_surface).toBe(97.4);

    const xlsx = await importPatrimonyFile(database(), { siren: SIREN }, fixture('native-good.xlsx'));
    for (const level of Object.values(xlsx.counts)) expect(level).toMatchObject({ created: 0, updated: 0 });
    expect(xlsx.counts.dwellings.unchanged).toBe(6);
    const audited = await database().query<{ action: string; actor_label: string; file: string }>(
      `SELECT action, actor_label, after->>'file' AS file FROM audit_log WHERE organisation_id = $1 ORDER BY seq`, [organisationId]);
    expect(audited).toEqual([
      { action: 'patrimony.import', actor_label: 'cli:import patrimony', file: 'native-good.csv' },
      { action: 'patrimony.import', actor_label: 'cli:import patrimony', file: 'native-good.xlsx' },
    ]);
  });

  it('rejects a file with bad lines, reporting each of them, and changes nothing', async () => {
    const before = await countPatrimony(database(), organisationId);
    const error = await rejection(importPatrimonyFile(database(), { siren: SIREN }, fixture('native-bad.csv')));
    expect(error.kind).toBe('validation');
    expect(error.errors.map(({ line, field }) => `${line}:${field}`)).toEqual([
      '3:commune_insee', '4:dpe_energy_class', '4:floor', '5:dwelling_code', '5:kind', '6:dwelling_code', '7:dpe_date', '7:residence_code',
    ]);
    expect(error.errors.find((e) => e.line === 4 && e.field === 'floor')!.message).toContain('deux');
    expect(await countPatrimony(database(), organisationId)).toEqual(before);
  });

  it('imports an RPLS extract in Lambert-93, mapping communes to the agency already managing them', async () => {
    const unmapped = await rejection(importPatrimonyFile(database(), { siren: SIREN }, fixture('rpls-upper.csv')));
    expect(unmapped.errors).toEqual([expect.objectContaining({ line: 6, field: 'DEPCOM', message: expect.stringContaining('03190') })]);

    const upper = await importPatrimonyFile(database(), { siren: SIREN }, fixture('rpls-upper.csv'), { agencyCode: 'AG-LENS' });
    expect(upper.layout).toBe('rpls');
    expect(upper.counts.dwellings.created).toBe(5);
    expect(upper.counts.residences.created).toBe(2);
    expect(upper.counts.buildings.created).toBe(3);
    expect(upper.counts.entrances.created).toBe(2);
    // Published definition of Lambert-93: its origin X = 700,000 m, Y = 6,600,000 m is at 3° E, 46.5° N.
    const [origin] = await database().query<{ lon: number; lat: number; kind: string; floor: number | null }>(
      `SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, d.kind, d.floor FROM dwellings d JOIN buildings b ON b.id = d.building_id AND b.organisation_id = d.organisation_id
       WHERE d.external_id = 'R03-0001'`);
    expect(origin!.lon).toBeCloseTo(3, 7);
    expect(origin!.lat).toBeCloseTo(46.5, 7);
    expect(origin!.kind).toBe('individual');
    const [flat] = await database().query<{ floor: number; dpe_date: string; lon: number; lat: number }>(
      `SELECT d.floor, d.dpe_date, ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat FROM dwellings d
       JOIN buildings b ON b.id = d.building_id AND b.organisation_id = d.organisation_id WHERE d.external_id = 'R62-0001'`);
    expect(flat).toMatchObject({ floor: 0, dpe_date: '2021-06-01' });
    expect(flat!.lon).toBeCloseTo(2.8196, 5);
    expect(flat!.lat).toBeCloseTo(50.4388, 5);

    const snake = await importPatrimonyFile(database(), { siren: SIREN }, fixture('rpls-snake.csv'), { agencyCode: 'AG-LENS' });
    for (const level of Object.values(snake.counts)) expect(level).toMatchObject({ created: 0, updated: 0 });
    expect(snake.counts.dwellings.unchanged).toBe(5);
  });

  it('reports coordinates in a system PostGIS does not know', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'vigie-rpls-'));
    const file = path.join(folder, 'rpls.csv');
    await writeFile(file, 'DEPCOM;NOMVOIE;TYPECONST;X;Y;EPSG;RPLS_ID\n62498;RUE BASLY;C;687165.7;7037936.6;999999;R1\n62498;RUE VOLTAIRE;C;;;;R2\n62498;;C;687165.7;7037936.6;;R3\n');
    try {
      const error = await rejection(importPatrimonyFile(database(), { siren: SIREN }, file, { agencyCode: 'AG-LENS' }));
      expect(error.errors.map(({ line, field }) => `${line}:${field}`)).toEqual(['2:EPSG', '3:X', '3:Y', '4:IMMEU']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reads the BAN id of each building: stored in lower case, exported, re-imported unchanged, used to match ADEME DPEs', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'vigie-ban-'));
    const header = 'directorate_code;directorate_name;agency_code;agency_name;residence_code;residence_name;commune_insee;building_code;street_number;street_type;street_name;ban_id;longitude;latitude;dwelling_code;kind';
    const line = (building: string, ban: string, dwelling: string, kind = 'individual') =>
      `DT-ARTOIS;Direction territoriale Artois;AG-ARRAS;Agence d'Arras;RES-BAN;Résidence BAN;62041;${building};7;rue;des Lilas;${ban};2.78;50.29;${dwelling};${kind}`;
    const file = (name: string, ...lines: string[]) => {
      const target = path.join(folder, name);
      return writeFile(target, [header, ...lines].join('\n')).then(() => target);
    };
    try {
      const bad = await rejection(importPatrimonyFile(database(), { siren: SIREN }, await file('bad.csv',
        line('BAT-BAN-1', '62041_0420_00007', 'LOG-BAN-1'), line('BAT-BAN-2', '62041-rue-7', 'LOG-BAN-2'), line('BAT-BAN-1', '62041_0420_00009', 'LOG-BAN-3'))));
      expect(bad.errors.map(({ line: at, field }) => `${at}:${field}`)).toEqual(['3:ban_id', '4:ban_id']);
      expect(bad.errors[0]!.message).toContain('62041-rue-7');
      expect((await database().query(`SELECT 1 FROM buildings WHERE external_id LIKE 'BAT-BAN-%'`))).toHaveLength(0);

      const good = await file('good.csv', line('BAT-BAN-1', '62041_0420_00007_BIS', 'LOG-BAN-1'), line('BAT-BAN-2', '', 'LOG-BAN-2'));
      expect((await importPatrimonyFile(database(), { siren: SIREN }, good)).counts.buildings.created).toBe(2);
      const stored = await database().query<{ ban_id: string | null }>(`SELECT ban_id FROM buildings WHERE external_id LIKE 'BAT-BAN-%' ORDER BY external_id`);
      expect(stored).toEqual([{ ban_id: '62041_0420_00007_bis' }, { ban_id: null }]);
      const exported = path.join(folder, 'export.csv');
      await exportPatrimonyFile(database(), SIREN, exported);
      const exportedLines = (await readFile(exported, 'utf8')).split('\r\n');
      const banColumn = exportedLines[0]!.split(';').indexOf('ban_id');
      expect(exportedLines.find((text) => text.includes('LOG-BAN-1'))!.split(';')[banColumn]).toBe('62041_0420_00007_bis');
      const again = await importPatrimonyFile(database(), { siren: SIREN }, exported);
      expect(again.counts.buildings).toMatchObject({ created: 0, updated: 0 });

      const dpes = await importDpeTable(database(), organisationId, parseCsv('numero_dpe,date_etablissement_dpe,etiquette_dpe,identifiant_ban\n2462E0000020A,2024-02-01,D,62041_0420_00007_bis'));
      expect(dpes).toMatchObject({ inserted: 1, matchedBy: { rpls: 0, ban: 1, address: 0 } });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses an unknown agency and an unknown layout', async () => {
    const agency = await rejection(importPatrimonyFile(database(), { siren: SIREN }, fixture('rpls-upper.csv'), { agencyCode: 'NOPE' }));
    expect(agency.errors[0]!.field).toBe('agency');
    const layout = await rejection(importPatrimonyFile(database(), { siren: SIREN }, fixture('../native-row.ts')));
    expect(layout.errors[0]!.field).toBe('file');
  });
});

describeEachEngine('patrimony file import into a new organisation', (database) => {
  it('creates the organisation with the file, and not when the file is refused', async () => {
    await rejection(importPatrimonyFile(database(), { siren: '272000011', name: 'Office Test Habitat' }, fixture('native-bad.csv')));
    expect((await countPatrimony(database(), null)).organisations).toBe(0);
    const missingName = await rejection(importPatrimonyFile(database(), { siren: '272000011' }, fixture('native-good.csv')));
    expect(missingName.errors[0]!.field).toBe('name');
    const result = await importPatrimonyFile(database(), { siren: '272000011', name: 'Office Test Habitat' }, fixture('native-good.csv'));
    expect(result.organisation).toMatchObject({ siren: '272000011', name: 'Office Test Habitat' });
    expect(await countPatrimony(database(), null)).toMatchObject({ organisations: 1, dwellings: 6 });
  });
});
