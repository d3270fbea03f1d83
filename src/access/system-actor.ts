import type { Actor } from '../http/context.js';
import type { Role } from './domain/roles.js';

/** Every landlord-side role: together they carry each permission a command may exercise. */
const OPERATOR_ROLES: readonly Role[] = ['observatory_officer', 'administrator', 'territorial_director', 'executive'];

/**
 * The actor of the command line, the demo loader and scheduled jobs: whoever runs them already
 * holds the database's owner rights, so they act over the whole organisation. `label` names the
 * command in the audit log.
 */
export function systemActor(organisationId: number, label: string): Actor {
  return {
    organisationId,
    label,
    grants: OPERATOR_ROLES.map((role) => ({ role, perimeter: { wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] } })),
  };
}
