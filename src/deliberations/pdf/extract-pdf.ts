/**
 * Lays out the extract's blocks (./domain/extract.ts) on A4 in the layout OPHs publish:
 * letterhead, centred title, the
 * attendance paragraphs, subject, report, formula, decisions, stand-asides and the vote table.
 */
import PDFDocument from 'pdfkit';
import { UNCOUNTED_LABEL, type ExtractBlock } from '../domain/extract.js';
import { frenchLongDate } from '../domain/names.js';
import { findFonts, type FontSet } from './fonts.js';

interface ExtractPdfOptions {
  /** Act number, printed in the footer of every page. */
  actNumber: string;
  /** A draft is marked as such: it is not yet a decision. */
  draft: boolean;
  fonts?: FontSet;
}

type Doc = PDFKit.PDFDocument;
type BlockOf<K extends ExtractBlock['kind']> = Extract<ExtractBlock, { kind: K }>;

const BODY_SIZE = 10;
const STAMP_COLOR = '#1d4e89';
const DRAFT_COLOR = '#b3261e';

function paragraph(doc: Doc, label: string, text: string): void {
  doc.font('bold').text(`${label} : `, { continued: true }).font('regular').text(text, { align: 'justify' }).moveDown(0.6);
}

function executoryStamp(doc: Doc, block: BlockOf<'executory'>): void {
  const width = 200;
  const x = doc.page.width - doc.page.margins.right - width;
  const y = doc.y;
  doc.save().lineWidth(1.5).strokeColor(STAMP_COLOR).roundedRect(x, y, width, 46, 4).stroke().restore();
  doc.fillColor(STAMP_COLOR).font('bold').fontSize(11).text('Acte certifié exécutoire', x, y + 7, { width, align: 'center' });
  doc.font('regular').fontSize(8)
    .text(`Transmis en préfecture le ${frenchLongDate(block.transmittedOn)}`, { width, align: 'center' })
    .text(`Publié le ${frenchLongDate(block.publishedOn)}`, { width, align: 'center' });
  doc.fillColor('black').fontSize(BODY_SIZE);
  doc.x = doc.page.margins.left;
  doc.y = y + 56;
}

function draftBanner(doc: Doc): void {
  doc.fillColor(DRAFT_COLOR).font('bold').fontSize(11)
    .text('PROJET — point non validé, sans valeur d’extrait', { align: 'center' })
    .fillColor('black').fontSize(BODY_SIZE).moveDown(0.8);
}

function letterhead(doc: Doc, block: BlockOf<'letterhead'>): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('bold').text(block.directorGeneral, left, doc.y, { width, align: 'right' });
  doc.font('regular').text(block.lines[1]!, { width, align: 'right' }).moveDown(0.4);
  doc.font('bold').text(block.landlordName, left, doc.y, { width });
  doc.font('regular');
  for (const line of block.addressLines) doc.text(line, { width });
  doc.moveDown(1.5);
}

function title(doc: Doc, block: BlockOf<'title'>): void {
  const [name, legalForm, , ...heading] = block.lines;
  doc.font('bold').fontSize(13).text(name!, { align: 'center' });
  doc.font('regular').fontSize(BODY_SIZE).text(legalForm!, { align: 'center' }).moveDown(1);
  doc.font('bold').fontSize(11);
  for (const line of heading) doc.text(line, { align: 'center' });
  doc.fontSize(BODY_SIZE).moveDown(0.8);
}

function voteTable(doc: Doc, block: BlockOf<'vote'>): void {
  const [heading] = block.lines;
  doc.moveDown(0.4).font('bold').text(heading!).font('regular').moveDown(0.2);
  if (block.unanimous) return;
  const shown = block.rows.filter((row, index) => index < 3 || row.count > 0);
  const left = doc.page.margins.left;
  const namesX = left + 190;
  const namesWidth = doc.page.width - doc.page.margins.right - namesX;
  for (const row of shown) {
    const y = doc.y;
    doc.text(row.label, left, y, { width: 150 });
    doc.text(String(row.count), left + 150, y, { width: 30, align: 'right' });
    const afterLabel = doc.y;
    if (row.names.length > 0) doc.text(row.names.join(', '), namesX, y, { width: namesWidth });
    doc.x = left;
    doc.y = Math.max(afterLabel, doc.y) + 2;
  }
}

function renderBlock(doc: Doc, block: ExtractBlock): void {
  switch (block.kind) {
    case 'executory': return executoryStamp(doc, block);
    case 'letterhead': return letterhead(doc, block);
    case 'title': return title(doc, block);
    case 'session':
      doc.font('bold').fontSize(11).text(block.lines[0]!, { align: 'center' }).fontSize(BODY_SIZE).moveDown(1.2);
      return;
    case 'president': return paragraph(doc, 'Président', block.name);
    case 'present':
      paragraph(doc, 'Présents', block.names.join(', '));
      if (block.uncounted.length > 0) paragraph(doc, UNCOUNTED_LABEL, block.uncounted.join(', '));
      return;
    case 'excused':
      if (block.lines.length > 0) paragraph(doc, 'Excusés', block.lines[0]!.replace(/^Excusés : /, ''));
      return;
    case 'subject':
      doc.moveDown(0.4).font('bold').fontSize(11).text(block.text, { align: 'left' }).fontSize(BODY_SIZE).moveDown(0.6);
      return;
    case 'directorate':
      doc.font('italic').text(block.directorate).font('regular').text(`Rapporteur : ${block.rapporteur}`).moveDown(0.8);
      return;
    case 'report':
      doc.font('regular');
      for (const text of block.paragraphs) doc.text(text, { align: 'justify' }).moveDown(0.5);
      return;
    case 'formula':
      doc.moveDown(0.4).font('bold').text('*****', { align: 'center' }).moveDown(0.4).text(block.text).font('regular').moveDown(0.3);
      return;
    case 'decisions':
      for (const decision of block.decisions) doc.text(decision, { align: 'justify', indent: 14 }).moveDown(0.3);
      return;
    case 'standAsides':
      doc.moveDown(0.4).font('italic').text(block.lines[0]!, { align: 'justify' }).font('regular');
      return;
    case 'vote': return voteTable(doc, block);
  }
}

function footers(doc: Doc, actNumber: string): void {
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#555555')
      .text(`Acte n° ${actNumber} — page ${index + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 36, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
}

/** The extract as a PDF document. */
export function renderExtractPdf(blocks: ExtractBlock[], options: ExtractPdfOptions): Promise<Buffer> {
  const fonts = options.fonts ?? findFonts();
  const subject = blocks.find((b): b is BlockOf<'subject'> => b.kind === 'subject')?.text ?? '';
  const landlord = blocks.find((b): b is BlockOf<'title'> => b.kind === 'title')?.landlordName ?? '';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: 60, right: 60 },
    bufferPages: true,
    lang: 'fr-FR',
    info: { Title: `Extrait ${options.actNumber} — ${subject}`, Author: landlord, Subject: 'Décision extraite du procès-verbal' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  doc.font('regular').fontSize(BODY_SIZE);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (options.draft) draftBanner(doc);
  for (const block of blocks) renderBlock(doc, block);
  footers(doc, options.actNumber);
  doc.end();
  return done;
}
