import type { Perimeter } from '../access/domain/perimeter.js';

/** Adds a query parameter and returns its placeholder (`$n`). */
export type Bind = (value: unknown) => string;

/** A parameter list that numbers placeholders after the ones a query already has. */
export function parameters(initial: unknown[]): { values: unknown[]; bind: Bind } {
  const values = [...initial];
  return { values, bind: (value) => `$${values.push(value)}` };
}

/**
 * The SQL condition keeping residences (alias `r`) inside a perimeter — the residence's agency,
 * its agency's directorate, or its commune, as `resolveTarget` places one residence — or
 * 'true' for the whole organisation. An empty perimeter keeps nothing.
 */
export function residencesWithin(perimeter: Perimeter, bind: Bind, alias = 'r'): string {
  if (perimeter.wholeOrganisation) return 'true';
  const parts: string[] = [];
  if (perimeter.agencyIds.length > 0) parts.push(`${alias}.agency_id = ANY(${bind(perimeter.agencyIds)}::int[])`);
  if (perimeter.directorateIds.length > 0) {
    parts.push(`${alias}.agency_id IN (SELECT pa.id FROM agencies pa WHERE pa.organisation_id = ${alias}.organisation_id
      AND pa.directorate_id = ANY(${bind(perimeter.directorateIds)}::int[]))`);
  }
  if (perimeter.communes.length > 0) parts.push(`${alias}.commune_insee = ANY(${bind(perimeter.communes)}::text[])`);
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}
