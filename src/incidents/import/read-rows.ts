import { validationError, type FieldError } from '../../core/errors.js';
import { CellReader } from '../../patrimony/import/files/cells.js';
import type { Table } from '../../patrimony/import/files/read-table.js';
import { normaliseDateTime, parisMidnight, parseOccurrence, type Occurrence } from '../domain/occurrence.js';
import {
  CHANNELS, ITT_CLASSES, PERPETRATOR_STATUSES, PLACE_KINDS, SEVERITIES, VICTIM_ROLES,
  type Channel, type PerpetratorStatus, type PlaceKind, type Severity, type Victim,
} from '../domain/vocabulary.js';
import { OUTCOMES, STATUSES, type Outcome, type Status } from '../domain/workflow.js';

/**
 * One line of an incident history file, typed; places and categories are still codes. Fields
 * that could not be read are null (their error is reported), so that every other check still
 * runs and the whole file's errors come back at once.
 */
export interface IncidentImportRow {
  line: number;
  externalId: string;
  placeKind: PlaceKind | null;
  placeCode: string;
  occurrence: Occurrence | null;
  recordedAt: Date | null;
  channel: Channel | null;
  categoryCode: string;
  severity: Severity | null;
  description: string;
  status: Status;
  outcome: Outcome | null;
  perpetrator: PerpetratorStatus;
  victims: Victim[];
  estimatedCost: number | null;
  actualCost: number | null;
  workOrderRef: string | null;
  insuranceClaimRef: string | null;
}

/** The columns of the file (any order, any case); documented in docs/incidents.md. */
export const IMPORT_COLUMNS = [
  'external_id', 'place_kind', 'place_code', 'occurred_at', 'occurred_until', 'recorded_at', 'channel', 'category_code',
  'severity', 'description', 'status', 'outcome', 'perpetrator', 'victim_role', 'itt_class', 'estimated_cost', 'actual_cost',
  'work_order_ref', 'insurance_claim_ref',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['external_id', 'place_kind', 'place_code', 'occurred_at', 'channel', 'category_code', 'description'];

/**
 * Reads a file's lines chunk by chunk (a million lines do not have to live as objects at once);
 * `errors` gathers every chunk's, and an external id is checked against every earlier chunk.
 */
export function incidentRowReader(header: string[], now: Date): { read: (records: Table['records']) => IncidentImportRow[]; errors: FieldError[] } {
  const index = new Map(header.map((name, position) => [name.trim().toLowerCase(), position]));
  const missing = REQUIRED.filter((column) => !index.has(column));
  if (missing.length > 0) {
    throw validationError('Colonnes obligatoires absentes / Required columns missing', missing.map((field) => ({ line: 1, field, message: 'colonne absente / missing column' })));
  }
  const cells = new CellReader();
  const errors = cells.errors;
  const seen = new Map<string, number>();
  return { errors, read: (records) => readRecords(records, index, cells, seen, now) };
}

function readRecords(records: Table['records'], index: Map<string, number>, cells: CellReader, seen: Map<string, number>, now: Date): IncidentImportRow[] {
  const errors = cells.errors;
  const rows: IncidentImportRow[] = [];
  for (const { line, cells: values } of records) {
    const text = (column: Column) => cells.text(values[index.get(column) ?? -1]);
    const fail = (field: Column, message: string) => errors.push({ line, field, message });
    const required = (column: Column) => text(column) ?? (fail(column, 'obligatoire / required'), '');
    const oneOf = <T extends string>(column: Column, allowed: readonly T[], fallback: T | null): T | null => {
      const value = text(column);
      if (value === null) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      fail(column, `« ${value} » : attendu ${allowed.join(', ')} / expected one of these`);
      return fallback;
    };
    const date = (column: Column): string | null => {
      const value = text(column);
      if (value === null) return null;
      const normalised = normaliseDateTime(value);
      if (normalised === undefined) fail(column, `date illisible « ${value} » (AAAA-MM-JJ [HH:MM] ou JJ/MM/AAAA [HH:MM]) / unreadable date`);
      return normalised ?? null;
    };

    const externalId = required('external_id');
    const earlier = seen.get(externalId);
    if (externalId && earlier !== undefined) fail('external_id', `déjà présent ligne ${earlier} / already on line ${earlier}`);
    seen.set(externalId, line);
    const placeKind = oneOf('place_kind', PLACE_KINDS, null);
    if (placeKind === null && text('place_kind') === null) fail('place_kind', 'obligatoire / required');
    const channel = oneOf('channel', CHANNELS, null);
    if (channel === null && text('channel') === null) fail('channel', 'obligatoire / required');
    const status = oneOf('status', STATUSES, 'recorded')!;
    const outcome = oneOf('outcome', OUTCOMES, null);
    if ((status === 'closed') !== (outcome !== null)) fail('outcome', 'obligatoire pour un incident clos, seulement pour lui / required for a closed incident, and only then');
    const role = oneOf('victim_role', VICTIM_ROLES, null);
    const ittClass = oneOf('itt_class', ITT_CLASSES, null);
    if (ittClass && !role) fail('victim_role', 'obligatoire avec itt_class / required with itt_class');
    const occurredAt = date('occurred_at');
    const occurredUntil = date('occurred_until');
    const recordedAt = date('recorded_at');
    let occurrence: Occurrence | null = null;
    if (occurredAt) {
      try {
        occurrence = parseOccurrence(occurredAt, occurredUntil, now);
      } catch (error) {
        const detail = (error as { errors?: FieldError[] }).errors?.[0];
        if (!detail) throw error;
        fail(detail.field === 'occurredUntil' ? 'occurred_until' : 'occurred_at', detail.message);
      }
    } else if (text('occurred_at') === null) fail('occurred_at', 'obligatoire / required');
    const description = required('description');
    if (description.length > 2000) fail('description', '2000 caractères au plus / at most 2000 characters');
    rows.push({
      line, externalId, placeKind, channel, occurrence, placeCode: required('place_code'), categoryCode: required('category_code'), description,
      severity: oneOf('severity', SEVERITIES, null), status, outcome,
      perpetrator: oneOf('perpetrator', PERPETRATOR_STATUSES, 'not_identified')!,
      victims: role ? [{ role, ittClass }] : [],
      estimatedCost: cost(cells, values[index.get('estimated_cost') ?? -1], line, 'estimated_cost'),
      actualCost: cost(cells, values[index.get('actual_cost') ?? -1], line, 'actual_cost'),
      workOrderRef: text('work_order_ref'), insuranceClaimRef: text('insurance_claim_ref'),
      recordedAt: recordedAt ? (recordedAt.length === 10 ? parisMidnight(recordedAt) : new Date(recordedAt)) : null,
    });
  }
  return rows;
}

function cost(cells: CellReader, value: string | undefined, line: number, field: string): number | null {
  const amount = cells.number(value, line, field);
  if (amount !== null && (amount < 0 || amount > 9_999_999_999.99)) {
    cells.errors.push({ line, field, message: 'montant en euros positif attendu / a positive amount in euros is expected' });
  }
  return amount === null ? null : Math.round(amount * 100) / 100;
}
