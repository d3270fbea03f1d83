import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/context.js';
import { requireAccess } from './authorize.js';
import type { Permission } from './domain/roles.js';

/** What a route needs: a permission, or only a signed-in caller (the route then checks nothing else). */
export type RoutePermission = Permission | 'signed_in';

const requirePermission = (permission: RoutePermission): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (permission !== 'signed_in') await requireAccess(c.get('db'), c.get('actor'), permission);
  await next();
};

/**
 * Spread into every `createRoute` behind the session: declares the route's permission in the
 * OpenAPI document (`x-permission`, from which the authorisation matrix test is generated) and
 * refuses, before validation and the handler, a caller none of whose roles carries it (403).
 * The service then checks the object against the caller's perimeter with `requireAccess`.
 */
export function permission(needed: RoutePermission) {
  return { 'x-permission': needed, middleware: requirePermission(needed) };
}
