/** The act itself: number format, Bureau delegation, transmission and publication dates. */
import { error, type Finding } from '../findings.js';
import { SOURCES } from '../sources.js';
import type { ItemContext } from '../tally.js';

export const ACT_NUMBER_PATTERN = /^[A-Z0-9_]{1,15}$/;

export function checkActNumber(ctx: ItemContext): Finding[] {
  const { actNumber, rank } = ctx.item;
  if (ACT_NUMBER_PATTERN.test(actNumber)) return [];
  return [error('ACT_NUMBER_FORMAT', `Numéro d’acte « ${actNumber} » invalide : 15 caractères au plus, lettres majuscules A–Z, chiffres et « _ » uniquement.`, SOURCES.actes, rank)];
}

/** The Bureau decides only by delegation of the board: the item cites that board decision, taken before the session. */
export function checkBureauDelegation(ctx: ItemContext): Finding[] {
  const { delegation, rank } = ctx.item;
  if (ctx.instance.kind !== 'bureau') return [];
  if (!delegation) return [error('BUREAU_DELEGATION_MISSING', 'Décision du Bureau sans référence à la délibération du conseil lui donnant délégation.', SOURCES.cchL421_8Bureau, rank)];
  if (delegation.date <= ctx.file.session.date) return [];
  return [error(
    'BUREAU_DELEGATION_AFTER_SESSION',
    `La délégation invoquée (${delegation.reference}, ${delegation.date}) est postérieure à la séance du Bureau (${ctx.file.session.date}).`,
    SOURCES.cchL421_8Bureau,
    rank,
  )];
}

export function checkTransmissionDates(ctx: ItemContext): Finding[] {
  const { transmission, rank } = ctx.item;
  if (!transmission) return [];
  const session = ctx.file.session.date;
  const findings: Finding[] = [];
  const notBefore = (date: string | undefined, after: string, code: string, message: string) => {
    if (date !== undefined && date < after) findings.push(error(code, message, SOURCES.executory, rank));
  };
  notBefore(transmission.transmittedOn, session, 'TRANSMISSION_BEFORE_SESSION', `Transmission en préfecture (${transmission.transmittedOn}) antérieure à la séance (${session}).`);
  notBefore(transmission.acknowledgedOn, transmission.transmittedOn ?? session, 'ACKNOWLEDGEMENT_BEFORE_TRANSMISSION', `Accusé de réception (${transmission.acknowledgedOn}) antérieur à la transmission ou à la séance.`);
  notBefore(transmission.publishedOn, session, 'PUBLICATION_BEFORE_SESSION', `Publication (${transmission.publishedOn}) antérieure à la séance (${session}).`);
  if (transmission.acknowledgedOn !== undefined && transmission.transmittedOn === undefined) {
    findings.push(error('ACKNOWLEDGEMENT_WITHOUT_TRANSMISSION', 'Accusé de réception renseigné sans date de transmission.', SOURCES.executory, rank));
  }
  return findings;
}
