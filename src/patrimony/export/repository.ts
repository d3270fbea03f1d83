import type { Queryable } from '../../db/database.js';
import type { NativePatrimonyRow } from '../import/native-row.js';

/** SQL only. One native row per dwelling of the organisation, in a stable order (by codes). */
export function listNativeRows(db: Queryable, organisationId: number): Promise<NativePatrimonyRow[]> {
  return db.query<NativePatrimonyRow>(
    `SELECT dr.external_id AS directorate_code, dr.name AS directorate_name, a.external_id AS agency_code, a.name AS agency_name,
       r.external_id AS residence_code, r.name AS residence_name, b.commune_insee, r.qpv_code,
       ST_X(r.geom) AS residence_longitude, ST_Y(r.geom) AS residence_latitude,
       b.external_id AS building_code, b.name AS building_name, b.street_number, b.street_type, b.street_name, b.ban_id,
       ST_X(b.geom) AS longitude, ST_Y(b.geom) AS latitude, e.external_id AS entrance_code,
       d.external_id AS dwelling_code, d.rpls_id, d.kind, d.floor, d.rooms, d.habitable_surface, d.construction_year,
       d.financing, d.dpe_energy_class, d.dpe_ghg_class, d.dpe_date
     FROM dwellings d
     JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
     JOIN directorates dr ON dr.organisation_id = a.organisation_id AND dr.id = a.directorate_id
     LEFT JOIN entrances e ON e.organisation_id = d.organisation_id AND e.id = d.entrance_id
     WHERE d.organisation_id = $1
     ORDER BY dr.external_id, a.external_id, r.external_id, b.external_id, e.external_id NULLS FIRST, d.external_id`,
    [organisationId],
  );
}
