import type { Queryable } from '../../src/db/database.js';

/** An incident of the observatory tests, placed at an entrance, a building or a residence as a whole. */
export interface SeededIncident {
  entrance: number | null;
  building: number | null;
  residence: number;
  agency: number;
  at: string;
  category: string;
  status?: string;
  cost?: number;
  staffItt?: string;
}

/** Inserts counted incidents straight into the table (the roll-up triggers count them). */
export async function seedIncidents(db: Queryable, organisationId: number, rows: SeededIncident[]): Promise<void> {
  await db.query(
    `INSERT INTO incidents (organisation_id, place_kind, entrance_id, building_id, residence_id, agency_id, geom, occurred_at, recorded_at,
       channel, category_code, category_version, family, severity, description, victims, actual_cost, status, outcome)
     SELECT $1, CASE WHEN r.entrance IS NOT NULL THEN 'entrance' WHEN r.building IS NOT NULL THEN 'building' ELSE 'residence' END,
       r.entrance, r.building, r.residence, r.agency,
       COALESCE((SELECT geom FROM buildings WHERE organisation_id = $1 AND id = r.building), (SELECT geom FROM residences WHERE organisation_id = $1 AND id = r.residence)),
       r.at, r.at, 'caretaker', r.category, 1, left(r.category, 1), c.default_severity, 'fait',
       CASE WHEN r.staff_itt IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('role', 'landlord_staff', 'ittClass', r.staff_itt)) END,
       r.cost, COALESCE(r.status, 'recorded'), CASE WHEN r.status = 'closed' THEN 'resolved' END
     FROM jsonb_to_recordset($2::jsonb) AS r(entrance int, building int, residence int, agency int, at timestamptz, category text, status text, cost numeric, staff_itt text)
     JOIN incident_categories c ON c.organisation_id = $1 AND c.code = r.category AND c.version = 1`,
    [organisationId, JSON.stringify(rows.map(({ staffItt, ...row }) => ({ ...row, staff_itt: staffItt ?? null })))],
  );
}
