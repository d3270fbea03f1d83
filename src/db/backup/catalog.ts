import type { Queryable } from '../database.js';

/** SQL only: what a logical backup needs to know about the tables of the current schema. */

export interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns are recomputed, never copied). */
  columns: { name: string; type: string }[];
  primaryKey: string[];
  /** Tables whose rows belong to one organisation: restore requires them empty. */
  tenant: boolean;
  /** Columns fed by a sequence (identity or serial). */
  sequenced: string[];
  /** Tables this one references (other than itself). */
  references: string[];
}

/**
 * The ordinary and partitioned tables of the current schema, except those owned by an
 * extension (PostGIS's spatial_ref_sys) and the migration ledger.
 */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  return db.query<TableInfo>(
    `SELECT c.relname AS name,
       (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
       COALESCE((SELECT json_agg(a.attname ORDER BY k.ord)
          FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE i.indrelid = c.oid AND i.indisprimary), '[]'::json) AS "primaryKey",
       (c.relname = 'organisations' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped)) AS tenant,
       COALESCE((SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL), '[]'::json) AS sequenced,
       COALESCE((SELECT json_agg(DISTINCT f.relname) FROM pg_constraint k JOIN pg_class f ON f.oid = k.confrelid
          WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid), '[]'::json) AS "references"
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'schema_migrations'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY c.relname`,
  );
}

export async function listMigrationsApplied(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((row) => row.name);
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function hasRows(db: Queryable, table: string): Promise<boolean> {
  const [row] = await db.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS found`);
  return row!.found;
}

/** Moves each sequence past the highest value restored, so new rows do not collide. */
export async function resetSequence(db: Queryable, table: string, column: string): Promise<void> {
  await db.query(
    `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(max(${quoteIdent(column)}), 0) + 1, false) FROM ${quoteIdent(table)}`,
    [quoteIdent(table), column],
  );
}
