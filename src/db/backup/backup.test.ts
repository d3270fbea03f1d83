import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { countPatrimony } from '../../patrimony/repository.js';
import type { Database, Queryable } from '../database.js';
import { backupDatabase } from './backup.js';
import { foreignKeyOrder } from './order.js';
import { restoreDatabase } from './restore.js';

/** A table of awkward types, created in both databases as another module's migration would. */
const PROBE_TABLE = `CREATE TABLE backup_probe (
  organisation_id integer NOT NULL REFERENCES organisations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  parent_id bigint,
  tags text[] NOT NULL DEFAULT '{}',
  payload jsonb,
  happened_at timestamptz,
  raw bytea,
  shape geometry(Polygon, 4326),
  label_upper text GENERATED ALWAYS AS (upper(tags[1])) STORED,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, parent_id) REFERENCES backup_probe (organisation_id, id)
)`;

async function fillProbe(db: Queryable, organisationId: number): Promise<void> {
  await db.query(
    `INSERT INTO backup_probe (organisation_id, tags, payload, happened_at, raw, shape)
     VALUES ($1, ARRAY['hall A', 'quote"comma,brace}'], '{"victims": [{"role": "gardien"}], "n": null}', '2024-03-01T10:15:30.123456+01:00',
             '\\x00ff10'::bytea, ST_GeomFromText('POLYGON((2.8 50.4, 2.81 50.4, 2.81 50.41, 2.8 50.4))', 4326))`,
    [organisationId],
  );
  await db.query(`INSERT INTO backup_probe (organisation_id, parent_id, payload) SELECT $1, max(id), 'null'::jsonb FROM backup_probe`, [organisationId]);
}

const probeContent = (db: Queryable) =>
  db.query(`SELECT id, parent_id, tags, payload::text, happened_at::text, raw::text, ST_AsText(shape) AS shape, label_upper FROM backup_probe ORDER BY id`);
const dwellingContent = (db: Queryable) =>
  db.query(`SELECT d.*, ST_AsEWKT(b.geom) AS building FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id ORDER BY d.id`);

describe('table order', () => {
  it('puts referenced tables first and cycles last', () => {
    const tables = [
      { name: 'dwellings', references: ['buildings', 'organisations'] },
      { name: 'buildings', references: ['organisations'] },
      { name: 'a_cycle', references: ['b_cycle'] },
      { name: 'b_cycle', references: ['a_cycle'] },
      { name: 'organisations', references: [] },
      { name: 'incidents', references: ['incidents', 'dwellings'] },
    ];
    expect(foreignKeyOrder(tables).map((table) => table.name)).toEqual(['organisations', 'buildings', 'dwellings', 'incidents', 'a_cycle', 'b_cycle']);
  });
});

for (const from of testEngines()) {
  for (const to of testEngines()) {
    describe(`backup on ${from}, restore on ${to}`, () => {
      let source: Database;
      let target: Database;
      let folder: string;
      beforeAll(async () => {
        folder = await mkdtemp(path.join(tmpdir(), 'vigie-backup-'));
        source = await openTestDatabase(from);
        target = await openTestDatabase(to);
        for (const db of [source, target]) await db.exec(PROBE_TABLE);
        const { organisationId } = await createSmallPatrimony(source);
        await createSmallPatrimony(source, '272000029', 'Autre Office');
        await fillProbe(source, organisationId);
      }, 120_000);
      afterAll(async () => {
        await Promise.all([source?.close(), target?.close()]);
        await rm(folder, { recursive: true, force: true });
      });

      it('gives identical counts and rows, with sequences moved past the restored ids', async () => {
        const file = path.join(folder, 'vigie.backup.gz');
        const saved = await backupDatabase(source, file);
        expect(saved.tables).toBeGreaterThan(10);
        await restoreDatabase(target, file);
        expect(await countPatrimony(target, null)).toEqual(await countPatrimony(source, null));
        expect(await probeContent(target)).toEqual(await probeContent(source));
        expect(await dwellingContent(target)).toEqual(await dwellingContent(source));
        const [organisation] = await target.query<{ id: number }>(`INSERT INTO organisations (name, siren) VALUES ('Nouveau', '272000037') RETURNING id`);
        const [maximum] = await source.query<{ id: number }>('SELECT max(id) AS id FROM organisations');
        expect(organisation!.id).toBe(maximum!.id + 1);
      });

      it('refuses to restore into a database that is not empty, and changes nothing', async () => {
        const before = await countPatrimony(target, null);
        await expect(restoreDatabase(target, path.join(folder, 'vigie.backup.gz'))).rejects.toMatchObject({ kind: 'conflict' });
        expect(await countPatrimony(target, null)).toEqual(before);
      });

      it('refuses a backup from a newer schema', async () => {
        const file = path.join(folder, 'future.gz');
        const header = { format: 'vigie-backup', version: 1, createdAt: '2030-01-01T00:00:00Z', engine: from, migrations: ['0001_patrimony.sql', '9999_future.sql'] };
        await writeFile(file, gzipSync(`${JSON.stringify(header)}\n`));
        const error = await restoreDatabase(target, file).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ kind: 'validation', errors: [{ field: 'file', message: expect.stringContaining('9999_future.sql') }] });
      });

      it('refuses a file that is not a Vigie backup', async () => {
        const file = path.join(folder, 'other.gz');
        await writeFile(file, gzipSync('{"hello": "world"}\n'));
        await expect(restoreDatabase(target, file)).rejects.toMatchObject({ kind: 'validation', errors: [{ field: 'file' }] });
      });
    });
  }
}
