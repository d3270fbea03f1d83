import type { Perimeter } from '../access/domain/perimeter.js';
import type { Queryable } from '../db/database.js';
import { parameters, residencesWithin } from './perimeter.js';

/** SQL only: each function is one query over one organisation's patrimony. */

export interface PatrimonyStats {
  organisations: number;
  directorates: number;
  agencies: number;
  communes: number;
  residences: number;
  buildings: number;
  entrances: number;
  dwellings: number;
  collective: number;
  individual: number;
  commonAreas: number;
}

/**
 * Counts across the organisations given (all of them when `organisationId` is null), restricted
 * to the residences inside `perimeter` (and the agencies and directorates holding them) when given.
 */
export async function countPatrimony(db: Queryable, organisationId: number | null, perimeter?: Perimeter): Promise<PatrimonyStats> {
  const { values, bind } = parameters([organisationId]);
  const whole = !perimeter || perimeter.wholeOrganisation;
  const inPerimeter = perimeter ? residencesWithin(perimeter, bind) : 'true';
  const [row] = await db.query<PatrimonyStats>(
    `WITH o AS (SELECT id FROM organisations WHERE $1::int IS NULL OR id = $1),
     r AS (SELECT r.organisation_id, r.id, r.agency_id, r.commune_insee FROM residences r WHERE r.organisation_id IN (SELECT id FROM o) AND ${inPerimeter}),
     ag AS (SELECT a.organisation_id, a.id, a.directorate_id FROM agencies a WHERE a.organisation_id IN (SELECT id FROM o)
       AND (${whole} OR (a.organisation_id, a.id) IN (SELECT organisation_id, agency_id FROM r))),
     b AS (SELECT b.organisation_id, b.id FROM buildings b WHERE (b.organisation_id, b.residence_id) IN (SELECT organisation_id, id FROM r)),
     d AS (SELECT d.kind FROM dwellings d WHERE (d.organisation_id, d.building_id) IN (SELECT organisation_id, id FROM b))
     SELECT
       (SELECT count(*) FROM o) AS organisations,
       (SELECT count(*) FROM directorates dr WHERE dr.organisation_id IN (SELECT id FROM o)
         AND (${whole} OR (dr.organisation_id, dr.id) IN (SELECT organisation_id, directorate_id FROM ag))) AS directorates,
       (SELECT count(*) FROM ag) AS agencies,
       (SELECT count(DISTINCT commune_insee) FROM r) AS communes,
       (SELECT count(*) FROM r) AS residences,
       (SELECT count(*) FROM b) AS buildings,
       (SELECT count(*) FROM entrances e WHERE (e.organisation_id, e.building_id) IN (SELECT organisation_id, id FROM b)) AS entrances,
       (SELECT count(*) FROM d) AS dwellings,
       (SELECT count(*) FROM d WHERE kind = 'collective') AS collective,
       (SELECT count(*) FROM d WHERE kind = 'individual') AS individual,
       (SELECT count(*) FROM common_areas ca WHERE ca.organisation_id IN (SELECT id FROM o)
         AND (${whole} OR (ca.organisation_id, ca.residence_id) IN (SELECT organisation_id, id FROM r))) AS "commonAreas"`,
    values,
  );
  return row!;
}

export interface ResidenceSummary {
  id: number;
  externalId: string;
  name: string;
  communeInsee: string;
  communeName: string;
  agencyName: string;
  qpvCode: string | null;
  dwellings: number;
  lon: number | null;
  lat: number | null;
}

const RESIDENCE_SUMMARY_COLUMNS = `
  r.id, r.external_id AS "externalId", r.name, r.commune_insee AS "communeInsee", c.name AS "communeName",
  a.name AS "agencyName", r.qpv_code AS "qpvCode",
  (SELECT count(*) FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
    WHERE b.organisation_id = r.organisation_id AND b.residence_id = r.id) AS dwellings,
  ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat`;

const RESIDENCE_SUMMARY_FROM = `
  FROM residences r
  JOIN communes c ON c.insee_code = r.commune_insee
  JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id`;

/** Folds case and French accents so that "lievin" finds "Liévin". */
const fold = (expression: string) =>
  `translate(lower(${expression}), 'àâäáãéèêëíìîïóòôöõúùûüçœæÿ', 'aaaaaeeeeiiiiooooouuuuceay')`;

/** Residences of the perimeter matching `text`. */
export async function searchResidences(db: Queryable, organisationId: number, perimeter: Perimeter, text: string, limit: number): Promise<ResidenceSummary[]> {
  const { values, bind } = parameters([organisationId, text.trim(), limit]);
  return db.query<ResidenceSummary>(
    `SELECT ${RESIDENCE_SUMMARY_COLUMNS} ${RESIDENCE_SUMMARY_FROM}
     WHERE r.organisation_id = $1 AND ${residencesWithin(perimeter, bind)}
       AND (${fold('r.name')} LIKE '%' || ${fold('$2')} || '%'
         OR ${fold('c.name')} LIKE ${fold('$2')} || '%'
         OR lower(r.external_id) = lower($2) OR r.commune_insee = $2 OR r.qpv_code = upper($2))
     ORDER BY (${fold('c.name')} = ${fold('$2')}) DESC, c.name, r.name
     LIMIT $3`,
    values,
  );
}

export async function findResidence(db: Queryable, organisationId: number, residenceId: number): Promise<ResidenceSummary | undefined> {
  const rows = await db.query<ResidenceSummary>(
    `SELECT ${RESIDENCE_SUMMARY_COLUMNS} ${RESIDENCE_SUMMARY_FROM} WHERE r.organisation_id = $1 AND r.id = $2`,
    [organisationId, residenceId],
  );
  return rows[0];
}

export interface BuildingDetail {
  id: number;
  externalId: string;
  name: string | null;
  address: string;
  constructionYear: number | null;
  lon: number;
  lat: number;
  entrances: { id: number; name: string; dwellings: number }[];
  dwellings: number;
  collective: number;
  individual: number;
}

export async function listResidenceBuildings(db: Queryable, organisationId: number, residenceId: number): Promise<BuildingDetail[]> {
  return db.query<BuildingDetail>(
    `SELECT b.id, b.external_id AS "externalId", b.name,
       concat_ws(' ', b.street_number, b.street_type, b.street_name) AS address,
       b.construction_year AS "constructionYear", ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat,
       COALESCE((SELECT json_agg(json_build_object('id', e.id, 'name', e.name,
                  'dwellings', (SELECT count(*) FROM dwellings d WHERE d.organisation_id = e.organisation_id AND d.entrance_id = e.id))
                  ORDER BY e.name)
         FROM entrances e WHERE e.organisation_id = b.organisation_id AND e.building_id = b.id), '[]'::json) AS entrances,
       (SELECT count(*) FROM dwellings d WHERE d.organisation_id = b.organisation_id AND d.building_id = b.id) AS dwellings,
       (SELECT count(*) FROM dwellings d WHERE d.organisation_id = b.organisation_id AND d.building_id = b.id AND d.kind = 'collective') AS collective,
       (SELECT count(*) FROM dwellings d WHERE d.organisation_id = b.organisation_id AND d.building_id = b.id AND d.kind = 'individual') AS individual
     FROM buildings b
     WHERE b.organisation_id = $1 AND b.residence_id = $2
     ORDER BY b.name NULLS LAST, b.id`,
    [organisationId, residenceId],
  );
}

export interface DwellingRow {
  id: number;
  externalId: string;
  rplsId: string | null;
  buildingId: number;
  entranceId: number | null;
  kind: 'collective' | 'individual';
  floor: number | null;
  rooms: number | null;
  habitableSurface: number | null;
  constructionYear: number | null;
  financing: string | null;
  dpeEnergyClass: string | null;
  dpeGhgClass: string | null;
  dpeDate: string | null;
}

export async function listResidenceDwellings(db: Queryable, organisationId: number, residenceId: number): Promise<DwellingRow[]> {
  return db.query<DwellingRow>(
    `SELECT d.id, d.external_id AS "externalId", d.rpls_id AS "rplsId", d.building_id AS "buildingId",
       d.entrance_id AS "entranceId", d.kind, d.floor, d.rooms, d.habitable_surface AS "habitableSurface",
       d.construction_year AS "constructionYear", d.financing, d.dpe_energy_class AS "dpeEnergyClass",
       d.dpe_ghg_class AS "dpeGhgClass", d.dpe_date AS "dpeDate"
     FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     WHERE d.organisation_id = $1 AND b.residence_id = $2
     ORDER BY d.building_id, d.entrance_id NULLS LAST, d.floor NULLS FIRST, d.external_id`,
    [organisationId, residenceId],
  );
}

export interface ResidencePoint {
  id: number;
  name: string;
  communeName: string;
  dwellings: number;
  lon: number;
  lat: number;
}

/** Every residence of the perimeter with a position, for the patrimony map layer. */
export async function listResidencePoints(db: Queryable, organisationId: number, perimeter: Perimeter): Promise<ResidencePoint[]> {
  const { values, bind } = parameters([organisationId]);
  return db.query<ResidencePoint>(
    `SELECT r.id, r.name, c.name AS "communeName", ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat,
       COALESCE(n.dwellings, 0) AS dwellings
     FROM residences r
     JOIN communes c ON c.insee_code = r.commune_insee
     LEFT JOIN (SELECT b.residence_id, count(*) AS dwellings FROM dwellings d
                JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
                WHERE d.organisation_id = $1 GROUP BY b.residence_id) n ON n.residence_id = r.id
     WHERE r.organisation_id = $1 AND r.geom IS NOT NULL AND ${residencesWithin(perimeter, bind)}`,
    values,
  );
}
