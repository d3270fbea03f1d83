import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { listMigrations, migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { openPGlite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { loadCommunes } from '../../src/patrimony/reference/communes.js';
import { pgliteTemplatePath, postgresAdminUrl, postgresTemplateName, withDatabase } from './engines.js';

/** The loader of the reference data every template holds, besides the migrations. */
const REFERENCE_LOADER = path.resolve('src/patrimony/reference/communes.ts');

/** Identifies a template's content: rebuilt only when a migration or the reference loader changes. */
async function schemaHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of await listMigrations()) hash.update(name).update(await readFile(path.join(MIGRATIONS_DIR, name)));
  hash.update(await readFile(REFERENCE_LOADER));
  return hash.digest('hex').slice(0, 12);
}

async function buildPGliteTemplate(file: string): Promise<void> {
  if (existsSync(file)) return;
  const { db, client } = await openPGlite({});
  await migrate(db);
  await loadCommunes(db);
  const dump = await client.dumpDataDir('gzip');
  await db.close();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  await rename(`${file}.tmp`, file);
}

async function buildPostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const existing = await admin.query('SELECT datname FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return;
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const template = openPostgres(withDatabase(adminUrl, name), 1);
  await migrate(template);
  await loadCommunes(template);
  await template.close();
}

/** Builds (once per schema version) the migrated databases every test database is copied from. */
export default async function setup({ provide }: { provide: (key: 'schemaHash', value: string) => void }): Promise<void> {
  const hash = await schemaHash();
  provide('schemaHash', hash);
  await buildPGliteTemplate(pgliteTemplatePath(hash));
  const adminUrl = postgresAdminUrl();
  if (adminUrl) await buildPostgresTemplate(adminUrl, postgresTemplateName(hash));
  else console.warn('VIGIE_TEST_POSTGRES_URL is not set: storage tests run on PGlite only.');
}

declare module 'vitest' {
  export interface ProvidedContext {
    schemaHash: string;
  }
}
