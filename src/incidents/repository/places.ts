import type { Perimeter } from '../../access/domain/perimeter.js';
import { perimeterCondition } from './perimeter.js';
import type { Queryable } from '../../db/database.js';
import type { PlaceKind } from '../domain/vocabulary.js';

/** SQL only, one statement per function — places an incident can be recorded on, resolved with their wider places and point. */

export interface ResolvedPlace {
  dwellingId: number | null;
  commonAreaId: number | null;
  entranceId: number | null;
  buildingId: number | null;
  residenceId: number;
  agencyId: number;
  lon: number | null;
  lat: number | null;
}

/** Each level's chain of wider places, and the point an incident there is snapped to. */
const PLACE_SOURCES: Record<PlaceKind, { alias: string; select: string }> = {
  dwelling: {
    alias: 'd',
    select: `SELECT d.id AS "dwellingId", NULL::int AS "commonAreaId", d.entrance_id AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", COALESCE(e.geom, b.geom) AS point, d.external_id AS code
      FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
      JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
      LEFT JOIN entrances e ON e.organisation_id = d.organisation_id AND e.id = d.entrance_id`,
  },
  entrance: {
    alias: 'e',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", e.id AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", COALESCE(e.geom, b.geom) AS point, e.external_id AS code
      FROM entrances e JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
      JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id`,
  },
  building: {
    alias: 'b',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", NULL::int AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", b.geom AS point, b.external_id AS code
      FROM buildings b JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id`,
  },
  residence: {
    alias: 'r',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", NULL::int AS "entranceId", NULL::int AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", r.external_id AS code,
        COALESCE(r.geom, (SELECT ST_Centroid(ST_Collect(b.geom)) FROM buildings b WHERE b.organisation_id = r.organisation_id AND b.residence_id = r.id)) AS point
      FROM residences r`,
  },
  common_area: {
    alias: 'ca',
    select: `SELECT NULL::int AS "dwellingId", ca.id AS "commonAreaId", ca.entrance_id AS "entranceId",
        COALESCE(ca.building_id, e.building_id) AS "buildingId", r.id AS "residenceId", r.agency_id AS "agencyId",
        COALESCE(ca.geom, e.geom, b.geom, r.geom) AS point, ca.external_id AS code
      FROM common_areas ca JOIN residences r ON r.organisation_id = ca.organisation_id AND r.id = ca.residence_id
      LEFT JOIN entrances e ON e.organisation_id = ca.organisation_id AND e.id = ca.entrance_id
      LEFT JOIN buildings b ON b.organisation_id = ca.organisation_id AND b.id = COALESCE(ca.building_id, e.building_id)`,
  },
};

const placesWhere = (kind: PlaceKind, match: string) => {
  const { alias, select } = PLACE_SOURCES[kind];
  return `SELECT "dwellingId", "commonAreaId", "entranceId", "buildingId", "residenceId", "agencyId", ST_X(point) AS lon, ST_Y(point) AS lat, code
    FROM (${select} WHERE ${alias}.organisation_id = $1 AND ${alias}.${match}) place`;
};

export async function resolvePlace(db: Queryable, organisationId: number, kind: PlaceKind, id: number): Promise<ResolvedPlace | undefined> {
  const [row] = await db.query<ResolvedPlace>(placesWhere(kind, 'id = $2'), [organisationId, id]);
  return row;
}

/** The places of one level with these external ids (codes of the landlord's management system). */
export async function resolvePlacesByCode(db: Queryable, organisationId: number, kind: PlaceKind, codes: string[]): Promise<(ResolvedPlace & { code: string })[]> {
  return db.query<ResolvedPlace & { code: string }>(placesWhere(kind, 'external_id = ANY($2::text[])'), [organisationId, codes]);
}

export interface NearestPlace {
  kind: 'entrance' | 'building';
  id: number;
  name: string;
  buildingId: number;
  residenceId: number;
  residenceName: string;
  lon: number;
  lat: number;
  distanceMetres: number;
}

/**
 * Entrances and buildings within `radius` metres of a point, nearest first (Lambert-93
 * distances); an entrance without its own position stands at its building's.
 */
export async function listNearestPlaces(db: Queryable, organisationId: number, perimeter: Perimeter, lon: number, lat: number, radius: number, limit: number): Promise<NearestPlace[]> {
  const params: unknown[] = [organisationId, lon, lat, radius, limit];
  const inPerimeter = perimeterCondition(perimeter, (value) => `$${params.push(value)}`,
    { organisation: 'r.organisation_id', agency: 'r.agency_id', building: 'c.building_id', residence: 'c.residence_id' });
  return db.query<NearestPlace>(
    `WITH tap AS (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326) AS point),
     nearby AS (
       SELECT b.organisation_id, b.id AS building_id, b.residence_id, COALESCE(b.name, b.external_id) AS name, b.geom
       FROM buildings b, tap
       -- Degrees box around the point (0.01° ≥ 640 m east–west up to 55° of latitude): lets the index prefilter.
       WHERE b.organisation_id = $1 AND b.geom && ST_Expand(tap.point, 0.01)
     ),
     candidates AS (
       SELECT 'building' AS kind, n.building_id AS id, n.name, n.building_id, n.residence_id, n.geom FROM nearby n
       UNION ALL
       SELECT 'entrance', e.id, e.name, n.building_id, n.residence_id, COALESCE(e.geom, n.geom)
       FROM nearby n JOIN entrances e ON e.organisation_id = n.organisation_id AND e.building_id = n.building_id
     )
     SELECT c.kind, c.id, c.name, c.building_id AS "buildingId", c.residence_id AS "residenceId", r.name AS "residenceName",
       ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       round(ST_Distance(ST_Transform(c.geom, 2154), ST_Transform(tap.point, 2154))::numeric, 1) AS "distanceMetres"
     FROM candidates c CROSS JOIN tap
     JOIN residences r ON r.organisation_id = $1 AND r.id = c.residence_id
     WHERE ST_DWithin(ST_Transform(c.geom, 2154), ST_Transform(tap.point, 2154), $4) ${inPerimeter ? `AND ${inPerimeter}` : ''}
     ORDER BY "distanceMetres", c.kind DESC, c.id
     LIMIT $5`,
    params,
  );
}
