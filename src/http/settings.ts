import { createRoute, z } from '@hono/zod-openapi';
import { demoSignIn } from '../access/demo/users.js';
import { ROLES } from '../access/domain/roles.js';
import { json } from './openapi.js';
import { createRouter } from './router.js';

const DemoSignInSchema = z
  .object({
    password: z.string(),
    accounts: z.array(z.object({ email: z.string(), displayName: z.string(), role: z.enum(ROLES) })),
  })
  .openapi('DemoSignIn', { description: 'The demonstration accounts, one per role, and their shared password' });

export const SettingsSchema = z
  .object({
    basemapUrl: z.string().nullable().openapi({ description: 'Raster tile URL template ({z}/{x}/{y}) shown under Vigie’s layers; null when none is configured' }),
    singleSignOn: z.boolean().openapi({ description: 'Whether the login page offers the organisation’s directory (OpenID Connect)' }),
    demo: DemoSignInSchema.nullable().openapi({ description: 'Present only when the database holds the demo landlord; null on a real deployment' }),
  })
  .openapi('Settings');

const settings = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['system'],
  summary: 'Public settings the web app needs before sign-in',
  responses: { 200: json(SettingsSchema, 'Settings') },
});

export function settingsRoutes() {
  return createRouter().openapi(settings, async (c) => {
    const config = c.get('config');
    return c.json({ basemapUrl: config.basemapUrl ?? null, singleSignOn: config.oidc !== undefined, demo: await demoSignIn(c.get('db')) }, 200);
  });
}
