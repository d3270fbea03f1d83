import ExcelJS from 'exceljs';
import { kindOf, totalRow, type CellKind, type ReportTable } from './domain/tables.js';

/**
 * The reports' tables as a workbook: one sheet per table, its title on the first line, notes
 * on the second, headers on the third, then the rows (numbers stay numbers, formatted per
 * kind; hidden figures stay « < 5 » / « s » text) and the total line where the table has one.
 */
export const HEADER_ROW = 3;

const FORMATS: Record<CellKind, string | undefined> = {
  text: undefined, count: '#,##0', dwellings: '#,##0', rate: '0.0', hours: '0.0', percent: '0.0 %', euros: '#,##0 "€"',
};

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable, subtitle: string): void {
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { bold: true, size: 13 };
  sheet.getCell(2, 1).value = subtitle;
  sheet.getCell(2, 1).font = { italic: true, size: 9 };
  const header = sheet.getRow(HEADER_ROW);
  table.headers.forEach((text, index) => {
    header.getCell(index + 1).value = text.replace('\n', ' ');
    sheet.getColumn(index + 1).width = index === 0 ? 44 : 18;
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const rows = table.total ? [...table.rows, totalRow(table)] : table.rows;
  rows.forEach((cells, rowIndex) => {
    const line = sheet.getRow(HEADER_ROW + 1 + rowIndex);
    cells.forEach((value, column) => {
      const cell = line.getCell(column + 1);
      cell.value = value;
      const format = FORMATS[kindOf(table, rowIndex, column)];
      if (format && typeof value === 'number') cell.numFmt = format;
      if (typeof value === 'string' && column > 0) cell.alignment = { horizontal: 'right' };
    });
    if (rowIndex === table.rows.length) line.font = { bold: true };
  });
  sheet.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

export async function tablesWorkbook(tables: readonly ReportTable[], subtitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigie';
  for (const table of tables) addSheet(workbook, table, subtitle);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
