import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors.js';
import type { AppEnv } from '../http/context.js';
import { errorResponses, json, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { changePassword, createLoginGuard, login, logout, resolveSession, SESSION_HOURS, type SignedIn } from './auth-service.js';
import { PERMISSIONS, roleAllows } from './domain/roles.js';
import { clientAddress, CSRF_COOKIE, csrfProtection, isPlainLocalhost, requireSession, SESSION_COOKIE, sessionToken } from './middleware.js';
import { beginSignIn, completeSignIn, type PendingSignIn } from './oidc/relying-party.js';
import { signInFromDirectory } from './oidc/service.js';
import { LoginSchema, PasswordChangeSchema, SessionSchema } from './schemas.js';

const tags = ['access'];

const loginRoute = createRoute({
  method: 'post', path: '/auth/login', tags, summary: 'Sign in with email and password; opens a new session (cookie)',
  request: { body: json(LoginSchema, 'Credentials') },
  responses: {
    200: json(SessionSchema, 'Signed in; the session cookie is set'),
    400: errorResponses[400],
    401: errorResponses[401],
    423: problem('Account locked after repeated failures; Retry-After gives the seconds left'),
    429: problem('Too many attempts from this address or for this account; Retry-After gives the seconds left'),
  },
});

const logoutRoute = createRoute({
  method: 'post', path: '/auth/logout', tags, summary: 'End the session',
  responses: { 204: { description: 'Signed out' }, 403: errorResponses[403] },
});

const meRoute = createRoute({
  method: 'get', path: '/auth/me', tags, summary: 'The signed-in user, roles and perimeters, and the CSRF token',
  responses: { 200: json(SessionSchema, 'The session'), 401: errorResponses[401] },
});

const passwordRoute = createRoute({
  method: 'post', path: '/auth/password', tags, summary: 'Change one’s password; every other session ends',
  request: { body: json(PasswordChangeSchema, 'Current and new password') },
  responses: { 200: json(SessionSchema, 'Changed; a new session cookie is set'), ...errorResponses },
});

const redirect = (description: string) => ({ description, headers: z.object({ Location: z.string() }) });

const oidcStartRoute = createRoute({
  method: 'get', path: '/auth/oidc/start', tags,
  summary: 'Single sign-on: sends the browser to the organisation’s directory (OpenID Connect, authorization code with PKCE)',
  request: { query: z.object({ retour: z.string().max(2000).optional().openapi({ description: 'Page of Vigie to open once signed in' }) }) },
  responses: { 302: redirect('To the provider’s sign-in page'), 404: errorResponses[404] },
});

const oidcCallbackRoute = createRoute({
  method: 'get', path: '/auth/oidc/callback', tags,
  summary: 'Single sign-on: the provider’s return; the account whose verified email it gives is signed in (no account is created)',
  responses: {
    302: redirect('To the page asked for, signed in; or to /connexion?erreur=unknown|unverified|ambiguous|disabled|failed'),
    404: errorResponses[404],
  },
});

/** Login, logout, current session, password change, single sign-on: reachable without a session. */
export function authRoutes() {
  const guard = createLoginGuard();
  const router = createRouter();
  router.use('/auth/logout', csrfProtection);
  router.use('/auth/password', csrfProtection, requireSession);
  return router
    .openapi(loginRoute, async (c) => {
      const result = await login(c.get('db'), guard, c.req.valid('json'), clientAddress(c), sessionToken(c));
      if ('refused' in result) {
        c.header('Retry-After', String(result.retryAfterSeconds));
        const detail = result.refused === 423
          ? `Compte verrouillé après des échecs répétés ; réessayez dans ${Math.ceil(result.retryAfterSeconds / 60)} min (account locked)`
          : `Trop de tentatives ; réessayez dans ${result.retryAfterSeconds} s (too many attempts)`;
        throw new HTTPException(result.refused, { message: detail });
      }
      setSessionCookies(c, result);
      return c.json(sessionBody(result), 200);
    })
    .openapi(logoutRoute, async (c) => {
      const token = sessionToken(c);
      if (token) await logout(c.get('db'), token);
      const options = cookieOptions(c);
      deleteCookie(c, SESSION_COOKIE, options);
      deleteCookie(c, CSRF_COOKIE, options);
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const token = sessionToken(c);
      const current = token ? await resolveSession(c.get('db'), token) : undefined;
      if (!current) throw new AppError('unauthorized', 'Connexion requise (sign-in required)');
      return c.json(sessionBody({ account: current.account, grants: [...current.actor.grants], csrfToken: current.csrfToken }), 200);
    })
    .openapi(passwordRoute, async (c) => {
      const current = (await resolveSession(c.get('db'), sessionToken(c)!))!;
      const { currentPassword, newPassword } = c.req.valid('json');
      const signedIn = await changePassword(c.get('db'), current, currentPassword, newPassword);
      setSessionCookies(c, signedIn);
      return c.json(sessionBody(signedIn), 200);
    })
    .openapi(oidcStartRoute, async (c) => {
      const oidc = singleSignOn(c);
      // An unreachable provider is told on the login page, not as a server error.
      const started = await beginSignIn(oidc, callbackUrl(c), safeReturn(c.req.valid('query').retour)).catch(() => undefined);
      if (!started) return c.redirect('/connexion?erreur=failed', 302);
      setCookie(c, OIDC_COOKIE, Buffer.from(JSON.stringify(started.pending)).toString('base64url'), oidcCookieOptions(c, 600));
      return c.redirect(started.url.href, 302);
    })
    .openapi(oidcCallbackRoute, async (c) => {
      const oidc = singleSignOn(c);
      const pending = readPending(c);
      deleteCookie(c, OIDC_COOKIE, oidcCookieOptions(c, 0));
      const identity = pending && (await completeSignIn(oidc, new URL(`${callbackUrl(c)}${new URL(c.req.url).search}`), pending).catch(() => undefined));
      if (!pending || !identity) return c.redirect('/connexion?erreur=failed', 302);
      const result = await signInFromDirectory(c.get('db'), identity, oidc.issuer, sessionToken(c));
      if ('refused' in result) return c.redirect(`/connexion?erreur=${result.refused}`, 302);
      setSessionCookies(c, result);
      return c.redirect(pending.retour, 302);
    });
}

/** Holds the PKCE verifier, state and nonce during the round trip; Lax, as the provider's return is a cross-site navigation. */
const OIDC_COOKIE = 'vigie_oidc';

function singleSignOn(c: Context<AppEnv>) {
  const oidc = c.get('config').oidc;
  if (!oidc) throw new AppError('not_found', 'Pas de connexion par annuaire configurée (single sign-on is not configured)');
  return oidc;
}

const callbackUrl = (c: Context<AppEnv>) => `${c.get('config').publicUrl}/api/auth/oidc/callback`;

function oidcCookieOptions(c: Context<AppEnv>, maxAge: number) {
  return { path: '/api/auth/oidc', sameSite: 'Lax', secure: !isPlainLocalhost(c), httpOnly: true, maxAge } as const;
}

function readPending(c: Context<AppEnv>): PendingSignIn | undefined {
  try {
    const pending = JSON.parse(Buffer.from(getCookie(c, OIDC_COOKIE) ?? '', 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    const complete = [pending.codeVerifier, pending.state, pending.nonce, pending.retour].every((value) => typeof value === 'string');
    return complete ? (pending as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** Only a path of this site, never another origin (no open redirect). */
function safeReturn(retour: string | undefined): string {
  return retour && /^\/(?![/\\])/.test(retour) ? retour : '/';
}

function cookieOptions(c: Context<AppEnv>) {
  return { path: '/', sameSite: 'Strict', secure: !isPlainLocalhost(c) } as const;
}

function setSessionCookies(c: Context<AppEnv>, signedIn: SignedIn): void {
  const options = { ...cookieOptions(c), maxAge: SESSION_HOURS * 3600 };
  setCookie(c, SESSION_COOKIE, signedIn.token, { ...options, httpOnly: true });
  setCookie(c, CSRF_COOKIE, signedIn.csrfToken, options);
}

function sessionBody({ account, grants, csrfToken }: Pick<SignedIn, 'account' | 'grants' | 'csrfToken'>) {
  return {
    user: { id: account.id, organisationId: account.organisationId, email: account.email, displayName: account.displayName },
    grants: grants.map(({ role, perimeter }) => ({ role, perimeter: { ...perimeter, agencyIds: [...perimeter.agencyIds], directorateIds: [...perimeter.directorateIds], communes: [...perimeter.communes] } })),
    permissions: PERMISSIONS.filter((permission) => grants.some((grant) => roleAllows(grant.role, permission))),
    mustChangePassword: account.mustChangePassword,
    csrfToken,
  };
}
