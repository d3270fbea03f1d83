import type { Command } from 'commander';
import { systemActor } from '../../access/system-actor.js';
import { validationError } from '../../core/errors.js';
import { organisationIds } from '../../gdpr/retention-repository.js';
import { checkSubject, subjectAccess } from '../../gdpr/subject-access.js';
import { withDatabase } from '../database.js';

export function registerSubjectAccess(program: Command): void {
  program
    .command('subject-access')
    .description('Right of access (droit d’accès, GDPR art. 15): print as JSON everything held about a dwelling or a named person')
    .option('--dwelling <id>', 'dwelling id')
    .option('--person <name>', 'full name of the person')
    .option('--organisation <siren>', 'organisation SIREN, when the deployment holds several')
    .action(async (options: { dwelling?: string; person?: string; organisation?: string }) => {
      const dwellingId = options.dwelling === undefined ? undefined : Number(options.dwelling);
      if (dwellingId !== undefined && !(Number.isInteger(dwellingId) && dwellingId > 0)) {
        throw validationError('Identifiant de logement invalide (invalid dwelling id)', [{ field: '--dwelling', message: `entier positif attendu, reçu « ${options.dwelling} »` }]);
      }
      const subject = checkSubject({ dwellingId, person: options.person });
      const result = await withDatabase(async (db) => {
        const organisations = await organisationIds(db, options.organisation);
        if (organisations.length !== 1) throw validationError('Précisez l’organisation (which organisation?)', [{ field: '--organisation', message: `${organisations.length} organisations match` }]);
        return subjectAccess(db, systemActor(organisations[0]!, 'cli:subject-access'), subject);
      });
      console.log(JSON.stringify(result, null, 2));
    });
}
