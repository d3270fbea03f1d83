import type { Queryable } from './database.js';

/**
 * A bulk load into tables that already hold data, as PostgreSQL's guide to populating a
 * database advises: the read-only indexes and the foreign keys of the tables are dropped, the
 * rows loaded, then the indexes rebuilt (one sort each instead of a random insertion per row)
 * and the foreign keys added back (one set-based check instead of one lookup per row). All in
 * the caller's transaction, so a failure — including a row that breaks a key — undoes it all.
 * Only tables the connected role owns: API requests (vigie_app) never bulk-load.
 */
export interface Structure {
  kind: 'index' | 'foreign_key';
  table: string;
  name: string;
  definition: string;
}

export async function listStructures(db: Queryable, tables: readonly string[]): Promise<Structure[]> {
  return db.query<Structure>(
    `SELECT 'index' AS kind, t.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
     WHERE t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace AND NOT x.indisunique AND NOT x.indisprimary
       AND pg_has_role(t.relowner, 'USAGE')
     UNION ALL
     SELECT 'foreign_key', t.relname, c.conname, pg_get_constraintdef(c.oid)
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace AND c.contype = 'f'
       AND pg_has_role(t.relowner, 'USAGE')
     ORDER BY 1, 2, 3`,
    [tables],
  );
}

export async function dropStructures(db: Queryable, structures: Structure[]): Promise<void> {
  for (const { kind, table, name } of structures) {
    await db.exec(kind === 'index' ? `DROP INDEX public.${name}` : `ALTER TABLE public.${table} DROP CONSTRAINT ${name}`);
  }
}

export async function restoreStructures(db: Queryable, structures: Structure[]): Promise<void> {
  if (structures.length === 0) return;
  // Sort memory for index builds over millions of rows; the setting ends with the transaction.
  await db.query("SELECT set_config('maintenance_work_mem', '256MB', true)");
  for (const { kind, table, name, definition } of structures) {
    await db.exec(kind === 'index' ? definition : `ALTER TABLE public.${table} ADD CONSTRAINT ${name} ${definition}`);
  }
}
