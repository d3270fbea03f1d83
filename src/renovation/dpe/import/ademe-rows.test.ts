import { describe, expect, it } from 'vitest';
import { toDpeRecord } from '../domain/record.js';
import { readAdemeTable, type TextTable } from './ademe-rows.js';

const HEADER = [
  'numero_dpe', 'date_etablissement_dpe', 'date_fin_validite_dpe', 'numero_dpe_remplace', 'etiquette_dpe', 'etiquette_ges',
  'conso_5_usages_par_m2_ep', 'conso_5_usages_par_m2_ef', 'emission_ges_5_usages_par_m2', 'numero_rpls_logement',
  'identifiant_ban', 'surface_habitable_logement', 'classe_altitude', 'zone_climatique', 'methode_application_dpe',
];

function table(...rows: string[][]): TextTable {
  return { header: HEADER, records: rows.map((cells, index) => ({ line: index + 2, cells })) };
}

const row = (overrides: Partial<Record<(typeof HEADER)[number], string>> = {}) => {
  const base: Record<string, string> = {
    numero_dpe: '2262E0123456A', date_etablissement_dpe: '2022-03-15', date_fin_validite_dpe: '2032-03-14', numero_dpe_remplace: '',
    etiquette_dpe: 'F', etiquette_ges: 'C', conso_5_usages_par_m2_ep: '352,4', conso_5_usages_par_m2_ef: '153.2',
    emission_ges_5_usages_par_m2: '12.1', numero_rpls_logement: '0000123456', identifiant_ban: '62498_0420_00001',
    surface_habitable_logement: '62.5', classe_altitude: 'inférieur à 400m', zone_climatique: 'H1a', methode_application_dpe: 'dpe appartement individuel',
  };
  return HEADER.map((name) => overrides[name] ?? base[name]!);
};

describe('reading ADEME DPE rows', () => {
  it('reads a complete row, with French decimal commas', () => {
    const { readings, errors } = readAdemeTable(table(row()));
    expect(errors).toEqual([]);
    expect(readings[0]).toMatchObject({
      line: 2, numeroDpe: '2262E0123456A', issuedOn: '2022-03-15', sourceValidUntil: '2032-03-14', replaces: null,
      primaryEnergy: 352.4, finalEnergy: 153.2, ghgEmissions: 12.1, referenceSurface: 62.5, altitudeAbove800m: false,
      climateZone: 'H1a', rplsId: '0000123456', banId: '62498_0420_00001', sourceEnergyClass: 'F', sourceGhgClass: 'C',
    });
  });

  it('reports every bad field with its line, and keeps no row of a bad line', () => {
    const { readings, errors } = readAdemeTable(table(
      row(),
      row({ numero_dpe: '22-62', date_etablissement_dpe: '2022-02-30', etiquette_ges: 'H', conso_5_usages_par_m2_ep: '-3' }),
      row({ numero_dpe: '2262E0123456A' }),
      row({ numero_dpe: '2262E0999999B', etiquette_dpe: '', conso_5_usages_par_m2_ep: '', classe_altitude: 'très haut' }),
    ));
    expect(readings.map((r) => r.line)).toEqual([2]);
    expect(errors.map(({ line, field }) => `${line}:${field}`)).toEqual([
      '3:numero_dpe', '3:date_etablissement_dpe', '3:etiquette_ges', '3:conso_5_usages_par_m2_ep',
      '4:numero_dpe',
      '5:classe_altitude', '5:etiquette_dpe',
    ]);
    expect(errors[4]!.message).toContain('ligne 2');
  });

  it('accepts French dates and tells a missing required column', () => {
    expect(readAdemeTable(table(row({ date_etablissement_dpe: '01/07/2021' }))).readings[0]!.issuedOn).toBe('2021-07-01');
    const { errors } = readAdemeTable({ header: ['numero_dpe'], records: [] });
    expect(errors).toEqual([{ line: 1, field: 'date_etablissement_dpe', message: expect.stringContaining('obligatoire') }]);
  });
});

describe('what Vigie derives from a DPE', () => {
  const reading = (overrides: Parameters<typeof row>[0]) => readAdemeTable(table(row(overrides))).readings[0]!;

  it('recomputes the class of a 2021-method DPE with the small-surface table', () => {
    const record = toDpeRecord(reading({ conso_5_usages_par_m2_ep: '380', emission_ges_5_usages_par_m2: '12', surface_habitable_logement: '20', etiquette_dpe: 'F' }));
    expect(record).toMatchObject({ method: '3cl-2021', energyClass: 'E', ghgClass: 'B', label: 'E', validUntil: '2032-03-14', electricityFactor: 2.3 });
  });

  it('applies the high-altitude bounds above 800 m in zone H1c', () => {
    const figures = { conso_5_usages_par_m2_ep: '400', emission_ges_5_usages_par_m2: '20' };
    expect(toDpeRecord(reading({ ...figures, classe_altitude: 'supérieur à 800m', zone_climatique: 'H1c' })).label).toBe('F');
    expect(toDpeRecord(reading({ ...figures, conso_5_usages_par_m2_ep: '380', classe_altitude: 'supérieur à 800m', zone_climatique: 'H1c' })).label).toBe('E');
    expect(toDpeRecord(reading({ ...figures, conso_5_usages_par_m2_ep: '380', classe_altitude: 'supérieur à 800m', zone_climatique: 'H3' })).label).toBe('F');
  });

  it('keeps the published classes of a pre-2021 DPE and its transitional end date', () => {
    const record = toDpeRecord(reading({ date_etablissement_dpe: '2019-04-02', etiquette_dpe: 'D', etiquette_ges: 'E', conso_5_usages_par_m2_ep: '500' }));
    expect(record).toMatchObject({ method: 'pre-2021', label: 'D', energyClass: 'D', ghgClass: 'E', validUntil: '2024-12-31', electricityFactor: 2.58 });
  });

  it('uses the 1.9 electricity factor for DPEs from 2026', () => {
    expect(toDpeRecord(reading({ date_etablissement_dpe: '2026-01-05' })).electricityFactor).toBe(1.9);
  });
});
