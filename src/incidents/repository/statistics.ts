import type { Queryable } from '../../db/database.js';

/** SQL only, one statement per function — counts for `vigie stats incidents`. */

export interface IncidentCounts {
  total: number;
  merged: number;
  byStatus: Record<string, number>;
  byFamily: Record<string, number>;
  bySeverity: Record<string, number>;
  byYear: Record<string, number>;
}

/** Counts across the organisations given (all of them when `organisationId` is null). */
export async function countIncidents(db: Queryable, organisationId: number | null): Promise<IncidentCounts> {
  const [row] = await db.query<IncidentCounts>(
    `WITH live AS (SELECT * FROM incidents WHERE ($1::int IS NULL OR organisation_id = $1) AND duplicate_of IS NULL),
     grouped AS (SELECT key, value, count(*) AS n FROM live,
       LATERAL (VALUES ('status', status), ('family', family::text), ('severity', severity),
                       ('year', to_char(occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY'))) AS g(key, value)
       GROUP BY key, value)
     SELECT (SELECT count(*) FROM live) AS total,
       (SELECT count(*) FROM incidents WHERE ($1::int IS NULL OR organisation_id = $1) AND duplicate_of IS NOT NULL) AS merged,
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'status'), '{}'::json) AS "byStatus",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'family'), '{}'::json) AS "byFamily",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'severity'), '{}'::json) AS "bySeverity",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'year'), '{}'::json) AS "byYear"`,
    [organisationId],
  );
  return row!;
}
