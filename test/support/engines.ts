import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database, Engine } from '../../src/db/database.js';
import { openPGlite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

/** Templates built by test/support/global-setup.ts, one per schema version. */
export const pgliteTemplatePath = (schemaHash: string) => path.resolve(`.vigie-test/pglite-template-${schemaHash}.tar.gz`);
export const postgresTemplateName = (schemaHash: string) => `vigie_test_template_${schemaHash}`;

/** Admin URL of the PostgreSQL server for tests; required when CI is set. */
export function postgresAdminUrl(): string | undefined {
  const url = process.env.VIGIE_TEST_POSTGRES_URL;
  if (!url && process.env.CI) throw new Error('CI is set but VIGIE_TEST_POSTGRES_URL is not: PostgreSQL tests cannot be skipped in CI');
  return url || undefined;
}

export function testEngines(): Engine[] {
  return postgresAdminUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

let counter = 0;

/** A fresh, migrated database with the communes loaded, private to the caller. */
export async function openTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const dump = await readFile(pgliteTemplatePath(inject('schemaHash')));
    return (await openPGlite({ loadDataDir: new Blob([dump]) })).db;
  }
  const adminUrl = postgresAdminUrl()!;
  const name = `vigie_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName(inject('schemaHash'))}`);
  await admin.end();
  const db = openPostgres(withDatabase(adminUrl, name), 4);
  return {
    ...db,
    async close() {
      await db.close();
      const cleaner = new pg.Client({ connectionString: adminUrl });
      await cleaner.connect();
      await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleaner.end();
    },
  };
}

/**
 * Declares the same suite once per database engine, each with its own fresh database:
 * storage behaviour is proven on PGlite and on PostgreSQL alike.
 */
export function describeEachEngine(title: string, suite: (database: () => Database, engine: Engine) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await openTestDatabase(engine);
      }, 60_000);
      afterAll(async () => {
        await db?.close();
      });
      suite(() => {
        if (!db) throw new Error('database not opened yet');
        return db;
      }, engine);
    });
  }
}
