import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { openPGlite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { loadCommunes } from '../../src/patrimony/reference/communes.js';
import { PGLITE_TEMPLATE, POSTGRES_TEMPLATE_DB, postgresAdminUrl, withDatabase } from './engines.js';

/** Builds one migrated database per engine, which every test database is copied from. */
export default async function setup(): Promise<void> {
  const { db, client } = await openPGlite({});
  await migrate(db);
  await loadCommunes(db);
  const dump = await client.dumpDataDir('gzip');
  await db.close();
  await mkdir(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));

  const adminUrl = postgresAdminUrl();
  if (!adminUrl) {
    console.warn('VIGIE_TEST_POSTGRES_URL is not set: storage tests run on PGlite only.');
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE_DB}`);
  await admin.end();
  const template = openPostgres(withDatabase(adminUrl, POSTGRES_TEMPLATE_DB), 1);
  await migrate(template);
  await loadCommunes(template);
  await template.close();
}
