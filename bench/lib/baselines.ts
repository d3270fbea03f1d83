import type { Database } from '../../src/db/database.js';

/** What Vigie's designs must beat, measured in the same run: the straightforward ways. */

/**
 * The baseline: the same panels as GROUP BY queries over raw incidents (live ones, Paris months,
 * complaints from actions), as a dashboard without roll-ups would run them, over the twelve
 * months ending with `to` (YYYY-MM), compared with the three years before.
 */
export async function naiveDashboard(db: Database, organisationId: number, to: string): Promise<void> {
  const live = `FROM incidents i WHERE i.organisation_id = $1 AND i.status <> 'draft' AND i.duplicate_of IS NULL
    AND (i.occurred_at AT TIME ZONE 'Europe/Paris') >= $2::timestamp AND (i.occurred_at AT TIME ZONE 'Europe/Paris') < $3::timestamp`;
  const range = (from: string, to: string) => [organisationId, `${from}-01`, `${to}-01`];
  const [year, month] = to.split('-').map(Number) as [number, number];
  const from = `${month === 12 ? year : year - 1}-${String((month % 12) + 1).padStart(2, '0')}`;
  const next = `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}`;
  const threeYearsBefore = `${year - 3}-${String(month).padStart(2, '0')}`;
  await db.query(
    `SELECT date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris') AS month, i.category_code, count(*), sum(COALESCE(i.actual_cost, i.estimated_cost, 0)),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_actions a WHERE a.organisation_id = i.organisation_id AND a.incident_id = i.id AND a.kind IN ('complaint_filed', 'accompanied_complaint')))
     ${live} GROUP BY 1, 2`,
    range(threeYearsBefore, next),
  );
  await db.query(`SELECT i.agency_id, date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris') AS month, count(*) ${live} GROUP BY 1, 2`, range(threeYearsBefore, next));
  await db.query(`SELECT i.residence_id, count(*), sum(COALESCE(i.actual_cost, i.estimated_cost, 0)) ${live} GROUP BY 1`, range(from, next));
  await db.query(`SELECT i.entrance_id, i.family, i.severity, count(*) ${live} AND i.entrance_id IS NOT NULL GROUP BY 1, 2, 3`, range(from, next));
  await db.query(
    `SELECT extract(isodow FROM i.occurred_at AT TIME ZONE 'Europe/Paris'), extract(hour FROM i.occurred_at AT TIME ZONE 'Europe/Paris'), count(*) ${live} AND NOT i.time_unknown GROUP BY 1, 2`,
    range(from, next),
  );
}

/**
 * A vector tile the way PostGIS serves one without Vigie's in-memory cluster index: ST_AsMVT over
 * the raw incidents of the tile at `zoom` holding the landlord's first building (PostgreSQL only).
 */
export async function rawMvtTile(db: Database, organisationId: number, zoom: number): Promise<void> {
  const [first] = await db.query<{ lon: number; lat: number }>('SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM buildings WHERE organisation_id = $1 ORDER BY id LIMIT 1', [organisationId]);
  const tiles = 2 ** zoom;
  const x = Math.floor(((first!.lon + 180) / 360) * tiles);
  const latitude = (first!.lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latitude) + 1 / Math.cos(latitude)) / Math.PI) / 2) * tiles);
  await db.query(
    `SELECT ST_AsMVT(t, 'incidents') FROM (
       SELECT i.id, i.family, ST_AsMVTGeom(ST_Transform(i.geom, 3857), ST_TileEnvelope($2, $3, $4)) AS geom
       FROM incidents i WHERE i.organisation_id = $1 AND i.status <> 'draft' AND ST_Transform(i.geom, 3857) && ST_TileEnvelope($2, $3, $4)
     ) t`,
    [organisationId, zoom, x, y],
  );
}
