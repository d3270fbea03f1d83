import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieHeader, createTestUser, signIn, type TestUser } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { setDisabled } from '../repository.js';

const PUBLIC_URL = 'http://localhost:8080';
const CLIENT = { client_id: 'vigie', client_secret: 'secret-du-test-de-connexion-unique' };

/** The directory's people: who the provider says they are. */
const DIRECTORY: Record<string, { email: string; email_verified: boolean }> = {
  karim: { email: 'karim.sso@vigie.test', email_verified: true },
  ines: { email: 'ines.sso@vigie.test', email_verified: true },
  stranger: { email: 'inconnu@vigie.test', email_verified: true },
  unverified: { email: 'karim.sso@vigie.test', email_verified: false },
};

/** A real OpenID provider on a local port, with its development sign-in and consent pages. */
async function startProvider(): Promise<{ issuer: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [`${PUBLIC_URL}/api/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: (_context, id) => (DIRECTORY[id] ? { accountId: id, claims: () => ({ sub: id, ...DIRECTORY[id] }) } : undefined),
    cookies: { keys: ['clef-des-cookies-du-fournisseur-de-test'] },
  });
  server.on('request', provider.callback());
  return { issuer, server };
}

/** A browser's cookie jar for the provider's pages (their paths don't matter here). */
function providerBrowser() {
  const jar = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      if (/expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  /** Signs in at the provider as `accountId` and consents, until it sends the browser back to Vigie. */
  return async (authorizationUrl: string, accountId: string): Promise<string> => {
    let location = authorizationUrl;
    for (let step = 0; step < 12; step += 1) {
      if (location.startsWith(PUBLIC_URL)) return location;
      const response = await request(location);
      if (response.status >= 300 && response.status < 400) {
        location = new URL(response.headers.get('location')!, location).href;
        continue;
      }
      const page = await response.text();
      const prompt = page.includes('value="consent"') ? 'consent' : 'login';
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'sans importance' } : { prompt });
      const posted = await request(location, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      location = new URL(posted.headers.get('location')!, location).href;
    }
    throw new Error(`the provider never sent the browser back (last at ${location})`);
  };
}

describeEachEngine('single sign-on with OpenID Connect', (database) => {
  let provider: { issuer: string; server: Server };
  let app: ReturnType<typeof createApp>;
  let karim: TestUser;
  let organisationId: number;

  beforeAll(async () => {
    provider = await startProvider();
    const env = { VIGIE_PUBLIC_URL: PUBLIC_URL, VIGIE_OIDC_ISSUER: provider.issuer, VIGIE_OIDC_CLIENT_ID: CLIENT.client_id, VIGIE_OIDC_CLIENT_SECRET: CLIENT.client_secret };
    app = createApp({ db: database(), config: readConfig(env) });
    const patrimony = await createSmallPatrimony(database());
    organisationId = patrimony.organisationId;
    karim = await createTestUser(database(), organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, DIRECTORY.karim!.email);
    const ines = await createTestUser(database(), organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }, DIRECTORY.ines!.email);
    await setDisabled(database(), organisationId, ines.id, true);
  });
  afterAll(() => new Promise<void>((resolve) => provider?.server.close(() => resolve())));

  /** From "Se connecter avec l'annuaire" to Vigie's answer on the provider's return. */
  const roundTrip = async (accountId: string, extraCookie = '') => {
    const start = await app.request(`${PUBLIC_URL}/api/auth/oidc/start?retour=${encodeURIComponent('/incidents?statut=ouvert')}`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location')!);
    const pending = cookieHeader(start);
    const callback = await providerBrowser()(authorization.href, accountId);
    const answer = await app.request(callback, { headers: { cookie: [pending, extraCookie].filter(Boolean).join('; ') } });
    return { authorization, start, callback, answer };
  };

  const auditActions = async () =>
    database().query<{ action: string; actor_label: string; after: Record<string, unknown> }>(
      'SELECT action, actor_label, after FROM audit_log WHERE organisation_id = $1 ORDER BY seq', [organisationId]);

  it('sends the browser to the provider with PKCE (S256), state and nonce, remembered in an HttpOnly Lax cookie', async () => {
    const start = await app.request(`${PUBLIC_URL}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.headers.get('location')!);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('client_id')).toBe(CLIENT.client_id);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    for (const parameter of ['code_challenge', 'state', 'nonce']) expect(authorization.searchParams.get(parameter)).toMatch(/^[\w-]{20,}$/);
    const cookie = start.headers.getSetCookie().find((line) => line.startsWith('vigie_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
  });

  it('signs in the account whose verified email the directory gives, with a new session, back to the page asked for', async () => {
    const earlier = await signIn(app, karim);
    const { answer } = await roundTrip('karim', earlier.cookie);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/incidents?statut=ouvert');
    const session = cookieHeader(answer);
    expect(session).toMatch(/vigie_session=.+; vigie_csrf=.+/);
    const me = await app.request('/api/auth/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(karim.email);
    // Rotation: the session the browser had before is gone.
    expect((await app.request('/api/auth/me', { headers: { cookie: earlier.cookie } })).status).toBe(401);
    // The session works as a password one does, perimeter included.
    expect((await app.request('/api/incidents', { headers: { cookie: session } })).status).toBe(200);
    const login = (await auditActions()).filter((row) => row.action === 'auth.login').at(-1)!;
    expect(login.after).toMatchObject({ method: 'oidc', issuer: provider.issuer, subject: 'karim' });
  });

  it('creates no account for an email Vigie does not know: a clear refusal, audited', async () => {
    const { answer } = await roundTrip('stranger');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/connexion?erreur=unknown');
    expect(answer.headers.getSetCookie().some((line) => /^vigie_session=[^;]+/.test(line))).toBe(false);
    const [{ count }] = await database().query<{ count: number }>('SELECT count(*)::int AS count FROM users WHERE email = $1', [DIRECTORY.stranger!.email]) as [{ count: number }];
    expect(count).toBe(0);
    const refusal = (await auditActions()).at(-1)!;
    expect(refusal).toMatchObject({ action: 'auth.sso_refused', actor_label: `oidc:${DIRECTORY.stranger!.email}` });
    expect(refusal.after).toMatchObject({ reason: 'unknown', email: DIRECTORY.stranger!.email });
  });

  it('refuses an email the directory has not verified, and a disabled account', async () => {
    expect((await roundTrip('unverified')).answer.headers.get('location')).toBe('/connexion?erreur=unverified');
    expect((await roundTrip('ines')).answer.headers.get('location')).toBe('/connexion?erreur=disabled');
    expect((await auditActions()).at(-1)).toMatchObject({ action: 'auth.sso_refused', after: { reason: 'disabled' } });
  });

  it('refuses a return whose state is not the one this browser was sent with', async () => {
    const { callback } = await roundTrip('karim');
    const otherStart = await app.request(`${PUBLIC_URL}/api/auth/oidc/start`);
    const answer = await app.request(callback, { headers: { cookie: cookieHeader(otherStart) } });
    expect(answer.headers.get('location')).toBe('/connexion?erreur=failed');
    expect(answer.headers.getSetCookie().some((line) => /^vigie_session=[^;]+/.test(line))).toBe(false);
    // Without the pending cookie at all.
    expect((await app.request(callback)).headers.get('location')).toBe('/connexion?erreur=failed');
  });

  it('answers 404 when single sign-on is not configured', async () => {
    const bare = createApp({ db: database(), config: readConfig({}) });
    expect((await bare.request('/api/auth/oidc/start')).status).toBe(404);
    expect((await bare.request('/api/auth/oidc/callback?code=x&state=y')).status).toBe(404);
  });
});
