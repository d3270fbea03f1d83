/**
 * The closed vocabularies of an incident. Stored as these codes; labels live in the UI
 * (French first). Kept as tuples so that zod schemas, SQL checks and tests share them.
 */
export const SEVERITIES = ['G1', 'G2', 'G3', 'G4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FAMILIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Family = (typeof FAMILIES)[number];

/** Where the incident happened, from the finest to the widest place. */
export const PLACE_KINDS = ['dwelling', 'entrance', 'building', 'residence', 'common_area'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** How the incident came to the landlord's knowledge. */
export const CHANNELS = ['caretaker', 'tenant', 'phone', 'police', 'patrol', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Victims are recorded by role only, never by identity. */
export const VICTIM_ROLES = ['landlord_staff', 'contractor_staff', 'tenant', 'third_party'] as const;
export type VictimRole = (typeof VICTIM_ROLES)[number];

/** ITT = incapacité totale de travail, the French medical measure of an assault's harm. */
export const ITT_CLASSES = ['no_itt', 'itt_up_to_8_days', 'itt_over_8_days', 'unknown'] as const;
export type IttClass = (typeof ITT_CLASSES)[number];

/** The perpetrator is never named here: only whether they are identified, and whether a tenant. */
export const PERPETRATOR_STATUSES = ['not_identified', 'identified', 'tenant'] as const;
export type PerpetratorStatus = (typeof PERPETRATOR_STATUSES)[number];

export interface Victim {
  role: VictimRole;
  /** Set for assaults (families E and F); null otherwise. */
  ittClass: IttClass | null;
}

export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity) + 1;
