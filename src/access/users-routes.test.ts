import { beforeAll, expect, it } from 'vitest';
import { createRoleUsers, createTestUser, sessionClient, signIn, type SessionClient, type TestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { verifyAuditChain } from './audit.js';
import type { Role } from './domain/roles.js';

describeEachEngine('account administration API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  let admin: SessionClient;
  let otherAdmin: SessionClient;
  let otherAccount: TestUser;

  const login = (email: string, password: string) =>
    app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  beforeAll(async () => {
    const db = database();
    patrimony = await createSmallPatrimony(db);
    users = await createRoleUsers(db, patrimony);
    const other = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
    otherAccount = await createTestUser(db, other.organisationId, 'agent', { agencyIds: [other.agencyIds.lens] }, 'agent.autre@vigie.test');
    app = createApp({ db, config: readConfig({}) });
    admin = await sessionClient(app, users.administrator);
    otherAdmin = await sessionClient(app, await createTestUser(db, other.organisationId, 'administrator'));
  });

  it('lists the organisation’s accounts only, with roles and the places of their perimeters, never stored', async () => {
    const answer = await admin.request('GET', '/users');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const emails = answer.body.map((account: { email: string }) => account.email);
    expect(emails).toHaveLength(8);
    expect(emails).not.toContain(otherAccount.email);
    const agent = answer.body.find((account: { email: string }) => account.email === users.agent.email);
    expect(agent).toMatchObject({
      id: users.agent.id, disabled: false, mustChangePassword: false, locked: false,
      grants: [{ role: 'agent', wholeOrganisation: false, places: [{ kind: 'agency', code: 'AG-LENS', name: 'Lens Grande Résidence' }] }],
    });
    const partner = answer.body.find((account: { email: string }) => account.email === users.partner.email);
    expect(partner.grants[0].places).toEqual([{ kind: 'commune', code: '62498', name: 'Lens' }]);
    expect(answer.body[0]).not.toHaveProperty('passwordHash');
  });

  it('offers the patrimony’s directorates, agencies and communes for a perimeter', async () => {
    const answer = await admin.request('GET', '/users/perimeter-options');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { kind: 'agency', code: 'AG-ARRAS', name: 'Arras – Saint-Michel', directorateCode: 'DT1' },
      { kind: 'agency', code: 'AG-LENS', name: 'Lens Grande Résidence', directorateCode: 'DT1' },
      { kind: 'commune', code: '62041', name: 'Arras', directorateCode: null },
      { kind: 'commune', code: '62498', name: 'Lens', directorateCode: null },
      { kind: 'directorate', code: 'DT1', name: 'Direction territoriale Artois', directorateCode: null },
    ]);
  });

  it('creates an agent of an agency with a one-time password to change at first sign-in, and audits it', async () => {
    const created = await admin.request('POST', '/users', { email: ' Lea.Martin@Vigie.test ', displayName: 'Léa Martin', role: 'agent', agencies: ['AG-ARRAS'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'lea.martin@vigie.test', displayName: 'Léa Martin', mustChangePassword: true, disabled: false,
      grants: [{ role: 'agent', places: [{ kind: 'agency', code: 'AG-ARRAS' }] }],
    });
    expect(created.body.oneTimePassword).toMatch(/^.{16,}$/);
    const signedIn = await login('lea.martin@vigie.test', created.body.oneTimePassword);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ mustChangePassword: true, grants: [{ role: 'agent', perimeter: { agencyIds: [patrimony.agencyIds.arras] } }] });

    const audit = await admin.request('GET', `/audit?action=user.add&objectId=${created.body.id}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({ actorUserId: users.administrator.id, actorLabel: users.administrator.email, after: { email: 'lea.martin@vigie.test', role: 'agent' } });
    expect(JSON.stringify(audit.body.entries[0])).not.toContain(created.body.oneTimePassword);
    expect((await admin.request('POST', '/users', { email: 'lea.martin@vigie.test', displayName: 'Léa', role: 'agent', agencies: ['AG-LENS'] })).status).toBe(409);
  });

  it('refuses a perimeter of the wrong kind or unknown codes, naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'a@vigie.test', displayName: 'A', role: 'agent', directorates: ['DT1'] }, 'directorates'],
      [{ email: 'a@vigie.test', displayName: 'A', role: 'agent' }, 'agencies'],
      [{ email: 'a@vigie.test', displayName: 'A', role: 'agent', agencies: ['AG-NOWHERE'] }, 'agencies'],
      [{ email: 'a@vigie.test', displayName: 'A', role: 'partner', communes: ['75056'] }, 'communes'],
      [{ email: 'a@vigie.test', displayName: 'A', role: 'observatory_officer', agencies: ['AG-LENS'] }, 'agencies'],
      [{ email: 'pas-une-adresse', displayName: 'A', role: 'agent', agencies: ['AG-LENS'] }, 'json.email'],
      [{ email: 'a@vigie.test', displayName: 'A', role: 'superuser' }, 'json.role'],
      [{ email: 'a@vigie.test', displayName: '', role: 'executive' }, 'json.displayName'],
    ];
    for (const [body, field] of cases) {
      const answer = await admin.request('POST', '/users', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors.map((error: { field: string }) => error.field), JSON.stringify(body)).toContain(field);
    }
    expect(await database().query(`SELECT 1 FROM users WHERE email = 'a@vigie.test'`)).toEqual([]);
  });

  it('disables an account: its sessions end and it can no longer sign in', async () => {
    const db = database();
    const target = await createTestUser(db, patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, 'a.desactiver@vigie.test');
    const session = await signIn(app, target);
    const disabled = await admin.request('POST', `/users/${target.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: target.id, disabled: true });
    expect((await app.request('/api/auth/me', { headers: session })).status).toBe(401);
    expect((await login(target.email, 'Vigie-test-passphrase-42')).status).toBe(401);
    const audit = await admin.request('GET', `/audit?action=user.disable&objectId=${target.id}`);
    expect(audit.body.entries[0]).toMatchObject({ actorLabel: users.administrator.email, before: { disabled: false }, after: { disabled: true } });
  });

  it('resets a password to a new one-time one, which unlocks the account and ends its sessions', async () => {
    const db = database();
    const target = await createTestUser(db, patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, 'a.reinitialiser@vigie.test');
    const session = await signIn(app, target);
    await db.query(`UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [target.id]);
    expect((await admin.request('GET', '/users')).body.find((account: { id: number }) => account.id === target.id)).toMatchObject({ locked: true });
    const reset = await admin.request('POST', `/users/${target.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: session })).status).toBe(401);
    expect((await login(target.email, 'Vigie-test-passphrase-42')).status).toBe(401);
    const signedIn = await login(target.email, reset.body.oneTimePassword);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ mustChangePassword: true });
    expect((await admin.request('GET', `/audit?action=user.reset&objectId=${target.id}`)).body.entries).toHaveLength(1);
  });

  it('refuses the administrator’s own account (409), another organisation’s (404), ids that are not ids (400)', async () => {
    for (const action of ['disable', 'reset-password']) {
      expect((await admin.request('POST', `/users/${users.administrator.id}/${action}`)).status, action).toBe(409);
      expect((await admin.request('POST', `/users/${otherAccount.id}/${action}`)).status, action).toBe(404);
      const bad = await admin.request('POST', `/users/abc/${action}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('param.userId');
    }
    expect((await login(otherAccount.email, 'Vigie-test-passphrase-42')).status).toBe(200);
    expect((await otherAdmin.request('GET', '/users')).body.map((account: { email: string }) => account.email)).not.toContain(users.agent.email);
  });

  it('is for administrators only (403), and every change is in an unbroken audit chain', async () => {
    for (const role of ['agent', 'agency_manager', 'territorial_director', 'observatory_officer', 'executive', 'partner', 'group_analyst'] as const) {
      const client = await sessionClient(app, users[role]);
      expect((await client.request('GET', '/users')).status, role).toBe(403);
      expect((await client.request('POST', '/users', { email: 'b@vigie.test', displayName: 'B', role: 'executive' })).status, role).toBe(403);
    }
    expect((await verifyAuditChain(database())).breaks).toEqual([]);
  });
});
