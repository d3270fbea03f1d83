import type { Queryable } from '../../db/database.js';
import type { ResidenceInfo } from '../domain/dashboard.js';
import type { PlaceFilter, Scope } from '../filters.js';
import { bind, placeConditions, type Params, type PlaceColumns } from './conditions.js';

/** SQL only: the patrimony places the observatory counts on (residences, entrances, buildings, agencies). */

/** Patrimony reads join `observatory_dwelling_counts n` (dwellings per building and entrance, 0 for none). */
const PATRIMONY_COLUMNS: PlaceColumns = { agency: 'r.agency_id', residence: 'r.id', building: 'b.id', entrance: 'n.entrance_id' };

/** The dashboard's own description of a residence: the read fills it as the domain takes it. */
export type ResidencePlace = ResidenceInfo;

/** Residences holding dwellings in the filter's places, with those dwellings (entrance or building filters count theirs). */
export async function residencesInScope(db: Queryable, scope: Scope, filter: PlaceFilter): Promise<ResidencePlace[]> {
  const params: Params = [scope.organisationId];
  const conditions = ['r.organisation_id = $1', ...placeConditions(scope, filter, PATRIMONY_COLUMNS, params)];
  return db.query<ResidencePlace>(
    `WITH per_residence AS (
       SELECT r.id, sum(n.dwellings)::int AS dwellings
       FROM residences r
       JOIN buildings b ON b.organisation_id = r.organisation_id AND b.residence_id = r.id
       JOIN observatory_dwelling_counts n ON n.organisation_id = b.organisation_id AND n.building_id = b.id
       WHERE ${conditions.join(' AND ')}
       GROUP BY r.id
     )
     SELECT r.id AS "residenceId", r.name, r.agency_id AS "agencyId", r.commune_insee AS "communeInsee", c.name AS "communeName",
       r.qpv_code AS "qpvCode", p.dwellings
     FROM per_residence p
     JOIN residences r ON r.organisation_id = $1 AND r.id = p.id
     LEFT JOIN communes c ON c.insee_code = r.commune_insee`,
    params,
  );
}

export interface AgencyPlace {
  agencyId: number;
  name: string;
  directorateId: number;
  directorateName: string;
  staff: number | null;
}

export async function listAgencies(db: Queryable, organisationId: number): Promise<AgencyPlace[]> {
  return db.query<AgencyPlace>(
    `SELECT a.id AS "agencyId", a.name, d.id AS "directorateId", d.name AS "directorateName", s.staff
     FROM agencies a JOIN directorates d ON d.organisation_id = a.organisation_id AND d.id = a.directorate_id
     LEFT JOIN observatory_agency_staff s ON s.organisation_id = a.organisation_id AND s.agency_id = a.id
     WHERE a.organisation_id = $1 ORDER BY a.name, a.id`,
    [organisationId],
  );
}

export async function setAgencyStaff(db: Queryable, organisationId: number, staff: { agencyId: number; staff: number }[]): Promise<void> {
  await db.query(
    `INSERT INTO observatory_agency_staff (organisation_id, agency_id, staff)
     SELECT $1, s."agencyId", s.staff FROM jsonb_to_recordset($2::jsonb) AS s("agencyId" int, staff int)
     ON CONFLICT (organisation_id, agency_id) DO UPDATE SET staff = excluded.staff`,
    [organisationId, JSON.stringify(staff)],
  );
}

export interface EntrancePlace {
  entranceId: number;
  name: string;
  buildingId: number;
  buildingName: string | null;
  residenceId: number;
  residenceName: string;
  lon: number;
  lat: number;
  dwellings: number;
}

const ENTRANCE_COLUMNS: PlaceColumns = { agency: 'r.agency_id', residence: 'r.id', building: 'b.id', entrance: 'e.id' };
const ENTRANCE_FROM = `FROM entrances e
  JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
  JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id`;

/** The entrances in the filter's places (only those of `ids` when given), with their points and dwellings. */
export async function entrancesInScope(db: Queryable, scope: Scope, filter: PlaceFilter, ids?: readonly number[]): Promise<EntrancePlace[]> {
  const params: Params = [scope.organisationId];
  const conditions = ['e.organisation_id = $1', ...placeConditions(scope, filter, ENTRANCE_COLUMNS, params)];
  if (ids) conditions.push(`e.id = ANY(${bind(params, ids)}::int[])`);
  return db.query<EntrancePlace>(
    `SELECT e.id AS "entranceId", e.name, b.id AS "buildingId", b.name AS "buildingName", r.id AS "residenceId", r.name AS "residenceName",
       ST_X(COALESCE(e.geom, b.geom)) AS lon, ST_Y(COALESCE(e.geom, b.geom)) AS lat, COALESCE(n.dwellings, 0) AS dwellings
     ${ENTRANCE_FROM}
     LEFT JOIN observatory_dwelling_counts n ON n.organisation_id = e.organisation_id AND n.building_id = e.building_id AND n.entrance_id = e.id
     WHERE ${conditions.join(' AND ')}`,
    params,
  );
}

export async function countEntrancesInScope(db: Queryable, scope: Scope, filter: PlaceFilter): Promise<number> {
  const params: Params = [scope.organisationId];
  const conditions = ['e.organisation_id = $1', ...placeConditions(scope, filter, ENTRANCE_COLUMNS, params)];
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${ENTRANCE_FROM} WHERE ${conditions.join(' AND ')}`, params);
  return row!.n;
}

export interface BuildingPlace {
  buildingId: number;
  residenceId: number;
  lon: number;
  lat: number;
  dwellings: number;
}

/** Buildings holding dwellings in the filter's places: the units of hotspot analysis. */
export async function buildingsInScope(db: Queryable, scope: Scope, filter: PlaceFilter): Promise<BuildingPlace[]> {
  const params: Params = [scope.organisationId];
  const conditions = ['b.organisation_id = $1', ...placeConditions(scope, filter, PATRIMONY_COLUMNS, params)];
  return db.query<BuildingPlace>(
    `SELECT b.id AS "buildingId", r.id AS "residenceId", ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, sum(n.dwellings)::int AS dwellings
     FROM buildings b
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     JOIN observatory_dwelling_counts n ON n.organisation_id = b.organisation_id AND n.building_id = b.id
     WHERE ${conditions.join(' AND ')}
     GROUP BY b.id, r.id, b.geom`,
    params,
  );
}
