import type { Queryable } from '../../db/database.js';
import type { FieldChange } from '../domain/history.js';
import type { ActionDetails } from '../domain/actions.js';
import { iso } from './sql.js';

/** SQL only, one statement per function — what happens to an incident: field history, graduated-response actions, comments. */

export async function insertHistory(db: Queryable, organisationId: number, incidentId: number, changedBy: number | null, changes: FieldChange[], reason: string | null = null): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO incident_history (organisation_id, incident_id, changed_by, field, before_value, after_value, reason)
     SELECT $1, $2, $3, change->>'field', change->'before', change->'after', $5
     FROM jsonb_array_elements($4::jsonb) AS change`,
    [organisationId, incidentId, changedBy, JSON.stringify(changes), reason],
  );
}

export interface HistoryEntry {
  incidentId: number;
  changedAt: string;
  changedBy: number | null;
  field: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export async function listHistory(db: Queryable, organisationId: number, incidentIds: number[]): Promise<HistoryEntry[]> {
  return db.query<HistoryEntry>(
    `SELECT incident_id AS "incidentId", ${iso('changed_at')} AS "changedAt", changed_by AS "changedBy", field,
       before_value AS before, after_value AS after, reason
     FROM incident_history WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])
     ORDER BY changed_at, id`,
    [organisationId, incidentIds],
  );
}

export interface ActionRecord extends ActionDetails {
  id: number;
  incidentId: number;
  recordedAt: string;
  recordedBy: number | null;
}

const ACTION_COLUMNS = `id, incident_id AS "incidentId", kind, to_char(action_date, 'YYYY-MM-DD') AS date, note,
  police_station AS "policeStation", legal_outcome AS "legalOutcome", ${iso('recorded_at')} AS "recordedAt", recorded_by AS "recordedBy"`;

export async function insertAction(db: Queryable, organisationId: number, incidentId: number, action: ActionDetails, recordedBy: number | null): Promise<ActionRecord> {
  const [row] = await db.query<ActionRecord>(
    `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, note, police_station, legal_outcome, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ACTION_COLUMNS}`,
    [organisationId, incidentId, action.kind, action.date, action.note, action.policeStation, action.legalOutcome, recordedBy],
  );
  return row!;
}

export async function listActions(db: Queryable, organisationId: number, incidentIds: number[]): Promise<ActionRecord[]> {
  return db.query<ActionRecord>(
    `SELECT ${ACTION_COLUMNS} FROM incident_actions WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])
     ORDER BY action_date, id`,
    [organisationId, incidentIds],
  );
}

export interface CommentRecord {
  id: number;
  incidentId: number;
  body: string;
  createdAt: string;
  createdBy: number | null;
}

const COMMENT_COLUMNS = `id, incident_id AS "incidentId", body, ${iso('created_at')} AS "createdAt", created_by AS "createdBy"`;

export async function insertComment(db: Queryable, organisationId: number, incidentId: number, body: string, createdBy: number | null): Promise<CommentRecord> {
  const [row] = await db.query<CommentRecord>(
    `INSERT INTO incident_comments (organisation_id, incident_id, body, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COMMENT_COLUMNS}`,
    [organisationId, incidentId, body, createdBy],
  );
  return row!;
}

export async function listComments(db: Queryable, organisationId: number, incidentIds: number[]): Promise<CommentRecord[]> {
  return db.query<CommentRecord>(
    `SELECT ${COMMENT_COLUMNS} FROM incident_comments WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[]) ORDER BY created_at, id`,
    [organisationId, incidentIds],
  );
}

export async function listMergedInto(db: Queryable, organisationId: number, incidentId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'SELECT id FROM incidents WHERE organisation_id = $1 AND duplicate_of = $2 ORDER BY id',
    [organisationId, incidentId],
  );
  return rows.map((row) => row.id);
}
