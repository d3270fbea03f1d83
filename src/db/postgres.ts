import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { copyStatement, joiningTransaction, valueParsers, type Database, type Statements } from './database.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return valueParsers[oid] ?? pg.types.getTypeParser(oid, format);
  },
};

function statements(client: pg.Pool | pg.PoolClient): Statements {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await client.query(sql, params ? [...params] : undefined);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async copyFrom(table, columns, text) {
      // COPY holds its connection until the stream ends: outside a transaction, take one from the pool.
      const connection = 'release' in client ? client : await client.connect();
      try {
        await pipeline(Readable.from([text]), connection.query(copyFromStream(copyStatement(table, columns))));
      } finally {
        if (connection !== client) (connection as pg.PoolClient).release();
      }
    },
  };
}

/**
 * One connection runs one statement at a time: queries issued together inside a transaction
 * (e.g. with Promise.all) are queued here rather than relying on pg's deprecated implicit queue.
 */
function serialised(run: Statements): Statements {
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(step: () => Promise<T>): Promise<T> => {
    const next = tail.then(step, step);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query: (sql, params) => enqueue(() => run.query(sql, params)),
    exec: (sql) => enqueue(() => run.exec(sql)),
    copyFrom: (table, columns, text) => enqueue(() => run.copyFrom(table, columns, text)),
  };
}

export function openPostgres(connectionString: string, maxConnections = 10): Database {
  const pool = new pg.Pool({ connectionString, types, max: maxConnections });
  // An idle connection dropped by the server (restart, admin termination) must not crash
  // the process: the pool replaces it on the next query.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  return {
    engine: 'postgres',
    ...statements(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(joiningTransaction(serialised(statements(client))));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
