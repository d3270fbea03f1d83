import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { verifyAuditChain } from './audit.js';
import { addUser, disableUser, resetPassword } from './users-service.js';

const CLI = { actorLabel: 'cli' };
const noPerimeter = { agencies: [], directorates: [], communes: [] };

describeEachEngine('account administration', (database) => {
  let patrimony: SmallPatrimony;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = createApp({ db: database(), config: readConfig({}) });
  });

  const login = (email: string, password: string) =>
    app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AppError) return { kind: error.kind, fields: error.errors.map((e) => e.field) };
    }
    throw new Error('expected an AppError');
  };

  it('creates an agent over agency codes with a one-time password to change at first sign-in', async () => {
    const created = await addUser(database(), CLI, { ...noPerimeter, email: ' Lea.Martin@Habitat.fr', displayName: 'Léa Martin', role: 'agent', agencies: ['AG-LENS'] });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const response = await login('lea.martin@habitat.fr', created.oneTimePassword!);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { mustChangePassword: boolean; grants: { perimeter: { agencyIds: number[] } }[] };
    expect(body.mustChangePassword).toBe(true);
    expect(body.grants[0]!.perimeter.agencyIds).toEqual([patrimony.agencyIds.lens]);
  });

  it('names every wrong field and writes nothing', async () => {
    const bad = await failure(addUser(database(), CLI, { email: 'nope', displayName: '', role: 'caretaker', ...noPerimeter, password: 'short' }));
    expect(bad).toEqual({ kind: 'validation', fields: ['email', 'name', 'role', 'password'] });
    const perimeter = await failure(addUser(database(), CLI, { ...noPerimeter, email: 'p@habitat.fr', displayName: 'P', role: 'partner', agencies: ['AG-LENS'], communes: ['00000'] }));
    expect(perimeter).toEqual({ kind: 'validation', fields: ['communes', 'communes', 'agencies'] });
    const [row] = await database().query<{ n: number }>(`SELECT count(*) AS n FROM users WHERE email IN ('nope', 'p@habitat.fr')`);
    expect(row!.n).toBe(0);
  });

  it('refuses a second account with the same email in the organisation', async () => {
    await addUser(database(), CLI, { ...noPerimeter, email: 'dup@habitat.fr', displayName: 'Dup', role: 'executive', password: 'cheval correct agrafe pile' });
    expect(await failure(addUser(database(), CLI, { ...noPerimeter, email: 'DUP@habitat.fr', displayName: 'Dup', role: 'executive' }))).toEqual({ kind: 'conflict', fields: [] });
  });

  it('disables an account: its session ends and it cannot sign in', async () => {
    await addUser(database(), CLI, { ...noPerimeter, email: 'gone@habitat.fr', displayName: 'Gone', role: 'territorial_director', directorates: ['DT1'], password: 'cheval correct agrafe pile' });
    const signedIn = await login('gone@habitat.fr', 'cheval correct agrafe pile');
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await disableUser(database(), CLI, 'gone@habitat.fr');
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await login('gone@habitat.fr', 'cheval correct agrafe pile')).status).toBe(401);
  });

  it('resets a password to a chosen one, enforcing the policy against the email', async () => {
    await addUser(database(), CLI, { ...noPerimeter, email: 'reset.me@habitat.fr', displayName: 'R', role: 'observatory_officer' });
    expect(await failure(resetPassword(database(), CLI, 'reset.me@habitat.fr', 'xx-reset.me-2025'))).toEqual({ kind: 'validation', fields: ['password'] });
    expect(await resetPassword(database(), CLI, 'reset.me@habitat.fr', 'une toute nouvelle phrase')).toEqual({});
    expect((await login('reset.me@habitat.fr', 'une toute nouvelle phrase')).status).toBe(200);
    expect(await failure(resetPassword(database(), CLI, 'nobody@habitat.fr'))).toEqual({ kind: 'not_found', fields: [] });
  });

  it('asks for the organisation when an email has accounts in two of them', async () => {
    const other = await createSmallPatrimony(database(), '272000029', 'Autre Habitat');
    const password = 'cheval correct agrafe pile';
    await addUser(database(), { ...CLI, organisation: '272000011' }, { ...noPerimeter, email: 'twice@habitat.fr', displayName: 'A', role: 'executive', password });
    await addUser(database(), { ...CLI, organisation: '272000029' }, { ...noPerimeter, email: 'twice@habitat.fr', displayName: 'B', role: 'executive', password });
    const ambiguous = await login('twice@habitat.fr', password);
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('organisation');
    const chosen = await app.request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'twice@habitat.fr', password, organisation: '272000029' }),
    });
    expect(((await chosen.json()) as { user: { organisationId: number } }).user.organisationId).toBe(other.organisationId);
    expect(await failure(disableUser(database(), CLI, 'twice@habitat.fr'))).toEqual({ kind: 'validation', fields: ['organisation'] });
  });

  it('audits every administration step in an intact chain', async () => {
    const actions = await database().query<{ action: string }>('SELECT action FROM audit_log WHERE organisation_id = $1 ORDER BY seq', [patrimony.organisationId]);
    expect(actions.map((row) => row.action).filter((action) => action.startsWith('user.'))).toEqual([
      'user.add', 'user.add', 'user.add', 'user.disable', 'user.add', 'user.reset', 'user.add',
    ]);
    expect((await verifyAuditChain(database())).breaks).toEqual([]);
  });
});
