import type { Command } from 'commander';
import { addApiKey, listApiKeys, revokeApiKey } from '../../access/api-keys.js';
import { systemActor } from '../../access/system-actor.js';
import { organisationId } from '../../access/users-service.js';
import { validationError } from '../../core/errors.js';
import { withDatabase } from '../database.js';

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
const ORGANISATION = ['--organisation <siren>', 'organisation SIREN, when the deployment holds several'] as const;
const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') : '—');

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('Partner API keys for the read-only Open311 endpoint (clés d’API des partenaires)');
  apikey
    .command('add')
    .description('Create a key over communes; the key is printed once and never again')
    .requiredOption('--label <label>', 'who holds it, e.g. "Ville de Lens — police municipale"')
    .requiredOption('--commune <insee>', 'commune INSEE code; repeat or separate with commas', collect, [])
    .option(...ORGANISATION)
    .action(async (options: { label: string; commune: string[]; organisation?: string }) => {
      const created = await withDatabase(async (db) =>
        addApiKey(db, systemActor(await organisationId(db, options.organisation), 'cli:apikey add'), { label: options.label, communes: options.commune }));
      console.log(`Clé d’API ${created.id} créée pour « ${options.label} » (${options.commune.join(', ')}). Elle ne sera plus jamais affichée :\n${created.key}`);
    });
  apikey
    .command('list')
    .description('Every key of the organisation: id, label, communes, created, last used, revoked')
    .option(...ORGANISATION)
    .action(async (options: { organisation?: string }) => {
      const rows = await withDatabase(async (db) => listApiKeys(db, await organisationId(db, options.organisation)));
      for (const row of rows) {
        console.log(`${String(row.id).padStart(4)}  ${row.label}  [${row.communes.join(', ')}]  créée ${when(row.createdAt)} par ${row.createdByLabel}  utilisée ${when(row.lastUsedAt)}${row.revokedAt ? `  RÉVOQUÉE ${when(row.revokedAt)}` : ''}`);
      }
      if (rows.length === 0) console.log('Aucune clé d’API (no API key)');
    });
  apikey
    .command('revoke <id>')
    .description('Revoke a key at once: its next request answers 401')
    .option(...ORGANISATION)
    .action(async (id: string, options: { organisation?: string }) => {
      if (!/^\d{1,9}$/.test(id)) throw validationError('Invalid id', [{ field: 'id', message: 'Identifiant numérique attendu (numeric id expected)' }]);
      const revoked = await withDatabase(async (db) => revokeApiKey(db, systemActor(await organisationId(db, options.organisation), 'cli:apikey revoke'), Number(id)));
      console.log(`Clé d’API ${revoked.id} (« ${revoked.label} ») révoquée le ${when(revoked.revokedAt)}`);
    });
}
