import { beforeAll, expect, it } from 'vitest';
import { createRoleUsers, createTestUser, sessionClient, type TestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import type { Role } from '../access/domain/roles.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';

describeEachEngine('subject access API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  let dwellingId: number;
  let otherDwelling: number;
  let fileId: number;
  const incidentIds: number[] = [];

  beforeAll(async () => {
    const db = database();
    patrimony = await createSmallPatrimony(db);
    users = await createRoleUsers(db, patrimony);
    app = createApp({ db, config: readConfig({}) });
    const dwellings = await db.query<{ id: number }>('SELECT id FROM dwellings WHERE organisation_id = $1 AND entrance_id = $2 ORDER BY id', [patrimony.organisationId, patrimony.entranceIds.lensA]);
    [dwellingId, otherDwelling] = [dwellings[0]!.id, dwellings[1]!.id];
    const officer = await sessionClient(app, users.observatory_officer);
    for (const place of [{ kind: 'dwelling', id: dwellingId }, { kind: 'dwelling', id: otherDwelling }, { kind: 'entrance', id: patrimony.entranceIds.lensA }]) {
      const answer = await officer.request('POST', '/incidents', { place, occurredAt: '2026-01-10T10:00:00+01:00', channel: 'tenant', categoryCode: 'B.NOISE', description: 'Bruit la nuit' });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      incidentIds.push(answer.body.incident.id);
    }
    const file = await (await sessionClient(app, users.agency_manager)).request('POST', '/pre-litigation/files', {
      title: 'Troubles de voisinage', incidentIds: [incidentIds[2]],
      persons: [{ fullName: 'Paul Martin', role: 'tenant', dwellingId: otherDwelling }, { fullName: 'Tiers Voisin', role: 'visitor' }],
    });
    expect(file.status).toBe(201);
    fileId = file.body.id;
  });

  it('declares read_audit and refuses other roles (403) and callers without a session (401)', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/gdpr/subject-access']!.get!['x-permission']).toBe('read_audit');
    expect((await app.request(`/api/gdpr/subject-access?dwellingId=${dwellingId}`)).status).toBe(401);
    for (const role of ['agent', 'agency_manager', 'observatory_officer', 'executive', 'partner', 'group_analyst'] as const) {
      expect((await (await sessionClient(app, users[role])).request('GET', `/gdpr/subject-access?dwellingId=${dwellingId}`)).status, role).toBe(403);
    }
  });

  it('exports a dwelling’s incidents and the audit entries about them, and audits the export', async () => {
    const admin = await sessionClient(app, users.administrator);
    const answer = await admin.request('GET', `/gdpr/subject-access?dwellingId=${dwellingId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.dwelling).toMatchObject({ id: dwellingId, buildingId: patrimony.buildingIds.lensTower });
    expect(answer.body.incidents.map((incident: { id: number }) => incident.id)).toEqual([incidentIds[0]]);
    expect(answer.body.incidents[0].description).toBe('Bruit la nuit');
    expect(answer.body.preLitigationFiles).toEqual([]);
    expect(answer.body.auditEntries.some((entry: { action: string; objectId: string }) => entry.action === 'incident.create' && entry.objectId === String(incidentIds[0]))).toBe(true);
    const [audited] = await database().query<{ objectId: string; actorLabel: string }>(
      `SELECT object_id AS "objectId", actor_label AS "actorLabel" FROM audit_log WHERE action = 'subject_access.export' ORDER BY seq DESC LIMIT 1`);
    expect(audited).toEqual({ objectId: String(dwellingId), actorLabel: users.administrator.email });
  });

  it('exports the files naming a person, without the other people of the file nor the name in the audit log', async () => {
    const admin = await sessionClient(app, users.administrator);
    const answer = await admin.request('GET', `/gdpr/subject-access?person=${encodeURIComponent('paul MARTIN')}`);
    expect(answer.status).toBe(200);
    expect(answer.body.preLitigationFiles).toHaveLength(1);
    expect(answer.body.preLitigationFiles[0]).toMatchObject({ id: fileId, incidentIds: [incidentIds[2]], persons: [{ fullName: 'Paul Martin', role: 'tenant', dwellingId: otherDwelling }] });
    expect(JSON.stringify(answer.body)).not.toContain('Tiers Voisin');
    expect(answer.body.incidents.map((incident: { id: number }) => incident.id)).toEqual([incidentIds[2]]);
    expect(answer.body.auditEntries.some((entry: { objectType: string }) => entry.objectType === 'pre_litigation_file')).toBe(true);
    expect(JSON.stringify(await database().query(`SELECT after FROM audit_log WHERE action = 'subject_access.export'`))).not.toContain('Martin');
    // The dwelling of a person named in a file leads to that file too.
    const byDwelling = await admin.request('GET', `/gdpr/subject-access?dwellingId=${otherDwelling}`);
    expect(byDwelling.body.preLitigationFiles.map((file: { id: number }) => file.id)).toEqual([fileId]);
  });

  it('exports a staff member’s account and what they did', async () => {
    const other = await createTestUser(database(), patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, 'gardien.dupont@vigie.test');
    await database().query(`UPDATE users SET display_name = 'Jeanne Dupont' WHERE organisation_id = $1 AND id = $2`, [patrimony.organisationId, other.id]);
    const agent = await sessionClient(app, other);
    await agent.request('POST', '/incidents', { place: { kind: 'entrance', id: patrimony.entranceIds.lensB }, occurredAt: '2026-01-11T10:00:00+01:00', channel: 'caretaker', categoryCode: 'D.TAG', description: 'Tag' });
    const answer = await (await sessionClient(app, users.administrator)).request('GET', '/gdpr/subject-access?person=Jeanne%20Dupont');
    expect(answer.body.accounts).toEqual([expect.objectContaining({ id: other.id, email: 'gardien.dupont@vigie.test', roles: ['agent'] })]);
    expect(answer.body.auditEntries.some((entry: { actorLabel: string; action: string }) => entry.actorLabel === other.email && entry.action === 'incident.create')).toBe(true);
  });

  it('asks for exactly one of dwelling and person (400), and answers empty for an unknown dwelling', async () => {
    const admin = await sessionClient(app, users.administrator);
    expect((await admin.request('GET', '/gdpr/subject-access')).status).toBe(400);
    const both = await admin.request('GET', `/gdpr/subject-access?dwellingId=${dwellingId}&person=X`);
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('dwellingId');
    expect((await admin.request('GET', '/gdpr/subject-access?dwellingId=abc')).status).toBe(400);
    const unknown = await admin.request('GET', '/gdpr/subject-access?dwellingId=999999');
    expect(unknown.body).toMatchObject({ dwelling: null, incidents: [], preLitigationFiles: [] });
  });
});
