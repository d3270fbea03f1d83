import { validationError, type FieldError } from '../../core/errors.js';
import type { Family, Victim } from './vocabulary.js';

/** One line of an incident's history: a field went from `before` to `after`. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changes `patch` brings to `current`, one per field that really changes. */
export function diffFields<T extends object>(current: T, patch: Partial<T>): FieldChange[] {
  return (Object.keys(patch) as (keyof T & string)[])
    .filter((field) => patch[field] !== undefined && !same(current[field], patch[field]))
    .map((field) => ({ field, before: current[field] ?? null, after: patch[field] ?? null }));
}

const ASSAULT_FAMILIES: readonly Family[] = ['E', 'F'];

/** ITT classes describe assaults only (families E and F). */
export function checkVictims(victims: readonly Victim[], family: Family): void {
  if (ASSAULT_FAMILIES.includes(family)) return;
  const errors: FieldError[] = victims.flatMap((victim, index) =>
    victim.ittClass ? [{ field: `victims.${index}.ittClass`, message: 'Seulement pour une atteinte aux personnes (familles E, F) / Only for assaults (families E, F)' }] : [],
  );
  if (errors.length > 0) throw validationError('Victimes invalides / Invalid victims', errors);
}
