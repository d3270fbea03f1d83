import type { FieldError } from '../../../core/errors.js';
import type { NativePatrimonyRow } from '../native-row.js';

/** Same pattern as the `communes.insee_code` check in the schema. */
export const INSEE_CODE = /^[0-9][0-9AB][0-9]{3}$/;
const DPE_CLASS = /^[A-G]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A BAN address key (cle_interop): commune INSEE code, street (FANTOIR or BAN code), house number, optional suffix. */
export const BAN_ID = /^[0-9][0-9ab][0-9]{3}_[0-9a-z]{4,5}_[0-9]{5}(_[0-9a-z]+)?$/i;

const REQUIRED_TEXT = [
  'directorate_code', 'directorate_name', 'agency_code', 'agency_name', 'residence_code', 'residence_name',
  'commune_insee', 'building_code', 'dwelling_code',
] as const satisfies readonly (keyof NativePatrimonyRow)[];

type Check = (row: NativePatrimonyRow) => { field: keyof NativePatrimonyRow; message: string } | undefined;

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function integerIn(field: keyof NativePatrimonyRow, min: number, max: number): Check {
  return (row) => {
    const value = row[field];
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return { field, message: `entier attendu entre ${min} et ${max}, reçu « ${String(value)} »` };
    }
    return undefined;
  };
}

function coordinate(field: 'longitude' | 'latitude' | 'residence_longitude' | 'residence_latitude', limit: number, required: boolean): Check {
  return (row) => {
    const value = row[field];
    if (value === null || value === undefined) return required ? { field, message: 'obligatoire' } : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
      return { field, message: `coordonnée WGS84 invalide « ${String(value)} »` };
    }
    return undefined;
  };
}

function dpeClass(field: 'dpe_energy_class' | 'dpe_ghg_class'): Check {
  return (row) => {
    const value = row[field];
    if (value === null || value === undefined || DPE_CLASS.test(value)) return undefined;
    return { field, message: `classe DPE attendue de A à G, reçu « ${value} »` };
  };
}

function isRealIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const CHECKS: Check[] = [
  (row) => (isBlank(row.commune_insee) || INSEE_CODE.test(row.commune_insee) ? undefined : { field: 'commune_insee', message: `code INSEE invalide « ${row.commune_insee} »` }),
  (row) => (row.kind === 'collective' || row.kind === 'individual' ? undefined : { field: 'kind', message: `« collective » ou « individual » attendu, reçu « ${String(row.kind)} »` }),
  coordinate('longitude', 180, true),
  coordinate('latitude', 90, true),
  coordinate('residence_longitude', 180, false),
  coordinate('residence_latitude', 90, false),
  integerIn('floor', -10, 300),
  integerIn('rooms', 1, 20),
  integerIn('construction_year', 1700, 2100),
  (row) => {
    const value = row.habitable_surface;
    if (value === null || value === undefined) return undefined;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 100_000
      ? undefined
      : { field: 'habitable_surface', message: `surface positive attendue (m²), reçu « ${String(value)} »` };
  },
  (row) => (row.ban_id === null || row.ban_id === undefined || BAN_ID.test(row.ban_id)
    ? undefined
    : { field: 'ban_id', message: `identifiant BAN attendu (commune_voie_numéro, ex. 62498_0420_00012), reçu « ${row.ban_id} »` }),
  dpeClass('dpe_energy_class'),
  dpeClass('dpe_ghg_class'),
  (row) => (row.dpe_date === null || row.dpe_date === undefined || isRealIsoDate(row.dpe_date) ? undefined : { field: 'dpe_date', message: `date AAAA-MM-JJ attendue, reçu « ${row.dpe_date} »` }),
];

/** The attributes that must agree on every line naming the same code, per level. */
const PARENT_CONSISTENCY: { level: string; code: keyof NativePatrimonyRow; fields: (keyof NativePatrimonyRow)[] }[] = [
  { level: 'la direction', code: 'directorate_code', fields: ['directorate_name'] },
  { level: "l'agence", code: 'agency_code', fields: ['agency_name', 'directorate_code'] },
  { level: 'la résidence', code: 'residence_code', fields: ['residence_name', 'agency_code', 'qpv_code', 'residence_longitude', 'residence_latitude'] },
  {
    level: 'le bâtiment',
    code: 'building_code',
    fields: ['residence_code', 'building_name', 'street_number', 'street_type', 'street_name', 'ban_id', 'commune_insee', 'longitude', 'latitude'],
  },
  { level: "l'entrée", code: 'entrance_code', fields: ['building_code'] },
];

const UNIQUE_PER_FILE: (keyof NativePatrimonyRow)[] = ['dwelling_code', 'rpls_id'];

const normalised = (value: unknown) => (value === undefined ? null : value);

/**
 * Every problem in the rows, one entry per bad cell: required values, types and ranges,
 * codes repeated where they must be unique, and parents described differently on two lines.
 * `lineOf(index)` gives the file line of a row (header = line 1).
 */
export function validateRows(rows: readonly NativePatrimonyRow[], lineOf: (index: number) => number): FieldError[] {
  const errors: FieldError[] = [];
  const firstSeen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = lineOf(index);
    for (const field of REQUIRED_TEXT) {
      if (isBlank(row[field])) errors.push({ line, field, message: 'obligatoire' });
    }
    for (const check of CHECKS) {
      const problem = check(row);
      if (problem) errors.push({ line, ...problem });
    }
    for (const field of UNIQUE_PER_FILE) {
      const value = row[field];
      if (isBlank(value)) continue;
      const key = `${field}|${String(value)}`;
      const first = firstSeen.get(key);
      if (first === undefined) firstSeen.set(key, index);
      else errors.push({ line, field, message: `code « ${String(value)} » en double (déjà ligne ${lineOf(first)})` });
    }
    for (const { level, code, fields } of PARENT_CONSISTENCY) {
      const value = row[code];
      if (isBlank(value)) continue;
      const key = `${code}|${String(value)}`;
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, index);
        continue;
      }
      const reference = rows[first]!;
      for (const field of fields) {
        if (normalised(row[field]) !== normalised(reference[field])) {
          errors.push({
            line,
            field,
            message: `incohérent pour ${level} « ${String(value)} » : « ${String(normalised(row[field]))} » ici, « ${String(normalised(reference[field]))} » ligne ${lineOf(first)}`,
          });
        }
      }
    }
  });
  return errors;
}

/** Orders errors by line, then field, so reports read top to bottom. */
export function sortErrors(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field));
}
