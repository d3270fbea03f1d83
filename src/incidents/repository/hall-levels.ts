import type { Queryable } from '../../db/database.js';
import type { HallTally } from '../domain/hall-level.js';

/** SQL only, one statement per function — per-entrance tallies the hall-level rule reads. */

export interface EntranceTallies {
  entranceId: number;
  entranceName: string;
  buildingId: number;
  buildingName: string | null;
  tallies: HallTally[];
}

/** Every entrance of a residence with its counted incidents in (from, until], by family and severity. */
export async function listEntranceTallies(db: Queryable, organisationId: number, residenceId: number, from: Date, until: Date): Promise<EntranceTallies[]> {
  return db.query<EntranceTallies>(
    `SELECT e.id AS "entranceId", e.name AS "entranceName", b.id AS "buildingId", b.name AS "buildingName",
       COALESCE(json_agg(json_build_object('family', t.family, 'severity', t.severity, 'count', t.count)
         ORDER BY t.family, t.severity) FILTER (WHERE t.family IS NOT NULL), '[]'::json) AS tallies
     FROM entrances e
     JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
     LEFT JOIN (
       SELECT entrance_id, family, severity, count(*) AS count FROM incidents
       WHERE organisation_id = $1 AND residence_id = $2 AND entrance_id IS NOT NULL
         AND occurred_at > $3::timestamptz AND occurred_at <= $4::timestamptz
         AND status <> 'draft' AND duplicate_of IS NULL
       GROUP BY entrance_id, family, severity
     ) t ON t.entrance_id = e.id
     WHERE b.organisation_id = $1 AND b.residence_id = $2
     GROUP BY e.id, e.name, b.id, b.name
     ORDER BY b.name NULLS LAST, e.name, e.id`,
    [organisationId, residenceId, from.toISOString(), until.toISOString()],
  );
}
