import type { Config } from '../core/config.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPGlite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : (await openPGlite({ dataDir: config.dataDir })).db;
  await migrate(db);
  return db;
}
