import type { Command } from 'commander';
import { exportPatrimonyFile } from '../../patrimony/export/service.js';
import { withDatabase } from '../database.js';

export function registerExport(program: Command): void {
  const command = program.command('export').description('Export data files');
  command
    .command('patrimony <file>')
    .description('Write the patrimony in the native import layout (.csv or .xlsx)')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (file: string, options: { organisation?: string }) => {
      const { organisation, dwellings } = await withDatabase((db) => exportPatrimonyFile(db, options.organisation, file));
      console.log(`${dwellings} logements de ${organisation.name} exportés dans ${file}`);
    });
}
