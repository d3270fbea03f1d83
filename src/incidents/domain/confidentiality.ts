import type { Grant } from '../../access/domain/perimeter.js';
import type { Family } from './vocabulary.js';

/**
 * Attacks on staff (family E) are confidential: only the victim's management (the managers of
 * the agency where it happened), the organisation's central observatory (the observatory
 * officers), and the person who recorded it may see them. Every other incident is visible to
 * whoever's perimeter holds it.
 */
export const CONFIDENTIAL_FAMILIES: readonly Family[] = ['E'];

export interface Viewer {
  organisationId: number;
  /** Null for the command line and jobs, which record nothing in anyone's name. */
  userId: number | null;
  centralObservatory: boolean;
  /** Agencies whose management the viewer belongs to. */
  managedAgencyIds: readonly number[];
}

export interface VisibleFacts {
  organisationId: number;
  family: Family;
  agencyId: number;
  recordedBy: number | null;
}

/**
 * The viewer an actor is, from its grants: the observatory officer role makes it the central
 * observatory, agency-manager grants give the agencies it manages. No grant, no privilege.
 */
export function viewerOf(actor: { organisationId: number; userId?: number; grants?: readonly Grant[] }): Viewer {
  const grants = actor.grants ?? [];
  return {
    organisationId: actor.organisationId,
    userId: actor.userId ?? null,
    centralObservatory: grants.some((grant) => grant.role === 'observatory_officer'),
    managedAgencyIds: grants.filter((grant) => grant.role === 'agency_manager').flatMap((grant) => grant.perimeter.agencyIds),
  };
}

export function canViewIncident(viewer: Viewer, incident: VisibleFacts): boolean {
  if (viewer.organisationId !== incident.organisationId) return false;
  if (!CONFIDENTIAL_FAMILIES.includes(incident.family) || viewer.centralObservatory) return true;
  return viewer.managedAgencyIds.includes(incident.agencyId) || (viewer.userId !== null && viewer.userId === incident.recordedBy);
}

/**
 * The same rule as a filter for lists: null when the viewer sees every incident of the
 * organisation, otherwise who may still see confidential ones.
 */
export function confidentialFilter(viewer: Viewer): { families: Family[]; agencyIds: number[]; userId: number | null } | null {
  if (viewer.centralObservatory) return null;
  return { families: [...CONFIDENTIAL_FAMILIES], agencyIds: [...viewer.managedAgencyIds], userId: viewer.userId };
}
