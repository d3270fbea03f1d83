import { assessHall, HALL_LEVELS, type HallAssessment, type HallLevel, type HallTally } from '../../incidents/domain/hall-level.js';
import type { Family, Severity } from '../../incidents/domain/vocabulary.js';

/**
 * Hall levels over a quarter, with the incidents domain's rule (assessHall), and their change
 * from the quarter before. The roll-ups are monthly, so the window is the last three calendar
 * months of the period rather than the residence page's rolling 90 days.
 */
export interface QuarterTally {
  entranceId: number;
  family: string;
  severity: string;
  quarter: 'quarter' | 'previousQuarter';
  incidents: number;
}

export interface HallChange {
  entranceId: number;
  current: HallAssessment;
  previous: HallAssessment;
  change: 'worse' | 'better' | 'same';
}

export function hallChanges(entranceIds: readonly number[], tallies: readonly QuarterTally[]): HallChange[] {
  const byEntrance = new Map<number, { quarter: HallTally[]; previousQuarter: HallTally[] }>();
  for (const id of entranceIds) byEntrance.set(id, { quarter: [], previousQuarter: [] });
  for (const tally of tallies) {
    byEntrance.get(tally.entranceId)?.[tally.quarter].push({ family: tally.family as Family, severity: tally.severity as Severity, count: tally.incidents });
  }
  return [...byEntrance].map(([entranceId, { quarter, previousQuarter }]) => {
    const current = assessHall(quarter);
    const previous = assessHall(previousQuarter);
    const step = HALL_LEVELS.indexOf(current.level) - HALL_LEVELS.indexOf(previous.level);
    return { entranceId, current, previous, change: step > 0 ? 'worse' : step < 0 ? 'better' : 'same' };
  });
}

export interface HallSummary {
  levels: Record<HallLevel, number>;
  previousLevels: Record<HallLevel, number>;
  worse: number;
  better: number;
}

/** Counts levels over `hallCount` halls; those absent from `changes` had no incident in either quarter (green). */
export function summariseHalls(changes: readonly HallChange[], hallCount = changes.length): HallSummary {
  const zero = () => Object.fromEntries(HALL_LEVELS.map((level) => [level, 0])) as Record<HallLevel, number>;
  const summary: HallSummary = { levels: zero(), previousLevels: zero(), worse: 0, better: 0 };
  summary.levels.green = summary.previousLevels.green = Math.max(hallCount - changes.length, 0);
  for (const change of changes) {
    summary.levels[change.current.level]++;
    summary.previousLevels[change.previous.level]++;
    if (change.change === 'worse') summary.worse++;
    if (change.change === 'better') summary.better++;
  }
  return summary;
}
