import type { Measures } from './measures.js';

/**
 * The observatory's indicators, pure functions over summed roll-up measures and the inputs they
 * are related to (dwellings, staff). A ratio whose denominator is zero is null, never 0 or ∞.
 */
export const ratio = (numerator: number, denominator: number, scale = 1): number | null =>
  denominator > 0 ? (numerator * scale) / denominator : null;

/** Attacks on staff by nature: the codes of family E of the national nomenclature. */
export const VERBAL_ASSAULTS: readonly string[] = ['E.INSULT', 'E.THREAT'];
export const PHYSICAL_ASSAULTS: readonly string[] = ['E.VIOLENCE', 'E.ITT_UP_TO_8', 'E.ITT_OVER_8_OR_WEAPON'];

export type AssaultKind = 'verbal' | 'physical' | 'other';

/** Verbal, physical, or other (attack on a caretaker's home, a landlord's own code) for family E. */
export function assaultKind(categoryCode: string): AssaultKind {
  if (VERBAL_ASSAULTS.includes(categoryCode)) return 'verbal';
  if (PHYSICAL_ASSAULTS.includes(categoryCode)) return 'physical';
  return 'other';
}

export interface StaffAssaults {
  total: number;
  verbal: number;
  physical: number;
  other: number;
  /** Worst ITT class among the staff victims of each assault. */
  itt: { none: number; upTo8Days: number; over8Days: number; unknown: number };
  per100Staff: number | null;
}

export interface Indicators {
  incidents: number;
  /** Incidents per 100 dwellings over the period. */
  ratePer100Dwellings: number | null;
  /** Damage (actual cost, else estimated) per dwelling, brought to twelve months. */
  damageCostPerDwellingPerYear: number | null;
  damageCost: number;
  complaintShare: number | null;
  /** Mean hours from recording to closure, over closed incidents whose closure was seen. */
  meanHandlingHours: number | null;
  staffAssaults: StaffAssaults;
}

export interface IndicatorInputs {
  /** All measures of the period, and those of family E split by category code. */
  measures: Measures;
  staffAssaultsByCategory: ReadonlyMap<string, Measures>;
  dwellings: number;
  /** Null when no staff count is known for the places in scope. */
  staff: number | null;
  months: number;
}

export function computeIndicators({ measures, staffAssaultsByCategory, dwellings, staff, months }: IndicatorInputs): Indicators {
  const byKind = { verbal: 0, physical: 0, other: 0 };
  const itt = { none: 0, upTo8Days: 0, over8Days: 0, unknown: 0 };
  for (const [code, row] of staffAssaultsByCategory) {
    byKind[assaultKind(code)] += row.incidents;
    itt.none += row.staffIttNone;
    itt.upTo8Days += row.staffIttUpTo8;
    itt.over8Days += row.staffIttOver8;
    itt.unknown += row.staffIttUnknown;
  }
  const total = byKind.verbal + byKind.physical + byKind.other;
  return {
    incidents: measures.incidents,
    ratePer100Dwellings: ratio(measures.incidents, dwellings, 100),
    damageCostPerDwellingPerYear: ratio(measures.damageCost * 12, dwellings * months),
    damageCost: measures.damageCost,
    complaintShare: ratio(measures.withComplaint, measures.incidents),
    meanHandlingHours: ratio(measures.handlingHours, measures.handled),
    staffAssaults: { total, ...byKind, itt, per100Staff: staff === null ? null : ratio(total, staff, 100) },
  };
}

/** Repeat incidents at halls: of the halls with at least one incident, the share with two or more. */
export interface RepeatRate {
  hallsWithIncidents: number;
  hallsWithRepeats: number;
  repeatHallShare: number | null;
  /** Share of hall incidents that happened in a hall with repeats. */
  repeatIncidentShare: number | null;
}

export function repeatRate(incidentsPerHall: readonly number[]): RepeatRate {
  const touched = incidentsPerHall.filter((count) => count > 0);
  const repeated = touched.filter((count) => count >= 2);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    hallsWithIncidents: touched.length,
    hallsWithRepeats: repeated.length,
    repeatHallShare: ratio(repeated.length, touched.length),
    repeatIncidentShare: ratio(sum(repeated), sum(touched)),
  };
}

/**
 * Reporting index of a place: its rate per 100 dwellings over the organisation's. Well below 1
 * where places are alike suggests under-reporting rather than calm (a proxy, to be read with care).
 */
export const reportingIndex = (rate: number | null, reference: number | null): number | null =>
  rate === null || reference === null ? null : ratio(rate, reference);

export interface Compared<T> {
  current: T;
  previous: T;
  lastYear: T;
}
