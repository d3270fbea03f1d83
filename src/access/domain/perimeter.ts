import type { FieldError } from '../../core/errors.js';
import { ROLE_PERIMETER, type Role } from './roles.js';

/** What one role assignment spans inside its organisation. */
export interface Perimeter {
  wholeOrganisation: boolean;
  agencyIds: readonly number[];
  directorateIds: readonly number[];
  communes: readonly string[];
}

/** A role held by a user over a perimeter: the unit the access check works on. */
export interface Grant {
  role: Role;
  perimeter: Perimeter;
}

/**
 * An object resolved to the id sets a perimeter must contain: a residence is in one agency,
 * one directorate and one commune; an agency spans itself and its directorate; the
 * organisation as a whole can only be covered by a whole-organisation perimeter.
 */
export interface ResolvedTarget {
  organisationId: number;
  wholeOrganisation: boolean;
  agencyIds: readonly number[];
  directorateIds: readonly number[];
  communes: readonly string[];
}

const containsAll = <T>(outer: readonly T[], inner: readonly T[]) =>
  inner.length > 0 && inner.every((item) => outer.includes(item));

export function perimeterCovers(perimeter: Perimeter, target: ResolvedTarget): boolean {
  if (perimeter.wholeOrganisation) return true;
  if (target.wholeOrganisation) return false;
  return (
    containsAll(perimeter.agencyIds, target.agencyIds) ||
    containsAll(perimeter.directorateIds, target.directorateIds) ||
    containsAll(perimeter.communes, target.communes)
  );
}

/** The perimeter a role must be given: exactly its own kind, never empty. */
export function perimeterErrors(role: Role, perimeter: Perimeter): FieldError[] {
  const kind = ROLE_PERIMETER[role];
  const given = {
    organisation: perimeter.wholeOrganisation,
    agencies: perimeter.agencyIds.length > 0,
    directorates: perimeter.directorateIds.length > 0,
    communes: perimeter.communes.length > 0,
  };
  const errors: FieldError[] = [];
  if (!given[kind]) errors.push({ field: kind === 'organisation' ? 'role' : kind, message: `Le rôle ${role} exige un périmètre « ${kind} » (role ${role} needs a perimeter of ${kind})` });
  for (const [other, present] of Object.entries(given)) {
    if (other !== kind && other !== 'organisation' && present) {
      errors.push({ field: other, message: `Le rôle ${role} ne prend pas de périmètre « ${other} » (role ${role} takes no ${other} perimeter)` });
    }
  }
  return errors;
}
