/**
 * Reads a file of planned operations (one line per operation) into operation inputs. Pure: a
 * table of text cells in, inputs and line-level errors naming the column out. Amounts are in
 * euros (French decimal comma accepted); dwellings are given by their codes, or whole buildings
 * by theirs, several codes separated by spaces, « | » or « ; ».
 */
import type { FieldError } from '../../../core/errors.js';
import { parseIsoDate } from '../../dpe/domain/dates.js';
import { isDpeClass, type DpeClass } from '../../dpe/domain/labels.js';
import { euros } from '../domain/money.js';
import { checkOperationFigures, checkPhases } from '../domain/operation.js';
import { OPERATION_KINDS, PLANS, type OperationKind, type Plan } from '../domain/vocabulary.js';
import type { OperationInput } from '../service.js';
import type { TextTable } from '../../dpe/import/ademe-rows.js';

export const OPERATION_COLUMNS = [
  'operation_code', 'name', 'kind', 'plan', 'programme_year', 'dwelling_codes', 'building_codes', 'handover_date',
  'planned_cost', 'committed_cost', 'paid_cost', 'label_before', 'target_label', 'energy_before', 'energy_target', 'ghg_before',
  'works_start', 'works_end',
] as const;
type Column = (typeof OPERATION_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['operation_code', 'name', 'kind', 'plan', 'programme_year', 'handover_date', 'planned_cost'];

/** Where the checks of the operation domain name a field, the column that holds it. */
const COLUMN_OF: Readonly<Record<string, Column>> = {
  paidCents: 'paid_cost', targetLabel: 'target_label', energyTarget: 'energy_target',
  'phases.works.plannedEnd': 'works_end', 'phases.works.plannedStart': 'works_start', 'phases.handover.plannedStart': 'handover_date',
};

export interface OperationLine {
  line: number;
  input: Omit<OperationInput, 'dwellingIds'>;
  dwellingCodes: string[];
  buildingCodes: string[];
}

const MAX_CENTS = 1_000_000_000_000;
const codes = (text: string | null) => (text ?? '').split(/[\s|;]+/).filter(Boolean);

export function readOperationTable(table: TextTable): { lines: OperationLine[]; errors: FieldError[] } {
  const index = new Map(table.header.map((name, position) => [name.trim().toLowerCase(), position]));
  const missing = REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) return { lines: [], errors: missing.map((field) => ({ line: 1, field, message: 'colonne obligatoire absente (required column missing)' })) };
  const lines: OperationLine[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.records) {
    const cell = (column: Column) => {
      const position = index.get(column);
      const text = position === undefined ? '' : (cells[position] ?? '').trim();
      return text === '' ? null : text;
    };
    const read = readLine(cell, line);
    errors.push(...read.errors);
    if (!read.operation) continue;
    const first = seen.get(read.operation.input.externalId!);
    if (first !== undefined) {
      errors.push({ line, field: 'operation_code', message: `opération déjà présente ligne ${first} (duplicate of line ${first})` });
      continue;
    }
    seen.set(read.operation.input.externalId!, line);
    lines.push(read.operation);
  }
  return { lines, errors };
}

function readLine(cell: (column: Column) => string | null, line: number): { operation?: OperationLine; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: Column, message: string) => errors.push({ line, field, message });
  const required = (column: Column) => {
    const text = cell(column);
    if (text === null) fail(column, 'obligatoire (required)');
    return text;
  };
  const oneOf = <T extends string>(column: Column, values: readonly T[]): T | null => {
    const text = required(column);
    if (text === null) return null;
    if ((values as readonly string[]).includes(text)) return text as T;
    fail(column, `valeur inconnue « ${text} » (attendu : ${values.join(', ')})`);
    return null;
  };
  const number = (column: Column, min: number, max: number): number | null => {
    const text = cell(column);
    if (text === null) return null;
    const value = Number(text.replace(/\s/g, '').replace(',', '.'));
    if (Number.isFinite(value) && value >= min && value <= max) return value;
    fail(column, `nombre entre ${min} et ${max} attendu, reçu « ${text} »`);
    return null;
  };
  const cents = (column: Column) => {
    const value = number(column, 0, MAX_CENTS / 100);
    return value === null ? null : euros(value);
  };
  const date = (column: Column) => {
    const text = cell(column);
    if (text === null) return null;
    const day = parseIsoDate(text);
    if (!day) fail(column, `date AAAA-MM-JJ attendue, reçu « ${text} »`);
    return day ?? null;
  };
  const label = (column: Column): DpeClass | null => {
    const text = cell(column)?.toUpperCase() ?? null;
    if (text === null) return null;
    if (isDpeClass(text)) return text;
    fail(column, `étiquette A à G attendue, reçu « ${text} »`);
    return null;
  };

  const externalId = required('operation_code');
  if (externalId !== null && externalId.length > 40) fail('operation_code', '40 caractères au plus (at most 40 characters)');
  const name = required('name');
  const kind = oneOf<OperationKind>('kind', OPERATION_KINDS);
  const plan = oneOf<Plan>('plan', PLANS);
  const yearText = required('programme_year');
  const programmeYear = yearText === null ? null : number('programme_year', 2000, 2100);
  if (programmeYear !== null && !Number.isInteger(programmeYear)) fail('programme_year', 'année entière attendue (whole year expected)');
  const handover = required('handover_date') === null ? null : date('handover_date');
  const plannedCents = required('planned_cost') === null ? null : cents('planned_cost');
  const dwellingCodes = codes(cell('dwelling_codes'));
  const buildingCodes = codes(cell('building_codes'));
  if (dwellingCodes.length === 0 && buildingCodes.length === 0) fail('dwelling_codes', 'logements ou bâtiments requis (dwelling or building codes required)');
  const input = {
    externalId: externalId ?? '', name: name ?? '', kind: kind ?? 'maintenance', plan: plan ?? 'psp', programmeYear: programmeYear ?? 0,
    endDate: handover ?? '', plannedCents: plannedCents ?? 0, committedCents: cents('committed_cost') ?? 0, paidCents: cents('paid_cost') ?? 0,
    labelBefore: label('label_before'), targetLabel: label('target_label'), labelAfter: null,
    energyBefore: number('energy_before', 0, 99_999), energyTarget: number('energy_target', 0, 99_999), energyAfter: null, ghgBefore: number('ghg_before', 0, 99_999),
    phases: {
      ...(cell('works_start') || cell('works_end') ? { works: { plannedStart: date('works_start'), plannedEnd: date('works_end'), actualStart: null, actualEnd: null } } : {}),
      ...(handover ? { handover: { plannedStart: handover, plannedEnd: handover, actualStart: null, actualEnd: null } } : {}),
    },
  };
  if (errors.length > 0) return { errors };
  const phases = Object.entries(input.phases).map(([phase, dates]) => ({ phase: phase as 'works' | 'handover', ...dates }));
  for (const error of [...checkOperationFigures(input, input), ...checkPhases(phases)]) {
    errors.push({ line, field: COLUMN_OF[error.field] ?? error.field, message: error.message });
  }
  return errors.length > 0 ? { errors } : { operation: { line, input, dwellingCodes, buildingCodes }, errors };
}
