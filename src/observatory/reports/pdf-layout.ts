import PDFDocument from 'pdfkit';
import { findFonts, type FontSet } from '../../deliberations/pdf/fonts.js';

/**
 * A small A4 layout for the observatory's reports: title lines, sections, notes and plain
 * tables, with the footer on every page. Fonts as the deliberations' extracts (DejaVu, else the
 * PDF core fonts).
 */
export type Doc = PDFKit.PDFDocument;
export type Cell = string | number | null;

const BODY = 9;
const MARGIN = 50;

export interface ReportPdf {
  doc: Doc;
  done: Promise<Buffer>;
}

export function openReport(info: { title: string; author: string }, fonts: FontSet = findFonts()): ReportPdf {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN, bottom: 60, left: MARGIN, right: MARGIN }, bufferPages: true, lang: 'fr-FR', info: { Title: info.title, Author: info.author } });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  doc.font('regular').fontSize(BODY);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export function title(doc: Doc, lines: readonly string[]): void {
  doc.font('bold').fontSize(15).text(lines[0]!, { align: 'center' });
  doc.font('regular').fontSize(10);
  for (const line of lines.slice(1)) doc.text(line, { align: 'center' });
  doc.fontSize(BODY).moveDown(1);
}

export function section(doc: Doc, heading: string): void {
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(11).text(heading, MARGIN).font('regular').fontSize(BODY).moveDown(0.3);
}

export function note(doc: Doc, text: string): void {
  doc.font('italic').fontSize(8).text(text, MARGIN, doc.y, { align: 'justify' }).font('regular').fontSize(BODY).moveDown(0.4);
}

/** French number formatting; a text (« < 5 », « s ») is printed as it is. */
export function formatCell(value: Cell): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return value.toLocaleString('fr-FR', { maximumFractionDigits: 1 }).replace(/\u202f|\u00a0/g, ' ');
}

/** A table: the first column left-aligned and wider, the others right-aligned; new page when full. */
export function table(doc: Doc, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const width = doc.page.width - 2 * MARGIN;
  const first = Math.min(200, width * 0.4);
  const other = (width - first) / Math.max(1, headers.length - 1);
  const xOf = (index: number) => (index === 0 ? MARGIN : MARGIN + first + (index - 1) * other);
  const widthOf = (index: number) => (index === 0 ? first : other) - 4;
  const line = (cells: readonly string[], font: string) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.font(font);
    const heights = cells.map((cell, index) => doc.heightOfString(cell, { width: widthOf(index) }));
    cells.forEach((cell, index) => doc.text(cell, xOf(index), y, { width: widthOf(index), align: index === 0 ? 'left' : 'right', lineBreak: true }));
    doc.x = MARGIN;
    doc.y = y + Math.max(...heights) + 3;
  };
  line(headers, 'bold');
  for (const row of rows) line(row, 'regular');
  doc.font('regular').moveDown(0.3);
}

export function finish(report: ReportPdf, footer: string): Promise<Buffer> {
  const { doc } = report;
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#555555')
      .text(`${footer} — page ${index + 1} / ${range.count}`, MARGIN, doc.page.height - 36, { width: doc.page.width - 2 * MARGIN, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return report.done;
}
