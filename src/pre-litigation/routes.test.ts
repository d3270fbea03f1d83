import { beforeAll, expect, it } from 'vitest';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient, type TestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import type { Role } from '../access/domain/roles.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';

type App = ReturnType<typeof createApp>;

describeEachEngine('pre-litigation files API', (database) => {
  let app: App;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  let arrasManager: TestUser;
  const clients = new Map<TestUser, SessionClient>();
  const as = async (user: TestUser) => {
    if (!clients.has(user)) clients.set(user, await sessionClient(app, user));
    return clients.get(user)!;
  };
  const incidents: Record<'lens' | 'lens2' | 'arras', number> = { lens: 0, lens2: 0, arras: 0 };
  let lensDwelling: number;

  const audited = async (action: string) =>
    database().query<{ objectId: string; actorLabel: string; after: unknown }>(
      'SELECT object_id AS "objectId", actor_label AS "actorLabel", after FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    users = await createRoleUsers(database(), patrimony);
    arrasManager = await createTestUser(database(), patrimony.organisationId, 'agency_manager', { agencyIds: [patrimony.agencyIds.arras] }, 'manager.arras@vigie.test');
    app = createApp({ db: database(), config: readConfig({}) });
    const record = async (place: { kind: string; id: number }) => {
      const answer = await (await as(users.observatory_officer)).request('POST', '/incidents', {
        place, occurredAt: '2026-01-10T10:00:00+01:00', channel: 'caretaker', categoryCode: 'D.TAG', description: 'Tags dans le hall',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body.incident.id as number;
    };
    incidents.lens = await record({ kind: 'entrance', id: patrimony.entranceIds.lensA });
    incidents.lens2 = await record({ kind: 'entrance', id: patrimony.entranceIds.lensB });
    incidents.arras = await record({ kind: 'building', id: patrimony.buildingIds.arrasHouse });
    [{ id: lensDwelling }] = (await database().query<{ id: number }>(
      'SELECT id FROM dwellings WHERE organisation_id = $1 AND building_id = $2 ORDER BY id LIMIT 1', [patrimony.organisationId, patrimony.buildingIds.lensTower])) as [{ id: number }];
  });

  const openLensFile = async (user: TestUser = users.agency_manager) =>
    (await as(user)).request('POST', '/pre-litigation/files', {
      title: 'Dégradations répétées escalier A', incidentIds: [incidents.lens],
      persons: [{ fullName: 'Jean Exemple', role: 'tenant', dwellingId: lensDwelling }],
    });

  it('declares its permissions and answers 401 without a session', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/pre-litigation/files']!.get!['x-permission']).toBe('read_pre_litigation');
    expect(doc.paths['/api/pre-litigation/files']!.post!['x-permission']).toBe('manage_pre_litigation');
    expect(doc.paths['/api/pre-litigation/files/{fileId}']!.get!['x-permission']).toBe('read_pre_litigation');
    expect((await app.request('/api/pre-litigation/files')).status).toBe(401);
  });

  it('lets the agency manager open a file in their agency, names no one in the audit log, and audits each read', async () => {
    const opened = await openLensFile();
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ agencyId: patrimony.agencyIds.lens, status: 'open', incidentIds: [incidents.lens], people: [{ fullName: 'Jean Exemple', role: 'tenant' }] });
    const created = await audited('pre_litigation.create');
    expect(created.at(-1)).toMatchObject({ objectId: String(opened.body.id), actorLabel: users.agency_manager.email });
    expect(JSON.stringify(await database().query('SELECT before, after FROM audit_log WHERE object_type = $1', ['pre_litigation_file']))).not.toContain('Exemple');

    const readsBefore = (await audited('pre_litigation.read')).length;
    const read = await (await as(users.observatory_officer)).request('GET', `/pre-litigation/files/${opened.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.people[0].fullName).toBe('Jean Exemple');
    const reads = await audited('pre_litigation.read');
    expect(reads.length).toBe(readsBefore + 1);
    expect(reads.at(-1)).toMatchObject({ objectId: String(opened.body.id), actorLabel: users.observatory_officer.email });
  });

  it('refuses roles without the permission (403), another agency’s manager (403) and unknown files (404)', async () => {
    const opened = await openLensFile();
    for (const role of ['agent', 'territorial_director', 'executive', 'partner', 'administrator', 'group_analyst'] as const) {
      expect((await (await as(users[role])).request('GET', `/pre-litigation/files/${opened.body.id}`)).status, role).toBe(403);
      expect((await (await as(users[role])).request('GET', '/pre-litigation/files')).status, role).toBe(403);
    }
    expect((await openLensFile(users.agent)).status).toBe(403);
    expect((await (await as(arrasManager)).request('GET', `/pre-litigation/files/${opened.body.id}`)).status).toBe(403);
    expect((await openLensFile(arrasManager)).status).toBe(403);
    expect((await (await as(arrasManager)).request('POST', `/pre-litigation/files/${opened.body.id}/steps`, { kind: 'formal_notice', date: '2026-02-01' })).status).toBe(403);
    expect((await (await as(users.agency_manager)).request('GET', '/pre-litigation/files/999999')).status).toBe(404);
  });

  it('lists only the files of the caller’s perimeter, without identities', async () => {
    const arras = await (await as(arrasManager)).request('POST', '/pre-litigation/files', { title: 'Arras', incidentIds: [incidents.arras], persons: [] });
    expect(arras.status).toBe(201);
    const lens = await (await as(users.agency_manager)).request('GET', '/pre-litigation/files');
    expect(lens.status).toBe(200);
    expect(lens.body.length).toBeGreaterThan(0);
    expect(lens.body.every((file: { agencyId: number }) => file.agencyId === patrimony.agencyIds.lens)).toBe(true);
    expect(JSON.stringify(lens.body)).not.toContain('Exemple');
    const all = await (await as(users.observatory_officer)).request('GET', '/pre-litigation/files?status=open');
    expect(all.body.map((file: { id: number }) => file.id)).toContain(arras.body.id);
  });

  it('refuses incidents of two agencies and unknown dwellings, naming the field', async () => {
    const mixed = await (await as(users.observatory_officer)).request('POST', '/pre-litigation/files', { title: 'Mixte', incidentIds: [incidents.lens, incidents.arras], persons: [] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].field).toBe('incidentIds');
    const dwelling = await (await as(users.agency_manager)).request('POST', '/pre-litigation/files', {
      title: 'Logement', incidentIds: [incidents.lens], persons: [{ fullName: 'X', role: 'tenant', dwellingId: 999999 }],
    });
    expect(dwelling.status).toBe(400);
    expect(dwelling.body.errors[0].field).toBe('persons.0.dwellingId');
    const missing = await (await as(users.agency_manager)).request('POST', '/pre-litigation/files', { title: 'Absent', incidentIds: [999999], persons: [] });
    expect(missing.status).toBe(404);
    const bad = await (await as(users.agency_manager)).request('POST', '/pre-litigation/files', { title: '', incidentIds: [], persons: [] });
    expect(bad.status).toBe(400);
  });

  it('follows the legal steps to a closed file that takes no further step', async () => {
    const client = await as(users.agency_manager);
    const { body: file } = await openLensFile();
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/incidents`, { incidentId: incidents.lens2 })).body.incidentIds).toEqual([incidents.lens, incidents.lens2]);
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/incidents`, { incidentId: incidents.arras })).status).toBe(403);
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/persons`, { fullName: 'Marie Exemple', role: 'occupant' })).body.people).toHaveLength(2);
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/steps`, { kind: 'lease_rules_reminder', date: '2026-01-15' })).status).toBe(201);
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/steps`, { kind: 'formal_notice', date: '2026-02-30' })).status).toBe(400);
    const early = await client.request('PUT', `/pre-litigation/files/${file.id}/status`, { status: 'judgment_executed' });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('status');
    await client.request('POST', `/pre-litigation/files/${file.id}/steps`, { kind: 'judgment', date: '2026-06-01', note: 'Résiliation du bail' });
    const closed = await client.request('PUT', `/pre-litigation/files/${file.id}/status`, { status: 'judgment_executed' });
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.steps.map((step: { kind: string }) => step.kind)).toEqual(['lease_rules_reminder', 'judgment']);
    expect((await client.request('POST', `/pre-litigation/files/${file.id}/steps`, { kind: 'summons', date: '2026-07-01' })).status).toBe(400);
    expect((await client.request('PUT', `/pre-litigation/files/${file.id}/status`, { status: 'settled' })).status).toBe(400);
    const actions = (await database().query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'pre_litigation_file' AND object_id = $1 ORDER BY seq`, [String(file.id)])).map((row) => row.action);
    expect(actions).toEqual(['pre_litigation.create', 'pre_litigation.link', 'pre_litigation.person', 'pre_litigation.step', 'pre_litigation.step', 'pre_litigation.status']);
  });
});
