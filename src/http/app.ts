import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import type { Database } from '../db/database.js';
import { csrfProtection, requireSession } from '../access/middleware.js';
import { deliberationRoutes } from '../deliberations/routes.js';
import { authRoutes } from '../access/routes.js';
import { auditRoutes } from '../access/audit-routes.js';
import { userRoutes } from '../access/users-routes.js';
import { incidentRoutes } from '../incidents/routes.js';
import { photoRoutes } from '../incidents/photos/routes.js';
import { observatoryMapRoutes } from '../observatory/maps/routes.js';
import { observatoryReportRoutes } from '../observatory/reports/routes.js';
import { observatoryRoutes } from '../observatory/routes.js';
import { observatoryJobRoutes } from '../observatory/jobs/routes.js';
import { patrimonyRoutes } from '../patrimony/routes.js';
import { preLitigationRoutes } from '../pre-litigation/routes.js';
import { gdprRoutes } from '../gdpr/routes.js';
import { renovationRoutes } from '../renovation/routes.js';
import { open311Routes } from '../open311/routes.js';
import { healthRoutes } from './health.js';
import { settingsRoutes } from './settings.js';
import { handleError, problemResponse } from './problem.js';
import { securityHeaders } from './security-headers.js';
import { createRouter, type VigieApp } from './router.js';

export interface AppOptions {
  db: Database;
  config: Config;
  /** Folder of the built web app; served when it exists. */
  webRoot?: string;
}

export function createApp({ db, config, webRoot }: AppOptions): VigieApp {
  const app = createRouter();
  app.onError(handleError);
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    await next();
  });
  app.use('*', securityHeaders);
  app.route('/api', healthRoutes());
  app.route('/api', settingsRoutes());
  app.route('/api', authRoutes());
  // Public: the API's description is no secret (the code is open); built at request time from every route below.
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Vigie API', version: '0.1.0', description: 'Observatory of incivilities, renovation steering and board decisions for social housing landlords.' },
  });
  // Partners' read-only GeoReport v2 endpoint: authenticated by API key, not by session.
  app.route('/', open311Routes(config.open311RequestsPerMinute));
  app.use('/api/*', csrfProtection, requireSession);
  app.route('/api', patrimonyRoutes());
  app.route('/api', incidentRoutes());
  app.route('/api', photoRoutes());
  app.route('/api', observatoryRoutes());
  app.route('/api', observatoryReportRoutes());
  app.route('/api', observatoryJobRoutes());
  app.route('/api', observatoryMapRoutes());
  app.route('/api', renovationRoutes());
  app.route('/api', deliberationRoutes());
  app.route('/api', preLitigationRoutes());
  app.route('/api', auditRoutes());
  app.route('/api', userRoutes());
  app.route('/api', gdprRoutes());
  app.notFound((c) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  if (webRoot && existsSync(webRoot)) serveWebApp(app, webRoot);
  return app;
}

/** Static assets, and index.html for every client-side route (the SPA handles them). */
function serveWebApp(app: VigieApp, webRoot: string): void {
  const root = path.relative(process.cwd(), webRoot);
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root })(c, next)));
  app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : serveStatic({ root, path: 'index.html' })(c, next)));
}
