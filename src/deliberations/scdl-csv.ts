import { stringify } from 'csv-stringify/sync';
import { SCDL_FIELDS, type ScdlRow } from './domain/scdl.js';

/** The SCDL "Délibérations" file: UTF-8 CSV, comma-separated, the schema's fields in its order. */
export function scdlCsv(rows: ScdlRow[]): string {
  return stringify(rows, { header: true, columns: [...SCDL_FIELDS], cast: { number: String } });
}
