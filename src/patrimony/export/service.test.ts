import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestDatabase } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { importPatrimonyFile } from '../import/file-service.js';
import { countPatrimony } from '../repository.js';
import { exportPatrimonyFile } from './service.js';

describeEachEngine('patrimony export', (database, engine) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vigie-export-'));
    await createSmallPatrimony(database());
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  for (const extension of ['csv', 'xlsx']) {
    it(`round-trips through ${extension}: same counts in a fresh database, nothing changed on re-import`, async () => {
      const file = path.join(folder, `patrimoine.${extension}`);
      const exported = await exportPatrimonyFile(database(), undefined, file);
      expect(exported.dwellings).toBe(7);

      const fresh = await openTestDatabase(engine);
      try {
        await importPatrimonyFile(fresh, { siren: exported.organisation.siren, name: exported.organisation.name }, file);
        expect(await countPatrimony(fresh, null)).toEqual(await countPatrimony(database(), null));
      } finally {
        await fresh.close();
      }

      const again = await importPatrimonyFile(database(), {}, file);
      for (const level of Object.values(again.counts)) expect(level).toMatchObject({ created: 0, updated: 0 });
      expect(again.counts.dwellings.unchanged).toBe(7);
    });
  }

  it('refuses an unknown extension', async () => {
    await expect(exportPatrimonyFile(database(), undefined, path.join(folder, 'patrimoine.ods'))).rejects.toMatchObject({ kind: 'validation' });
  });
});
