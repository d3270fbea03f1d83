import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateRows } from '../../import/domain/validate-rows.js';
import type { NativePatrimonyRow } from '../../import/native-row.js';
import { buildCommuneRows, type CommuneRow } from '../../reference/communes.js';
import { DEMO_COMMUNE_COUNT } from './communes.js';
import { DPE_CLASSES } from './dpe.js';
import { distanceMetres } from './geo.js';
import { DEFAULT_DEMO_SEED, DEMO_TARGETS, generateDemoPatrimony, type DemoPatrimony } from './generate.js';

const hashRows = (rows: readonly NativePatrimonyRow[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};
const distinct = <T>(items: readonly T[], key: (item: T) => unknown) => new Set(items.map(key));

describe('demo landlord generator', () => {
  let communes: CommuneRow[];
  let demo: DemoPatrimony;
  let rows: NativePatrimonyRow[];

  beforeAll(() => {
    communes = buildCommuneRows();
    demo = generateDemoPatrimony(communes);
    rows = demo.rows;
  });

  it('has exactly the target numbers of dwellings, communes and agencies', () => {
    expect(rows).toHaveLength(DEMO_TARGETS.dwellings);
    expect(rows.filter((row) => row.kind === 'collective')).toHaveLength(27_553);
    expect(rows.filter((row) => row.kind === 'individual')).toHaveLength(12_105);
    expect(distinct(rows, (row) => row.commune_insee).size).toBe(209);
    expect(distinct(rows, (row) => row.agency_code).size).toBe(31);
    expect(distinct(rows, (row) => row.directorate_code).size).toBe(5);
  });

  it('places its dwellings in positioned communes of the Pas-de-Calais', () => {
    const positioned = new Map(communes.filter((c) => c.departement === '62' && c.lon !== null).map((c) => [c.insee_code, c]));
    expect(positioned.size).toBeGreaterThanOrEqual(DEMO_COMMUNE_COUNT);
    for (const insee of distinct(rows, (row) => row.commune_insee)) expect(positioned.has(insee as string)).toBe(true);
    const farthest = Math.max(...rows.map((row) => {
      const commune = positioned.get(row.commune_insee)!;
      return distanceMetres({ lon: row.longitude, lat: row.latitude }, { lon: commune.lon!, lat: commune.lat! });
    }));
    expect(farthest).toBeLessThan(2_500);
  });

  it('names the agencies the organisation is known by, each with a full office', () => {
    const agencies = new Set(rows.map((row) => row.agency_name));
    for (const name of ['Béthune centre', 'Lens Grande Résidence', 'Arras – Saint-Michel', 'Outreau']) expect(agencies).toContain(name);
    expect(demo.agencies).toHaveLength(31);
    for (const agency of demo.agencies) {
      expect(agency.phone).toMatch(/^03 53 73 \d\d 00$/);
      expect(agency.email).toMatch(/^agence\.[a-z0-9-]+@artois-opale-habitat\.example$/);
    }
  });

  it('produces rows the native import accepts', () => {
    expect(validateRows(rows, (index) => index + 2)).toEqual([]);
  });

  it('labels exactly 205 G, 1,260 F and 8,780 E dwellings, the rest A to D, worst on the oldest stock', () => {
    const labels = countBy(rows, (row) => row.dpe_energy_class!);
    expect(labels.get('G')).toBe(205);
    expect(labels.get('F')).toBe(1_260);
    expect(labels.get('E')).toBe(8_780);
    expect(['A', 'B', 'C', 'D'].reduce((sum, label) => sum + (labels.get(label) ?? 0), 0)).toBe(DEMO_TARGETS.dwellings - 205 - 1_260 - 8_780);
    const meanYear = (label: string) => {
      const years = rows.filter((row) => row.dpe_energy_class === label).map((row) => row.construction_year!);
      return years.reduce((sum, year) => sum + year, 0) / years.length;
    };
    const byClass = DPE_CLASSES.map(meanYear);
    for (let i = 1; i < byClass.length; i++) expect(byClass[i]!).toBeLessThan(byClass[i - 1]!);
    expect(rows.filter((row) => !DPE_CLASSES.includes(row.dpe_ghg_class as never))).toEqual([]);
    expect(rows.filter((row) => row.dpe_date! < '2021-07-01' || row.dpe_date! > '2025-06-30')).toEqual([]);
    expect(rows.filter((row) => Number(row.dpe_date!.slice(0, 4)) <= row.construction_year!)).toEqual([]);
  });

  it('gives collective dwellings an entrance and a floor, houses neither', () => {
    const misplaced = rows.filter((row) =>
      row.kind === 'collective' ? row.entrance_code === null || row.floor === null || row.floor < 0 : row.entrance_code !== null || row.floor !== null);
    expect(misplaced).toEqual([]);
  });

  it('builds tower blocks and multi-entrance bars, some in QPV, in the large towns', () => {
    const buildings = [...groupBy(rows.filter((row) => row.kind === 'collective'), (row) => row.building_code).values()];
    const towers = buildings.filter((dwellings) => dwellings[0]!.building_name!.startsWith('Tour'));
    const bars = buildings.filter((dwellings) => distinct(dwellings, (row) => row.entrance_code).size >= 3);
    for (const insee of ['62498', '62510', '62041', '62160', '62193']) {
      expect(towers.some((dwellings) => dwellings[0]!.commune_insee === insee && Math.max(...dwellings.map((row) => row.floor!)) >= 10)).toBe(true);
      expect(bars.some((dwellings) => dwellings[0]!.commune_insee === insee)).toBe(true);
      expect(rows.some((row) => row.commune_insee === insee && row.qpv_code !== null)).toBe(true);
    }
    for (const code of distinct(rows, (row) => row.qpv_code)) if (code !== null) expect(code).toMatch(/^QN062\d\dM$/);
    for (const tower of towers) expect(tower[0]!.construction_year).toBeLessThanOrEqual(1977);
  });

  it('keeps the buildings of one residence close together', () => {
    for (const dwellings of groupBy(rows, (row) => row.residence_code).values()) {
      const centre = { lon: dwellings[0]!.residence_longitude!, lat: dwellings[0]!.residence_latitude! };
      const spread = Math.max(...dwellings.map((row) => distanceMetres(centre, { lon: row.longitude, lat: row.latitude })));
      expect(spread).toBeLessThan(dwellings[0]!.kind === 'collective' ? 300 : 700);
    }
  });

  it('gives every building of a commune an address of its own', () => {
    const buildingAt = new Map<string, string>();
    const shared = new Set<string>();
    for (const row of rows) {
      const address = `${row.street_number} ${row.street_type} ${row.street_name}, ${row.commune_insee}`;
      const building = buildingAt.get(address);
      if (building === undefined) buildingAt.set(address, row.building_code);
      else if (building !== row.building_code) shared.add(address);
    }
    expect([...shared]).toEqual([]);
  });

  it('puts the miners’ cités in the mining basin, built before 1961 and financed when bought', () => {
    const communeEpci = new Map(communes.map((c) => [c.insee_code, c.epci_name]));
    const cites = rows.filter((row) => row.residence_name.startsWith('Cité'));
    expect(cites.length).toBeGreaterThan(3_000);
    expect(cites.filter((row) => !/Lens|Hénin|Béthune/.test(communeEpci.get(row.commune_insee) ?? ''))).toEqual([]);
    expect(cites.filter((row) => row.kind !== 'individual' || row.construction_year! >= 1961)).toEqual([]);
    expect(cites.filter((row) => !['PLA', 'PLAI', 'PLI', 'PLUS', 'PLS'].includes(row.financing!))).toEqual([]);
  });

  it('finances each building as its period did', () => {
    const allowed = (year: number) => (year < 1962 ? ['HLMO'] : year < 1978 ? ['HLMO', 'PSR', 'PLR', 'ILN']
      : year < 2000 ? ['PLA', 'PLAI', 'PLI'] : ['PLUS', 'PLAI', 'PLS', 'PLI']);
    const anachronisms = rows.filter((row) => !row.residence_name.startsWith('Cité') && !allowed(row.construction_year!).includes(row.financing!));
    expect(anachronisms).toEqual([]);
  });

  it('sizes rooms and surfaces plausibly', () => {
    expect(rows.filter((row) => row.rooms! < 1 || row.rooms! > 6)).toEqual([]);
    expect(rows.filter((row) => row.habitable_surface! / row.rooms! < 14 || row.habitable_surface! / row.rooms! > 35)).toEqual([]);
  });

  it('gives every agency an office and the grands ensembles a permanence; common areas hang on known places', () => {
    const offices = demo.contactPoints.filter((point) => point.code.startsWith('CP-AG'));
    expect(offices).toHaveLength(31);
    expect(demo.contactPoints.some((point) => point.name === 'Permanence La Grande Résidence')).toBe(true);
    const entrances = distinct(rows, (row) => row.entrance_code);
    const buildings = distinct(rows, (row) => row.building_code);
    expect(demo.commonAreas.filter((area) => area.kind === 'hall')).toHaveLength(entrances.size - 1);
    for (const area of demo.commonAreas) {
      if (area.entranceCode) expect(entrances.has(area.entranceCode)).toBe(true);
      if (area.buildingCode) expect(buildings.has(area.buildingCode)).toBe(true);
    }
    expect(distinct(demo.commonAreas, (area) => area.code).size).toBe(demo.commonAreas.length);
  });

  it('gives the same rows for the same seed, other rows for another seed', () => {
    expect(hashRows(generateDemoPatrimony(communes, DEFAULT_DEMO_SEED).rows)).toBe(hashRows(rows));
    const other = generateDemoPatrimony(communes, DEFAULT_DEMO_SEED + 1).rows;
    expect(hashRows(other)).not.toBe(hashRows(rows));
    expect(other).toHaveLength(DEMO_TARGETS.dwellings);
  });
});
