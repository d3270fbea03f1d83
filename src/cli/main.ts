import { Command } from 'commander';
import { AppError } from '../core/errors.js';
import { registerAnalyse } from './commands/analyse.js';
import { registerApiKey } from './commands/apikey.js';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerBoundaries } from './commands/boundaries.js';
import { registerDeliberations } from './commands/deliberations.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerIncidents } from './commands/incidents.js';
import { registerMigrate } from './commands/migrate.js';
import { registerObservatory } from './commands/observatory.js';
import { registerPurge } from './commands/purge.js';
import { registerRenovation } from './commands/renovation.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerSubjectAccess } from './commands/subject-access.js';
import { registerUser } from './commands/user.js';

const program = new Command('vigie')
  .description('Vigie — observatoire des incivilités, rénovation et délibérations pour les bailleurs sociaux')
  .showHelpAfterError();

registerServe(program);
registerMigrate(program);
registerStats(program);
registerAnalyse(program);
registerObservatory(program);
registerDeliberations(program);
registerImport(program);
registerRenovation(program);
registerExport(program);
registerBackup(program);
registerDemo(program);
registerIncidents(program);
registerBoundaries(program);
registerUser(program);
registerApiKey(program);
registerAudit(program);
registerPurge(program);
registerSubjectAccess(program);

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(`vigie: ${error.message}`);
  for (const detail of error.errors) {
    console.error(`  ${detail.line ? `line ${detail.line}, ` : ''}${detail.field}: ${detail.message}`);
  }
  process.exitCode = 1;
}
