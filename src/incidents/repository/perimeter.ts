import type { Perimeter } from '../../access/domain/perimeter.js';

/** The columns locating a row: an incident's by default. */
export interface PlaceColumns {
  organisation: string;
  agency: string;
  building: string;
  residence: string;
}

const INCIDENT_PLACE: PlaceColumns = { organisation: 'i.organisation_id', agency: 'i.agency_id', building: 'i.building_id', residence: 'i.residence_id' };

/**
 * The SQL condition keeping rows (incidents by default) inside a perimeter, or null for the whole
 * organisation: the row's agency, its agency's directorate, or its commune (the building's, else
 * the residence's) — the same rule as `resolveTarget` for one incident. `param` adds a parameter
 * and returns its placeholder.
 */
export function perimeterCondition(perimeter: Perimeter, param: (value: unknown) => string, at: PlaceColumns = INCIDENT_PLACE): string | null {
  if (perimeter.wholeOrganisation) return null;
  const parts: string[] = [];
  if (perimeter.agencyIds.length > 0) parts.push(`${at.agency} = ANY(${param(perimeter.agencyIds)}::int[])`);
  if (perimeter.directorateIds.length > 0) {
    parts.push(`${at.agency} IN (SELECT pa.id FROM agencies pa WHERE pa.organisation_id = ${at.organisation}
      AND pa.directorate_id = ANY(${param(perimeter.directorateIds)}::int[]))`);
  }
  if (perimeter.communes.length > 0) {
    parts.push(`COALESCE(
      (SELECT pb.commune_insee FROM buildings pb WHERE pb.organisation_id = ${at.organisation} AND pb.id = ${at.building}),
      (SELECT pr.commune_insee FROM residences pr WHERE pr.organisation_id = ${at.organisation} AND pr.id = ${at.residence})
    ) = ANY(${param(perimeter.communes)}::text[])`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}
