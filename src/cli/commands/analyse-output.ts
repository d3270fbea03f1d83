import { Presets, SingleBar } from 'cli-progress';
import { validationError } from '../../core/errors.js';

/** Helpers of `vigie analyse`: option parsing, CSV/JSON printing and a stderr progress bar. */
export type OutputFormat = 'json' | 'csv';
export type OutputRow = Record<string, string | number | null>;

export function parseFormat(value: string): OutputFormat {
  if (value === 'json' || value === 'csv') return value;
  throw validationError('Format inconnu / Unknown format', [{ field: '--format', message: `json ou csv attendu, reçu « ${value} »` }]);
}

export function parsePositive(value: string | undefined, option: string, { integer = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (Number.isFinite(number) && number > 0 && (!integer || Number.isInteger(number))) return number;
  throw validationError('Option invalide / Invalid option', [{ field: option, message: `${integer ? 'entier' : 'nombre'} > 0 attendu, reçu « ${value} »` }]);
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (Number.isInteger(seed)) return seed;
  throw validationError('Option invalide / Invalid option', [{ field: '--seed', message: `entier attendu, reçu « ${value} »` }]);
}

/** "0,100,200,400" → numbers; "inf" (or ∞, Infinity) for an open-ended last band. */
export function parseBounds(value: string, option: string): number[] {
  return value.split(',').map((part) => {
    const text = part.trim().toLowerCase();
    const bound = ['inf', 'infinity', '∞'].includes(text) ? Infinity : text === '' ? Number.NaN : Number(text);
    if (Number.isNaN(bound)) throw validationError('Option invalide / Invalid option', [{ field: option, message: `liste de nombres attendue, reçu « ${value} »` }]);
    return bound;
  });
}

const rounded = (value: number) => (Number.isInteger(value) ? value : Number(value.toPrecision(10)));

function cellText(value: string | number | null): string {
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return '';
  const text = typeof value === 'number' ? String(rounded(value)) : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** JSON: the summary plus the rows; CSV: the rows only, one header line. NaN becomes null / empty. */
export function render(format: OutputFormat, summary: Record<string, unknown>, rows: OutputRow[]): string {
  if (format === 'json') {
    return JSON.stringify({ ...summary, rows }, (_, value: unknown) => (typeof value === 'number' ? (Number.isFinite(value) ? rounded(value) : null) : value), 2);
  }
  const columns = Object.keys(rows[0] ?? {});
  return [columns.join(','), ...rows.map((row) => columns.map((column) => cellText(row[column] ?? null)).join(','))].join('\n');
}

/** A progress bar on stderr (periodic lines when stderr is not a terminal), so stdout stays clean data. */
export function progressOnStderr(label: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (!bar) {
        bar = new SingleBar(
          { stream: process.stderr, format: `${label} {bar} {percentage}% | {value}/{total}`, noTTYOutput: true, notTTYSchedule: 2000 },
          Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
