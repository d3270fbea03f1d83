import type { FieldError } from '../../core/errors.js';

/** A pre-litigation file's life: open until settled, time-barred or its judgment executed. Pure. */
export const FILE_STATUSES = ['open', 'settled', 'time_barred', 'judgment_executed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** The legal steps of the graduated response, in their usual order. */
export const STEP_KINDS = ['lease_rules_reminder', 'formal_notice', 'complaint', 'summons', 'judgment'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const PERSON_ROLES = ['tenant', 'occupant', 'visitor', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * Why a file cannot go from `from` to `to`, or undefined when it can. A closed file stays closed:
 * its retention delay has started. A judgment can only be executed once it is recorded.
 */
export function statusChangeError(from: FileStatus, to: FileStatus, steps: readonly StepKind[]): FieldError | undefined {
  if (from !== 'open') return { field: 'status', message: `Dossier déjà clos (${from}) : il ne change plus (file already closed)` };
  if (to === 'open') return { field: 'status', message: 'Le dossier est déjà ouvert (file already open)' };
  if (to === 'judgment_executed' && !steps.includes('judgment')) {
    return { field: 'status', message: 'Aucun jugement enregistré dans les étapes (no judgment step recorded)' };
  }
  return undefined;
}

/** A step can only be added to an open file. */
export function stepError(status: FileStatus): FieldError | undefined {
  return status === 'open' ? undefined : { field: 'kind', message: `Dossier clos (${status}) : plus d’étape (file closed: no further step)` };
}
