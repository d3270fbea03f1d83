import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { auditRowsAfter, insertAuditRow, lockChainHead } from './audit-repository.js';
import { chainHash, checkChain, GENESIS_HASH, type ChainBreak, type Json, type StoredAuditRow } from './domain/audit-chain.js';

export interface AuditEntry {
  organisationId: number;
  /** Null for the command line and system jobs; `actorLabel` then says which. */
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** JSON as PostgreSQL's jsonb gives it back: undefined members dropped, dates as strings. */
const asJson = (value: unknown): Json | null => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json));

/**
 * Appends one entry to its organisation's chain. `tx` must be the transaction of the write being
 * audited: the entry is kept exactly when the write is, and appends are serialised.
 */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const head = await lockChainHead(tx, entry.organisationId);
  const content = {
    organisationId: entry.organisationId,
    seq: (head?.seq ?? 0) + 1,
    occurredAt: new Date(),
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === null ? null : String(entry.objectId),
    before: asJson(entry.before),
    after: asJson(entry.after),
  };
  const previousHash = head?.hash ?? GENESIS_HASH;
  await insertAuditRow(tx, { ...content, previousHash, hash: chainHash(previousHash, content) });
}

export interface AuditedChange {
  action: string;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Audits a write made by an API caller; `tx` is the write's own transaction (see recordAudit). */
export function auditWrite(tx: Queryable, actor: Actor, change: AuditedChange): Promise<void> {
  return recordAudit(tx, { organisationId: actor.organisationId, actorUserId: actor.userId ?? null, actorLabel: actor.label ?? 'system', ...change });
}

export interface AuditVerification {
  entries: number;
  organisations: number;
  breaks: ChainBreak[];
  /** Each chain's last link: kept outside the database, it reveals a truncated or rewritten chain. */
  heads: { organisationId: number; seq: number; hash: string }[];
}

/**
 * Re-computes every chain (or organisation `only`'s), batch by batch, and reports each row whose
 * content or link is wrong.
 */
export async function verifyAuditChain(db: Queryable, batchSize = 1000, only: number | null = null): Promise<AuditVerification> {
  const result: AuditVerification = { entries: 0, organisations: 0, breaks: [], heads: [] };
  let cursor = { organisationId: 0, seq: 0 };
  let previous: { organisationId: number; seq: number; hash: string } | undefined;
  for (;;) {
    const rows = await auditRowsAfter(db, cursor.organisationId, cursor.seq, batchSize, only);
    if (rows.length === 0) return result;
    for (const group of groupByOrganisation(rows)) {
      const continues = previous?.organisationId === group[0]!.organisationId;
      if (!continues) result.organisations++;
      if (continues) result.heads.pop();
      result.breaks.push(...checkChain(group, continues ? previous : undefined));
      const last = group[group.length - 1]!;
      previous = { organisationId: last.organisationId, seq: last.seq, hash: last.hash };
      result.heads.push(previous);
    }
    result.entries += rows.length;
    cursor = previous!;
  }
}

function groupByOrganisation(rows: StoredAuditRow[]): StoredAuditRow[][] {
  const groups: StoredAuditRow[][] = [];
  for (const row of rows) {
    const current = groups[groups.length - 1];
    if (current && current[0]!.organisationId === row.organisationId) current.push(row);
    else groups.push([row]);
  }
  return groups;
}
