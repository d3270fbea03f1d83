import ExcelJS from 'exceljs';

/**
 * Report workbooks: one sheet per table, a title line, a header line, the rows, and a total line
 * whose cells are SUM formulas carrying their computed result (so readers without recalculation
 * see the totals). Amounts arrive in cents and are written in euros.
 */
export type CellKind = 'text' | 'integer' | 'euros' | 'percent' | 'date';

export interface SheetColumn<T> {
  header: string;
  kind: CellKind;
  value: (row: T) => string | number | null;
  /** Summed on the total line. */
  total?: boolean;
  width?: number;
}

export interface SheetSpec<T> {
  name: string;
  title: string;
  columns: readonly SheetColumn<T>[];
  rows: readonly T[];
}

export const TOTAL_LABEL = 'Total';
/** Line of the headers; data starts below it. */
export const HEADER_ROW = 3;

const FORMATS: Partial<Record<CellKind, string>> = { integer: '#,##0', euros: '#,##0.00 "€"', percent: '0.0' };

const cellValue = (kind: CellKind, value: string | number | null) => (kind === 'euros' && typeof value === 'number' ? value / 100 : value);

function addSheet<T>(workbook: ExcelJS.Workbook, spec: SheetSpec<T>): void {
  const sheet = workbook.addWorksheet(spec.name);
  sheet.getCell(1, 1).value = spec.title;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  const header = sheet.getRow(HEADER_ROW);
  spec.columns.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
    sheet.getColumn(index + 1).width = column.width ?? Math.max(12, Math.min(40, column.header.length + 2));
    const format = FORMATS[column.kind];
    if (format) sheet.getColumn(index + 1).numFmt = format;
  });
  header.font = { bold: true };
  spec.rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(HEADER_ROW + 1 + rowIndex);
    spec.columns.forEach((column, index) => (line.getCell(index + 1).value = cellValue(column.kind, column.value(row))));
  });
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + spec.rows.length;
  const totals = sheet.getRow(last + 1);
  totals.getCell(1).value = TOTAL_LABEL;
  totals.font = { bold: true };
  spec.columns.forEach((column, index) => {
    if (!column.total) return;
    const sum = spec.rows.reduce((total, row) => total + Number(column.value(row) ?? 0), 0);
    const letter = sheet.getColumn(index + 1).letter;
    // exceljs writes no cached result for a formula worth 0: a zero total is written as a value.
    totals.getCell(index + 1).value = sum === 0 ? 0 : { formula: `SUM(${letter}${first}:${letter}${last})`, result: cellValue(column.kind, sum) as number };
  });
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

/** One sheet, ready to be written: sheets of different row types go in one workbook. */
export type Sheet = (workbook: ExcelJS.Workbook) => void;

export const sheet = <T>(spec: SheetSpec<T>): Sheet => (workbook) => addSheet(workbook, spec);

export async function writeWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigie';
  for (const add of sheets) add(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
