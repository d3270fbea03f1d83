import { mkdir } from 'node:fs/promises';
import { PGlite, type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { joiningTransaction, valueParsers, type Database, type Queryable } from './database.js';

function statements(client: PGliteInterface | Transaction): Pick<Queryable, 'query' | 'exec'> {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await client.query<T>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await client.exec(sql);
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
