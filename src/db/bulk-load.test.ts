import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { dropStructures, listStructures, restoreStructures } from './bulk-load.js';
import { copyText } from './database.js';

describeEachEngine('bulk loads', (database) => {
  const tables = ['incidents', 'incident_history'];
  const catalogue = () => database().query<{ kind: string; name: string; definition: string }>(
    `SELECT 'index' AS kind, indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = ANY($1::text[])
     UNION ALL SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text = ANY($1::text[])
     ORDER BY 1, 2`, [tables]);

  it('drops the read indexes and foreign keys, then puts back exactly what was there', async () => {
    const before = await catalogue();
    await database().transaction(async (tx) => {
      const structures = await listStructures(tx, tables);
      expect(structures.filter(({ kind }) => kind === 'index').map(({ name }) => name)).toContain('incidents_agency');
      expect(structures.filter(({ kind }) => kind === 'foreign_key').length).toBeGreaterThanOrEqual(6);
      // The unique indexes guard external ids: they stay.
      expect(structures.map(({ name }) => name)).not.toContain('incidents_external_id');
      await dropStructures(tx, structures);
      expect((await tx.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'incidents_agency'`)).length).toBe(0);
      await restoreStructures(tx, structures);
    });
    expect(await catalogue()).toEqual(before);
  });

  it('undoes the whole load when a loaded row breaks a foreign key', async () => {
    const before = await catalogue();
    await expect(database().transaction(async (tx) => {
      const structures = await listStructures(tx, tables);
      await dropStructures(tx, structures);
      await tx.query(`INSERT INTO incident_history (organisation_id, incident_id, field, reason) VALUES (999999, 999999, 'status', 'import')`);
      await restoreStructures(tx, structures);
    })).rejects.toThrow(/foreign key|violates/i);
    expect(await catalogue()).toEqual(before);
    expect((await database().query(`SELECT 1 FROM incident_history WHERE organisation_id = 999999`)).length).toBe(0);
  });

  it('copies text with tabs, line breaks, backslashes and nulls unchanged', async () => {
    const values = ['a\tb', 'two\nlines', 'back\\slash', 'carriage\r', 'plain', null];
    const rows = await database().transaction(async (tx) => {
      await tx.exec('CREATE TEMP TABLE copy_probe (position integer, value text) ON COMMIT DROP');
      await tx.copyFrom('pg_temp.copy_probe', ['position', 'value'], values.map((value, index) => `${index}\t${copyText(value)}\n`).join(''));
      return tx.query<{ value: string | null }>('SELECT value FROM pg_temp.copy_probe ORDER BY position');
    });
    expect(rows.map(({ value }) => value)).toEqual(values);
  });
});
