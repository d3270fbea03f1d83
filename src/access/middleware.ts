import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError, forbidden } from '../core/errors.js';
import type { AppEnv } from '../http/context.js';
import { resolveSession } from './auth-service.js';
import { tenantDatabase } from './tenant.js';
import { csrfTokenFor, sameSecret } from './domain/tokens.js';

export const SESSION_COOKIE = 'vigie_session';
/** Readable by the web app, which echoes it in the header below. */
export const CSRF_COOKIE = 'vigie_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE) || undefined;

/** Plain http is accepted only on the developer's own machine; everywhere else cookies are Secure. */
export function isPlainLocalhost(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The client's address as the socket reports it ('unknown' without a socket, as in tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Signed-in callers only: the session cookie's live session becomes the request's actor, with
 * its grants loaded once, and the request's database is bound to the actor's organisation.
 */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = sessionToken(c);
  const current = token ? await resolveSession(c.get('db'), token) : undefined;
  if (!current) throw new AppError('unauthorized', 'Connexion requise (sign-in required)');
  c.set('actor', current.actor);
  c.set('db', tenantDatabase(c.get('db'), current.actor.organisationId));
  await next();
};

/**
 * CSRF protection for unsafe methods: when a session cookie rides along, the request must carry
 * the session's CSRF token in the X-CSRF-Token header (derived from the HttpOnly session token,
 * so another origin cannot produce it). Requests without a session carry no ambient authority.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = sessionToken(c);
  if (token && !SAFE_METHODS.has(c.req.method)) {
    const given = c.req.header(CSRF_HEADER) ?? '';
    if (!sameSecret(given, csrfTokenFor(token))) throw forbidden('Jeton CSRF absent ou invalide (missing or invalid CSRF token)');
  }
  await next();
};
