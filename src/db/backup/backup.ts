import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Database, Queryable } from '../database.js';
import { listMigrationsApplied, listTables, quoteIdent, type TableInfo } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type TableLine } from './format.js';
import { foreignKeyOrder } from './order.js';

const FETCH_SIZE = 5_000;

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** Each row as one JSON array of text values, read through a cursor so big tables stream. */
async function copyRows(tx: Queryable, table: TableInfo, write: (line: string) => Promise<void>): Promise<void> {
  const values = table.columns.map((column) => `${quoteIdent(column.name)}::text`).join(', ');
  const order = table.primaryKey.length > 0 ? `ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
  await tx.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT json_build_array(${values})::text AS line FROM ${quoteIdent(table.name)} ${order}`);
  for (;;) {
    const rows = await tx.query<{ line: string }>(`FETCH FORWARD ${FETCH_SIZE} FROM backup_rows`);
    for (const row of rows) await write(row.line);
    if (rows.length < FETCH_SIZE) break;
  }
  await tx.query('CLOSE backup_rows');
}

/**
 * Writes a logical, engine-neutral backup of every table (found in the catalog, in foreign-key
 * order) from one consistent snapshot.
 */
export async function backupDatabase(db: Database, file: string): Promise<BackupSummary> {
  const lines = new PassThrough();
  const written = pipeline(lines, createGzip(), createWriteStream(file));
  const write = async (line: string) => {
    if (!lines.write(`${line}\n`)) await once(lines, 'drain');
  };
  const summary = { tables: 0, rows: 0 };
  try {
    await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const header: BackupHeader = {
        format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), engine: db.engine,
        migrations: await listMigrationsApplied(tx),
      };
      await write(JSON.stringify(header));
      for (const table of foreignKeyOrder(await listTables(tx))) {
        const [count] = await tx.query<{ rows: number }>(`SELECT count(*) AS rows FROM ${quoteIdent(table.name)}`);
        const tableLine: TableLine = { table: table.name, columns: table.columns.map((column) => column.name), rows: count!.rows };
        await write(JSON.stringify(tableLine));
        await copyRows(tx, table, write);
        summary.tables += 1;
        summary.rows += count!.rows;
      }
    });
    lines.end();
  } catch (error) {
    lines.destroy(error as Error);
    await written.catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  await written;
  return summary;
}
