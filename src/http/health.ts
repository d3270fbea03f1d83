import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from './router.js';

const HealthSchema = z
  .object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']), migrations: z.number().int() })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and database check',
  responses: { 200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Vigie is up' } },
});

export function healthRoutes() {
  return createRouter().openapi(health, async (c) => {
    const db = c.get('db');
    const [row] = await db.query<{ count: number }>('SELECT count(*) AS count FROM schema_migrations');
    return c.json({ status: 'ok' as const, engine: db.engine, migrations: row?.count ?? 0 }, 200);
  });
}
