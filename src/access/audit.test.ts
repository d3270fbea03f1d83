import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { recordAudit, verifyAuditChain } from './audit.js';

describeEachEngine('audit log', (database) => {
  let organisations: number[];
  beforeAll(async () => {
    const db = database();
    organisations = [(await createSmallPatrimony(db)).organisationId, (await createSmallPatrimony(db, '272000029', 'Autre Habitat')).organisationId];
    for (let i = 0; i < 5; i++) {
      for (const organisationId of organisations) {
        await db.transaction((tx) =>
          recordAudit(tx, {
            organisationId, actorUserId: 1, actorLabel: 'agent@vigie.test', action: 'incident.update', objectType: 'incident', objectId: i,
            before: { status: 'open', place: { b: 1, a: [1.5, 'x'] } }, after: { status: 'closed', note: `étape ${i}`, when: new Date(Date.UTC(2025, 0, i + 1)) },
          }),
        );
      }
    }
  });

  it('chains entries per organisation and verifies them intact, in batches', async () => {
    const db = database();
    const rows = await db.query<{ seq: number; previous_hash: string; hash: string }>(
      'SELECT seq, previous_hash, hash FROM audit_log WHERE organisation_id = $1 ORDER BY seq',
      [organisations[0]],
    );
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.previous_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.previous_hash).toBe(rows[i - 1]!.hash);
    const verification = await verifyAuditChain(db, 3);
    expect(verification).toMatchObject({ entries: 10, organisations: 2, breaks: [] });
    const lastHash = async (organisationId: number) =>
      (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE organisation_id = $1 AND seq = 5', [organisationId]))[0]!.hash;
    expect(verification.heads).toEqual([
      { organisationId: organisations[0], seq: 5, hash: await lastHash(organisations[0]!) },
      { organisationId: organisations[1], seq: 5, hash: await lastHash(organisations[1]!) },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = database();
    await expect(db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('reports the row an owner edited behind the guard, and a removed row', async () => {
    const db = database();
    const [target] = organisations;
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(`UPDATE audit_log SET after = jsonb_set(after, '{status}', '"open"') WHERE organisation_id = $1 AND seq = 3`, [target]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    expect((await verifyAuditChain(db, 4)).breaks).toEqual([{ organisationId: target, seq: 3, reason: 'content_changed' }]);

    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query('DELETE FROM audit_log WHERE organisation_id = $1 AND seq = 2', [organisations[1]]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    expect((await verifyAuditChain(db)).breaks).toEqual([
      { organisationId: target, seq: 3, reason: 'content_changed' },
      { organisationId: organisations[1], seq: 3, reason: 'row_missing' },
    ]);
  });
});
