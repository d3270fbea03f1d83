import type { Command } from 'commander';
import { addUser, disableUser, resetPassword } from '../../access/users-service.js';
import { ROLES } from '../../access/domain/roles.js';
import { withDatabase } from '../database.js';

const CLI = { actorLabel: 'cli' };

/** The password piped on standard input (first line), so it never appears in the shell history. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];

const printOneTimePassword = (email: string, password: string | undefined) => {
  if (password) console.log(`Mot de passe à usage unique pour ${email} (à changer à la première connexion) :\n${password}`);
};

export function registerUser(program: Command): void {
  const user = program.command('user').description('Manage accounts (comptes utilisateurs)');
  user
    .command('add')
    .description(`Create an account with one role and its perimeter; roles: ${ROLES.join(', ')}`)
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', 'role')
    .option('--agency <code>', 'agency external id (agent, agency_manager); repeat or separate with commas', collect, [])
    .option('--directorate <code>', 'directorate external id (territorial_director)', collect, [])
    .option('--commune <insee>', 'commune INSEE code (partner)', collect, [])
    .option('--organisation <siren>', 'organisation SIREN, when the deployment holds several')
    .option('--password-stdin', 'read the password from standard input instead of printing a one-time password')
    .action(async (options: { email: string; name: string; role: string; agency: string[]; directorate: string[]; commune: string[]; organisation?: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
      const created = await withDatabase((db) =>
        addUser(db, { ...CLI, organisation: options.organisation }, {
          email: options.email, displayName: options.name, role: options.role,
          agencies: options.agency, directorates: options.directorate, communes: options.commune, password,
        }),
      );
      console.log(`Compte créé : ${options.email} (${options.role}), id ${created.userId}`);
      printOneTimePassword(options.email, created.oneTimePassword);
    });
  user
    .command('disable <email>')
    .description('Disable an account and end its sessions')
    .option('--organisation <siren>', 'organisation SIREN, when the deployment holds several')
    .action(async (email: string, options: { organisation?: string }) => {
      await withDatabase((db) => disableUser(db, { ...CLI, organisation: options.organisation }, email));
      console.log(`Compte désactivé : ${email}`);
    });
  user
    .command('reset <email>')
    .description('Reset a password (prints a one-time password, or reads a new one with --password-stdin); unlocks the account')
    .option('--organisation <siren>', 'organisation SIREN, when the deployment holds several')
    .option('--password-stdin', 'read the new password from standard input')
    .action(async (email: string, options: { organisation?: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readPasswordFromStdin() : undefined;
      const reset = await withDatabase((db) => resetPassword(db, { ...CLI, organisation: options.organisation }, email, password));
      console.log(`Mot de passe réinitialisé : ${email}`);
      printOneTimePassword(email, reset.oneTimePassword);
    });
}
