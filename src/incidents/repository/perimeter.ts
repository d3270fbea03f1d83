import type { Perimeter } from '../../access/domain/perimeter.js';

/**
 * The SQL condition keeping the incidents (alias `i`) inside a perimeter, or null for the whole
 * organisation: the incident's agency, its agency's directorate, or its commune (the building's,
 * else the residence's) — the same rule as `resolveTarget` for one incident. `param` adds a
 * parameter and returns its placeholder.
 */
export function perimeterCondition(perimeter: Perimeter, param: (value: unknown) => string): string | null {
  if (perimeter.wholeOrganisation) return null;
  const parts: string[] = [];
  if (perimeter.agencyIds.length > 0) parts.push(`i.agency_id = ANY(${param(perimeter.agencyIds)}::int[])`);
  if (perimeter.directorateIds.length > 0) {
    parts.push(`i.agency_id IN (SELECT pa.id FROM agencies pa WHERE pa.organisation_id = i.organisation_id
      AND pa.directorate_id = ANY(${param(perimeter.directorateIds)}::int[]))`);
  }
  if (perimeter.communes.length > 0) {
    parts.push(`COALESCE(
      (SELECT pb.commune_insee FROM buildings pb WHERE pb.organisation_id = i.organisation_id AND pb.id = i.building_id),
      (SELECT pr.commune_insee FROM residences pr WHERE pr.organisation_id = i.organisation_id AND pr.id = i.residence_id)
    ) = ANY(${param(perimeter.communes)}::text[])`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}
