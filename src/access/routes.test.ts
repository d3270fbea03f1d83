import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { cookieHeader, createRoleUsers, createTestUser, signIn, TEST_PASSWORD, type TestUser } from '../../test/support/auth.js';
import { MAX_FAILURES } from './auth-service.js';

describeEachEngine('sign-in API', (database) => {
  let app: ReturnType<typeof createApp>;
  let patrimony: SmallPatrimony;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    users = await createRoleUsers(database(), patrimony);
    app = createApp({ db: database(), config: readConfig({}) });
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}, url = 'http://localhost/api/auth/login') =>
    app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

  it('signs in, sets a strict HttpOnly session cookie and returns roles, perimeter and CSRF token', async () => {
    const response = await login('AGENT.' + patrimony.organisationId + '@vigie.test', TEST_PASSWORD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { email: string }; grants: unknown[]; permissions: string[]; csrfToken: string };
    expect(body.user.email).toBe(users.agent.email);
    expect(body.grants).toEqual([{ role: 'agent', perimeter: { wholeOrganisation: false, agencyIds: [patrimony.agencyIds.lens], directorateIds: [], communes: [] } }]);
    expect(body.permissions).toEqual(['read_patrimony', 'record_incident', 'read_incident', 'read_aggregates']);
    const [session, csrf] = response.headers.getSetCookie();
    expect(session).toMatch(/^vigie_session=[A-Za-z0-9_-]{43};/);
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
    expect(session).not.toContain('Secure');
    expect(csrf).toBe(`vigie_csrf=${body.csrfToken}; Max-Age=43200; Path=/; SameSite=Strict`);
  });

  it('marks cookies Secure anywhere but plain-http localhost', async () => {
    const response = await login(users.executive.email, TEST_PASSWORD, {}, 'http://vigie.example.fr/api/auth/login');
    expect(response.headers.getSetCookie().every((cookie) => cookie.includes('Secure'))).toBe(true);
  });

  it('answers /auth/me for the session and 401 without one', async () => {
    const headers = await signIn(app, users.partner);
    const me = (await (await app.request('/api/auth/me', { headers })).json()) as { user: { id: number }; csrfToken: string };
    expect(me.user.id).toBe(users.partner.id);
    expect(me.csrfToken).toBe(headers['x-csrf-token']);
    const anonymous = await app.request('/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rejects bad input naming the field, and wrong credentials with one message for both cases', async () => {
    const bad = await login('not-an-email', 'x');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('json.email');
    const wrongPassword = await login(users.observatory_officer.email, 'not the password');
    const unknown = await login('nobody@vigie.test', 'not the password');
    expect([wrongPassword.status, unknown.status]).toEqual([401, 401]);
    expect(((await wrongPassword.json()) as { detail: string }).detail).toBe(((await unknown.json()) as { detail: string }).detail);
  });

  it('rotates the session at sign-in: the previous token stops working', async () => {
    const first = await signIn(app, users.agency_manager);
    const second = await login(users.agency_manager.email, TEST_PASSWORD, { cookie: first.cookie });
    expect(second.status).toBe(200);
    expect(cookieHeader(second)).not.toBe(first.cookie);
    expect((await app.request('/api/auth/me', { headers: first })).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: cookieHeader(second) } })).status).toBe(200);
  });

  it('refuses logout without the CSRF header, then ends the session with it', async () => {
    const headers = await signIn(app, users.territorial_director);
    const forged = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: headers.cookie } });
    expect(forged.status).toBe(403);
    const wrong = await app.request('/api/auth/logout', { method: 'POST', headers: { ...headers, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const logout = await app.request('/api/auth/logout', { method: 'POST', headers });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie().some((cookie) => cookie.startsWith('vigie_session=;'))).toBe(true);
    expect((await app.request('/api/auth/me', { headers })).status).toBe(401);
  });

  it(`locks an account after ${MAX_FAILURES} failures, even against the right password, and audits it`, async () => {
    const victim = await createTestUser(database(), patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.arras] }, 'victim@vigie.test');
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) statuses.push((await login(victim.email, `wrong password ${i}`)).status);
    expect(statuses).toEqual(Array(MAX_FAILURES).fill(401));
    const locked = await login(victim.email, TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(((await locked.json()) as { detail: string }).detail).toMatch(/verrouillé/);
    const [audit] = await database().query<{ action: string; object_id: string }>(
      `SELECT action, object_id FROM audit_log WHERE organisation_id = $1 AND action = 'auth.lockout'`, [patrimony.organisationId]);
    expect(audit).toEqual({ action: 'auth.lockout', object_id: String(victim.id) });
  });

  it('locks unknown emails the same way, so lockout does not reveal which accounts exist', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await login('ghost@vigie.test', `wrong password ${i}`);
    expect((await login('ghost@vigie.test', 'anything at all')).status).toBe(423);
  });

  it('changes the password: policy enforced, other sessions ended', async () => {
    const user: TestUser = await createTestUser(database(), patrimony.organisationId, 'executive', { wholeOrganisation: true }, 'changer@vigie.test');
    const other = await signIn(app, user);
    const headers = { ...(await signIn(app, user)), 'content-type': 'application/json' };
    const weak = await app.request('/api/auth/password', { method: 'POST', headers, body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: 'azertyuiop123' }) });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('newPassword');
    const changed = await app.request('/api/auth/password', {
      method: 'POST', headers, body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: 'une phrase de passe neuve' }),
    });
    expect(changed.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: other })).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: cookieHeader(changed) } })).status).toBe(200);
    expect((await login(user.email, 'une phrase de passe neuve')).status).toBe(200);
  });
});

describeEachEngine('sign-in rate limit per address', (database) => {
  it('answers 429 with Retry-After past 30 attempts from one address', async () => {
    const app = createApp({ db: database(), config: readConfig({}) });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await app.request('/api/auth/login', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `user${i}@vigie.test`, password: 'wrong password' }),
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
