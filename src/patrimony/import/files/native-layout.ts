import { validationError } from '../../../core/errors.js';
import type { NativePatrimonyRow } from '../native-row.js';
import type { ImportSource } from '../service.js';
import { CellReader } from './cells.js';
import type { Table } from './read-table.js';

type Field = keyof NativePatrimonyRow;

/** The native columns, in file order; `required` columns must be present in the header. */
export const NATIVE_COLUMNS: { name: Field; type: 'text' | 'number'; required: boolean }[] = [
  { name: 'directorate_code', type: 'text', required: true },
  { name: 'directorate_name', type: 'text', required: true },
  { name: 'agency_code', type: 'text', required: true },
  { name: 'agency_name', type: 'text', required: true },
  { name: 'residence_code', type: 'text', required: true },
  { name: 'residence_name', type: 'text', required: true },
  { name: 'commune_insee', type: 'text', required: true },
  { name: 'qpv_code', type: 'text', required: false },
  { name: 'residence_longitude', type: 'number', required: false },
  { name: 'residence_latitude', type: 'number', required: false },
  { name: 'building_code', type: 'text', required: true },
  { name: 'building_name', type: 'text', required: false },
  { name: 'street_number', type: 'text', required: false },
  { name: 'street_type', type: 'text', required: false },
  { name: 'street_name', type: 'text', required: false },
  { name: 'ban_id', type: 'text', required: false },
  { name: 'longitude', type: 'number', required: true },
  { name: 'latitude', type: 'number', required: true },
  { name: 'entrance_code', type: 'text', required: false },
  { name: 'dwelling_code', type: 'text', required: true },
  { name: 'rpls_id', type: 'text', required: false },
  { name: 'kind', type: 'text', required: true },
  { name: 'floor', type: 'number', required: false },
  { name: 'rooms', type: 'number', required: false },
  { name: 'habitable_surface', type: 'number', required: false },
  { name: 'construction_year', type: 'number', required: false },
  { name: 'financing', type: 'text', required: false },
  { name: 'dpe_energy_class', type: 'text', required: false },
  { name: 'dpe_ghg_class', type: 'text', required: false },
  { name: 'dpe_date', type: 'text', required: false },
];

const normaliseHeader = (name: string) => name.trim().toLowerCase();

export function isNativeHeader(header: string[]): boolean {
  const names = new Set(header.map(normaliseHeader));
  return names.has('dwelling_code') && names.has('building_code');
}

/** Reads a table in the native layout (column names = fields of `NativePatrimonyRow`, any order, any case). */
export function readNativeTable(table: Table): ImportSource {
  const index = new Map(table.header.map((name, position) => [normaliseHeader(name), position]));
  const missing = NATIVE_COLUMNS.filter((column) => column.required && !index.has(column.name));
  if (missing.length > 0) {
    throw validationError('Colonnes obligatoires absentes (required columns missing)', missing.map((column) => ({ line: 1, field: column.name, message: 'colonne absente' })));
  }
  const cells = new CellReader();
  const rows = table.records.map(({ line, cells: values }) => {
    const row: Record<string, unknown> = {};
    for (const column of NATIVE_COLUMNS) {
      const position = index.get(column.name);
      const value = position === undefined ? undefined : values[position];
      row[column.name] = column.type === 'number' ? cells.number(value, line, column.name) : column.required ? (value?.trim() ?? '') : cells.text(value);
    }
    return row as unknown as NativePatrimonyRow;
  });
  return { rows, lines: table.records.map((record) => record.line), errors: cells.errors };
}
