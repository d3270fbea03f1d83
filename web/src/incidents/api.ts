import type { z } from 'zod';
import type {
  ActionSchema, CategorySchema, CommentSchema, CreatedIncidentSchema, IncidentDetailSchema, IncidentPageSchema, IncidentSchema, NearestPlaceSchema,
} from '../../../src/incidents/schemas.js';

/** The API's own schemas describe what the pages receive. */
export type Category = z.infer<typeof CategorySchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;
export type IncidentPage = z.infer<typeof IncidentPageSchema>;
export type CreatedIncident = z.infer<typeof CreatedIncidentSchema>;
export type NearestPlace = z.infer<typeof NearestPlaceSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Comment = z.infer<typeof CommentSchema>;
export type HistoryEntry = IncidentDetail['history'][number];

export type Status = Incident['status'];
export type Severity = Incident['severity'];
export type Family = Incident['family'];
export type Channel = Incident['channel'];
export type Outcome = NonNullable<Incident['outcome']>;
export type ActionKind = Action['kind'];
export type LegalOutcome = NonNullable<Action['legalOutcome']>;
export type PlaceKind = Incident['placeKind'];
export type Victim = Incident['victims'][number];
export type VictimRole = Victim['role'];
export type IttClass = NonNullable<Victim['ittClass']>;
export type Perpetrator = Incident['perpetrator'];

// Listed here rather than imported from the server modules, which would bring zod into the bundle.
export const STATUSES = ['draft', 'recorded', 'qualified', 'in_progress', 'closed'] as const satisfies readonly Status[];
export const SEVERITIES = ['G1', 'G2', 'G3', 'G4'] as const satisfies readonly Severity[];
export const FAMILIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const satisfies readonly Family[];
export const CHANNELS = ['caretaker', 'tenant', 'phone', 'police', 'patrol', 'email'] as const satisfies readonly Channel[];
export const VICTIM_ROLES = ['landlord_staff', 'contractor_staff', 'tenant', 'third_party'] as const satisfies readonly VictimRole[];
export const ITT_CLASSES = ['no_itt', 'itt_up_to_8_days', 'itt_over_8_days', 'unknown'] as const satisfies readonly IttClass[];
export const PERPETRATOR_STATUSES = ['not_identified', 'identified', 'tenant'] as const satisfies readonly Perpetrator[];
export const OUTCOMES = ['resolved', 'no_further_action'] as const satisfies readonly Outcome[];
export const LEGAL_OUTCOMES = ['dismissed', 'alternative_measure', 'caution', 'conviction', 'acquittal'] as const satisfies readonly LegalOutcome[];
export const ACTION_KINDS = [
  'lease_rules_reminder', 'formal_notice', 'sworn_guard_report', 'complaint_filed', 'police_log', 'clspd_report', 'mediation',
  'lease_termination', 'legal_outcome', 'hr_support', 'victim_support', 'accompanied_complaint',
] as const satisfies readonly ActionKind[];
/** Support actions the API accepts for attacks on staff (family E) only. */
export const STAFF_SUPPORT_KINDS: readonly ActionKind[] = ['hr_support', 'victim_support', 'accompanied_complaint'];
/** Actions the API refuses without the police station. */
export const COMPLAINT_KINDS: readonly ActionKind[] = ['complaint_filed', 'accompanied_complaint'];

export const incidentApiPath = (id: number) => `/api/incidents/${id}`;
