import { createRoute, z } from '@hono/zod-openapi';
import { json } from './openapi.js';
import { createRouter } from './router.js';

const SettingsSchema = z
  .object({
    basemapUrl: z.string().nullable().openapi({ description: 'Raster tile URL template ({z}/{x}/{y}) shown under Vigie’s layers; null when none is configured' }),
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
  return createRouter().openapi(settings, (c) => c.json({ basemapUrl: c.get('config').basemapUrl ?? null }, 200));
}
