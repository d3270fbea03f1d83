import { forbidden, notFound } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { perimeterCovers, type Perimeter, type ResolvedTarget } from './domain/perimeter.js';
import { roleAllows, type Permission } from './domain/roles.js';
import { resolveTarget, type TargetRef } from './repository.js';

/**
 * The one access check. Deny by default: an actor without grants (the legacy anonymous actor
 * included), a permission none of its roles carries, another tenant's object, or an object
 * outside every perimeter that carries the permission, are all refused.
 */
export function authorize(actor: Actor, permission: Permission, target?: ResolvedTarget): boolean {
  const grants = (actor.grants ?? []).filter((grant) => roleAllows(grant.role, permission));
  if (!target) return grants.length > 0;
  if (target.organisationId !== actor.organisationId) return false;
  return grants.some((grant) => perimeterCovers(grant.perimeter, target));
}

/**
 * What list queries must filter on: the union of the perimeters carrying the permission,
 * or null when the actor has none (the caller answers 403).
 */
export function perimeterFor(actor: Actor, permission: Permission): Perimeter | null {
  const perimeters = (actor.grants ?? []).filter((grant) => roleAllows(grant.role, permission)).map((grant) => grant.perimeter);
  if (perimeters.length === 0) return null;
  const union = <T>(pick: (perimeter: Perimeter) => readonly T[]) => [...new Set(perimeters.flatMap(pick))];
  return {
    wholeOrganisation: perimeters.some((perimeter) => perimeter.wholeOrganisation),
    agencyIds: union((perimeter) => perimeter.agencyIds),
    directorateIds: union((perimeter) => perimeter.directorateIds),
    communes: union((perimeter) => perimeter.communes),
  };
}

/**
 * Resolves `target` inside the actor's organisation and applies `authorize`: 404 when no such
 * object exists there (another tenant's ids are not confirmed), 403 when it lies outside the
 * actor's perimeter for this permission.
 */
export async function requireAccess(db: Queryable, actor: Actor, permission: Permission, target?: TargetRef): Promise<void> {
  if (!target) {
    if (!authorize(actor, permission)) throw forbidden(`Permission « ${permission} » refusée (permission denied)`);
    return;
  }
  const resolved = await resolveTarget(db, actor.organisationId, target);
  if (!resolved) throw notFound(`${target.kind} ${'id' in target ? target.id : 'insee' in target ? target.insee : ''}`.trim());
  if (!authorize(actor, permission, resolved)) throw forbidden(`Hors de votre périmètre (outside your perimeter): ${target.kind}`);
}
