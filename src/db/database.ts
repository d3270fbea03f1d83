/**
 * The one database access layer. Both engines (embedded PGlite and a PostgreSQL server) are
 * reached through this interface with the same SQL and the same value types:
 * int8 and numeric come back as numbers, `date` as 'YYYY-MM-DD' strings, timestamptz as Date.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations, scripts). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws.
   * Inside a transaction, `work` joins it, so a service that opens its own transaction
   * can be composed into a larger one (all or nothing).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

export type Engine = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly engine: Engine;
  close(): Promise<void>;
}

/** A transaction's queryable, on which nested transactions join the open one. */
export function joiningTransaction(run: Pick<Queryable, 'query' | 'exec'>): Queryable {
  const tx: Queryable = { query: run.query, exec: run.exec, transaction: (work) => work(tx) };
  return tx;
}

/** Postgres type OIDs whose text form we parse the same way on both engines. */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

export const valueParsers: Record<number, (text: string) => unknown> = {
  [TYPE_OIDS.int8]: (text) => Number(text),
  [TYPE_OIDS.numeric]: (text) => Number(text),
  [TYPE_OIDS.date]: (text) => text,
};

/** The first row of a result, or undefined. */
export async function queryOne<T>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}
