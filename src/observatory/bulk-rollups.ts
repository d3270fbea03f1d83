import type { Queryable } from '../db/database.js';

/**
 * SQL only: bulk mode of the roll-up triggers (migration 0800). Between begin and finish, in one
 * transaction, inserts and edits of incidents and their children only note the incidents
 * touched; finish refreshes their roll-up contributions at once. Commit finishes it anyway.
 */
export async function beginBulkRollups(db: Queryable): Promise<void> {
  await db.query('SELECT observatory_bulk_begin()');
}

export async function finishBulkRollups(db: Queryable): Promise<void> {
  await db.query('SELECT observatory_bulk_finish()');
}
