/** SQL only: attendance rows, shared by sessions and by the per-item overrides. */
import type { Queryable } from '../../db/database.js';
import type { AttendanceInput } from '../schemas.js';

export const attendanceJson = (table: string, owner: string, ownerId: string) => `
  COALESCE((SELECT json_agg(json_build_object('memberId', a.member_id, 'status', a.status, 'proxyHolderId', a.proxy_holder_id) ORDER BY a.member_id)
            FROM ${table} a WHERE a.organisation_id = ${owner}.organisation_id AND a.${ownerId} = ${owner}.id), '[]'::json)`;

export async function replaceAttendance(db: Queryable, table: string, ownerColumn: string, organisationId: number, ownerId: number, rows: AttendanceInput[]): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE organisation_id = $1 AND ${ownerColumn} = $2`, [organisationId, ownerId]);
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO ${table} (organisation_id, ${ownerColumn}, member_id, status, proxy_holder_id)
     SELECT $1, $2, r."memberId", r.status, r."proxyHolderId" FROM json_to_recordset($3::json) AS r("memberId" int, status text, "proxyHolderId" int)`,
    [organisationId, ownerId, JSON.stringify(rows)],
  );
}
