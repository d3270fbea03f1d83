import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, checkChain, GENESIS_HASH, type AuditContent, type StoredAuditRow } from './audit-chain.js';
import { createHash } from 'node:crypto';

const content = (seq: number, action = 'user.add'): AuditContent => ({
  organisationId: 1, seq, occurredAt: new Date('2025-03-01T10:00:00.123Z'), actorUserId: null, actorLabel: 'cli',
  action, objectType: 'user', objectId: '4', before: null, after: { role: 'agent', perimeter: { agencyIds: [2] } },
});

function chain(length: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const previousHash = rows[seq - 2]?.hash ?? GENESIS_HASH;
    rows.push({ ...content(seq), previousHash, hash: chainHash(previousHash, content(seq)) });
  }
  return rows;
}

describe('audit chain', () => {
  it('serialises objects with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'é' }], c: true }, u: undefined })).toBe('{"a":{"c":true,"d":[2,{"y":"é","z":null}]},"b":1}');
  });

  it('hashes the previous hash followed by the canonical content', () => {
    const expected = createHash('sha256')
      .update(GENESIS_HASH)
      .update('{"action":"user.add","actorLabel":"cli","actorUserId":null,"after":{"perimeter":{"agencyIds":[2]},"role":"agent"},"before":null,'
        + '"objectId":"4","objectType":"user","occurredAt":"2025-03-01T10:00:00.123Z","organisationId":1,"seq":1}')
      .digest('hex');
    expect(chainHash(GENESIS_HASH, content(1))).toBe(expected);
  });

  it('accepts an intact chain, continuing across batches', () => {
    const rows = chain(4);
    expect(checkChain(rows)).toEqual([]);
    expect(checkChain(rows.slice(2), { seq: 2, hash: rows[1]!.hash })).toEqual([]);
  });

  it('names the edited row, a broken link and a missing row', () => {
    const edited = chain(4).map((row) => (row.seq === 2 ? { ...row, action: 'user.disable' } : row));
    expect(checkChain(edited)).toEqual([{ organisationId: 1, seq: 2, reason: 'content_changed' }]);
    const relinked = chain(3).map((row) => (row.seq === 3 ? { ...row, previousHash: GENESIS_HASH } : row));
    expect(checkChain(relinked)).toEqual([
      { organisationId: 1, seq: 3, reason: 'link_broken' },
      { organisationId: 1, seq: 3, reason: 'content_changed' },
    ]);
    const gap = chain(4).filter((row) => row.seq !== 2);
    expect(checkChain(gap)).toEqual([{ organisationId: 1, seq: 3, reason: 'row_missing' }]);
  });
});
