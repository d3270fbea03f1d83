import { formatEurosEn, formatEurosFr, sumCents } from './money.js';
import { ENVELOPE_LABELS, type EnvelopeKind } from './vocabulary.js';

/**
 * A Département convention: the framework (envelopes over its whole period) or an annual
 * application convention under it (the amounts that may be committed that year).
 */
export interface Convention {
  id: number;
  kind: 'framework' | 'application';
  frameworkId: number | null;
  name: string;
  firstYear: number;
  lastYear: number;
  investmentCents: number;
  operatingCents: number;
}

/** A financing line that consumes an envelope (committed or paid), drawn on an application convention. */
export interface Commitment {
  lineId: number;
  conventionId: number;
  envelope: EnvelopeKind;
  amountCents: number;
}

export interface EnvelopeExcess {
  convention: Convention;
  envelope: EnvelopeKind;
  limitCents: number;
  /** Already committed on this envelope, the proposed line left out. */
  otherCents: number;
  proposedCents: number;
  excessCents: number;
}

export const envelopeAmount = (convention: Convention, envelope: EnvelopeKind) =>
  envelope === 'investment' ? convention.investmentCents : convention.operatingCents;

/**
 * What committing `proposed` (a new line, or a changed one replacing its stored version) would
 * overrun: its annual application convention, then the framework convention above it.
 */
export function envelopeExcesses(conventions: readonly Convention[], commitments: readonly Commitment[], proposed: Commitment): EnvelopeExcess[] {
  const application = conventions.find((convention) => convention.id === proposed.conventionId);
  if (!application) return [];
  const others = commitments.filter((line) => line.lineId !== proposed.lineId && line.envelope === proposed.envelope);
  const framework = conventions.find((convention) => convention.id === application.frameworkId);
  const scopes = framework ? [application, framework] : [application];
  return scopes.flatMap((convention) => {
    const covered = new Set(convention.kind === 'framework'
      ? conventions.filter((candidate) => candidate.frameworkId === convention.id).map((candidate) => candidate.id)
      : [convention.id]);
    const otherCents = sumCents(others.filter((line) => covered.has(line.conventionId)).map((line) => line.amountCents));
    const limitCents = envelopeAmount(convention, proposed.envelope);
    const excessCents = otherCents + proposed.amountCents - limitCents;
    return excessCents > 0 ? [{ convention, envelope: proposed.envelope, limitCents, otherCents, proposedCents: proposed.amountCents, excessCents }] : [];
  });
}

/** The refusal, in French then English, saying by how much the envelope would be exceeded. */
export function describeExcess(excess: EnvelopeExcess): string {
  const { convention, envelope, limitCents, otherCents, proposedCents, excessCents } = excess;
  const label = ENVELOPE_LABELS[envelope];
  return `Engagement refusé : l’enveloppe ${label.fr} de « ${convention.name} » serait dépassée de ${formatEurosFr(excessCents)} `
    + `(déjà engagé ${formatEurosFr(otherCents)} + ${formatEurosFr(proposedCents)} > ${formatEurosFr(limitCents)}) `
    + `— commitment refused: the ${label.en} envelope would be exceeded by ${formatEurosEn(excessCents)}`;
}

/**
 * What a new application convention would overrun: the framework's envelopes, by the sum of
 * the annual amounts of all its application conventions. Also refuses a year outside the framework.
 */
export function applicationProblems(framework: Convention, siblings: readonly Convention[], proposed: Omit<Convention, 'id'>): { field: string; message: string; excessCents?: number }[] {
  const problems: { field: string; message: string; excessCents?: number }[] = [];
  if (proposed.firstYear < framework.firstYear || proposed.lastYear > framework.lastYear) {
    problems.push({ field: 'year', message: `hors de la période ${framework.firstYear}–${framework.lastYear} de la convention cadre (outside the framework period)` });
  }
  if (siblings.some((sibling) => sibling.firstYear === proposed.firstYear)) {
    problems.push({ field: 'year', message: `une convention d’application existe déjà pour ${proposed.firstYear} (already one for this year)` });
  }
  for (const envelope of ['investment', 'operating'] as const) {
    const total = sumCents(siblings.map((sibling) => envelopeAmount(sibling, envelope))) + envelopeAmount(proposed as Convention, envelope);
    const excessCents = total - envelopeAmount(framework, envelope);
    if (excessCents > 0) {
      problems.push({
        field: `${envelope}Cents`,
        message: `les conventions d’application dépasseraient l’enveloppe ${ENVELOPE_LABELS[envelope].fr} de ${formatEurosFr(excessCents)} (exceeds the framework envelope)`,
        excessCents,
      });
    }
  }
  return problems;
}
