import { validationError, type FieldError } from '../../core/errors.js';
import type { Family } from './vocabulary.js';

/**
 * The graduated response: what the landlord (and its partners) did about an incident, dated,
 * in a timeline. The last three kinds support staff who were attacked (family E only).
 */
export const ACTION_KINDS = [
  'lease_rules_reminder',
  'formal_notice',
  'sworn_guard_report',
  'complaint_filed',
  'police_log',
  'clspd_report',
  'mediation',
  'lease_termination',
  'legal_outcome',
  'hr_support',
  'victim_support',
  'accompanied_complaint',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LABELS: Record<ActionKind, { fr: string; en: string }> = {
  lease_rules_reminder: { fr: 'Rappel au règlement / au bail', en: 'Reminder of the lease rules' },
  formal_notice: { fr: 'Mise en demeure', en: 'Formal notice' },
  sworn_guard_report: { fr: 'Constat par un garde assermenté', en: 'Report by a sworn guard' },
  complaint_filed: { fr: 'Dépôt de plainte', en: 'Complaint filed' },
  police_log: { fr: 'Main courante', en: 'Declaration on the police log' },
  clspd_report: { fr: 'Signalement au CLSPD', en: 'Report to the local security council' },
  mediation: { fr: 'Médiation', en: 'Mediation' },
  lease_termination: { fr: 'Procédure de résiliation du bail pour trouble', en: 'Lease-termination procedure for disturbance' },
  legal_outcome: { fr: 'Suite judiciaire', en: 'Outcome of the legal follow-up' },
  hr_support: { fr: 'Accompagnement RH', en: 'HR support' },
  victim_support: { fr: 'Aide aux victimes', en: 'Victim support' },
  accompanied_complaint: { fr: 'Plainte accompagnée', en: 'Accompanied complaint' },
};

export const LEGAL_OUTCOMES = ['dismissed', 'alternative_measure', 'caution', 'conviction', 'acquittal'] as const;
export type LegalOutcome = (typeof LEGAL_OUTCOMES)[number];

const STAFF_SUPPORT: readonly ActionKind[] = ['hr_support', 'victim_support', 'accompanied_complaint'];
const COMPLAINTS: readonly ActionKind[] = ['complaint_filed', 'accompanied_complaint'];

export interface ActionInput {
  kind: ActionKind;
  /** When it was done (YYYY-MM-DD); for a complaint, the date it was filed. */
  date: string;
  note?: string | null;
  /** Where a complaint was filed (commissariat, gendarmerie). */
  policeStation?: string | null;
  legalOutcome?: LegalOutcome | null;
}

export interface ActionDetails {
  kind: ActionKind;
  date: string;
  note: string | null;
  policeStation: string | null;
  legalOutcome: LegalOutcome | null;
}

/** Checks that an action fits its kind and the incident; `today` is YYYY-MM-DD. */
export function validateAction(input: ActionInput, family: Family, today: string): ActionDetails {
  const errors: FieldError[] = [];
  const policeStation = input.policeStation?.trim() || null;
  const legalOutcome = input.legalOutcome ?? null;
  if (input.date > today) errors.push({ field: 'date', message: 'Date future / Date in the future' });
  if (STAFF_SUPPORT.includes(input.kind) && family !== 'E') {
    errors.push({ field: 'kind', message: 'Réservé aux atteintes aux personnels (famille E) / Only for attacks on staff (family E)' });
  }
  if (COMPLAINTS.includes(input.kind) && !policeStation) {
    errors.push({ field: 'policeStation', message: 'Commissariat ou brigade obligatoire / Police station required' });
  }
  if (!COMPLAINTS.includes(input.kind) && policeStation) {
    errors.push({ field: 'policeStation', message: 'Seulement pour une plainte / Only for a complaint' });
  }
  if (input.kind === 'legal_outcome' && !legalOutcome) {
    errors.push({ field: 'legalOutcome', message: 'Issue judiciaire obligatoire / Legal outcome required' });
  }
  if (input.kind !== 'legal_outcome' && legalOutcome) {
    errors.push({ field: 'legalOutcome', message: 'Seulement pour une suite judiciaire / Only for a legal outcome' });
  }
  if (errors.length > 0) throw validationError('Action invalide / Invalid action', errors);
  return { kind: input.kind, date: input.date, note: input.note?.trim() || null, policeStation, legalOutcome };
}
