import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors.js';
import type { AppEnv } from '../http/context.js';
import { errorResponses, json, ProblemSchema } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { changePassword, createLoginGuard, login, logout, resolveSession, SESSION_HOURS, type SignedIn } from './auth-service.js';
import { PERMISSIONS, roleAllows } from './domain/roles.js';
import { clientAddress, CSRF_COOKIE, csrfProtection, isPlainLocalhost, requireSession, SESSION_COOKIE, sessionToken } from './middleware.js';
import { LoginSchema, PasswordChangeSchema, SessionSchema } from './schemas.js';

const tags = ['access'];
const problem = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

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

/** Login, logout, current session, password change: reachable without the legacy actor. */
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
    });
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
