import type { FieldError } from '../../../core/errors.js';

/** Reads typed values out of text cells, collecting one error per unreadable cell. */
export class CellReader {
  readonly errors: FieldError[] = [];

  text(value: string | undefined): string | null {
    const trimmed = value?.trim() ?? '';
    return trimmed === '' ? null : trimmed;
  }

  /** Accepts a French decimal comma ("62,5"). */
  number(value: string | undefined, line: number, field: string): number | null {
    const text = this.text(value);
    if (text === null) return null;
    const number = Number(text.replace(',', '.').replace(/\s/g, ''));
    if (Number.isFinite(number)) return number;
    this.errors.push({ line, field, message: `nombre attendu, reçu « ${text} »` });
    return null;
  }
}
