import { severityRank, type Family, type Severity } from './vocabulary.js';

/**
 * The level of an entrance (hall) over a rolling 90 days, shown on residence pages.
 *
 * Counted: incidents placed at the entrance (or at a dwelling or common area of it) that occurred
 * within the 90 days up to the reference date, neither drafts nor merged duplicates. The first
 * matching line decides:
 * - red    — at least one G4 incident of family C, E or F (established dealing, weapon,
 *            violence with ITT > 8 days);
 * - orange — at least one G3 or G4 incident of any family (offence), or at least two
 *            incidents of family C (repeated occupation, informal economy);
 * - yellow — at least three incidents (recurring incivility);
 * - green  — otherwise (none, or one or two isolated facts).
 */
export const HALL_WINDOW_DAYS = 90;

export const HALL_LEVELS = ['green', 'yellow', 'orange', 'red'] as const;
export type HallLevel = (typeof HALL_LEVELS)[number];

export const HALL_REASONS = ['serious_violence_or_dealing', 'offence', 'informal_economy', 'recurring', 'isolated'] as const;
export type HallReason = (typeof HALL_REASONS)[number];

/** How many counted incidents of one family and severity an entrance had in the window. */
export interface HallTally {
  family: Family;
  severity: Severity;
  count: number;
}

export interface HallAssessment {
  level: HallLevel;
  reason: HallReason;
  incidents: number;
}

const VIOLENCE_OR_DEALING: readonly Family[] = ['C', 'E', 'F'];
const RECURRING_FROM = 3;
const INFORMAL_ECONOMY_FROM = 2;

export function assessHall(tallies: readonly HallTally[]): HallAssessment {
  const total = (keep: (tally: HallTally) => boolean) => tallies.filter(keep).reduce((sum, tally) => sum + tally.count, 0);
  const incidents = total(() => true);
  if (total((t) => t.severity === 'G4' && VIOLENCE_OR_DEALING.includes(t.family)) > 0) {
    return { level: 'red', reason: 'serious_violence_or_dealing', incidents };
  }
  if (total((t) => severityRank(t.severity) >= 3) > 0) return { level: 'orange', reason: 'offence', incidents };
  if (total((t) => t.family === 'C') >= INFORMAL_ECONOMY_FROM) return { level: 'orange', reason: 'informal_economy', incidents };
  if (incidents >= RECURRING_FROM) return { level: 'yellow', reason: 'recurring', incidents };
  return { level: 'green', reason: 'isolated', incidents };
}

/** First instant of the window ending at `asOf` (inclusive at both ends). */
export function hallWindowStart(asOf: Date): Date {
  return new Date(asOf.getTime() - HALL_WINDOW_DAYS * 24 * 3600 * 1000);
}
