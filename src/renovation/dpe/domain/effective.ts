import { currentDpe, type CurrentDpe, type DpeFact } from './validity.js';

/** Whose DPE gives a dwelling its label: its own, or its building's. */
export type LabelSource = 'dwelling' | 'building';

export type EffectiveDpe<T> =
  | { status: 'valid'; dpe: DpeFact<T>; validUntil: string; source: LabelSource }
  | { status: 'unknown'; reason: 'missing' | 'expired' | 'replaced'; source: null };

/**
 * The DPE that gives a dwelling its label on day `at`: its own valid DPE first, else the valid
 * DPE of its building, else unknown — never good. Each level follows `currentDpe` (newest issued,
 * expired or replaced → not valid). When both fail, the reason is the dwelling's own, unless it
 * has none and the building's says more (expired or replaced). Pure.
 */
export function effectiveDpe<T>(own: readonly DpeFact<T>[], building: readonly DpeFact<T>[], at: string, replacedNumbers: ReadonlySet<string>): EffectiveDpe<T> {
  const mine = currentDpe(own, at, replacedNumbers);
  if (mine.status === 'valid') return { ...mine, source: 'dwelling' };
  const shared: CurrentDpe<T> = currentDpe(building, at, replacedNumbers);
  if (shared.status === 'valid') return { ...shared, source: 'building' };
  return { status: 'unknown', reason: mine.reason === 'missing' ? shared.reason : mine.reason, source: null };
}
