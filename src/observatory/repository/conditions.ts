import type { PlaceFilter, Scope } from '../filters.js';

/** SQL fragments shared by the observatory's reads: bound parameters and conditions on places. */

export type Params = unknown[];
export const bind = (params: Params, value: unknown) => `$${params.push(value)}`;

/**
 * Conditions on places, written against aliases that hold agency_id, residence_id, building_id
 * and entrance_id columns (or expressions) for the level read.
 */
export interface PlaceColumns {
  agency: string;
  residence: string;
  building: string;
  entrance: string;
}

/**
 * Conditions on places: the caller's perimeter (agencies, directorates, or the residences of
 * communes; nothing when it spans the organisation), then the filter's places.
 */
export function placeConditions(scope: Scope, filter: PlaceFilter, columns: PlaceColumns, params: Params): string[] {
  const conditions = perimeterConditions(scope, columns, params);
  if (filter.directorateId !== undefined) {
    conditions.push(`${columns.agency} IN (SELECT id FROM agencies WHERE organisation_id = $1 AND directorate_id = ${bind(params, filter.directorateId)})`);
  }
  if (filter.agencyId !== undefined) conditions.push(`${columns.agency} = ${bind(params, filter.agencyId)}`);
  if (filter.commune !== undefined) {
    conditions.push(`${columns.residence} IN (SELECT id FROM residences WHERE organisation_id = $1 AND commune_insee = ${bind(params, filter.commune)})`);
  }
  if (filter.qpv !== undefined) {
    conditions.push(`${columns.residence} IN (SELECT id FROM residences WHERE organisation_id = $1 AND qpv_code = ${bind(params, filter.qpv)})`);
  }
  if (filter.residenceId !== undefined) conditions.push(`${columns.residence} = ${bind(params, filter.residenceId)}`);
  if (filter.buildingId !== undefined) conditions.push(`${columns.building} = ${bind(params, filter.buildingId)}`);
  if (filter.entranceId !== undefined) conditions.push(`${columns.entrance} = ${bind(params, filter.entranceId)}`);
  return conditions;
}

/** A row is in the perimeter when its agency, its agency's directorate or its residence's commune is (as `perimeterCovers`). */
function perimeterConditions({ perimeter }: Scope, columns: PlaceColumns, params: Params): string[] {
  if (perimeter.wholeOrganisation) return [];
  const covered = [
    `${columns.agency} = ANY(${bind(params, perimeter.agencyIds)}::int[])`,
    `${columns.agency} IN (SELECT id FROM agencies WHERE organisation_id = $1 AND directorate_id = ANY(${bind(params, perimeter.directorateIds)}::int[]))`,
    `${columns.residence} IN (SELECT id FROM residences WHERE organisation_id = $1 AND commune_insee = ANY(${bind(params, perimeter.communes)}::text[]))`,
  ];
  return [`COALESCE(${covered.join(' OR ')}, false)`];
}
