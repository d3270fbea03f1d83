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
   * Loads rows into a table with COPY (text format: tab-separated, `\N` for null; see
   * copyText): the bulk path of imports, an order of magnitude faster than INSERT.
   */
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
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

/** What an engine runs directly, outside of transaction handling. */
export type Statements = Pick<Queryable, 'query' | 'exec' | 'copyFrom'>;

/** A transaction's queryable, on which nested transactions join the open one. */
export function joiningTransaction(run: Statements): Queryable {
  const tx: Queryable = { query: run.query, exec: run.exec, copyFrom: run.copyFrom, transaction: (work) => work(tx) };
  return tx;
}

/** The COPY statement both engines run, reading from the client. */
export const copyStatement = (table: string, columns: readonly string[]) => `COPY ${table} (${columns.join(', ')}) FROM STDIN`;

/** A value in COPY text format: backslash, tab and line breaks escaped, null as \N. */
export function copyText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

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
