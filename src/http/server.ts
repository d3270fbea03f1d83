import { serve, type ServerType } from '@hono/node-server';
import path from 'node:path';
import type { Config } from '../core/config.js';
import type { Database } from '../db/database.js';
import { createApp } from './app.js';

export const WEB_ROOT = path.resolve('web/dist');

/** Serves the API and the built web app until the process is stopped. */
export function startServer(db: Database, config: Config): Promise<ServerType> {
  const app = createApp({ db, config, webRoot: WEB_ROOT });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port }, () => resolve(server));
  });
}
