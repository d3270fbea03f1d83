import { describe, expect, it } from 'vitest';
import { codePart, defaultEpsg, readRplsTable, rplsDate } from './rpls-layout.js';

describe('RPLS helpers', () => {
  it('derives codes in upper-case ASCII', () => {
    expect(codePart('  Résidence les Pins – Bât. 2 ')).toBe('RESIDENCE-LES-PINS-BAT-2');
  });

  it('reads RPLS dates and months', () => {
    expect(rplsDate('06/2021')).toBe('2021-06-01');
    expect(rplsDate('15/06/2021')).toBe('2021-06-15');
    expect(rplsDate('2021-06')).toBe('2021-06-01');
    expect(rplsDate('juin 2021')).toBe('juin 2021');
  });

  it('knows the projected system of each territory', () => {
    expect(defaultEpsg('62498')).toBe(2154);
    expect(defaultEpsg('2A004')).toBe(2154);
    expect(defaultEpsg('97411')).toBe(2975);
    expect(defaultEpsg('97302')).toBe(2972);
  });

  it('names missing columns with the accepted spellings', () => {
    expect(() => readRplsTable({ header: ['DEPCOM', 'X', 'Y'], records: [] })).toThrow(/RPLS/);
    try {
      readRplsTable({ header: ['DEPCOM', 'X', 'Y'], records: [] });
    } catch (error) {
      expect((error as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['TYPECONST', 'RPLS_ID']);
    }
  });

  it('maps a line, restoring the leading zero of a commune code read as a number', () => {
    const table = readRplsTable({
      header: ['depcom', 'typeconst', 'x', 'y', 'rpls_id', 'etage', 'nbpiece', 'immeu', 'esc', 'bat'],
      records: [{ line: 2, cells: ['1053', 'I', '870000', '6570000', 'R1', 'RDC', 'trois', 'Les Pins', 'B', '2'] }],
    });
    expect(table.dwellings[0]!.row).toMatchObject({
      commune_insee: '01053', kind: 'individual', floor: 0, rooms: null, residence_code: 'RPLS-01053-LES-PINS',
      building_code: 'RPLS-01053-LES-PINS/2', entrance_code: 'RPLS-01053-LES-PINS/2/B',
    });
    expect(table.errors).toEqual([{ line: 2, field: 'rooms', message: 'nombre attendu, reçu « trois »' }]);
    expect(table.columnOf.rooms).toBe('nbpiece');
  });
});
