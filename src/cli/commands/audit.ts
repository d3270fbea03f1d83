import type { Command } from 'commander';
import { verifyAuditChain } from '../../access/audit.js';
import { withDatabase } from '../database.js';

const REASONS = {
  content_changed: 'contenu modifié (content changed)',
  link_broken: 'chaînage rompu (link to the previous row broken)',
  row_missing: 'ligne(s) manquante(s) avant celle-ci (rows missing before this one)',
} as const;

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Audit log (journal d’audit)');
  audit
    .command('verify')
    .description('Re-compute the hash chain of every organisation and report each tampered row')
    .action(async () => {
      const result = await withDatabase((db) => verifyAuditChain(db));
      for (const head of result.heads) console.log(`organisation ${head.organisationId} : dernière entrée ${head.seq}, empreinte ${head.hash}`);
      if (result.breaks.length === 0) {
        console.log(`Journal d'audit intact : ${result.entries} entrées, ${result.organisations} organisation(s).`);
        return;
      }
      console.error(`Journal d'audit ALTÉRÉ : ${result.breaks.length} anomalie(s) sur ${result.entries} entrées.`);
      for (const broken of result.breaks) console.error(`  organisation ${broken.organisationId}, seq ${broken.seq} : ${REASONS[broken.reason]}`);
      process.exitCode = 2;
    });
}
