/**
 * One row of the SCDL "Délibérations" dataset (schema 2.1.5, schema.data.gouv.fr/scdl/deliberations)
 * for one item, and the checks the schema and its arithmetic imply.
 */
import { delegationPhrase } from './extract.js';
import { error, warning, type Finding } from './findings.js';
import { SOURCES } from './sources.js';
import { voteCounts, type ItemContext, type Tally } from './tally.js';

/** The schema's fields, in its order. */
export const SCDL_FIELDS = [
  'COLL_NOM', 'COLL_SIRET', 'DELIB_ID', 'DELIB_DATE', 'DELIB_MATIERE_CODE', 'DELIB_MATIERE_NOM', 'DELIB_OBJET',
  'BUDGET_ANNEE', 'BUDGET_NOM', 'PREF_ID', 'PREF_DATE',
  'VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR', 'VOTE_CONTRE', 'VOTE_ABSTENTION', 'DELIB_URL',
] as const;

export type ScdlRow = Record<(typeof SCDL_FIELDS)[number], string | number | null>;

/** Highest level-2 matter of each level-1 matter of the ACTES nomenclature, as listed by the schema. */
const ACTES_MATTERS: Record<string, number> = { 1: 7, 2: 3, 3: 6, 4: 5, 5: 8, 6: 5, 7: 10, 8: 9, 9: 4 };

export function toScdlRow(ctx: ItemContext, t: Tally): ScdlRow {
  const { file, item } = ctx;
  const counts = voteCounts(ctx, t.voters);
  return {
    COLL_NOM: file.landlord.name,
    COLL_SIRET: file.landlord.siret,
    DELIB_ID: item.actNumber,
    DELIB_DATE: file.session.date,
    DELIB_MATIERE_CODE: item.matter?.code ?? null,
    DELIB_MATIERE_NOM: item.matter?.name ?? null,
    // The schema has no field for it: a Bureau decision states its delegation in its object, as its extract does.
    DELIB_OBJET: ctx.instance.kind === 'bureau' && item.delegation ? `${item.subject} (décision du Bureau ${delegationPhrase(item.delegation)})` : item.subject,
    BUDGET_ANNEE: null,
    BUDGET_NOM: null,
    PREF_ID: item.transmission?.prefectureId ?? null,
    // The schema wants the registration date at the legality control: the acknowledgement of receipt.
    PREF_DATE: item.transmission?.acknowledgedOn ?? null,
    // Members who could vote on this item: voting members in office, less those standing aside.
    VOTE_EFFECTIF: t.votingMembers.filter((m) => !ctx.standingAside.has(m.id)).length,
    VOTE_REEL: counts.for + counts.against + counts.abstentions,
    VOTE_POUR: counts.for,
    VOTE_CONTRE: counts.against,
    VOTE_ABSTENTION: counts.abstentions,
    DELIB_URL: item.url ?? null,
  };
}

/** SIRET control key (Luhn over the 14 digits). */
export function siretKeyIsValid(siret: string): boolean {
  const sum = [...siret].reverse().reduce((acc, char, i) => {
    const digit = Number(char) * (i % 2 === 1 ? 2 : 1);
    return acc + (digit > 9 ? digit - 9 : digit);
  }, 0);
  return sum % 10 === 0;
}

const REQUIRED = ['COLL_NOM', 'COLL_SIRET', 'DELIB_ID', 'DELIB_DATE', 'DELIB_MATIERE_CODE', 'DELIB_MATIERE_NOM', 'DELIB_OBJET'] as const;
const PREF_ID_PATTERN = /^(?:(?:PREF|SGAR)\d{2}[0-9AB]|SPREF\d{2}[0-9AB]\d)$/;

function matterCodeIsKnown(code: string): boolean {
  const match = /^(\d)\.(\d{1,2})$/.exec(code);
  if (!match) return false;
  const max = ACTES_MATTERS[match[1]!];
  const sub = Number(match[2]);
  return max !== undefined && sub >= 1 && sub <= max;
}

export function checkScdlRow(row: ScdlRow): Finding[] {
  const findings: Finding[] = [];
  const fail = (code: string, message: string) => findings.push(error(code, message, SOURCES.scdl));
  for (const field of REQUIRED) {
    if (row[field] === null || row[field] === '') fail('SCDL_REQUIRED', `SCDL : ${field} est obligatoire.`);
  }
  const siret = String(row.COLL_SIRET ?? '');
  if (!/^\d{14}$/.test(siret)) fail('SCDL_SIRET_FORMAT', `SCDL : COLL_SIRET « ${siret} » doit compter 14 chiffres.`);
  else if (!siretKeyIsValid(siret)) findings.push(warning('SCDL_SIRET_KEY', `SCDL : la clé de contrôle du SIRET « ${siret} » est fausse.`, SOURCES.scdl));
  if (row.DELIB_MATIERE_CODE !== null && !matterCodeIsKnown(String(row.DELIB_MATIERE_CODE))) {
    fail('SCDL_MATIERE_CODE', `SCDL : DELIB_MATIERE_CODE « ${row.DELIB_MATIERE_CODE} » n’est pas une matière de niveau 2 de la nomenclature ACTES (1.1 à 9.4).`);
  }
  if (row.PREF_ID !== null && !PREF_ID_PATTERN.test(String(row.PREF_ID))) {
    fail('SCDL_PREF_ID', `SCDL : PREF_ID « ${row.PREF_ID} » doit être PREFNNN, SPREFNNNM ou SGARNNN.`);
  }
  if (row.PREF_DATE !== null && String(row.PREF_DATE) < String(row.DELIB_DATE)) {
    fail('SCDL_PREF_DATE', `SCDL : PREF_DATE (${row.PREF_DATE}) antérieure à DELIB_DATE (${row.DELIB_DATE}).`);
  }
  const [real, pour, contre, abstention, effectif] = [row.VOTE_REEL, row.VOTE_POUR, row.VOTE_CONTRE, row.VOTE_ABSTENTION, row.VOTE_EFFECTIF].map(Number) as [number, number, number, number, number];
  if (real !== pour + contre + abstention) {
    fail('SCDL_VOTE_REEL', `SCDL : VOTE_REEL (${real}) ≠ VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (${pour + contre + abstention}).`);
  }
  if (real > effectif) fail('SCDL_VOTE_EFFECTIF', `SCDL : VOTE_REEL (${real}) dépasse VOTE_EFFECTIF (${effectif}).`);
  return findings;
}
