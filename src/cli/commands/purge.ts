import type { Command } from 'commander';
import { recordAudit } from '../../access/audit.js';
import { readConfig } from '../../core/config.js';
import { validationError } from '../../core/errors.js';
import { parseOverride, RETENTION_RULES, RULES } from '../../gdpr/domain/policy.js';
import { loadPolicy, purge } from '../../gdpr/purge.js';
import { organisationIds, upsertPolicy } from '../../gdpr/retention-repository.js';
import { attachmentStoreFor } from '../../storage/attachment-store.js';
import type { Database } from '../../db/database.js';
import { withDatabase } from '../database.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerPurge(program: Command): void {
  program
    .command('purge')
    .description('Apply the retention policy (durée de conservation): anonymise old incidents, delete expired photos, sessions and pre-litigation files')
    .option('--dry-run', 'print what would go, per organisation and rule, and change nothing')
    .option('--organisation <siren>', 'only this organisation')
    .option('--policy', 'print each organisation’s retention policy and stop')
    .option('--set <rule=months>', `set an organisation’s duration (repeatable); rules: ${RETENTION_RULES.join(', ')}`, collect, [])
    .action(async (options: { dryRun?: boolean; organisation?: string; policy?: boolean; set: string[] }) => {
      await withDatabase(async (db) => {
        if (options.set.length > 0) return setPolicy(db, options.set, options.organisation);
        if (options.policy) {
          for (const organisationId of await organisationIds(db, options.organisation)) {
            const policy = await loadPolicy(db, organisationId);
            console.log(`organisation ${organisationId}`);
            for (const rule of RETENTION_RULES) console.log(`  ${rule.padEnd(26)} ${String(policy[rule]).padStart(4)} mois  ${RULES[rule].fr}`);
          }
          return;
        }
        const results = await purge(db, { dryRun: Boolean(options.dryRun), siren: options.organisation, store: attachmentStoreFor(readConfig().attachments) });
        console.log(options.dryRun ? 'Simulation (rien n’est modifié) :' : 'Purge appliquée :');
        for (const { organisationId, counts } of results) {
          console.log(`organisation ${organisationId}`);
          for (const rule of RETENTION_RULES) console.log(`  ${rule.padEnd(26)} ${counts[rule]}`);
        }
      });
    });
}

async function setPolicy(db: Database, settings: string[], siren: string | undefined): Promise<void> {
  const parsed = settings.map(parseOverride);
  const errors = parsed.flatMap((result, index) => ('error' in result ? [{ field: `--set ${settings[index]}`, message: result.error }] : []));
  if (errors.length > 0) throw validationError('Durée de conservation invalide (invalid retention setting)', errors);
  const organisations = await organisationIds(db, siren);
  if (organisations.length !== 1) throw validationError('Précisez l’organisation (--organisation <siren>)', [{ field: '--organisation', message: `${organisations.length} organisations match` }]);
  const organisationId = organisations[0]!;
  await db.transaction(async (tx) => {
    const before = await loadPolicy(tx, organisationId);
    for (const setting of parsed) if (!('error' in setting)) await upsertPolicy(tx, organisationId, setting.rule, setting.months);
    const after = await loadPolicy(tx, organisationId);
    await recordAudit(tx, { organisationId, actorUserId: null, actorLabel: 'cli:purge', action: 'retention.policy', objectType: 'organisation', objectId: organisationId, before, after });
  });
  console.log(`Politique de conservation mise à jour pour l’organisation ${organisationId}.`);
}
