import { mkdir } from 'node:fs/promises';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { copyStatement, joiningTransaction, valueParsers, type Database, type Statements } from './database.js';

function statements(client: PGliteInterface | Transaction): Statements {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await client.query<T>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await client.exec(sql);
    },
    // PGlite has no client stream: COPY reads its rows from a blob named /dev/blob.
    async copyFrom(table, columns, text) {
      await client.query(copyStatement(table, columns).replace(/STDIN$/, "'/dev/blob'"), [], { blob: new Blob([text]) });
    },
  };
}

export function wrapPGlite(client: PGlite): Database {
  return {
    engine: 'pglite',
    ...statements(client),
    transaction: (work) => client.transaction((tx) => work(joiningTransaction(statements(tx)))),
    close: () => client.close(),
  };
}

export interface PGliteOptions {
  /** Folder to persist into; omitted = in memory. */
  dataDir?: string;
  /** A data-folder dump (from `dumpDataDir`) to start from: used by tests and restore. */
  loadDataDir?: Blob | File;
}

export async function openPGlite(options: PGliteOptions): Promise<{ db: Database; client: PGlite }> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { postgis },
    parsers: valueParsers,
  });
  return { db: wrapPGlite(client), client };
}
