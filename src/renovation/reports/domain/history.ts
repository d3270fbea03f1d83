/**
 * Financing lines as they stood at the end of a past day, rebuilt from their status history
 * (financing_line_status_changes). Pure.
 */
import type { FundingSource, FundingStatus } from '../../programme/domain/vocabulary.js';
import type { ReportLine } from './reports.js';
import { semesterEnd } from './reports.js';

export interface LineHistoryEntry {
  lineId: number;
  operationId: number;
  source: FundingSource;
  /** Null: the line was deleted. */
  toStatus: FundingStatus | null;
  amountCents: number;
  /** The day of the change, Paris time (YYYY-MM-DD). */
  changedOn: string;
}

/**
 * The lines on day `at`: each line with a history takes the status and amount of its last change
 * on or before `at` (none yet: it did not exist; deleted: gone). A line without any history
 * (entered before the history was kept, or loaded by the demo) is taken as it stands today.
 * `history` is in the order of the changes. An amount changed without a change of status is not
 * in the history: the amount shown is the one of the last status change.
 */
export function linesOn(lines: readonly (ReportLine & { id: number })[], history: readonly LineHistoryEntry[], at: string): ReportLine[] {
  const historied = new Set(history.map((entry) => entry.lineId));
  const last = new Map<number, LineHistoryEntry>();
  for (const entry of history) if (entry.changedOn <= at) last.set(entry.lineId, entry);
  const conventionOf = new Map(lines.map((line) => [line.id, line.conventionId]));
  const rebuilt = [...last.values()].flatMap((entry): ReportLine[] => (entry.toStatus === null ? [] : [{
    operationId: entry.operationId, source: entry.source, amountCents: entry.amountCents, status: entry.toStatus, conventionId: conventionOf.get(entry.lineId) ?? null,
  }]));
  return [...lines.filter((line) => !historied.has(line.id)), ...rebuilt];
}

/** "2024-05-10" → "2024-S1". */
export const semesterOf = (day: string) => `${day.slice(0, 4)}-S${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

/** Semesters from `first` to `last` inclusive, at most `limit` (the latest ones). */
export function semestersBetween(first: string, last: string, limit = 20): string[] {
  const list: string[] = [];
  for (let semester = first; semesterEnd(semester) <= semesterEnd(last); ) {
    list.push(semester);
    const [year, half] = [Number(semester.slice(0, 4)), semester.slice(-1)];
    semester = half === '1' ? `${year}-S2` : `${year + 1}-S1`;
  }
  return list.slice(-limit);
}
