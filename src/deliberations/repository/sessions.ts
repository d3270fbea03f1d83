/** SQL only: sessions with their attendance. */
import { queryOne, type Queryable } from '../../db/database.js';
import type { SessionInput } from '../schemas.js';
import { attendanceJson, replaceAttendance } from './attendance.js';

export interface SessionRow extends SessionInput {
  id: number;
  secondConvocation: boolean;
  instanceName: string;
  instanceKind: 'board' | 'bureau';
}

const SESSION_SELECT = `
  SELECT s.id, s.instance_id AS "instanceId", s.date, s.convocation_date AS "convocationDate", s.president_id AS "presidentId",
    s.second_convocation AS "secondConvocation", i.name AS "instanceName", i.kind AS "instanceKind",
    ${attendanceJson('deliberation_attendance', 's', 'session_id')} AS attendance
  FROM deliberation_sessions s JOIN deliberation_instances i ON i.organisation_id = s.organisation_id AND i.id = s.instance_id`;

/** Newest first, optionally for one instance. */
export function listSessions(db: Queryable, organisationId: number, instanceId: number | null): Promise<SessionRow[]> {
  return db.query<SessionRow>(
    `${SESSION_SELECT} WHERE s.organisation_id = $1 AND ($2::int IS NULL OR s.instance_id = $2) ORDER BY s.date DESC, s.id DESC`,
    [organisationId, instanceId],
  );
}

export function findSession(db: Queryable, organisationId: number, sessionId: number): Promise<SessionRow | undefined> {
  return queryOne<SessionRow>(db, `${SESSION_SELECT} WHERE s.organisation_id = $1 AND s.id = $2`, [organisationId, sessionId]);
}

export async function findSessionId(db: Queryable, organisationId: number, instanceId: number, date: string): Promise<number | undefined> {
  const row = await queryOne<{ id: number }>(
    db, `SELECT id FROM deliberation_sessions WHERE organisation_id = $1 AND instance_id = $2 AND date = $3`, [organisationId, instanceId, date],
  );
  return row?.id;
}

export async function insertSession(db: Queryable, organisationId: number, input: SessionInput): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO deliberation_sessions (organisation_id, instance_id, date, convocation_date, president_id, second_convocation)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [organisationId, input.instanceId, input.date, input.convocationDate, input.presidentId, input.secondConvocation],
  );
  await replaceAttendance(db, 'deliberation_attendance', 'session_id', organisationId, row!.id, input.attendance);
  return row!.id;
}

export async function updateSession(db: Queryable, organisationId: number, sessionId: number, input: SessionInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deliberation_sessions SET instance_id = $3, date = $4, convocation_date = $5, president_id = $6, second_convocation = $7
     WHERE organisation_id = $1 AND id = $2 RETURNING id`,
    [organisationId, sessionId, input.instanceId, input.date, input.convocationDate, input.presidentId, input.secondConvocation],
  );
  if (rows.length === 0) return false;
  await replaceAttendance(db, 'deliberation_attendance', 'session_id', organisationId, sessionId, input.attendance);
  return true;
}

export async function deleteSession(db: Queryable, organisationId: number, sessionId: number): Promise<boolean> {
  return (await db.query(`DELETE FROM deliberation_sessions WHERE organisation_id = $1 AND id = $2 RETURNING id`, [organisationId, sessionId])).length > 0;
}
