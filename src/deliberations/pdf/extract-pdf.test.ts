import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeExtract } from '../domain/extract.js';
import { parseSessionFile } from '../domain/parse.js';
import { renderExtractPdf } from './extract-pdf.js';
import { findFonts } from './fonts.js';

const example = parseSessionFile(readFileSync(new URL('../examples/seance-ca-2024-03-14.json', import.meta.url), 'utf8'));
const OUT = path.resolve('test-results/deliberations');

/** Poppler's tools; in CI a missing poppler-utils is an error, never a skip. */
function popplerAvailable(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('CI is set but poppler-utils (pdftotext, pdftoppm) is missing');
    return false;
  }
}

async function render(rank: number, draft = false): Promise<string> {
  const pdf = await renderExtractPdf(composeExtract(example, rank), { actNumber: example.items.find((i) => i.rank === rank)!.actNumber, draft });
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `extrait-point-${rank}${draft ? '-projet' : ''}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe.skipIf(!popplerAvailable())('extract PDF', () => {
  it('embeds a TrueType font with French accents when DejaVu is installed', () => {
    expect(findFonts({ VIGIE_PDF_FONT_DIR: '/nowhere' }).regular).toMatch(/DejaVuSans\.ttf$|^Helvetica$/);
  });

  it('lays out the item with its stamp, attendance, stand-asides and counts', async () => {
    const file = await render(2);
    const pdfText = text(file);
    expect(pdfText).toContain('Acte certifié exécutoire');
    expect(pdfText).toContain('Transmis en préfecture le 18 mars 2024');
    expect(pdfText).toMatch(/DECISION EXTRAITE DU PROCES VERBAL DE LA REUNION\s+DU CONSEIL D'ADMINISTRATION/);
    expect(pdfText).toContain('SEANCE DU 14 MARS 2024');
    expect(pdfText).toContain('Excusés : Madame ROUX qui a donné pouvoir à Madame MOREL');
    expect(pdfText.replace(/\s+/g, ' ')).toContain("Messieurs FABRE, CHEVALIER et Madame PERRIN n'ayant pas participé aux débats et vote de cette délibération.");
    expect(pdfText).toMatch(/Pour\s+19\n/);
    expect(pdfText).toMatch(/Abstentions\s+2\n/);
    expect(pdfText).toContain('Direction du patrimoine et de la maîtrise d’ouvrage');
    expect(pdfText).toContain('Acte n° CA2024_03_02 — page 1 / ');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, file.replace(/\.pdf$/, '')]);
  });

  it('writes the names of a per-member vote and no stamp before publication', async () => {
    const pdfText = text(await render(4));
    expect(pdfText).not.toContain('Acte certifié exécutoire');
    const perMember = text(await render(3));
    expect(perMember).toMatch(/Contre\s+2\s+Monsieur DA SILVA, Madame FAURE/);
  });

  it('marks a draft', async () => {
    expect(text(await render(1, true))).toContain('PROJET — point non validé');
  });
});
