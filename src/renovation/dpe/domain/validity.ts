/**
 * How long a DPE is valid and which one speaks for a dwelling on a given day.
 *
 * Sources: code de la construction et de l'habitation, art. L.126-31 and D.126-19 (ten years);
 * décret n° 2020-1610 du 17 décembre 2020 (transitional validity of DPEs made before the
 * 2021 reform: those made from 1 January 2013 to 31 December 2017 until 31 December 2022, those
 * made from 1 January 2018 to 30 June 2021 until 31 December 2024).
 */
import { addDays, addYears, minDate } from './dates.js';

/** DPEs from this date follow the 2021 method (3CL-DPE 2021) and are valid ten years. */
export const METHOD_2021_FROM = '2021-07-01';

export type DpeMethod = '3cl-2021' | 'pre-2021';

export const methodOf = (issuedOn: string): DpeMethod => (issuedOn >= METHOD_2021_FROM ? '3cl-2021' : 'pre-2021');

/** The last day (inclusive) a DPE issued on `issuedOn` is valid. */
export function validUntil(issuedOn: string): string {
  const tenYears = addDays(addYears(issuedOn, 10), -1);
  if (issuedOn >= METHOD_2021_FROM) return tenYears;
  if (issuedOn >= '2018-01-01') return '2024-12-31';
  return minDate(tenYears, '2022-12-31');
}

/** What a dwelling's DPE file says on a day; anything but `valid` is an unknown class. */
export interface DpeFact<T = unknown> {
  /** The ADEME number; null for a class entered without a DPE number (patrimony file). */
  number: string | null;
  issuedOn: string;
  /** The number of the DPE this one replaces (numero_dpe_remplace), if any. */
  replaces: string | null;
  payload: T;
}

export type CurrentDpe<T> =
  | { status: 'valid'; dpe: DpeFact<T>; validUntil: string }
  | { status: 'unknown'; reason: 'missing' | 'expired' | 'replaced' };

/**
 * The DPE that speaks for a dwelling on day `at`: the newest issued on or before `at`. Newer DPEs
 * replace older ones; `replacedNumbers` lists the numbers named as replaced by any DPE issued on
 * or before `at` (the replacing one may belong to no known dwelling). A missing, expired or
 * replaced DPE gives an unknown class, never a good one.
 */
export function currentDpe<T>(facts: readonly DpeFact<T>[], at: string, replacedNumbers: ReadonlySet<string>): CurrentDpe<T> {
  const issued = facts.filter((fact) => fact.issuedOn <= at);
  if (issued.length === 0) return { status: 'unknown', reason: 'missing' };
  const isReplaced = (fact: DpeFact<T>) => fact.number !== null && replacedNumbers.has(fact.number);
  // Same-day DPEs: the one not replaced wins (a same-day correction names the one it replaces).
  const newest = issued.reduce((best, fact) =>
    fact.issuedOn > best.issuedOn || (fact.issuedOn === best.issuedOn && isReplaced(best) && !isReplaced(fact)) ? fact : best);
  if (isReplaced(newest)) return { status: 'unknown', reason: 'replaced' };
  const until = validUntil(newest.issuedOn);
  if (until < at) return { status: 'unknown', reason: 'expired' };
  return { status: 'valid', dpe: newest, validUntil: until };
}

/** The numbers replaced by DPEs issued on or before `at`. */
export function replacedBy(facts: Iterable<Pick<DpeFact, 'issuedOn' | 'replaces'>>, at: string): Set<string> {
  const replaced = new Set<string>();
  for (const fact of facts) if (fact.replaces && fact.issuedOn <= at) replaced.add(fact.replaces);
  return replaced;
}
