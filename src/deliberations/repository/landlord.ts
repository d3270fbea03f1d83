/** SQL only: the letterhead of the extracts and the SCDL identity. */
import { queryOne, type Queryable } from '../../db/database.js';
import type { Landlord } from '../schemas.js';

export async function getLandlord(db: Queryable, organisationId: number): Promise<Landlord | undefined> {
  return queryOne<Landlord>(
    db,
    `SELECT name, legal_form AS "legalForm", siret, address_lines AS "addressLines",
       json_build_object('civility', dg_civility, 'firstName', dg_first_name, 'lastName', dg_last_name) AS "directorGeneral"
     FROM deliberation_landlords WHERE organisation_id = $1`,
    [organisationId],
  );
}

export async function upsertLandlord(db: Queryable, organisationId: number, l: Landlord): Promise<void> {
  await db.query(
    `INSERT INTO deliberation_landlords (organisation_id, name, legal_form, siret, address_lines, dg_civility, dg_first_name, dg_last_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (organisation_id) DO UPDATE SET name = $2, legal_form = $3, siret = $4, address_lines = $5,
       dg_civility = $6, dg_first_name = $7, dg_last_name = $8`,
    [organisationId, l.name, l.legalForm, l.siret, l.addressLines, l.directorGeneral.civility, l.directorGeneral.firstName, l.directorGeneral.lastName],
  );
}
