import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/errors.js';
import type { AppEnv } from '../http/context.js';

/**
 * Resolves who is calling. Until accounts exist (access issue), the deployment serves its
 * only organisation; with several organisations and no identity, every request is refused.
 */
export const resolveActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const organisations = await c.get('db').query<{ id: number }>('SELECT id FROM organisations ORDER BY id LIMIT 2');
  if (organisations.length !== 1) {
    throw new AppError('unauthorized', organisations.length === 0 ? 'No organisation loaded yet' : 'Sign-in required');
  }
  c.set('actor', { organisationId: organisations[0]!.id });
  await next();
};
