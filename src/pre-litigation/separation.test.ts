import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file under `folder`, recursively. */
async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return Promise.resolve(/\.(ts|tsx|sql)$/.test(entry.name) ? [full] : []);
  }));
  return nested.flat();
}

describe('the two purposes stay apart', () => {
  it('no observatory code reads the pre-litigation tables or module', async () => {
    const observatory = [...await sources('src/observatory'), ...await sources('web/src/observatory').catch(() => [])];
    expect(observatory.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of observatory) {
      if (/pre_litigation|pre-litigation/i.test(await readFile(file, 'utf8'))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('no observatory migration touches the pre-litigation tables', async () => {
    const migrations = (await sources('src/db/migrations')).filter((file) => /observatory/.test(path.basename(file)));
    expect(migrations.length).toBeGreaterThan(0);
    for (const file of migrations) expect(await readFile(file, 'utf8'), file).not.toMatch(/pre_litigation/);
  });
});
