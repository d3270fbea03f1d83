import type { Queryable } from '../../db/database.js';
import { rollupWhere, type Params } from '../repository.js';
import type { ObservatoryFilter, Scope } from '../filters.js';
import type { CommuneBoundary } from './domain/boundaries.js';

/** SQL only: commune boundaries (migration 0540), the areas drawn from them or from the patrimony, monthly counts. */

export interface BoundaryWrite {
  inserted: number;
  updated: number;
}

/**
 * Inserts new communes and replaces those whose name or geometry changed; identical ones are
 * left untouched (same file twice: nothing written). Geometries are made valid and multi.
 */
export async function upsertBoundaries(db: Queryable, organisationId: number, boundaries: readonly CommuneBoundary[]): Promise<BoundaryWrite> {
  const [row] = await db.query<BoundaryWrite>(
    `WITH input AS (
       SELECT f->>'insee' AS insee, f->>'name' AS name,
         ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON((f->'geometry')::text), 4326)), 3)) AS geom
       FROM jsonb_array_elements($2::jsonb) AS f
     ), written AS (
       INSERT INTO commune_boundaries AS c (organisation_id, insee_code, name, geom)
       SELECT $1, insee, name, geom FROM input
       ON CONFLICT (organisation_id, insee_code) DO UPDATE SET name = excluded.name, geom = excluded.geom, imported_at = now()
       WHERE c.name IS DISTINCT FROM excluded.name OR NOT ST_OrderingEquals(c.geom, excluded.geom)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM written`,
    [organisationId, JSON.stringify(boundaries)],
  );
  return row!;
}

/** What identifies the imported boundaries' state: areas drawn from them are kept while it holds. */
export async function boundariesStamp(db: Queryable, organisationId: number): Promise<{ communes: number; latest: string | null }> {
  const [row] = await db.query<{ communes: number; latest: string | null }>(
    `SELECT count(*)::int AS communes, max(imported_at)::text AS latest FROM commune_boundaries WHERE organisation_id = $1`,
    [organisationId],
  );
  return row!;
}

export interface Area {
  /** The agency id (as text) or the commune's INSEE code. */
  key: string;
  /** GeoJSON geometry (MultiPolygon or Polygon), WGS 84, 5 decimals. */
  geometry: string;
}

/** Tolerance of the web simplification: about 20 m (degrees for boundaries, metres for derived areas). */
const SIMPLIFY_DEGREES = 0.0002;
const SIMPLIFY_METRES = 20;

const GEOJSON = (geometry: string) => `ST_AsGeoJSON(${geometry}, 5)`;

/** Imported commune boundaries, simplified for the web. */
export function communeBoundaryAreas(db: Queryable, organisationId: number): Promise<Area[]> {
  return db.query<Area>(
    `SELECT insee_code AS key, ${GEOJSON(`ST_SimplifyPreserveTopology(geom, ${SIMPLIFY_DEGREES})`)} AS geometry
     FROM commune_boundaries WHERE organisation_id = $1`,
    [organisationId],
  );
}

/** Dwellings per commune and agency: the basis of both area derivations. */
const SITES = `SELECT b.id, b.geom, b.residence_id, r.agency_id, r.commune_insee, sum(n.dwellings) AS dwellings
  FROM buildings b
  JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
  JOIN observatory_dwelling_counts n ON n.organisation_id = b.organisation_id AND n.building_id = b.id
  WHERE b.organisation_id = $1 AND b.geom IS NOT NULL
  GROUP BY b.id, b.geom, b.residence_id, r.agency_id, r.commune_insee
  HAVING sum(n.dwellings) > 0`;

/**
 * Agency areas from the imported communes: each commune goes to the agency holding most of the
 * landlord's dwellings there (a partition: no commune drawn twice), then each agency's
 * communes are dissolved.
 */
export function agencyBoundaryAreas(db: Queryable, organisationId: number): Promise<Area[]> {
  return db.query<Area>(
    `WITH sites AS (${SITES}),
     owners AS (
       SELECT DISTINCT ON (commune_insee) commune_insee, agency_id
       FROM (SELECT commune_insee, agency_id, sum(dwellings) AS dwellings FROM sites GROUP BY 1, 2) AS per_commune
       ORDER BY commune_insee, dwellings DESC, agency_id
     )
     SELECT o.agency_id::text AS key, ${GEOJSON(`ST_SimplifyPreserveTopology(ST_Union(c.geom), ${SIMPLIFY_DEGREES})`)} AS geometry
     FROM owners o JOIN commune_boundaries c ON c.organisation_id = $1 AND c.insee_code = o.commune_insee
     GROUP BY o.agency_id`,
    [organisationId],
  );
}

/**
 * Areas derived from the patrimony when no boundary was imported: the Voronoi cells of the
 * residences holding dwellings (at the centre of their buildings, Lambert-93), each clipped to
 * `reach` metres around its residence (the same as clipping the diagram to the union of those
 * discs, since a point's nearest residence is its cell's), then dissolved per agency or commune.
 */
export function derivedAreas(db: Queryable, organisationId: number, by: 'agency' | 'commune', reach: number): Promise<Area[]> {
  const key = by === 'agency' ? 'agency_id::text' : 'commune_insee';
  return db.query<Area>(
    `WITH sites AS (
       SELECT residence_id AS id, ${key} AS key, ST_Transform(ST_Centroid(ST_Collect(geom)), 2154) AS g
       FROM (${SITES}) AS buildings GROUP BY residence_id, agency_id, commune_insee
     ),
     cells AS (SELECT d.geom AS cell FROM (SELECT ST_VoronoiPolygons(ST_Collect(g)) AS diagram FROM sites) AS v, ST_Dump(v.diagram) AS d),
     owned AS (
       SELECT s.key, ST_Intersection(c.cell, ST_Buffer(s.g, $2::float8, 'quad_segs=8')) AS cell
       FROM cells c JOIN sites s ON ST_Intersects(c.cell, s.g)
     )
     SELECT key, ${GEOJSON(`ST_Transform(ST_SimplifyPreserveTopology(ST_Union(cell), ${SIMPLIFY_METRES}), 4326)`)} AS geometry
     FROM owned GROUP BY key`,
    [organisationId, reach],
  );
}

export interface MonthlyBuildingRow {
  buildingId: number;
  month: string;
  incidents: number;
}

/** Incidents per building and month over the period, from the building roll-ups (entrance rows for an entrance filter). */
export function monthlyIncidentsByBuilding(db: Queryable, scope: Scope, filter: ObservatoryFilter): Promise<MonthlyBuildingRow[]> {
  const params: Params = [scope.organisationId];
  const level = filter.entranceId !== undefined ? 'entrance' : 'building';
  return db.query<MonthlyBuildingRow>(
    `SELECT r.building_id AS "buildingId", to_char(r.month, 'YYYY-MM') AS month, sum(r.incidents)::int AS incidents
     FROM incident_rollups r WHERE ${rollupWhere(scope, filter, level, filter.period, params)}
     GROUP BY r.building_id, r.month`,
    params,
  );
}
