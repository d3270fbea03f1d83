import type { Queryable } from '../../src/db/database.js';
import type { Perimeter } from '../../src/access/domain/perimeter.js';
import type { Actor } from '../../src/http/context.js';
import type { Role } from '../../src/access/domain/roles.js';
import { hashPassword } from '../../src/access/passwords.js';
import { insertGrant, insertUser } from '../../src/access/repository.js';
import type { SmallPatrimony } from './fixtures.js';

/** Every test account has this password (it satisfies the password policy). */
export const TEST_PASSWORD = 'Vigie-test-passphrase-42';

export interface TestUser {
  organisationId: number;
  id: number;
  email: string;
  role: Role;
}

let passwordHash: Promise<string> | undefined;

/** An account with one role over `perimeter` (default: the whole organisation). */
export async function createTestUser(
  db: Queryable,
  organisationId: number,
  role: Role,
  perimeter: Partial<Perimeter> = { wholeOrganisation: true },
  email = `${role.replaceAll('_', '.')}.${organisationId}@vigie.test`,
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = await insertUser(db, { organisationId, email, displayName: `Test ${role}`, passwordHash: await passwordHash, mustChangePassword: false });
  await insertGrant(db, organisationId, id, {
    role,
    perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: [], ...perimeter },
  });
  return { organisationId, id, email, role };
}

/**
 * One account per role over the small patrimony, each with its own perimeter: agents and
 * agency managers over Lens, the territorial director over the directorate, the partner over
 * the commune of Lens (62498), the other roles over the whole organisation.
 */
export async function createRoleUsers(db: Queryable, patrimony: SmallPatrimony): Promise<Record<Role, TestUser>> {
  const lens = { agencyIds: [patrimony.agencyIds.lens] };
  const perimeters: Record<Role, Partial<Perimeter>> = {
    agent: lens,
    agency_manager: lens,
    territorial_director: { directorateIds: [patrimony.directorateId] },
    observatory_officer: { wholeOrganisation: true },
    executive: { wholeOrganisation: true },
    partner: { communes: ['62498'] },
    administrator: { wholeOrganisation: true },
    group_analyst: { wholeOrganisation: true },
  };
  const users = {} as Record<Role, TestUser>;
  for (const [role, perimeter] of Object.entries(perimeters) as [Role, Partial<Perimeter>][]) {
    users[role] = await createTestUser(db, patrimony.organisationId, role, perimeter);
  }
  return users;
}

/** The headers of an authenticated request: the cookies, and the CSRF token for unsafe methods. */
export interface SessionHeaders extends Record<string, string> {
  cookie: string;
  'x-csrf-token': string;
}

interface RequestsApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/**
 * Signs `user` in through POST /api/auth/login and returns the headers that authenticate
 * later requests: the session cookie and, for unsafe methods, the CSRF header.
 * Usage: `app.request('/api/…', { method: 'POST', headers: { ...(await signIn(app, user)), 'content-type': 'application/json' }, body })`.
 */
export async function signIn(app: RequestsApp, user: Pick<TestUser, 'email'>, password = TEST_PASSWORD): Promise<SessionHeaders> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${user.email} failed: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: cookieHeader(response), 'x-csrf-token': csrfToken };
}

/** The `cookie` request header that sends back every cookie a response set. */
export function cookieHeader(response: Response): string {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

/** An answer of the API as tests read it: JSON bodies parsed, anything else as text. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Requests made as one signed-in user; `path` is below /api, `body` is sent as JSON. */
export interface SessionClient {
  user: TestUser;
  headers: SessionHeaders;
  request<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

/** Signs `user` in and returns a client whose requests carry its session and CSRF token. */
export async function sessionClient(app: RequestsApp, user: TestUser): Promise<SessionClient> {
  const headers = await signIn(app, user);
  return {
    user,
    headers,
    async request(method, path, body) {
      const response = await app.request(`/api${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const type = response.headers.get('content-type') ?? '';
      const parsed = type.includes('json') ? await response.json() : await response.text();
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/**
 * The actor a session of `role` over `perimeter` would give, for tests that call a service
 * directly (route tests sign in with `sessionClient` instead).
 */
export function testActor(organisationId: number, role: Role, perimeter: Partial<Perimeter> = { wholeOrganisation: true }, userId?: number): Actor {
  return {
    organisationId,
    ...(userId === undefined ? {} : { userId }),
    label: `test.${role}@vigie.test`,
    grants: [{ role, perimeter: { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: [], ...perimeter } }],
  };
}
