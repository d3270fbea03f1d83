import type { Queryable } from '../../db/database.js';
import type { DemoAgencyDetails } from './domain/agencies.js';
import type { DemoCommuneInput } from './domain/communes.js';
import type { DemoCommonArea, DemoContactPoint } from './domain/extras.js';
import type { DEMO_ORGANISATION } from './domain/organisation.js';

/** SQL only: what the demo adds around the native import (organisation, offices, common areas). */

export function listCommunesOf(db: Queryable, departement: string): Promise<DemoCommuneInput[]> {
  return db.query<DemoCommuneInput>(
    `SELECT insee_code, name, departement, population, epci_name, ST_X(geom) AS lon, ST_Y(geom) AS lat
     FROM communes WHERE departement = $1 ORDER BY insee_code`,
    [departement],
  );
}

export async function insertOrganisation(db: Queryable, organisation: typeof DEMO_ORGANISATION): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO organisations (name, short_name, siren, address_lines, director_general)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [organisation.name, organisation.shortName, organisation.siren, organisation.addressLines, organisation.directorGeneral],
  );
  return row!.id;
}

/** Completes the agencies created by the import with their office address and contacts. */
export async function updateAgencyOffices(db: Queryable, organisationId: number, agencies: readonly DemoAgencyDetails[]): Promise<void> {
  await db.query(
    `UPDATE agencies a SET address = r.address, commune_insee = r.commune_insee, phone = r.phone, email = r.email,
       geom = ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM json_to_recordset($2::json) AS r(code text, address text, commune_insee text, phone text, email text, lon float8, lat float8)
     WHERE a.organisation_id = $1 AND a.external_id = r.code`,
    [organisationId, JSON.stringify(agencies.map((agency) => ({
      code: agency.code, address: agency.fullAddress, commune_insee: agency.seatInsee, phone: agency.phone, email: agency.email,
      lon: agency.point.lon, lat: agency.point.lat,
    })))],
  );
}

export async function insertContactPoints(db: Queryable, organisationId: number, points: readonly DemoContactPoint[]): Promise<void> {
  await db.query(
    `INSERT INTO contact_points (organisation_id, external_id, agency_id, name, address, commune_insee, opening_hours, geom)
     SELECT $1, r.code, a.id, r.name, r.address, r.commune_insee, r.opening_hours, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM json_to_recordset($2::json)
       AS r(code text, agency_code text, name text, address text, commune_insee text, opening_hours text, lon float8, lat float8)
     JOIN agencies a ON a.organisation_id = $1 AND a.external_id = r.agency_code`,
    [organisationId, JSON.stringify(points.map((point) => ({
      code: point.code, agency_code: point.agencyCode, name: point.name, address: point.address, commune_insee: point.communeInsee,
      opening_hours: point.openingHours, lon: point.point.lon, lat: point.point.lat,
    })))],
  );
}

/** Common areas, attached to their residence, building and entrance by external ids. */
export async function insertCommonAreas(db: Queryable, organisationId: number, areas: readonly DemoCommonArea[]): Promise<void> {
  await db.query(
    `INSERT INTO common_areas (organisation_id, external_id, residence_id, building_id, entrance_id, kind, name, geom)
     SELECT $1, r.code, res.id, b.id, e.id, r.kind, r.name, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
     FROM json_to_recordset($2::json)
       AS r(code text, kind text, name text, residence_code text, building_code text, entrance_code text, lon float8, lat float8)
     JOIN residences res ON res.organisation_id = $1 AND res.external_id = r.residence_code
     LEFT JOIN buildings b ON b.organisation_id = $1 AND b.external_id = r.building_code
     LEFT JOIN entrances e ON e.organisation_id = $1 AND e.external_id = r.entrance_code`,
    [organisationId, JSON.stringify(areas.map((area) => ({
      code: area.code, kind: area.kind, name: area.name, residence_code: area.residenceCode, building_code: area.buildingCode,
      entrance_code: area.entranceCode, lon: area.point.lon, lat: area.point.lat,
    })))],
  );
}
