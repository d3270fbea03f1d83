import { queryOne, type Queryable } from '../db/database.js';
import type { StoredAuditRow } from './domain/audit-chain.js';

/** SQL only: the audit_log table (append-only; the database refuses UPDATE and DELETE). */

/** Any constant: with the organisation id, serialises appends to one organisation's chain. */
const AUDIT_LOCK_KEY = 7_468_732;

/** Locks the organisation's chain until the end of the transaction and returns its last link. */
export async function lockChainHead(tx: Queryable, organisationId: number) {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_LOCK_KEY, organisationId]);
  return queryOne<{ seq: number; hash: string }>(
    tx,
    'SELECT seq, hash FROM audit_log WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1',
    [organisationId],
  );
}

export async function insertAuditRow(tx: Queryable, row: StoredAuditRow): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (organisation_id, seq, occurred_at, actor_user_id, actor_label, action, object_type, object_id,
                            before, after, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12)`,
    [
      row.organisationId, row.seq, row.occurredAt.toISOString(), row.actorUserId, row.actorLabel, row.action, row.objectType, row.objectId,
      row.before === null ? null : JSON.stringify(row.before), row.after === null ? null : JSON.stringify(row.after),
      row.previousHash, row.hash,
    ],
  );
}

/** Rows after (organisationId, seq) in chain order, `limit` at a time; only organisation `only`'s when given. */
export function auditRowsAfter(db: Queryable, organisationId: number, seq: number, limit: number, only: number | null = null) {
  return db.query<StoredAuditRow>(
    `SELECT organisation_id AS "organisationId", seq, occurred_at AS "occurredAt", actor_user_id AS "actorUserId",
       actor_label AS "actorLabel", action, object_type AS "objectType", object_id AS "objectId", before, after,
       previous_hash AS "previousHash", hash
     FROM audit_log WHERE (organisation_id, seq) > ($1, $2) AND ($4::int IS NULL OR organisation_id = $4)
     ORDER BY organisation_id, seq LIMIT $3`,
    [organisationId, seq, limit, only],
  );
}
