import { conflict, validationError } from '../../core/errors.js';

/** The life of an incident; `closed` carries an outcome. */
export const STATUSES = ['draft', 'recorded', 'qualified', 'in_progress', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const OUTCOMES = ['resolved', 'no_further_action'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const STATUS_LABELS: Record<Status, { fr: string; en: string }> = {
  draft: { fr: 'brouillon', en: 'draft' },
  recorded: { fr: 'enregistré', en: 'recorded' },
  qualified: { fr: 'qualifié', en: 'qualified' },
  in_progress: { fr: 'en cours de traitement', en: 'in progress' },
  closed: { fr: 'clos', en: 'closed' },
};

interface Transition {
  from: Status;
  to: Status;
  /** What the caller must give for this move: the closing outcome, or the reason for reopening. */
  requires?: 'outcome' | 'reason';
}

/**
 * Every allowed move, and only these: anything else is refused with a 409. Closing needs a
 * qualified incident (category and severity checked); reopening brings it back into treatment.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'recorded' },
  { from: 'recorded', to: 'qualified' },
  { from: 'qualified', to: 'in_progress' },
  { from: 'qualified', to: 'closed', requires: 'outcome' },
  { from: 'in_progress', to: 'closed', requires: 'outcome' },
  { from: 'closed', to: 'in_progress', requires: 'reason' },
];

export interface TransitionRequest {
  to: Status;
  outcome?: Outcome | null;
  reason?: string | null;
}

/** The status fields after an allowed transition. */
export interface StatusChange {
  status: Status;
  outcome: Outcome | null;
  reason: string | null;
}

export const REASON_MAX_LENGTH = 1000;

export function allowedTargets(from: Status): Status[] {
  return TRANSITIONS.filter((transition) => transition.from === from).map((transition) => transition.to);
}

/** Checks a requested move against the table; throws a 409 when it is not in it. */
export function applyTransition(from: Status, request: TransitionRequest): StatusChange {
  const transition = TRANSITIONS.find((candidate) => candidate.from === from && candidate.to === request.to);
  if (!transition) throw forbiddenTransition(from, request.to);
  const outcome = request.outcome ?? null;
  const reason = request.reason?.trim() || null;
  if (transition.requires === 'outcome' && !outcome) {
    throw validationError('Une clôture exige une issue / Closing requires an outcome', [
      { field: 'outcome', message: 'Choisir « resolved » ou « no_further_action » / Choose resolved or no_further_action' },
    ]);
  }
  if (transition.requires !== 'outcome' && outcome) {
    throw validationError('Une issue ne se donne qu’à la clôture / An outcome is only given when closing', [
      { field: 'outcome', message: 'Réservé à la clôture / Only when closing' },
    ]);
  }
  if (transition.requires === 'reason' && !reason) {
    throw validationError('Une réouverture exige un motif / Reopening requires a reason', [
      { field: 'reason', message: 'Motif obligatoire / Reason required' },
    ]);
  }
  if (reason && reason.length > REASON_MAX_LENGTH) {
    throw validationError('Motif trop long / Reason too long', [{ field: 'reason', message: `${REASON_MAX_LENGTH} caractères au plus / at most ${REASON_MAX_LENGTH} characters` }]);
  }
  return { status: transition.to, outcome, reason };
}

function forbiddenTransition(from: Status, to: Status) {
  const allowed = allowedTargets(from);
  const fr = `Transition interdite : un incident « ${STATUS_LABELS[from].fr} » ne peut pas passer à « ${STATUS_LABELS[to].fr} »`
    + (allowed.length > 0 ? ` (possible : ${allowed.map((status) => `« ${STATUS_LABELS[status].fr} »`).join(', ')})` : '');
  const en = `Forbidden transition: a ${STATUS_LABELS[from].en} incident cannot become ${STATUS_LABELS[to].en}`
    + (allowed.length > 0 ? ` (allowed: ${allowed.map((status) => STATUS_LABELS[status].en).join(', ')})` : '');
  return conflict(`${fr}. / ${en}.`);
}
