import type { Database, Queryable } from '../db/database.js';

/**
 * Runs `work` in one transaction bound to one organisation: the Row-Level Security policies of
 * every tenant table (vigie_enable_tenant_rls) then only let that organisation's rows through
 * for a non-owner database role. The setting ends with the transaction.
 */
export function withTenant<T>(db: Database, organisationId: number, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('vigie.organisation_id', $1, true)", [String(organisationId)]);
    return work(tx);
  });
}
