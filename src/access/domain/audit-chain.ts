import { createHash } from 'node:crypto';

/** The first link's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One audit entry as hashed: exactly the columns of audit_log except the hashes. */
export interface AuditContent {
  organisationId: number;
  seq: number;
  occurredAt: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  before: Json | null;
  after: Json | null;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function chainHash(previousHash: string, content: AuditContent): string {
  const { organisationId, seq, occurredAt, actorUserId, actorLabel, action, objectType, objectId, before, after } = content;
  const canonical = canonicalJson({
    organisationId, seq, occurredAt: occurredAt.toISOString(), actorUserId, actorLabel, action, objectType, objectId, before, after,
  });
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}

export interface StoredAuditRow extends AuditContent {
  previousHash: string;
  hash: string;
}

export interface ChainBreak {
  organisationId: number;
  seq: number;
  reason: 'content_changed' | 'link_broken' | 'row_missing';
}

/**
 * Checks one organisation's rows, in seq order, continuing from `previous` (the last row checked
 * in an earlier batch, or undefined at the start of the chain). Returns what is wrong.
 */
export function checkChain(rows: readonly StoredAuditRow[], previous?: { seq: number; hash: string }): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let expectedSeq = (previous?.seq ?? 0) + 1;
  let expectedPrevious = previous?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const at = { organisationId: row.organisationId, seq: row.seq };
    if (row.seq !== expectedSeq) breaks.push({ ...at, reason: 'row_missing' });
    else if (row.previousHash !== expectedPrevious) breaks.push({ ...at, reason: 'link_broken' });
    if (chainHash(row.previousHash, row) !== row.hash) breaks.push({ ...at, reason: 'content_changed' });
    expectedSeq = row.seq + 1;
    expectedPrevious = row.hash;
  }
  return breaks;
}
