import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigieWith } from '../../../test/support/cli.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import { openDatabase } from '../../db/open.js';
import { loadCommunes } from '../../patrimony/reference/communes.js';

const VALID = 'src/deliberations/examples/seance-ca-2024-03-14.json';
const WITH_ERRORS = 'src/deliberations/examples/seance-ca-2024-03-14-erreurs.json';

/** Runs the real CLI; resolves with the exit code instead of rejecting on a non-zero one. */
async function vigie(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return vigieWith({}, ...args);
}

describe('vigie deliberations', () => {
  it('check: the valid example exits 0 with no finding', async () => {
    const { code, stdout } = await vigie('deliberations', 'check', VALID);
    expect(code).toBe(0);
    expect(stdout).toContain('Bilan : 0 erreur(s), 0 avertissement(s).');
  });

  it('check --json: the example with errors exits 1 and lists every finding with its source', async () => {
    const { code, stdout } = await vigie('deliberations', 'check', WITH_ERRORS, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { valid: boolean; findings: { code: string; item?: number; source: { label: string } }[] };
    expect(report.valid).toBe(false);
    const byItem = (rank: number) => report.findings.filter((f) => f.item === rank).map((f) => f.code);
    expect(byItem(2)).toEqual(['PROXY_LAPSED', 'PROXY_LAPSED', 'PROXY_HOLDER_INVALID', 'QUORUM_NOT_MET', 'VOTE_TOTAL_MISMATCH']);
    expect(byItem(3)).toContain('ACT_NUMBER_FORMAT');
    expect(byItem(4)).toContain('VOTE_UNANIMITY_CONTRADICTED');
    expect(report.findings.every((f) => f.source.label.length > 0)).toBe(true);
  });

  it('check: prints French messages with codes, per item', async () => {
    const { code, stdout } = await vigie('deliberations', 'check', WITH_ERRORS);
    expect(code).toBe(1);
    expect(stdout).toContain('Point 2 — CA2024_03_02');
    expect(stdout).toContain('ERREUR  QUORUM_NOT_MET  Quorum non atteint : 13 présents et 2 pouvoirs valables après le retrait de 6 membre(s), soit 15 sur 27 membres votants (18 requis).');
    expect(stdout).toMatch(/Bilan : \d+ erreur\(s\), 2 avertissement\(s\)\./);
  });

  it('check: a file that does not match the format names the paths', async () => {
    const { code, stderr } = await vigie('deliberations', 'check', 'package.json');
    expect(code).toBe(1);
    expect(stderr).toContain('landlord: ');
    expect(stderr).toContain('session: ');
  });

  it('extract --item 2 prints the text extract', async () => {
    const { code, stdout } = await vigie('deliberations', 'extract', VALID, '--item', '2');
    expect(code).toBe(0);
    expect(stdout).toContain('DECISION EXTRAITE DU PROCES VERBAL DE LA REUNION\nDU CONSEIL D\'ADMINISTRATION');
    expect(stdout).toContain("Messieurs FABRE, CHEVALIER et Madame PERRIN n'ayant pas participé aux débats et vote de cette délibération.");
  });

  it('extract of an unknown item is a validation error on "item"', async () => {
    const { code, stderr } = await vigie('deliberations', 'extract', VALID, '--item', '9');
    expect(code).toBe(1);
    expect(stderr).toContain('item: aucun point de rang « 9 »');
  });

  it('import stores the session file in the organisation\'s register, as the command line in the audit log', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-deliberations-'));
    try {
      const setup = await openDatabase({ databaseUrl: undefined, dataDir });
      await loadCommunes(setup);
      const { organisationId } = await createSmallPatrimony(setup);
      await setup.close();
      const { code, stdout } = await vigieWith({ VIGIE_DATA_DIR: dataDir, DATABASE_URL: '' }, 'deliberations', 'import', VALID);
      expect(code).toBe(0);
      expect(stdout).toContain('Séance créée');
      expect(stdout).toContain('Point 2 — CA2024_03_02 — transmitted');
      const db = await openDatabase({ databaseUrl: undefined, dataDir });
      const audit = await db.query<{ actorLabel: string }>(
        `SELECT actor_label AS "actorLabel" FROM audit_log WHERE organisation_id = $1 AND action = 'deliberation_session.import'`, [organisationId],
      );
      await db.close();
      expect(audit).toEqual([{ actorLabel: 'cli:deliberations' }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
