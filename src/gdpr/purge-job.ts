import type { Database } from '../db/database.js';
import type { AttachmentStore } from '../storage/attachment-store.js';
import { purge } from './purge.js';

/**
 * Runs the purge every `intervalHours` inside `vigie serve` (first run one interval after start,
 * so a restart loop does not hammer the database). Returns the function that stops it.
 */
export function schedulePurge(db: Database, store: AttachmentStore, intervalHours: number, log: (line: string) => void = console.log): () => void {
  const run = async () => {
    try {
      const results = await purge(db, { dryRun: false, store, label: 'job:purge' });
      for (const { organisationId, counts } of results) log(`purge: organisation ${organisationId} ${JSON.stringify(counts)}`);
    } catch (error) {
      log(`purge failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => void run(), intervalHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
