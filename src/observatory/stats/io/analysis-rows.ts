import { validationError, type FieldError } from '../../../core/errors.js';
import { CellReader } from '../../../patrimony/import/files/cells.js';
import type { Table } from '../../../patrimony/import/files/read-table.js';
import { toLambert93 } from './lambert93.js';

/**
 * One row of an analyst's CSV (documented in docs/analysis.md): a point in Lambert-93 metres
 * (given as `x`,`y`, or as WGS 84 `lon`,`lat` and projected), a date as whole days since
 * 1970-01-01 (UTC), a weight (default 1), and the optional unit columns `id`, `value`, `count`,
 * `dwellings`.
 */
export interface AnalysisRow {
  line: number;
  x: number;
  y: number;
  day: number | null;
  weight: number;
  id: string | null;
  value: number | null;
  count: number | null;
  dwellings: number | null;
}

export interface RowNeeds {
  coordinates: boolean;
  date: boolean;
}

const MAX_REPORTED_ERRORS = 50;
const DAY = 86_400_000;

/** ISO `YYYY-MM-DD` (time part allowed) or French `DD/MM/YYYY`, read as UTC. */
export function parseDay(text: string): number | null {
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return null;
  const [year, month, dayOfMonth] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== dayOfMonth) return null;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}${iso.length === 10 ? 'T00:00:00' : ''}Z`;
  const time = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(time) ? null : time / DAY;
}

export function readAnalysisRows(table: Table, needs: RowNeeds): AnalysisRow[] {
  const header = table.header.map((name) => name.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const errors: FieldError[] = [];
  const projected = column('x') >= 0 && column('y') >= 0;
  const geographic = column('lon') >= 0 && column('lat') >= 0;
  if (needs.coordinates && !projected && !geographic) errors.push({ line: 1, field: 'x', message: 'colonnes x,y (Lambert-93, m) ou lon,lat (WGS 84) attendues / x,y or lon,lat columns expected' });
  if (needs.date && column('date') < 0) errors.push({ line: 1, field: 'date', message: 'colonne date attendue / date column expected' });
  if (errors.length > 0) throw validationError('En-tête CSV incomplet / Incomplete CSV header', errors);

  const reader = new CellReader();
  const rows: AnalysisRow[] = [];
  for (const { line, cells } of table.records) {
    const cell = (name: string) => (column(name) >= 0 ? cells[column(name)] : undefined);
    const required = (name: string) => {
      const value = reader.number(cell(name), line, name);
      if (value === null && reader.text(cell(name)) === null) reader.errors.push({ line, field: name, message: 'valeur manquante / missing value' });
      return value;
    };
    const bounded = (name: string, value: number | null, min: number, max: number) => {
      if (value !== null && (value < min || value > max)) reader.errors.push({ line, field: name, message: `attendu entre ${min} et ${max} / expected between ${min} and ${max}` });
      return value;
    };
    let x = Number.NaN;
    let y = Number.NaN;
    if (needs.coordinates && projected) {
      x = required('x') ?? Number.NaN;
      y = required('y') ?? Number.NaN;
    } else if (needs.coordinates) {
      const lon = bounded('lon', required('lon'), -180, 180);
      const lat = bounded('lat', required('lat'), -90, 90);
      if (lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) [x, y] = toLambert93(lon, lat);
    }
    let day: number | null = null;
    const dateText = reader.text(cell('date'));
    if (dateText !== null) {
      day = parseDay(dateText);
      if (day === null) reader.errors.push({ line, field: 'date', message: `date AAAA-MM-JJ ou JJ/MM/AAAA attendue, reçu « ${dateText} » / date expected` });
    } else if (needs.date) reader.errors.push({ line, field: 'date', message: 'valeur manquante / missing value' });
    const weight = bounded('weight', reader.number(cell('weight'), line, 'weight'), 0, Number.MAX_VALUE) ?? 1;
    const dwellings = reader.number(cell('dwellings'), line, 'dwellings');
    if (dwellings !== null && dwellings <= 0) reader.errors.push({ line, field: 'dwellings', message: 'nombre de logements > 0 attendu / dwellings must be > 0' });
    rows.push({
      line,
      x,
      y,
      day,
      weight,
      id: reader.text(cell('id')),
      value: reader.number(cell('value'), line, 'value'),
      count: bounded('count', reader.number(cell('count'), line, 'count'), 0, Number.MAX_VALUE),
      dwellings,
    });
    if (reader.errors.length >= MAX_REPORTED_ERRORS) break;
  }
  if (reader.errors.length > 0) throw validationError('Fichier d’analyse invalide / Invalid analysis file', reader.errors.slice(0, MAX_REPORTED_ERRORS));
  if (rows.length === 0) throw validationError('Fichier d’analyse vide / Empty analysis file', [{ line: 2, field: 'file', message: 'aucune ligne de données / no data row' }]);
  return rows;
}
