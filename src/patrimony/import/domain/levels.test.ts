import { describe, expect, it } from 'vitest';
import type { NativePatrimonyRow } from '../native-row.js';
import { splitLevels } from './levels.js';
import { validateRows } from './validate-rows.js';

const row = (overrides: Partial<NativePatrimonyRow>): NativePatrimonyRow => ({
  directorate_code: 'DT', directorate_name: 'Direction', agency_code: 'AG', agency_name: 'Agence',
  residence_code: 'RES', residence_name: 'Résidence', commune_insee: '62498', qpv_code: null,
  building_code: 'B1', building_name: null, street_number: null, street_type: null, street_name: null,
  longitude: 2.8, latitude: 50.4, entrance_code: null, dwelling_code: 'L1', rpls_id: null, kind: 'collective',
  floor: null, rooms: null, habitable_surface: null, construction_year: null, financing: null,
  dpe_energy_class: null, dpe_ghg_class: null, dpe_date: null, ...overrides,
});

describe('splitLevels', () => {
  const rows = [
    row({ dwelling_code: 'L1', building_code: 'B1', longitude: 2.0, latitude: 50.0, construction_year: 1972, commune_insee: '62041' }),
    row({ dwelling_code: 'L2', building_code: 'B2', longitude: 3.0, latitude: 51.0, construction_year: 1965, entrance_code: 'E2' }),
    row({ dwelling_code: 'L3', building_code: 'B2', longitude: 3.0, latitude: 51.0, construction_year: null, entrance_code: 'E2' }),
    row({ dwelling_code: 'L4', building_code: 'B3', longitude: 4.0, latitude: 52.0 }),
  ];

  it('keeps one item per code and the earliest construction year of each building', () => {
    const levels = splitLevels(rows);
    expect(levels.buildings.map((b) => [b.code, b.construction_year])).toEqual([['B1', 1972], ['B2', 1965], ['B3', null]]);
    expect(levels.entrances).toEqual([{ code: 'E2', building_code: 'B2' }]);
    expect(levels.dwellings).toHaveLength(4);
  });

  it('places a residence at the mean of its buildings (each counted once) in its most frequent commune', () => {
    const [residence] = splitLevels(rows).residences;
    expect(residence!.longitude).toBeCloseTo(3.0, 12);
    expect(residence!.latitude).toBeCloseTo(51.0, 12);
    expect(residence!.commune_insee).toBe('62498');
  });

  it('uses the residence position when the file gives one', () => {
    const [residence] = splitLevels([row({ residence_longitude: 1.5, residence_latitude: 49.5 })]).residences;
    expect([residence!.longitude, residence!.latitude]).toEqual([1.5, 49.5]);
  });
});

describe('validateRows', () => {
  it('accepts a complete row and rejects impossible dates and out-of-range values', () => {
    expect(validateRows([row({ dpe_date: '2024-02-29', rooms: 20, floor: -1 })], (i) => i + 2)).toEqual([]);
    const errors = validateRows([row({ dpe_date: '2023-02-29', rooms: 21, latitude: 91, commune_insee: '6249' })], (i) => i + 2);
    expect(errors.map((e) => e.field).sort()).toEqual(['commune_insee', 'dpe_date', 'latitude', 'rooms']);
  });
});
