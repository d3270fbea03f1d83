/**
 * Address keys to match an ADEME DPE to a building when its RPLS number is missing or unknown:
 * commune INSEE code, house number and street, folded so that « 12 bis, Av. de la Libération »
 * and « 12B AVENUE DE LA LIBERATION » give the same key. Pure.
 */

/** Abbreviations of street types as written in patrimony files and in the BAN (FANTOIR usage). */
const STREET_TYPES: Readonly<Record<string, string>> = {
  all: 'allee', av: 'avenue', ave: 'avenue', bd: 'boulevard', bld: 'boulevard', bvd: 'boulevard', ch: 'chemin', chem: 'chemin',
  cite: 'cite', crs: 'cours', fg: 'faubourg', imp: 'impasse', lot: 'lotissement', pas: 'passage', pl: 'place', prom: 'promenade',
  qu: 'quai', r: 'rue', res: 'residence', rte: 'route', sq: 'square', sen: 'sente', vla: 'villa',
};

/** Repetition indices: bis, ter, quater, and their one-letter forms. */
const SUFFIXES: Readonly<Record<string, string>> = { b: 'b', bis: 'b', t: 't', ter: 't', q: 'q', quater: 'q', c: 'c', d: 'd' };

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');

/** « 012 bis » → « 12b »; null when there is no number. */
export function normaliseNumber(text: string | null): string | null {
  const match = /^0*(\d+)\s*([a-z]*)$/.exec(fold(text ?? '').replace(/[^a-z0-9]/g, ' ').trim());
  if (!match) return null;
  const suffix = match[2] ? SUFFIXES[match[2]] : '';
  return suffix === undefined ? null : `${match[1]}${suffix}`;
}

/** « Av. de la Libération » → « avenue de la liberation ». */
export function normaliseStreet(text: string | null): string | null {
  const words = fold(text ?? '').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return null;
  const [first, ...rest] = words;
  return [STREET_TYPES[first!] ?? first!, ...rest].join(' ');
}

/** The key of an address, or null when the number or the street is missing (no guess then). */
export function addressKey(communeInsee: string | null, number: string | null, street: string | null): string | null {
  const normalisedNumber = normaliseNumber(number);
  const normalisedStreet = normaliseStreet(street);
  if (!communeInsee || !normalisedNumber || !normalisedStreet) return null;
  return `${communeInsee.trim()}|${normalisedNumber}|${normalisedStreet}`;
}
