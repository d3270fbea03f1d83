/**
 * The extract of one item as the landlord publishes it (layout in docs/deliberations.md): ordered,
 * structured blocks that a PDF renderer can lay out, each with its plain-text lines.
 */
import type { Member, SessionFile } from './model.js';
import { formalName, frenchLongDate, groupedByCivility, rapporteurName } from './names.js';
import { itemContext, remoteNotCounted, tally, takesPartInPerson, voteCounts, voteResult, type ItemContext } from './tally.js';

interface BlockBase {
  lines: string[];
}

export type ExtractBlock = BlockBase &
  (
    | { kind: 'executory'; transmittedOn: string; publishedOn: string }
    | { kind: 'letterhead'; directorGeneral: string; landlordName: string; addressLines: string[] }
    | { kind: 'title'; landlordName: string; legalForm: string; instance: 'board' | 'bureau' }
    | { kind: 'session'; date: string }
    | { kind: 'president'; name: string }
    | { kind: 'present'; names: string[]; uncounted: string[] }
    | { kind: 'excused'; withProxy: { member: string; holder: string }[]; withoutProxy: string[] }
    | { kind: 'subject'; text: string }
    | { kind: 'directorate'; directorate: string; rapporteur: string }
    | { kind: 'report'; paragraphs: string[] }
    | { kind: 'formula'; text: string; delegation: Delegation | null }
    | { kind: 'decisions'; decisions: string[] }
    | { kind: 'standAsides'; names: string[] }
    | { kind: 'vote'; outcome: 'adopted' | 'rejected' | 'undetermined'; unanimous: boolean; rows: VoteRow[] }
  );

type Delegation = NonNullable<SessionFile['items'][number]['delegation']>;

export interface VoteRow {
  label: string;
  count: number;
  names: string[];
}

const ASSEMBLY_NAME = { board: "du Conseil d'administration", bureau: 'du Bureau' } as const;
const TITLE_INSTANCE = { board: "DU CONSEIL D'ADMINISTRATION", bureau: "DU BUREAU DU CONSEIL D'ADMINISTRATION" } as const;
/** "en vertu de la délégation consentie par le Conseil d'administration le 13 février 2025 (délibération n° CA2025_02_02)". */
export const delegationPhrase = (d: Delegation) =>
  `en vertu de la délégation consentie par le Conseil d'administration le ${frenchLongDate(d.date)} (délibération n° ${d.reference})`;

/** The Bureau acts by delegation of the board (CCH L. 421-8): its formula says which one. */
function formula(kind: 'board' | 'bureau', delegation: Delegation | null): string {
  const members = `les membres ${ASSEMBLY_NAME[kind]}`;
  const by = kind === 'bureau' && delegation ? `, ${delegationPhrase(delegation)}` : '';
  return `Au vu des éléments proposés et après en avoir délibéré, ${members}${by} :`;
}

const MAJORITY_LABEL = { present_or_represented: 'à la majorité des membres présents ou représentés', votes_cast: 'à la majorité des suffrages exprimés' } as const;
export const UNCOUNTED_LABEL = "Participant à distance, non compté pour l'approbation des comptes";
const TWO_THIRDS_LABEL = 'à la majorité des deux tiers des membres présents ou représentés';

function attendanceBlocks(ctx: ItemContext): ExtractBlock[] {
  const others = ctx.roster.filter((m) => m.id !== ctx.file.session.president);
  const names = others.filter((m) => takesPartInPerson(ctx, m.id)).map(formalName);
  const withProxy = others.flatMap((m) => {
    const row = ctx.attendance.get(m.id);
    return row?.status === 'excused_with_proxy' ? [{ member: formalName(m), holder: formalName(ctx.members.get(row.proxyHolder!)!) }] : [];
  });
  const withoutProxy = others.filter((m) => ctx.attendance.get(m.id)?.status === 'excused').map(formalName);
  const excusedLines = [
    ...withProxy.map((p) => `${p.member} qui a donné pouvoir à ${p.holder}`),
    ...withoutProxy,
  ];
  const uncounted = others.filter((m) => takesPartInPerson(ctx, m.id) && remoteNotCounted(ctx, m.id)).map(formalName);
  const uncountedLine = uncounted.length ? [`${UNCOUNTED_LABEL} : ${uncounted.join(', ')}`] : [];
  return [
    { kind: 'present', names, uncounted, lines: [`Présents : ${names.join(', ')}`, ...uncountedLine] },
    { kind: 'excused', withProxy, withoutProxy, lines: excusedLines.length ? [`Excusés : ${excusedLines.join(', ')}.`] : [] },
  ];
}

function voteBlock(ctx: ItemContext): ExtractBlock {
  const t = tally(ctx);
  const counts = voteCounts(ctx, t.voters);
  const result = voteResult(counts, t.voters, ctx.instance, ctx.item.nature);
  const named = (ids: string[] | undefined) => (ids ?? []).map((id) => formalName(ctx.members.get(id)!));
  const rows: VoteRow[] = [
    { label: 'Pour', count: counts.for, names: named(counts.names?.for) },
    { label: 'Contre', count: counts.against, names: named(counts.names?.against) },
    { label: 'Abstentions', count: counts.abstentions, names: named(counts.names?.abstention) },
    { label: 'Ne prend pas part au vote', count: counts.notVoting, names: named(counts.names?.not_voting) },
  ];
  const rowLine = (r: VoteRow) => `${r.label.padEnd(28)}${String(r.count).padStart(3)}${r.names.length ? `   ${r.names.join(', ')}` : ''}`;
  const casting = result.byCastingVote ? ' (voix prépondérante du président)' : '';
  const unanimous = result.outcome === 'adopted' && result.unanimous;
  const heading = unanimous
    ? "Décision adoptée à l'unanimité"
    : result.outcome === 'adopted'
      ? `Décision adoptée ${ctx.item.nature === 'director_general' ? TWO_THIRDS_LABEL : MAJORITY_LABEL[ctx.instance.majority]}${casting}`
      : result.outcome === 'rejected'
        ? `Décision rejetée${casting}`
        : 'Résultat indéterminé (partage égal des voix)';
  // Unanimity needs no counts; "not taking part" is listed only when someone did not take part.
  const shown = [...(unanimous ? [] : rows.slice(0, 3)), ...rows.slice(3).filter((r) => r.count > 0)];
  return { kind: 'vote', outcome: result.outcome, unanimous, rows, lines: [heading, ...shown.map(rowLine)] };
}

function standAsideBlocks(ctx: ItemContext): ExtractBlock[] {
  const members = ctx.item.standAsides.map((s) => ctx.members.get(s.member)!);
  if (members.length === 0) return [];
  return [{ kind: 'standAsides', names: members.map(formalName), lines: [`${groupedByCivility(members)} n'ayant pas participé aux débats et vote de cette délibération.`] }];
}

/** The blocks of the extract of the item of rank `rank`, in publishing order. */
export function composeExtract(file: SessionFile, rank: number): ExtractBlock[] {
  const item = file.items.find((i) => i.rank === rank);
  if (!item) throw new RangeError(`no item of rank ${rank}`);
  const ctx = itemContext(file, item);
  const { landlord, session } = file;
  const kind = ctx.instance.kind;
  const president: Member = ctx.members.get(session.president)!;
  const dg = landlord.directorGeneral;
  const { transmittedOn, publishedOn } = item.transmission ?? {};
  const delegation = kind === 'bureau' ? (item.delegation ?? null) : null;
  const formulaText = formula(kind, delegation);
  return [
    ...(transmittedOn && publishedOn ? [{ kind: 'executory' as const, transmittedOn, publishedOn, lines: ['Acte certifié exécutoire'] }] : []),
    {
      kind: 'letterhead',
      directorGeneral: `${dg.firstName} ${dg.lastName.toUpperCase()}`,
      landlordName: landlord.name,
      addressLines: landlord.addressLines,
      lines: [`${dg.firstName} ${dg.lastName.toUpperCase()}`, dg.civility === 'Mme' ? 'Directrice générale' : 'Directeur général', landlord.name, ...landlord.addressLines],
    },
    {
      kind: 'title',
      landlordName: landlord.name,
      legalForm: landlord.legalForm,
      instance: kind,
      lines: [landlord.name.toUpperCase(), landlord.legalForm, '', 'DECISION EXTRAITE DU PROCES VERBAL DE LA REUNION', TITLE_INSTANCE[kind]],
    },
    { kind: 'session', date: session.date, lines: [`SEANCE DU ${frenchLongDate(session.date).toUpperCase()}`] },
    { kind: 'president', name: formalName(president), lines: [`Président : ${formalName(president)}`] },
    ...attendanceBlocks(ctx),
    { kind: 'subject', text: item.subject, lines: [item.subject] },
    { kind: 'directorate', directorate: item.directorate, rapporteur: rapporteurName(item.rapporteur), lines: [item.directorate, `Rapporteur : ${rapporteurName(item.rapporteur)}`] },
    { kind: 'report', paragraphs: item.report, lines: item.report },
    { kind: 'formula', text: formulaText, delegation, lines: ['*****', formulaText] },
    { kind: 'decisions', decisions: item.decisions, lines: item.decisions.map((d) => ` ${d}`) },
    ...standAsideBlocks(ctx),
    voteBlock(ctx),
  ];
}

/** Plain-text rendering: one paragraph per non-empty block. */
export function renderExtractText(blocks: ExtractBlock[]): string {
  return `${blocks
    .filter((b) => b.lines.length > 0)
    .map((b) => b.lines.join('\n'))
    .join('\n\n')}\n`;
}
