import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigieWith } from '../../../test/support/cli.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { openDatabase } from '../../db/open.js';
import { loadCommunes } from '../../patrimony/reference/communes.js';

describe('vigie observatory', () => {
  it('writes the partner pack and the board report as the API does, and names a bad option', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-observatory-'));
    try {
      const setup = await openDatabase({ databaseUrl: undefined, dataDir });
      await loadCommunes(setup);
      await createSmallPatrimony(setup);
      await setup.close();
      const env = { VIGIE_DATA_DIR: dataDir, DATABASE_URL: '' };
      const pack = path.join(dataDir, 'pack.pdf');
      const written = await vigieWith(env, 'observatory', 'partner-pack', '--commune', '62498', '--from', '2025-01', '--to', '2025-12', '--out', pack);
      expect(written.code, written.stderr).toBe(0);
      expect(written.stdout).toContain(`Écrit : ${pack}`);
      const text = execFileSync('pdftotext', ['-', '-'], { input: await readFile(pack), encoding: 'utf8' });
      expect(text).toContain('Dossier partenaires du CLSPD');
      expect(text).toContain('Lens (62498)');
      const board = path.join(dataDir, 'board.pdf');
      expect((await vigieWith(env, 'observatory', 'board-report', '--year', '2025', '--out', board)).code).toBe(0);
      expect(execFileSync('pdftotext', ['-', '-'], { input: await readFile(board), encoding: 'utf8' })).toContain('Rapport annuel 2025');
      const bad = await vigieWith(env, 'observatory', 'partner-pack', '--commune', 'Lens', '--out', pack);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('communes');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
