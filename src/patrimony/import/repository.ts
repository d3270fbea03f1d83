import type { Queryable } from '../../db/database.js';
import type { AgencyRef } from './files/rpls-layout.js';
import type { PatrimonyLevels } from './domain/levels.js';

/** SQL only: set-based upserts of one organisation's patrimony, keyed by external ids. */

export interface UpsertCounts {
  created: number;
  updated: number;
}

/**
 * Runs one `INSERT … ON CONFLICT DO UPDATE … WHERE (…) IS DISTINCT FROM (…) RETURNING (xmax = 0)`
 * statement over a JSON batch: rows returned were created (xmax = 0) or really changed; rows
 * not returned were already identical.
 */
async function upsert(db: Queryable, sql: string, organisationId: number, batch: readonly object[]): Promise<UpsertCounts> {
  const [counts] = await db.query<UpsertCounts>(
    `WITH written AS (${sql} RETURNING (xmax = 0) AS created)
     SELECT count(*) FILTER (WHERE created) AS created, count(*) FILTER (WHERE NOT created) AS updated FROM written`,
    [organisationId, JSON.stringify(batch)],
  );
  return counts!;
}

const POINT = (lon: string, lat: string) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

export const upsertDirectorates = (db: Queryable, organisationId: number, batch: PatrimonyLevels['directorates']) =>
  upsert(db, `
    INSERT INTO directorates (organisation_id, external_id, name)
    SELECT $1, r.code, r.name FROM json_to_recordset($2::json) AS r(code text, name text)
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET name = excluded.name
    WHERE directorates.name IS DISTINCT FROM excluded.name`, organisationId, batch);

export const upsertAgencies = (db: Queryable, organisationId: number, batch: PatrimonyLevels['agencies']) =>
  upsert(db, `
    INSERT INTO agencies (organisation_id, external_id, directorate_id, name)
    SELECT $1, r.code, d.id, r.name
    FROM json_to_recordset($2::json) AS r(code text, name text, directorate_code text)
    JOIN directorates d ON d.organisation_id = $1 AND d.external_id = r.directorate_code
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET directorate_id = excluded.directorate_id, name = excluded.name
    WHERE (agencies.directorate_id, agencies.name) IS DISTINCT FROM (excluded.directorate_id, excluded.name)`, organisationId, batch);

export const upsertResidences = (db: Queryable, organisationId: number, batch: PatrimonyLevels['residences']) =>
  upsert(db, `
    INSERT INTO residences (organisation_id, external_id, agency_id, name, commune_insee, qpv_code, geom)
    SELECT $1, r.code, a.id, r.name, r.commune_insee, r.qpv_code, ${POINT('r.longitude', 'r.latitude')}
    FROM json_to_recordset($2::json)
      AS r(code text, name text, agency_code text, commune_insee text, qpv_code text, longitude float8, latitude float8)
    JOIN agencies a ON a.organisation_id = $1 AND a.external_id = r.agency_code
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET agency_id = excluded.agency_id, name = excluded.name,
      commune_insee = excluded.commune_insee, qpv_code = excluded.qpv_code, geom = excluded.geom
    WHERE (residences.agency_id, residences.name, residences.commune_insee, residences.qpv_code, ST_AsEWKB(residences.geom))
      IS DISTINCT FROM (excluded.agency_id, excluded.name, excluded.commune_insee, excluded.qpv_code, ST_AsEWKB(excluded.geom))`,
  organisationId, batch);

export const upsertBuildings = (db: Queryable, organisationId: number, batch: PatrimonyLevels['buildings']) =>
  upsert(db, `
    INSERT INTO buildings (organisation_id, external_id, residence_id, name, street_number, street_type, street_name,
                           ban_id, commune_insee, construction_year, geom)
    SELECT $1, r.code, s.id, r.name, r.street_number, r.street_type, r.street_name, r.ban_id, r.commune_insee, r.construction_year,
           ${POINT('r.longitude', 'r.latitude')}
    FROM json_to_recordset($2::json)
      AS r(code text, residence_code text, name text, street_number text, street_type text, street_name text, ban_id text,
           commune_insee text, construction_year int, longitude float8, latitude float8)
    JOIN residences s ON s.organisation_id = $1 AND s.external_id = r.residence_code
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET residence_id = excluded.residence_id, name = excluded.name,
      street_number = excluded.street_number, street_type = excluded.street_type, street_name = excluded.street_name,
      ban_id = excluded.ban_id, commune_insee = excluded.commune_insee, construction_year = excluded.construction_year, geom = excluded.geom
    WHERE (buildings.residence_id, buildings.name, buildings.street_number, buildings.street_type, buildings.street_name,
           buildings.ban_id, buildings.commune_insee, buildings.construction_year, ST_AsEWKB(buildings.geom))
      IS DISTINCT FROM (excluded.residence_id, excluded.name, excluded.street_number, excluded.street_type, excluded.street_name,
           excluded.ban_id, excluded.commune_insee, excluded.construction_year, ST_AsEWKB(excluded.geom))`,
  organisationId, batch);

/** An entrance is named after its code when created; later renames in Vigie are kept. */
export const upsertEntrances = (db: Queryable, organisationId: number, batch: PatrimonyLevels['entrances']) =>
  upsert(db, `
    INSERT INTO entrances (organisation_id, external_id, building_id, name)
    SELECT $1, r.code, b.id, r.code
    FROM json_to_recordset($2::json) AS r(code text, building_code text)
    JOIN buildings b ON b.organisation_id = $1 AND b.external_id = r.building_code
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET building_id = excluded.building_id
    WHERE entrances.building_id IS DISTINCT FROM excluded.building_id`, organisationId, batch);

export const upsertDwellings = (db: Queryable, organisationId: number, batch: PatrimonyLevels['dwellings']) =>
  upsert(db, `
    INSERT INTO dwellings (organisation_id, external_id, rpls_id, building_id, entrance_id, kind, floor, rooms,
                           habitable_surface, construction_year, financing, dpe_energy_class, dpe_ghg_class, dpe_date)
    SELECT $1, r.dwelling_code, r.rpls_id, b.id, e.id, r.kind, r.floor, r.rooms, r.habitable_surface, r.construction_year,
           r.financing, r.dpe_energy_class, r.dpe_ghg_class, r.dpe_date
    FROM json_to_recordset($2::json)
      AS r(dwelling_code text, rpls_id text, building_code text, entrance_code text, kind text, floor int, rooms int,
           habitable_surface numeric, construction_year int, financing text, dpe_energy_class text, dpe_ghg_class text, dpe_date date)
    JOIN buildings b ON b.organisation_id = $1 AND b.external_id = r.building_code
    LEFT JOIN entrances e ON e.organisation_id = $1 AND e.external_id = r.entrance_code
    ON CONFLICT (organisation_id, external_id) DO UPDATE SET rpls_id = excluded.rpls_id, building_id = excluded.building_id,
      entrance_id = excluded.entrance_id, kind = excluded.kind, floor = excluded.floor, rooms = excluded.rooms,
      habitable_surface = excluded.habitable_surface, construction_year = excluded.construction_year,
      financing = excluded.financing, dpe_energy_class = excluded.dpe_energy_class, dpe_ghg_class = excluded.dpe_ghg_class,
      dpe_date = excluded.dpe_date
    WHERE (dwellings.rpls_id, dwellings.building_id, dwellings.entrance_id, dwellings.kind, dwellings.floor, dwellings.rooms,
           dwellings.habitable_surface, dwellings.construction_year, dwellings.financing, dwellings.dpe_energy_class,
           dwellings.dpe_ghg_class, dwellings.dpe_date)
      IS DISTINCT FROM (excluded.rpls_id, excluded.building_id, excluded.entrance_id, excluded.kind, excluded.floor, excluded.rooms,
           excluded.habitable_surface, excluded.construction_year, excluded.financing, excluded.dpe_energy_class,
           excluded.dpe_ghg_class, excluded.dpe_date)`,
  organisationId, batch);

/** The codes among `codes` that are not known communes. */
export async function findUnknownCommunes(db: Queryable, codes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM unnest($1::text[]) AS code WHERE NOT EXISTS (SELECT 1 FROM communes WHERE insee_code = code)`,
    [codes],
  );
  return rows.map((row) => row.code);
}

/** Which dwelling already holds each of these RPLS ids. */
export async function findRplsHolders(db: Queryable, organisationId: number, rplsIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ rpls_id: string; external_id: string }>(
    `SELECT rpls_id, external_id FROM dwellings WHERE organisation_id = $1 AND rpls_id = ANY($2::text[])`,
    [organisationId, rplsIds],
  );
  return new Map(rows.map((row) => [row.rpls_id, row.external_id]));
}

export interface OrganisationRef {
  id: number;
  siren: string;
  name: string;
}

export function listOrganisations(db: Queryable): Promise<OrganisationRef[]> {
  return db.query<OrganisationRef>('SELECT id, siren, name FROM organisations ORDER BY id');
}

export async function insertOrganisation(db: Queryable, siren: string, name: string): Promise<OrganisationRef> {
  const [row] = await db.query<OrganisationRef>('INSERT INTO organisations (siren, name) VALUES ($1, $2) RETURNING id, siren, name', [siren, name]);
  return row!;
}

const AGENCY_REF = `d.external_id AS directorate_code, d.name AS directorate_name, a.external_id AS agency_code, a.name AS agency_name`;
const AGENCY_JOIN = `FROM agencies a JOIN directorates d ON d.organisation_id = a.organisation_id AND d.id = a.directorate_id`;

export async function findAgencyRef(db: Queryable, organisationId: number, agencyCode: string): Promise<AgencyRef | undefined> {
  const [row] = await db.query<AgencyRef>(`SELECT ${AGENCY_REF} ${AGENCY_JOIN} WHERE a.organisation_id = $1 AND a.external_id = $2`, [organisationId, agencyCode]);
  return row;
}

/** For each commune of the existing patrimony, the agency managing most of its residences there. */
export async function agencyRefsByCommune(db: Queryable, organisationId: number): Promise<Map<string, AgencyRef>> {
  const rows = await db.query<AgencyRef & { commune_insee: string }>(
    `SELECT DISTINCT ON (r.commune_insee) r.commune_insee, ${AGENCY_REF}
     FROM residences r JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
     JOIN directorates d ON d.organisation_id = a.organisation_id AND d.id = a.directorate_id
     WHERE r.organisation_id = $1
     GROUP BY r.commune_insee, d.external_id, d.name, a.external_id, a.name
     ORDER BY r.commune_insee, count(*) DESC, a.external_id`,
    [organisationId],
  );
  return new Map(rows.map(({ commune_insee, ...agency }) => [commune_insee, agency]));
}

/** The spatial reference systems among `srids` that PostGIS knows. */
export async function findKnownSrids(db: Queryable, srids: readonly number[]): Promise<Set<number>> {
  const rows = await db.query<{ srid: number }>('SELECT srid FROM spatial_ref_sys WHERE srid = ANY($1::int[])', [srids]);
  return new Set(rows.map((row) => row.srid));
}

/** Projects points given in known spatial reference systems to WGS84 (EPSG:4326), in input order. */
export async function projectToWgs84(db: Queryable, points: readonly { x: number; y: number; srid: number }[]): Promise<{ longitude: number; latitude: number }[]> {
  return db.query<{ longitude: number; latitude: number }>(
    `SELECT ST_X(p.geom) AS longitude, ST_Y(p.geom) AS latitude
     FROM (SELECT n, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), srid), 4326) AS geom
           FROM json_to_recordset($1::json) AS r(x float8, y float8, srid int, n int)) AS p
     ORDER BY p.n`,
    [JSON.stringify(points.map((point, n) => ({ ...point, n })))],
  );
}
