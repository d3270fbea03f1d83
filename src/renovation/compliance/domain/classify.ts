import type { DpeClass } from '../../dpe/domain/labels.js';
import { breaches, DEADLINES, targetSatisfies, type Deadline, type DwellingEnergy } from './calendar.js';

/** A planned renovation: the class its dwellings should reach once it ends. */
export interface PlannedOperation {
  id: number;
  dwellingIds: readonly number[];
  /** Expected end of works (ISO date). */
  endDate: string;
  targetLabel: DpeClass;
}

/**
 * Where a dwelling stands against one deadline:
 * - compliant: its valid DPE already meets the rule;
 * - covered: it breaks the rule but an operation reaching a good enough class ends before the deadline;
 * - at_risk: such an operation exists but ends on or after the deadline;
 * - not_covered: it breaks the rule and no operation brings it to a good enough class;
 * - unknown: no valid DPE (missing, expired, replaced) or the DPE lacks the figure the rule needs.
 */
export type DeadlineStatus = 'compliant' | 'covered' | 'at_risk' | 'not_covered' | 'unknown';

export function deadlineStatus(deadline: Deadline, dwelling: DwellingEnergy, operations: readonly PlannedOperation[]): DeadlineStatus {
  const breach = breaches(deadline.rule, dwelling);
  if (breach === null) return 'unknown';
  if (!breach) return 'compliant';
  const remedies = operations.filter((operation) => operation.dwellingIds.includes(dwelling.dwellingId) && targetSatisfies(deadline.rule, operation.targetLabel));
  if (remedies.some((operation) => operation.endDate < deadline.from)) return 'covered';
  return remedies.length > 0 ? 'at_risk' : 'not_covered';
}

export interface DeadlineSummary {
  deadline: Deadline;
  dwellings: number;
  compliant: number;
  covered: number;
  atRisk: number;
  notCovered: number;
  unknown: number;
}

const SUMMARY_KEYS = { compliant: 'compliant', covered: 'covered', at_risk: 'atRisk', not_covered: 'notCovered', unknown: 'unknown' } as const;

/** Counts per deadline of the dwellings of its territory, by status. */
export function summariseDeadlines(dwellings: readonly DwellingEnergy[], operations: readonly PlannedOperation[]): DeadlineSummary[] {
  const byDwelling = operationsByDwelling(operations);
  return DEADLINES.map((deadline) => {
    const summary: DeadlineSummary = { deadline, dwellings: 0, compliant: 0, covered: 0, atRisk: 0, notCovered: 0, unknown: 0 };
    for (const dwelling of dwellings) {
      if (dwelling.territory !== deadline.territory) continue;
      summary.dwellings++;
      summary[SUMMARY_KEYS[deadlineStatus(deadline, dwelling, byDwelling.get(dwelling.dwellingId) ?? [])]]++;
    }
    return summary;
  });
}

export function operationsByDwelling(operations: readonly PlannedOperation[]): Map<number, PlannedOperation[]> {
  const byDwelling = new Map<number, PlannedOperation[]>();
  for (const operation of operations) {
    for (const dwellingId of operation.dwellingIds) byDwelling.set(dwellingId, [...(byDwelling.get(dwellingId) ?? []), operation]);
  }
  return byDwelling;
}
