import type { Perimeter } from '../../access/domain/perimeter.js';
import type { Queryable } from '../../db/database.js';
import { perimeterCondition } from './perimeter.js';

/** SQL only, one statement per function — counts for `vigie stats incidents`. */

export interface IncidentCounts {
  total: number;
  merged: number;
  byStatus: Record<string, number>;
  byFamily: Record<string, number>;
  bySeverity: Record<string, number>;
  byYear: Record<string, number>;
}

/** Counts of one organisation's incidents inside a perimeter. */
export async function countIncidents(db: Queryable, organisationId: number, perimeter: Perimeter): Promise<IncidentCounts> {
  const params: unknown[] = [organisationId];
  const inPerimeter = perimeterCondition(perimeter, (value) => `$${params.push(value)}`) ?? 'true';
  const [row] = await db.query<IncidentCounts>(
    `WITH mine AS (SELECT * FROM incidents i WHERE i.organisation_id = $1 AND ${inPerimeter}),
     live AS (SELECT * FROM mine WHERE duplicate_of IS NULL),
     grouped AS (SELECT key, value, count(*) AS n FROM live,
       LATERAL (VALUES ('status', status), ('family', family::text), ('severity', severity),
                       ('year', to_char(occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY'))) AS g(key, value)
       GROUP BY key, value)
     SELECT (SELECT count(*) FROM live) AS total,
       (SELECT count(*) FROM mine WHERE duplicate_of IS NOT NULL) AS merged,
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'status'), '{}'::json) AS "byStatus",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'family'), '{}'::json) AS "byFamily",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'severity'), '{}'::json) AS "bySeverity",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'year'), '{}'::json) AS "byYear"`,
    params,
  );
  return row!;
}
