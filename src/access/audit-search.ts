import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { auditWrite, verifyAuditChain } from './audit.js';
import { requireAccess } from './authorize.js';

/** Searching and exporting one organisation's audit log (administrators: read_audit over the whole organisation). */

export interface AuditFilter {
  action?: string;
  objectType?: string;
  objectId?: string;
  /** An account id, or the label the log names the actor by (email, `cli:…`). */
  user?: string;
  from?: Date;
  to?: Date;
  /** Entries before this sequence number (the previous page's `nextBefore`). */
  before?: number;
}

export interface AuditEntryView {
  seq: number;
  occurredAt: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export const MAX_EXPORT_ROWS = 100_000;

/** Newest first, `limit` at a time. */
export function findAuditEntries(db: Queryable, organisationId: number, filter: AuditFilter, limit: number) {
  const userId = filter.user !== undefined && /^\d{1,9}$/.test(filter.user) ? Number(filter.user) : null;
  return db.query<AuditEntryView>(
    `SELECT seq, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_label AS "actorLabel", action,
       object_type AS "objectType", object_id AS "objectId", before, after, hash
     FROM audit_log
     WHERE organisation_id = $1 AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR object_type = $3)
       AND ($4::text IS NULL OR object_id = $4) AND ($5::int IS NULL OR actor_user_id = $5)
       AND ($6::text IS NULL OR $5::int IS NOT NULL OR actor_label = $6)
       AND ($7::timestamptz IS NULL OR occurred_at >= $7) AND ($8::timestamptz IS NULL OR occurred_at < $8)
       AND ($9::bigint IS NULL OR seq < $9)
     ORDER BY seq DESC LIMIT $10`,
    [organisationId, filter.action ?? null, filter.objectType ?? null, filter.objectId ?? null, userId, filter.user ?? null,
      filter.from ?? null, filter.to ?? null, filter.before ?? null, limit],
  );
}

export async function searchAudit(db: Queryable, actor: Actor, filter: AuditFilter, limit: number) {
  await requireAccess(db, actor, 'read_audit', { kind: 'organisation' });
  const entries = await findAuditEntries(db, actor.organisationId, filter, limit + 1);
  const page = entries.slice(0, limit);
  return { entries: page, nextBefore: entries.length > limit ? page[page.length - 1]!.seq : null };
}

/** The whole selection as CSV (newest first); the export itself is audited, with its filter. */
export async function exportAuditCsv(db: Queryable, actor: Actor, filter: AuditFilter): Promise<string> {
  await requireAccess(db, actor, 'read_audit', { kind: 'organisation' });
  return db.transaction(async (tx) => {
    const entries = await findAuditEntries(tx, actor.organisationId, filter, MAX_EXPORT_ROWS);
    await auditWrite(tx, actor, { action: 'audit.export', objectType: 'audit_log', objectId: null, after: { filter, rows: entries.length } });
    return auditCsv(entries);
  });
}

/** The caller's organisation's chain, re-computed: its length, what is wrong, and its last link (to keep elsewhere). */
export async function verifyOwnAuditChain(db: Queryable, actor: Actor) {
  await requireAccess(db, actor, 'read_audit', { kind: 'organisation' });
  const { entries, breaks, heads } = await verifyAuditChain(db, 1000, actor.organisationId);
  return { entries, breaks: breaks.map(({ seq, reason }) => ({ seq, reason })), head: heads[0] ? { seq: heads[0].seq, hash: heads[0].hash } : null };
}

const COLUMNS = ['seq', 'occurredAt', 'actorUserId', 'actorLabel', 'action', 'objectType', 'objectId', 'before', 'after', 'hash'] as const;

/** A spreadsheet must not run a cell as a formula: a leading =, +, -, @, tab or CR is quoted away. */
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function auditCsv(entries: readonly AuditEntryView[]): string {
  const rows = entries.map((entry) => COLUMNS.map((column) => {
    const value = entry[column];
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString();
    return inert(typeof value === 'object' ? JSON.stringify(value) : String(value));
  }));
  return stringify(rows, { header: true, columns: [...COLUMNS] });
}
