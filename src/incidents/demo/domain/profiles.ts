import type { Family, Severity } from '../../domain/vocabulary.js';

/**
 * How often and when each kind of incident happens in the demo, after the patterns landlords'
 * observatories describe: bulky waste and tags most frequent, noise in summer, halls occupied in
 * winter, bin fires around New Year and in summer, attacks on staff in office hours and rising,
 * the most serious facts (G4) rare.
 */
export interface CategoryProfile {
  code: string;
  /** Share of all incidents in the first year, before seasons and trends. */
  weight: number;
  /** Multiplier per calendar month, January first. */
  season?: readonly number[];
  /** Yearly growth of the frequency (0.1 = +10 % a year). */
  growth?: number;
  /** Only at entrances of collective buildings (halls, lifts, letter boxes…). */
  collectiveOnly?: boolean;
  /** Damage estimate range in euros, when the fact damages property. */
  cost?: readonly [number, number];
}

const SUMMER = [0.7, 0.7, 0.85, 1, 1.15, 1.3, 1.45, 1.35, 1.05, 0.9, 0.75, 0.8];
const WINTER = [1.35, 1.3, 1.1, 0.95, 0.85, 0.75, 0.7, 0.7, 0.9, 1.05, 1.2, 1.35];
const SPRING = [0.8, 0.85, 1.05, 1.2, 1.25, 1.15, 1.05, 0.9, 1, 1, 0.9, 0.85];
const FIRES = [1.9, 0.8, 0.8, 0.8, 0.9, 1, 1.35, 1.2, 0.8, 0.8, 0.9, 1.8];

export const CATEGORY_PROFILES: readonly CategoryProfile[] = [
  { code: 'A.DUMP', weight: 22, season: SPRING, cost: [80, 600] },
  { code: 'A.THROW', weight: 2, season: SUMMER, collectiveOnly: true },
  { code: 'A.EXCREMENT', weight: 3, collectiveOnly: true, cost: [40, 200] },
  { code: 'A.WRECK', weight: 2, cost: [150, 500] },
  { code: 'A.CAR_REPAIR', weight: 1.5, season: SUMMER },
  { code: 'B.NOISE', weight: 10, season: SUMMER },
  { code: 'B.ANIMAL', weight: 2 },
  { code: 'B.DANGEROUS_DOG', weight: 0.7 },
  { code: 'B.DISPUTE', weight: 4, season: SUMMER },
  { code: 'C.HALL', weight: 7, season: WINTER, collectiveOnly: true },
  { code: 'C.ROOF', weight: 0.5, season: SUMMER, collectiveOnly: true },
  { code: 'C.CELLAR', weight: 1.5, collectiveOnly: true },
  { code: 'C.SQUAT', weight: 0.8, season: WINTER, collectiveOnly: true, cost: [500, 4000] },
  { code: 'C.STASH', weight: 0.2, collectiveOnly: true },
  { code: 'C.SYRINGE', weight: 0.8, collectiveOnly: true },
  { code: 'C.DEALING', weight: 0.8, collectiveOnly: true, growth: 0.04 },
  { code: 'C.SUBLET', weight: 0.3 },
  { code: 'C.RODEO', weight: 1, season: SUMMER, growth: 0.05 },
  { code: 'D.TAG', weight: 14, season: SPRING, cost: [150, 1500] },
  { code: 'D.DOOR', weight: 5, collectiveOnly: true, cost: [300, 2500] },
  { code: 'D.MAILBOX', weight: 4, collectiveOnly: true, cost: [200, 1200] },
  { code: 'D.LIFT', weight: 3, collectiveOnly: true, cost: [800, 8000] },
  { code: 'D.INTERCOM', weight: 3, collectiveOnly: true, cost: [250, 1800] },
  { code: 'D.LIGHTING', weight: 3, collectiveOnly: true, cost: [80, 600] },
  { code: 'D.ARSON_BIN', weight: 1.5, season: FIRES, cost: [300, 1500] },
  { code: 'D.ARSON_CELLAR', weight: 0.4, season: FIRES, collectiveOnly: true, cost: [2000, 15000] },
  { code: 'D.ARSON_BUILDING', weight: 0.04, season: FIRES, cost: [20000, 150000] },
  { code: 'D.FIRE_ACCIDENTAL', weight: 0.5, season: WINTER, cost: [1000, 30000] },
  { code: 'D.THEFT', weight: 1, cost: [100, 2000] },
  { code: 'D.BREAK_IN', weight: 1, cost: [300, 3000] },
  { code: 'D.ENERGY_THEFT', weight: 0.3, cost: [200, 2500] },
  { code: 'D.SECURITY_EQUIPMENT', weight: 0.5, collectiveOnly: true, cost: [500, 6000] },
  { code: 'E.INSULT', weight: 2, growth: 0.1 },
  { code: 'E.THREAT', weight: 1.5, growth: 0.1 },
  { code: 'E.VIOLENCE', weight: 0.4, growth: 0.1 },
  { code: 'E.ITT_UP_TO_8', weight: 0.15, growth: 0.1 },
  { code: 'E.ITT_OVER_8_OR_WEAPON', weight: 0.03, growth: 0.1 },
  { code: 'E.HOME', weight: 0.05, growth: 0.1 },
  { code: 'F.INSULT_THREAT', weight: 1, season: SUMMER },
  { code: 'F.VIOLENCE', weight: 0.4, season: SUMMER },
  { code: 'F.SERIOUS_VIOLENCE', weight: 0.05 },
];

/** Relative frequency per hour (0–23) in Paris time, by family: evenings for most, office hours for staff. */
const EVENING = [3, 2, 1.5, 1, 0.6, 0.5, 0.6, 1, 1.5, 2, 2.5, 3, 3.5, 3.5, 3.5, 4, 5, 6, 7.5, 8.5, 9, 8.5, 7, 5];
const NIGHT = [6, 5, 4, 3, 2, 1, 0.6, 0.5, 0.6, 1, 1.5, 2, 2.5, 2.5, 3, 3.5, 4.5, 5.5, 7, 8, 8.5, 8.5, 8, 7];
const OFFICE = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 5, 8, 9, 8, 5, 6, 8.5, 9, 8, 6, 3, 1, 0.5, 0.3, 0.2, 0.1];

export const HOURS_BY_FAMILY: Record<Family, readonly number[]> = { A: EVENING, B: NIGHT, C: NIGHT, D: NIGHT, E: OFFICE, F: EVENING };

/** Relative frequency per ISO weekday (Monday first): weekends busier, except at the agency's counter. */
export const WEEKDAYS_BY_FAMILY: Record<Family, readonly number[]> = {
  A: [1, 0.95, 0.95, 1, 1.1, 1.35, 1.4],
  B: [0.85, 0.85, 0.9, 0.95, 1.2, 1.6, 1.5],
  C: [0.9, 0.9, 0.95, 1, 1.2, 1.45, 1.35],
  D: [0.95, 0.95, 0.95, 1, 1.15, 1.35, 1.3],
  E: [1.2, 1.2, 1.15, 1.2, 1.1, 0.25, 0.1],
  F: [0.9, 0.9, 0.95, 1, 1.15, 1.4, 1.35],
};

/** Severity one step above the default, sometimes (aggravating circumstances); G4 only from G3 and rarely. */
export function escalate(severity: Severity, draw: number): Severity {
  if (severity === 'G1' && draw < 0.06) return 'G2';
  if (severity === 'G2' && draw < 0.05) return 'G3';
  if (severity === 'G3' && draw < 0.01) return 'G4';
  return severity;
}
