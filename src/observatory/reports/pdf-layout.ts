import PDFDocument from 'pdfkit';
import { findFonts, type FontSet } from '../../deliberations/pdf/fonts.js';
import { formatCell, kindOf, totalRow, type ReportTable } from './domain/tables.js';

/**
 * The A4 layout of the observatory's reports: a letterhead band, key-figure tiles, sections,
 * notes and ruled tables, the footer on every page. Fonts as the deliberations' extracts
 * (DejaVu, else the PDF core fonts).
 */
export type Doc = PDFKit.PDFDocument;

export const MARGIN = 50;
const BODY = 9;
export const ACCENT = '#1d4e89';
const RULE = '#c9d3df';
const STRIPE = '#f2f5f9';
const MUTED = '#555555';

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

export const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;

/** The letterhead: the landlord in a coloured band, the document's title and its subject lines. */
export function letterhead(doc: Doc, head: { landlord: string; kicker: string; title: string; lines: readonly string[] }): void {
  doc.rect(0, 0, doc.page.width, 64).fill(ACCENT);
  doc.fillColor('white').font('bold').fontSize(13).text(head.landlord, MARGIN, 20, { width: contentWidth(doc) });
  doc.font('regular').fontSize(9).text(head.kicker, MARGIN, 39, { width: contentWidth(doc) });
  doc.fillColor('black').font('bold').fontSize(17).text(head.title, MARGIN, 84, { width: contentWidth(doc) });
  doc.font('regular').fontSize(10).moveDown(0.3);
  for (const line of head.lines) doc.text(line, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.6).moveTo(MARGIN, doc.y).lineTo(doc.page.width - MARGIN, doc.y).lineWidth(1).strokeColor(ACCENT).stroke();
  doc.fontSize(BODY).moveDown(0.8);
}

/** A row of key-figure tiles: a big value above its label. */
export function tiles(doc: Doc, items: readonly { value: string; label: string }[]): void {
  const gap = 8;
  const width = (contentWidth(doc) - gap * (items.length - 1)) / items.length;
  const height = 54;
  const y = doc.y;
  items.forEach((item, index) => {
    const x = MARGIN + index * (width + gap);
    doc.roundedRect(x, y, width, height, 3).fill(STRIPE);
    let size = 16;
    while (size > 9 && doc.font('bold').fontSize(size).widthOfString(item.value) > width - 12) size -= 1;
    doc.fillColor(ACCENT).text(item.value, x + 6, y + 8 + (16 - size) / 2, { width: width - 12, align: 'center', lineBreak: false });
    doc.fillColor(MUTED).font('regular').fontSize(7.5).text(item.label, x + 6, y + 32, { width: width - 12, align: 'center' });
  });
  doc.fillColor('black').font('regular').fontSize(BODY);
  doc.x = MARGIN;
  doc.y = y + height + 10;
}

/** Starts a section on a new page when fewer than `room` points are left. */
export function section(doc: Doc, heading: string, room = 140): void {
  if (doc.y > doc.page.height - room) doc.addPage();
  doc.moveDown(0.5).fillColor(ACCENT).font('bold').fontSize(11.5).text(heading, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor('black').font('regular').fontSize(BODY).moveDown(0.3);
}

export function note(doc: Doc, text: string): void {
  doc.fillColor(MUTED).font('italic').fontSize(7.5).text(text, MARGIN, doc.y, { width: contentWidth(doc), align: 'justify' });
  doc.fillColor('black').font('regular').fontSize(BODY).moveDown(0.5);
}

export function paragraph(doc: Doc, text: string): void {
  doc.font('regular').fontSize(BODY).text(text, MARGIN, doc.y, { width: contentWidth(doc), align: 'justify' }).moveDown(0.5);
}

/** A ruled table: the first column left-aligned and wider, the others right-aligned; new page (headers repeated) when full. */
export function table(doc: Doc, spec: ReportTable): void {
  const width = contentWidth(doc);
  const first = Math.max(120, Math.min(210, width - (spec.headers.length - 1) * 64));
  const other = (width - first) / Math.max(1, spec.headers.length - 1);
  const xOf = (index: number) => (index === 0 ? MARGIN : MARGIN + first + (index - 1) * other);
  const widthOf = (index: number) => (index === 0 ? first : other) - 8;
  const line = (cells: readonly string[], style: 'head' | 'body' | 'total', stripe: boolean) => {
    doc.font(style === 'body' ? 'regular' : 'bold').fontSize(style === 'head' ? 8 : BODY);
    const height = Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: widthOf(index) }))) + 6;
    if (doc.y + height > doc.page.height - 70) {
      doc.addPage();
      if (style !== 'head') line(spec.headers, 'head', false);
      doc.font(style === 'body' ? 'regular' : 'bold').fontSize(BODY);
    }
    const y = doc.y;
    if (style === 'head') doc.rect(MARGIN, y, width, height).fill(ACCENT);
    else if (stripe) doc.rect(MARGIN, y, width, height).fill(STRIPE);
    doc.fillColor(style === 'head' ? 'white' : 'black');
    cells.forEach((cell, index) => doc.text(cell, xOf(index) + 4, y + 3, { width: widthOf(index), align: index === 0 ? 'left' : 'right' }));
    doc.fillColor('black');
    if (style === 'total') doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.8).strokeColor(ACCENT).stroke();
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line(spec.headers, 'head', false);
  spec.rows.forEach((row, rowIndex) => line(row.map((cell, column) => formatCell(cell, kindOf(spec, rowIndex, column))), 'body', rowIndex % 2 === 1));
  if (spec.total) line(totalRow(spec).map((cell, column) => (cell === null ? '' : formatCell(cell, kindOf(spec, -1, column)))), 'total', false);
  doc.font('regular').fontSize(BODY).moveDown(0.6);
}

export function finish(report: ReportPdf, footer: string): Promise<Buffer> {
  const { doc } = report;
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.moveTo(MARGIN, doc.page.height - 44).lineTo(doc.page.width - MARGIN, doc.page.height - 44).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(7).fillColor(MUTED)
      .text(footer, MARGIN, doc.page.height - 38, { width: contentWidth(doc) - 60, align: 'left' })
      .text(`page ${index + 1} / ${range.count}`, doc.page.width - MARGIN - 60, doc.page.height - 38, { width: 60, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return report.done;
}
