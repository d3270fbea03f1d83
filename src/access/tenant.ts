import type { Database, Queryable } from '../db/database.js';

/** The role API work runs as (migration 0600): it owns no table, so Row-Level Security binds it. */
export const APPLICATION_ROLE = 'vigie_app';

/**
 * Runs `work` in one transaction bound to one organisation, as the application role: the
 * Row-Level Security policies of every tenant table (vigie_enable_tenant_rls) then only let
 * that organisation's rows through. Both settings end with the transaction.
 */
export function withTenant<T>(db: Queryable, organisationId: number, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('vigie.organisation_id', $1, true), set_config('role', $2, true)", [String(organisationId), APPLICATION_ROLE]);
    bases.set(tx, baseDatabase(db));
    return work(tx);
  });
}

/** Each request gets its own tenant view and transactions; caches that outlive a request key on the database beneath. */
const bases = new WeakMap<Queryable, Queryable>();

/** The database a tenant view runs on (the view itself for any other database). */
export const baseDatabase = (db: Queryable): Queryable => bases.get(db) ?? db;

/**
 * The database as one organisation's requests see it: every statement and transaction runs
 * through `withTenant`, so a query that forgets its organisation filter still reads nothing
 * of another tenant (the second wall behind the services' access checks).
 */
export function tenantDatabase(db: Database, organisationId: number): Database {
  const tenant: Database = {
    engine: db.engine,
    close: () => db.close(),
    transaction: (work) => withTenant(db, organisationId, work),
    query: (sql, params) => tenant.transaction((tx) => tx.query(sql, params)),
    exec: (sql) => tenant.transaction((tx) => tx.exec(sql)),
    copyFrom: (table, columns, text) => tenant.transaction((tx) => tx.copyFrom(table, columns, text)),
  };
  bases.set(tenant, db);
  return tenant;
}

