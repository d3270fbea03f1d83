import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSessionFile } from './parse.js';
import { checkScdlRow, siretKeyIsValid, toScdlRow, type ScdlRow } from './scdl.js';
import { itemContext, tally } from './tally.js';

const example = parseSessionFile(readFileSync(new URL('../examples/seance-ca-2024-03-14.json', import.meta.url), 'utf8'));
const rowOf = (rank: number) => {
  const ctx = itemContext(example, example.items.find((i) => i.rank === rank)!);
  return toScdlRow(ctx, tally(ctx));
};

describe('SCDL Délibérations 2.1.5 row', () => {
  it('maps an item with stand-asides: VOTE_EFFECTIF excludes them, VOTE_REEL = POUR + CONTRE + ABSTENTION', () => {
    expect(rowOf(2)).toEqual({
      COLL_NOM: 'Estuaire Habitat',
      COLL_SIRET: '27330000000018',
      DELIB_ID: 'CA2024_03_02',
      DELIB_DATE: '2024-03-14',
      DELIB_MATIERE_CODE: '8.5',
      DELIB_MATIERE_NOM: 'domaines de competences par themes/politique de la ville-habitat-logement',
      DELIB_OBJET: 'Convention de partenariat 2024-2026 avec le Département pour la réhabilitation thermique de 420 logements',
      BUDGET_ANNEE: null,
      BUDGET_NOM: null,
      PREF_ID: 'PREF033',
      PREF_DATE: '2024-03-18',
      VOTE_EFFECTIF: 24,
      VOTE_REEL: 21,
      VOTE_POUR: 19,
      VOTE_CONTRE: 0,
      VOTE_ABSTENTION: 2,
      DELIB_URL: null,
    });
    expect(checkScdlRow(rowOf(2))).toEqual([]);
  });

  it('checks the schema constraints and the arithmetic', () => {
    const row: ScdlRow = { ...rowOf(2), COLL_SIRET: '2733000000001', DELIB_MATIERE_CODE: '7.11', PREF_ID: 'PREF33', PREF_DATE: '2024-03-13', VOTE_REEL: 22, DELIB_OBJET: '' };
    expect(checkScdlRow(row).map((f) => f.code)).toEqual(['SCDL_REQUIRED', 'SCDL_SIRET_FORMAT', 'SCDL_MATIERE_CODE', 'SCDL_PREF_ID', 'SCDL_PREF_DATE', 'SCDL_VOTE_REEL']);
    expect(checkScdlRow({ ...rowOf(2), VOTE_EFFECTIF: 20 }).map((f) => f.code)).toEqual(['SCDL_VOTE_EFFECTIF']);
  });

  it('accepts the ACTES matters listed by the schema (7.10, 9.4, Corsican and sub-prefecture PREF_ID)', () => {
    for (const [code, prefId] of [['7.10', 'PREF02A'], ['9.4', 'SPREF0331'], ['1.1', 'SGAR075']]) {
      expect(checkScdlRow({ ...rowOf(2), DELIB_MATIERE_CODE: code!, PREF_ID: prefId! })).toEqual([]);
    }
    expect(checkScdlRow({ ...rowOf(2), DELIB_MATIERE_CODE: '9.5' }).map((f) => f.code)).toEqual(['SCDL_MATIERE_CODE']);
  });

  it('verifies the SIRET key (Luhn) as a warning', () => {
    expect(siretKeyIsValid('21860194600013')).toBe(true); // the schema's own example (Ville de Poitiers)
    expect(siretKeyIsValid('21860194600014')).toBe(false);
    expect(checkScdlRow({ ...rowOf(2), COLL_SIRET: '21860194600014' }).map((f) => [f.code, f.severity])).toEqual([['SCDL_SIRET_KEY', 'warning']]);
  });
});
