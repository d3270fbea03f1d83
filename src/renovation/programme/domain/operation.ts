import { addYears } from '../../dpe/domain/dates.js';
import { DPE_CLASSES, type DpeClass } from '../../dpe/domain/labels.js';
import type { FieldError } from '../../../core/errors.js';
import { PHASES, type Phase } from './vocabulary.js';

/** Planned and actual dates of one phase; a milestone (work order, handover) has start = end. */
export interface PhaseDates {
  phase: Phase;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

export interface OperationCosts {
  plannedCents: number;
  committedCents: number;
  paidCents: number;
}

export interface OperationLabels {
  labelBefore: DpeClass | null;
  targetLabel: DpeClass | null;
  labelAfter: DpeClass | null;
  /** Primary energy, kWhEP/m²/yr, before works, aimed at, and measured after. */
  energyBefore: number | null;
  energyTarget: number | null;
  energyAfter: number | null;
}

const rank = (label: DpeClass) => DPE_CLASSES.indexOf(label);

/** Energy gain in % (one decimal) from `before` to `after`; null when either is unknown or before is 0. */
export function gainPercent(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before <= 0) return null;
  return Math.round(((before - after) / before) * 1000) / 10;
}

/** Checks of the cost and label figures of an operation: each problem names its field. */
export function checkOperationFigures(costs: OperationCosts, labels: OperationLabels): FieldError[] {
  const errors: FieldError[] = [];
  if (costs.paidCents > costs.committedCents) {
    errors.push({ field: 'paidCents', message: 'le payé dépasse l’engagé (paid exceeds committed)' });
  }
  if (labels.labelBefore && labels.targetLabel && rank(labels.targetLabel) > rank(labels.labelBefore)) {
    errors.push({ field: 'targetLabel', message: 'l’étiquette visée est moins bonne que l’étiquette avant travaux (target worse than before)' });
  }
  if (labels.energyBefore !== null && labels.energyTarget !== null && labels.energyTarget > labels.energyBefore) {
    errors.push({ field: 'energyTarget', message: 'la consommation visée dépasse celle avant travaux (target above before)' });
  }
  return errors;
}

/** Checks of the dates of each phase: an end before its start, or a phase planned to start before the previous one. */
export function checkPhases(phases: readonly PhaseDates[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const dates of phases) {
    if (dates.plannedStart && dates.plannedEnd && dates.plannedEnd < dates.plannedStart) {
      errors.push({ field: `phases.${dates.phase}.plannedEnd`, message: 'fin prévue avant le début prévu (planned end before start)' });
    }
    if (dates.actualStart && dates.actualEnd && dates.actualEnd < dates.actualStart) {
      errors.push({ field: `phases.${dates.phase}.actualEnd`, message: 'fin réelle avant le début réel (actual end before start)' });
    }
  }
  const planned = sortedPhases(phases).filter((dates) => dates.plannedStart);
  for (let index = 1; index < planned.length; index++) {
    const previous = planned[index - 1]!;
    const current = planned[index]!;
    if (current.plannedStart! < previous.plannedStart!) {
      errors.push({ field: `phases.${current.phase}.plannedStart`, message: `prévu avant la phase « ${previous.phase} » (planned before the previous phase)` });
    }
  }
  return errors;
}

const sortedPhases = (phases: readonly PhaseDates[]) => [...phases].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));

const endOf = (dates: PhaseDates | undefined) => dates?.actualEnd ?? dates?.plannedEnd ?? null;

/**
 * When the works end (the handover): actual, else planned, handover, else the end of works;
 * `fallback` (the stored end date) when the phases do not tell.
 */
export function expectedHandover(phases: readonly PhaseDates[], fallback: string): string {
  const of = (phase: Phase) => phases.find((dates) => dates.phase === phase);
  return endOf(of('handover')) ?? endOf(of('works')) ?? fallback;
}

/** The one-year guarantee (garantie de parfait achèvement) ends a year after the handover. */
export const guaranteeEnd = (handover: string) => addYears(handover, 1);

/** Where the operation stands on `day`: the last phase begun, 'closed' after the final account, or 'planned'. */
export function currentPhase(phases: readonly PhaseDates[], day: string): Phase | 'planned' | 'closed' {
  const begun = sortedPhases(phases).filter((dates) => dates.actualStart !== null && dates.actualStart <= day);
  const last = begun.at(-1);
  if (!last) return 'planned';
  if (last.phase === 'final_account' && last.actualEnd !== null && last.actualEnd <= day) return 'closed';
  return last.phase;
}

/** Days late at the end of each phase (actual end − planned end, or today − planned end while unfinished). */
export function phaseDelays(phases: readonly PhaseDates[], day: string): Partial<Record<Phase, number>> {
  const delays: Partial<Record<Phase, number>> = {};
  for (const dates of phases) {
    if (!dates.plannedEnd) continue;
    const reference = dates.actualEnd ?? (day > dates.plannedEnd ? day : null);
    if (reference) delays[dates.phase] = daysBetween(dates.plannedEnd, reference);
  }
  return delays;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
