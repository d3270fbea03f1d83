import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors.js';
import type { AppEnv } from '../http/context.js';
import { resolveApiKey } from './api-keys.js';
import { AttemptLimiter } from './domain/attempt-limiter.js';
import { hashToken } from './domain/tokens.js';
import { clientAddress } from './middleware.js';
import { tenantDatabase } from './tenant.js';

/** Where a partner's key rides: the `api_key` query parameter (GeoReport v2), or this header. */
export const API_KEY_QUERY = 'api_key';
export const API_KEY_HEADER = 'x-api-key';

/** Unknown keys tolerated per client address per 15 minutes, before 429. */
const BAD_KEYS_PER_ADDRESS = 30;
const MINUTE = 60_000;

/** 429 with Retry-After (set on the context, so the problem+json answer carries it, as for sign-in). */
const tooMany = (c: Context<AppEnv>, retryAfterSeconds: number): never => {
  c.header('Retry-After', String(retryAfterSeconds));
  throw new HTTPException(429, { message: `Trop de requêtes ; réessayez dans ${retryAfterSeconds} s (too many requests)` });
};

/**
 * Partners' requests: the key becomes the request's actor (the partner role over the key's
 * communes) and the request's database is bound to the key's organisation, as `requireSession`
 * does for a session. Each key may make `perMinute` requests a minute; guessing keys from one
 * address is slowed down too (429 + Retry-After).
 */
export function requireApiKey(perMinute: number): MiddlewareHandler<AppEnv> {
  const perKey = new AttemptLimiter(perMinute, MINUTE);
  const badKeys = new AttemptLimiter(BAD_KEYS_PER_ADDRESS, 15 * MINUTE);
  return async (c, next) => {
    const now = Date.now();
    const address = clientAddress(c);
    const key = c.req.query(API_KEY_QUERY) || c.req.header(API_KEY_HEADER) || undefined;
    const blocked = badKeys.retryAfter(address, now);
    if (blocked > 0) tooMany(c, blocked);
    const actor = key ? await resolveApiKey(c.get('db'), key) : undefined;
    if (!actor) {
      if (key) badKeys.record(address, now);
      throw new AppError('unauthorized', 'Clé d’API absente, inconnue ou révoquée (missing, unknown or revoked API key)');
    }
    const hash = hashToken(key!);
    const wait = perKey.retryAfter(hash, now);
    if (wait > 0) tooMany(c, wait);
    perKey.record(hash, now);
    c.set('actor', actor);
    c.set('db', tenantDatabase(c.get('db'), actor.organisationId));
    await next();
  };
}
