import type { Config } from '../core/config.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPGlite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** Connects to the configured engine: PostgreSQL when a URL is given, embedded PGlite otherwise. */
export async function connect(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : (await openPGlite({ dataDir: config.dataDir })).db;
}

/** Connects and brings the schema up to date. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const db = await connect(config);
  await migrate(db);
  return db;
}
