import { readConfig } from '../core/config.js';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { loadCommunes } from '../patrimony/reference/communes.js';

/** Opens the configured database (migrated, communes loaded), runs `work`, and closes it. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(readConfig());
  try {
    await loadCommunes(db);
    return await work(db);
  } finally {
    await db.close();
  }
}
