import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { validationError } from '../../../core/errors.js';

/** A sheet of text cells: the header, then each record with its line (CSV) or row (XLSX) number. */
export interface Table {
  header: string[];
  records: { line: number; cells: string[] }[];
}

/** The header tells the separator: whichever of `;` and `,` it holds more of. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => header.split(char).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** UTF-8 (with or without BOM); files that are not valid UTF-8 are read as Windows Latin-1, as public RPLS extracts are. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** `info.lines` is where a record ends; a quoted cell may have made it start lines earlier. */
const lineBreaksWithin = (raw: string) => (raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '').match(/\n/g) ?? []).length;

export function parseCsv(text: string): Table {
  try {
    const parsed = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    const [header, ...records] = parsed;
    return {
      header: header?.record ?? [],
      records: records.map(({ record, info, raw }) => ({ line: info.lines - lineBreaksWithin(raw), cells: record })),
    };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw validationError('Fichier CSV illisible (unreadable CSV file)', [{ field: 'file', line, message: error.message }]);
  }
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'result' in value) return value.result instanceof Date ? value.result.toISOString().slice(0, 10) : String(value.result ?? '');
  return cell.text.trim();
}

/** The first worksheet of a workbook's bytes; dates become YYYY-MM-DD. */
export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw validationError('Classeur XLSX illisible (unreadable XLSX workbook)', [{ field: 'file', message: error instanceof Error ? error.message : String(error) }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], records: [] };
  const width = sheet.columnCount;
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells = Array.from({ length: width }, (_, index) => cellText(row.getCell(index + 1)));
    if (cells.some((cell) => cell !== '')) rows.push({ line, cells });
  });
  const [header, ...records] = rows;
  return { header: header?.cells ?? [], records };
}

function formatOf(name: string): 'csv' | 'xlsx' {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv' || extension === '.txt') return 'csv';
  throw validationError('Format de fichier non pris en charge (unsupported file format)', [{ field: 'file', message: `.csv ou .xlsx attendu, reçu « ${extension || name} »` }]);
}

/** Reads the bytes of a .csv or .xlsx file (an upload), by the extension of its name. */
export function readTableBytes(name: string, bytes: Uint8Array): Promise<Table> {
  return formatOf(name) === 'xlsx' ? parseXlsx(bytes) : Promise.resolve(parseCsv(decodeText(bytes)));
}

/** Reads a .csv or .xlsx file. */
export async function readTable(file: string): Promise<Table> {
  formatOf(file);
  return readTableBytes(file, await readFile(file));
}
