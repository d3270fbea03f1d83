import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';

/**
 * The schema stays ready for a distribution by organisation (Citus, docs/scaling.md): every
 * tenant table's primary key starts with its tenant column, and every foreign key between tenant
 * tables carries it, so that rows which reference each other always live on the same node.
 * Tables without a tenant column are reference data (communes), replicated to every node.
 */
const TENANT_COLUMN = `CASE WHEN c.relname = 'organisations' THEN 'id' ELSE 'organisation_id' END`;

describeEachEngine('distribution readiness (organisation id in every key)', (database) => {
  it('leads every tenant table’s primary key with the organisation', async () => {
    const offenders = await database().query<{ table: string; key: string }>(
      `SELECT c.relname AS table, coalesce(pg_get_constraintdef(k.oid), 'no primary key') AS key
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped)
         AND (k.oid IS NULL OR (SELECT attname FROM pg_attribute WHERE attrelid = c.oid AND attnum = k.conkey[1]) <> ${TENANT_COLUMN})
       ORDER BY 1`,
    );
    expect(offenders).toEqual([]);
  });

  it('carries the organisation in every foreign key between tenant tables', async () => {
    const offenders = await database().query<{ table: string; key: string }>(
      `SELECT c.relname AS table, pg_get_constraintdef(f.oid) AS key
       FROM pg_constraint f
       JOIN pg_class c ON c.oid = f.conrelid
       JOIN pg_class r ON r.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE f.contype = 'f' AND n.nspname = current_schema()
         AND (r.relname = 'organisations' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped))
         AND NOT EXISTS (
           SELECT 1 FROM unnest(f.conkey, f.confkey) AS pair(local, remote)
           JOIN pg_attribute la ON la.attrelid = f.conrelid AND la.attnum = pair.local
           JOIN pg_attribute ra ON ra.attrelid = f.confrelid AND ra.attnum = pair.remote
           WHERE la.attname = 'organisation_id' AND ra.attname = CASE WHEN r.relname = 'organisations' THEN 'id' ELSE 'organisation_id' END
         )
       ORDER BY 1, 2`,
    );
    expect(offenders).toEqual([]);
  });
});
