import { DPE_CLASSES, worseClass, type DpeClass } from '../../dpe/domain/labels.js';
import { bansInForce, breaches, type DwellingEnergy } from './calendar.js';
import { operationsByDwelling, type PlannedOperation } from './classify.js';

export interface TrajectoryYear {
  year: number;
  E: number;
  F: number;
  G: number;
  unknown: number;
  /** Dwellings whose class may not be let on 1 January of that year. */
  banned: number;
  /** Ids of the label bans in force on 1 January (per territory). */
  bans: string[];
}

/**
 * The E, F and G counts on 1 January of each year, as planned operations end, against the label
 * bans then in force. A dwelling takes the better of its current class and the targets of the
 * operations ended before that day; an unknown class stays unknown until an operation ends. We do
 * not project DPE expiry: a dwelling keeps its class until works change it.
 */
export function trajectory(dwellings: readonly DwellingEnergy[], operations: readonly PlannedOperation[], fromYear: number, toYear: number): TrajectoryYear[] {
  const byDwelling = operationsByDwelling(operations);
  const years: TrajectoryYear[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const day = `${year}-01-01`;
    const row: TrajectoryYear = { year, E: 0, F: 0, G: 0, unknown: 0, banned: 0, bans: [] };
    for (const dwelling of dwellings) {
      const label = labelOn(dwelling.label, byDwelling.get(dwelling.dwellingId) ?? [], day);
      if (label === null) row.unknown++;
      else if (label === 'E' || label === 'F' || label === 'G') row[label]++;
      const bans = bansInForce(dwelling.territory, day);
      if (label !== null && bans.some((ban) => breaches(ban.rule, { ...dwelling, label }))) row.banned++;
    }
    row.bans = [...new Set(dwellings.flatMap((dwelling) => bansInForce(dwelling.territory, day).map((ban) => ban.id)))].sort();
    years.push(row);
  }
  return years;
}

function labelOn(current: DpeClass | null, operations: readonly PlannedOperation[], day: string): DpeClass | null {
  const reached = operations.filter((operation) => operation.endDate < day).map((operation) => operation.targetLabel);
  if (reached.length === 0) return current;
  const bestTarget = reached.reduce((best, label) => (worseClass(best, label) === best ? label : best));
  return current === null ? bestTarget : DPE_CLASSES[Math.min(DPE_CLASSES.indexOf(current), DPE_CLASSES.indexOf(bestTarget))]!;
}
