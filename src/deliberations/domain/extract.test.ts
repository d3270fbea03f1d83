import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeExtract, renderExtractText, type ExtractBlock } from './extract.js';
import { parseSessionFile } from './parse.js';
import { frenchLongDate, groupedByCivility } from './names.js';
import { demoBoardSessions } from '../demo/board.js';
import { toScdlRow } from './scdl.js';
import { itemContext, tally } from './tally.js';

const example = parseSessionFile(readFileSync(new URL('../examples/seance-ca-2024-03-14.json', import.meta.url), 'utf8'));
const block = <K extends ExtractBlock['kind']>(blocks: ExtractBlock[], kind: K) => blocks.find((b) => b.kind === kind) as Extract<ExtractBlock, { kind: K }>;

describe('French wording', () => {
  it('writes long dates with the ordinal first day', () => {
    expect(frenchLongDate('2024-03-01')).toBe('1er mars 2024');
    expect(frenchLongDate('2024-12-14')).toBe('14 décembre 2024');
  });

  it('groups stand-asides by civility with a single "et"', () => {
    const p = (civility: 'M.' | 'Mme', lastName: string) => ({ civility, firstName: 'X', lastName });
    expect(groupedByCivility([p('M.', 'Fabre'), p('Mme', 'Perrin'), p('M.', 'Chevalier')])).toBe('Messieurs FABRE, CHEVALIER et Madame PERRIN');
    expect(groupedByCivility([p('M.', 'Fabre'), p('M.', 'Chevalier')])).toBe('Messieurs FABRE et CHEVALIER');
    expect(groupedByCivility([p('Mme', 'Perrin')])).toBe('Madame PERRIN');
  });
});

describe('extract of one item', () => {
  it('orders the blocks as the published layout', () => {
    expect(composeExtract(example, 2).map((b) => b.kind)).toEqual([
      'executory', 'letterhead', 'title', 'session', 'president', 'present', 'excused', 'subject', 'directorate', 'report', 'formula', 'decisions', 'standAsides', 'vote',
    ]);
  });

  it('stamps "Acte certifié exécutoire" only once transmitted and published', () => {
    expect(composeExtract(example, 4).map((b) => b.kind)).not.toContain('executory');
  });

  it('lists the excused members with proxies first, then those without', () => {
    const excused = block(composeExtract(example, 2), 'excused');
    expect(excused.withProxy.map((p) => `${p.member} → ${p.holder}`)).toEqual([
      'Madame ROUX → Madame MOREL', 'Monsieur DUMAS → Monsieur LACOSTE', 'Madame BOYER → Monsieur VIDAL', 'Madame FONTAINE → Monsieur MARCHAND', 'Monsieur HADDAD → Madame BENALI',
    ]);
    expect(excused.withoutProxy).toEqual(['Madame RENAUD', 'Monsieur MERCIER']);
    expect(excused.lines[0]).toMatch(/^Excusés : Madame ROUX qui a donné pouvoir à Madame MOREL, .* Madame RENAUD, Monsieur MERCIER\.$/);
  });

  it('follows the item’s attendance overrides (a member who left before item 4)', () => {
    expect(block(composeExtract(example, 1), 'present').names).toContain('Madame BLANC');
    expect(block(composeExtract(example, 4), 'present').names).not.toContain('Madame BLANC');
    expect(block(composeExtract(example, 4), 'excused').withoutProxy).toContain('Madame BLANC');
  });

  it('renders the session date, the formula, the stand-asides and the counts as text', () => {
    const text = renderExtractText(composeExtract(example, 2));
    expect(text).toContain('SEANCE DU 14 MARS 2024');
    expect(text).toContain("Au vu des éléments proposés et après en avoir délibéré, les membres du Conseil d'administration :");
    expect(text).toContain("Messieurs FABRE, CHEVALIER et Madame PERRIN n'ayant pas participé aux débats et vote de cette délibération.");
    expect(text).toContain('Décision adoptée à la majorité des membres présents ou représentés\nPour                         19\nContre                        0\nAbstentions                   2\n');
  });

  it('says "à l’unanimité" without counts, and names voters of a per-member vote', () => {
    expect(block(composeExtract(example, 1), 'vote').lines).toEqual(["Décision adoptée à l'unanimité"]);
    const vote = block(composeExtract(example, 3), 'vote');
    expect(vote.rows.map((r) => [r.label, r.count])).toEqual([['Pour', 21], ['Contre', 2], ['Abstentions', 1], ['Ne prend pas part au vote', 0]]);
    expect(vote.rows[1]!.names).toEqual(['Monsieur DA SILVA', 'Madame FAURE']);
  });

  it('titles the director general by civility', () => {
    const file = structuredClone(example);
    expect(block(composeExtract(file, 1), 'letterhead').lines[1]).toBe('Directeur général');
    file.landlord.directorGeneral.civility = 'Mme';
    expect(block(composeExtract(file, 1), 'letterhead').lines[1]).toBe('Directrice générale');
  });

  it('speaks of the Bureau for a Bureau session', () => {
    const bureau = structuredClone(example);
    bureau.session.instance = 'BUREAU';
    bureau.session.attendance = ['m01', 'm02', 'm11', 'm17', 'm21', 'm22', 'm23'].map((member) => ({ member, status: 'present' as const }));
    const blocks = composeExtract(bureau, 1);
    expect(block(blocks, 'title').lines).toContain("DU BUREAU DU CONSEIL D'ADMINISTRATION");
    expect(block(blocks, 'formula').text).toBe('Au vu des éléments proposés et après en avoir délibéré, les membres du Bureau :');
  });
});

describe('extract of a Bureau decision', () => {
  const bureau = (date: string) => demoBoardSessions().find((s) => s.session.instance === 'BUREAU' && s.session.date === date)!;

  it('cites the board delegation it relies on, in the formula and in the SCDL object (CCH art. L. 421-8)', () => {
    const file = bureau('2025-03-20');
    const formula = block(composeExtract(file, 1), 'formula');
    expect(formula.text).toBe(
      "Au vu des éléments proposés et après en avoir délibéré, les membres du Bureau, en vertu de la délégation consentie par le Conseil d'administration le 13 février 2025 (délibération n° CA2025_02_02) :",
    );
    expect(block(composeExtract(file, 1), 'title').lines).toContain("DU BUREAU DU CONSEIL D'ADMINISTRATION");
    const ctx = itemContext(file, file.items[0]!);
    expect(toScdlRow(ctx, tally(ctx)).DELIB_OBJET).toBe(`${file.items[0]!.subject} (décision du Bureau en vertu de la délégation consentie par le Conseil d'administration le 13 février 2025 (délibération n° CA2025_02_02))`);
  });

  it('cites the delegation in force on the session date', () => {
    expect(block(composeExtract(bureau('2025-01-23'), 1), 'formula').text).toContain('le 9 septembre 2021 (délibération n° CA2021_09_03)');
  });

  it('keeps the board formula unchanged', () => {
    expect(block(composeExtract(example, 2), 'formula').text).toBe("Au vu des éléments proposés et après en avoir délibéré, les membres du Conseil d'administration :");
  });
});
