import type { Command } from 'commander';
import { verifyAuditChain } from '../../access/audit.js';
import { auditCsv, findAuditEntries, MAX_EXPORT_ROWS } from '../../access/audit-search.js';
import { validationError } from '../../core/errors.js';
import { organisationIds } from '../../gdpr/retention-repository.js';
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
  audit
    .command('search')
    .description('Print the matching entries of an organisation, newest first, as CSV (or JSON)')
    .option('--organisation <siren>', 'organisation SIREN, when the deployment holds several')
    .option('--action <action>', 'e.g. pre_litigation.read')
    .option('--object-type <type>', 'e.g. incident')
    .option('--object-id <id>', 'the object’s id')
    .option('--user <idOrLabel>', 'account id, or the label the log names the actor by (email, cli:…)')
    .option('--from <instant>', 'from this ISO date or instant, included')
    .option('--to <instant>', 'up to this ISO date or instant, excluded')
    .option('--limit <n>', 'at most this many entries', String(MAX_EXPORT_ROWS))
    .option('--json', 'JSON lines instead of CSV')
    .action(async (options: { organisation?: string; action?: string; objectType?: string; objectId?: string; user?: string; from?: string; to?: string; limit: string; json?: boolean }) => {
      const instant = (text: string | undefined, name: string) => {
        if (text === undefined) return undefined;
        const date = new Date(text);
        if (Number.isNaN(date.getTime())) throw validationError('Date invalide (invalid date)', [{ field: `--${name}`, message: `date ISO attendue (ISO date expected), reçu « ${text} »` }]);
        return date;
      };
      const filter = { action: options.action, objectType: options.objectType, objectId: options.objectId, user: options.user, from: instant(options.from, 'from'), to: instant(options.to, 'to') };
      const limit = Math.min(Math.max(1, Number(options.limit) || MAX_EXPORT_ROWS), MAX_EXPORT_ROWS);
      const entries = await withDatabase(async (db) => {
        const organisations = await organisationIds(db, options.organisation);
        if (organisations.length !== 1) throw validationError('Précisez l’organisation (which organisation?)', [{ field: '--organisation', message: `${organisations.length} organisations match` }]);
        return findAuditEntries(db, organisations[0]!, filter, limit);
      });
      process.stdout.write(options.json ? entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : '') : auditCsv(entries));
    });
}
