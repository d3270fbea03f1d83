import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { validationError } from '../../core/errors.js';
import { NATIVE_COLUMNS } from '../import/files/native-layout.js';
import type { NativePatrimonyRow } from '../import/native-row.js';

const COLUMN_NAMES = NATIVE_COLUMNS.map((column) => column.name);

/** Semicolons and a BOM: what French spreadsheet software opens without a wizard. */
function toCsv(rows: readonly NativePatrimonyRow[]): string {
  return stringify(rows.map((row) => COLUMN_NAMES.map((name) => row[name] ?? '')), {
    header: true,
    columns: COLUMN_NAMES,
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
  });
}

async function writeXlsx(file: string, rows: readonly NativePatrimonyRow[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Patrimoine');
  sheet.addRow(COLUMN_NAMES);
  for (const row of rows) sheet.addRow(COLUMN_NAMES.map((name) => row[name] ?? null));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await workbook.xlsx.writeFile(file);
}

/** Writes rows in the native layout, as CSV or XLSX after the file's extension. */
export async function writeNativeFile(file: string, rows: readonly NativePatrimonyRow[]): Promise<void> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return writeFile(file, toCsv(rows));
  if (extension === '.xlsx') return writeXlsx(file, rows);
  throw validationError("Format d'export non pris en charge (unsupported export format)", [{ field: 'file', message: `.csv ou .xlsx attendu, reçu « ${extension || file} »` }]);
}
