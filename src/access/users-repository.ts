import type { Queryable } from '../db/database.js';
import type { Role } from './domain/roles.js';

/** SQL only: accounts as the administration pages show them, and the places a perimeter can name. */

export interface PerimeterPlace {
  kind: 'agency' | 'directorate' | 'commune';
  /** External id of an agency or directorate, INSEE code of a commune. */
  code: string;
  name: string;
}

export interface AccountView {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  createdAt: Date;
  grants: { role: Role; wholeOrganisation: boolean; places: PerimeterPlace[] }[];
}

/** The organisation's accounts (or the one of `userId`), by name, with their roles and the places of each perimeter. */
export function listAccounts(db: Queryable, organisationId: number, userId: number | null = null) {
  return db.query<AccountView>(
    `SELECT u.id, u.email, u.display_name AS "displayName", u.disabled, u.must_change_password AS "mustChangePassword",
       coalesce(u.locked_until > now(), false) AS locked, u.created_at AS "createdAt",
       coalesce((
         SELECT json_agg(json_build_object('role', ra.role, 'wholeOrganisation', ra.whole_organisation, 'places', (
           SELECT coalesce(json_agg(json_build_object(
               'kind', CASE WHEN p.agency_id IS NOT NULL THEN 'agency' WHEN p.directorate_id IS NOT NULL THEN 'directorate' ELSE 'commune' END,
               'code', coalesce(a.external_id, d.external_id, c.insee_code),
               'name', coalesce(a.name, d.name, c.name)) ORDER BY coalesce(a.name, d.name, c.name)), '[]'::json)
           FROM role_perimeter_items p
           LEFT JOIN agencies a ON a.organisation_id = p.organisation_id AND a.id = p.agency_id
           LEFT JOIN directorates d ON d.organisation_id = p.organisation_id AND d.id = p.directorate_id
           LEFT JOIN communes c ON c.insee_code = p.commune_insee
           WHERE p.organisation_id = ra.organisation_id AND p.assignment_id = ra.id)) ORDER BY ra.role)
         FROM role_assignments ra WHERE ra.organisation_id = u.organisation_id AND ra.user_id = u.id), '[]'::json) AS grants
     FROM users u
     WHERE u.organisation_id = $1 AND ($2::int IS NULL OR u.id = $2)
     ORDER BY u.display_name, u.id`,
    [organisationId, userId],
  );
}

/** What a perimeter may be made of: the organisation's directorates and agencies, and the communes where it holds residences or buildings. */
export function perimeterPlaces(db: Queryable, organisationId: number) {
  return db.query<PerimeterPlace & { directorateCode: string | null }>(
    `SELECT 'directorate' AS kind, external_id AS code, name, NULL::text AS "directorateCode" FROM directorates WHERE organisation_id = $1
     UNION ALL
     SELECT 'agency', a.external_id, a.name, d.external_id FROM agencies a
       JOIN directorates d ON d.organisation_id = a.organisation_id AND d.id = a.directorate_id
       WHERE a.organisation_id = $1
     UNION ALL
     SELECT 'commune', c.insee_code, c.name, NULL FROM communes c
       WHERE c.insee_code IN (SELECT commune_insee FROM residences WHERE organisation_id = $1
                              UNION SELECT commune_insee FROM buildings WHERE organisation_id = $1)
     ORDER BY 1, 3, 2`,
    [organisationId],
  );
}
