import { beforeAll, expect, it } from 'vitest';
import { createRoleUsers, createTestUser, sessionClient, type TestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { recordAudit } from './audit.js';
import { auditCsv } from './audit-search.js';
import type { Role } from './domain/roles.js';

describeEachEngine('audit search and export API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  let otherAdmin: TestUser;

  beforeAll(async () => {
    const db = database();
    patrimony = await createSmallPatrimony(db);
    users = await createRoleUsers(db, patrimony);
    const other = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
    otherAdmin = await createTestUser(db, other.organisationId, 'administrator');
    app = createApp({ db, config: readConfig({}) });
    const entry = (organisationId: number, seqLabel: string, action: string, objectId: string, actorUserId: number | null) =>
      recordAudit(db, { organisationId, actorUserId, actorLabel: seqLabel, action, objectType: 'incident', objectId, after: { note: '=HYPERLINK("x")' } });
    for (let i = 1; i <= 5; i++) await entry(patrimony.organisationId, users.agent.email, 'incident.create', String(i), users.agent.id);
    await entry(patrimony.organisationId, 'cli:import', 'incident.update', '3', null);
    await entry(other.organisationId, 'cli:import', 'incident.create', '1', null);
  });

  it('declares read_audit and refuses other roles (403) and callers without a session (401)', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/audit']!.get!['x-permission']).toBe('read_audit');
    expect(doc.paths['/api/audit/export.csv']!.get!['x-permission']).toBe('read_audit');
    expect((await app.request('/api/audit')).status).toBe(401);
    for (const role of ['agent', 'agency_manager', 'observatory_officer', 'executive', 'partner', 'group_analyst'] as const) {
      expect((await (await sessionClient(app, users[role])).request('GET', '/audit')).status, role).toBe(403);
    }
  });

  it('filters by action, object, user and period, pages newest first, and shows only the caller’s organisation', async () => {
    const admin = await sessionClient(app, users.administrator);
    const created = await admin.request('GET', '/audit?action=incident.create&objectType=incident&limit=2');
    expect(created.status).toBe(200);
    expect(created.body.entries.map((entry: { objectId: string }) => entry.objectId)).toEqual(['5', '4']);
    const next = await admin.request('GET', `/audit?action=incident.create&limit=2&before=${created.body.nextBefore}`);
    expect(next.body.entries.map((entry: { objectId: string }) => entry.objectId)).toEqual(['3', '2']);
    const last = await admin.request('GET', `/audit?action=incident.create&limit=2&before=${next.body.nextBefore}`);
    expect(last.body).toMatchObject({ nextBefore: null });
    expect(last.body.entries).toHaveLength(1);

    const onThree = await admin.request('GET', '/audit?objectType=incident&objectId=3');
    expect(onThree.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['incident.update', 'incident.create']);
    expect((await admin.request('GET', `/audit?user=${users.agent.id}&objectType=incident`)).body.entries).toHaveLength(5);
    expect((await admin.request('GET', '/audit?user=cli:import')).body.entries).toHaveLength(1);
    expect((await admin.request('GET', '/audit?objectType=incident&from=2000-01-01&to=2001-01-01')).body.entries).toHaveLength(0);
    expect((await admin.request('GET', `/audit?objectType=incident&from=${new Date(Date.now() - 3_600_000).toISOString()}`)).body.entries).toHaveLength(6);

    const elsewhere = await (await sessionClient(app, otherAdmin)).request('GET', '/audit?objectType=incident');
    expect(elsewhere.body.entries).toHaveLength(1);
  });

  it('names the field of a bad filter (400)', async () => {
    const admin = await sessionClient(app, users.administrator);
    for (const query of ['from=yesterday', 'limit=0', 'limit=501', 'before=-1']) {
      const answer = await admin.request('GET', `/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.errors[0].field, query).toBe(`query.${query.split('=')[0]}`);
    }
  });

  it('exports the selection as CSV with inert cells, and audits the export', async () => {
    const admin = await sessionClient(app, users.administrator);
    const answer = await admin.request('GET', '/audit/export.csv?objectType=incident&objectId=3');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const lines = (answer.body as string).trim().split('\n');
    expect(lines[0]).toBe('seq,occurredAt,actorUserId,actorLabel,action,objectType,objectId,before,after,hash');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('incident.update');
    const [exported] = await database().query<{ actorLabel: string; after: { rows: number } }>(
      `SELECT actor_label AS "actorLabel", after FROM audit_log WHERE action = 'audit.export'`);
    expect(exported).toMatchObject({ actorLabel: users.administrator.email, after: { rows: 2 } });
    expect((await (await sessionClient(app, users.agent)).request('GET', '/audit/export.csv')).status).toBe(403);
  });

  it('verifies the caller’s chain only, and names the entry an owner edited behind the guard', async () => {
    const admin = await sessionClient(app, users.administrator);
    const sound = await admin.request('GET', '/audit/verify');
    expect(sound.status).toBe(200);
    const [count] = await database().query<{ n: number; last: string }>(
      'SELECT count(*)::int AS n, max(hash) FILTER (WHERE seq = (SELECT max(seq) FROM audit_log WHERE organisation_id = $1)) AS last FROM audit_log WHERE organisation_id = $1',
      [patrimony.organisationId]);
    expect(sound.body).toEqual({ entries: count!.n, breaks: [], head: { seq: count!.n, hash: count!.last } });

    await database().transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await tx.query(`UPDATE audit_log SET actor_label = 'quelqu’un d’autre' WHERE organisation_id = $1 AND seq = 2`, [patrimony.organisationId]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    });
    expect((await admin.request('GET', '/audit/verify')).body.breaks).toEqual([{ seq: 2, reason: 'content_changed' }]);
    expect((await (await sessionClient(app, otherAdmin)).request('GET', '/audit/verify')).body.breaks).toEqual([]);
    expect((await (await sessionClient(app, users.observatory_officer)).request('GET', '/audit/verify')).status).toBe(403);
  });

  it('keeps spreadsheet formulas from running', () => {
    const csv = auditCsv([{ seq: 1, occurredAt: new Date('2026-01-01T00:00:00Z'), actorUserId: null, actorLabel: '=cmd|calc', action: 'a', objectType: 'b', objectId: '@x', before: null, after: null, hash: 'h' }]);
    expect(csv.split('\n')[1]).toBe("1,2026-01-01T00:00:00.000Z,,'=cmd|calc,a,b,'@x,,,h");
  });
});
