import type { Command } from 'commander';
import { systemActor } from '../../access/system-actor.js';
import { importIncidentFile } from '../../incidents/import/service.js';
import { incidentStats } from '../../incidents/service.js';
import { chooseOrganisation } from '../../patrimony/import/service.js';
import { withDatabase } from '../database.js';

/** A sub-command group shared with other capabilities (`import`, `stats`), created once. */
const group = (program: Command, name: string, description: string) =>
  program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);

/** `vigie import incidents <file>` and `vigie stats incidents`. */
export function registerIncidents(program: Command): void {
  group(program, 'import', 'Import data files')
    .command('incidents <file>')
    .description('Import an incident history (.csv or .xlsx, columns in docs/incidents.md); all or nothing, idempotent by external_id')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (file: string, options: { organisation?: string }) => {
      const result = await withDatabase(async (db) => {
        const organisation = await chooseOrganisation(db, options.organisation);
        return importIncidentFile(db, systemActor(organisation.id, 'cli:import incidents'), file);
      });
      console.log(`Incidents lus : ${result.rows} — importés : ${result.inserted}, déjà présents : ${result.alreadyPresent}`);
    });

  group(program, 'stats', 'Print counts')
    .command('incidents')
    .description('Counts of incidents by status, family, severity and year (merged duplicates apart)')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .option('--json', 'print JSON')
    .action(async (options: { organisation?: string; json?: boolean }) => {
      const stats = await withDatabase(async (db) => {
        const organisation = await chooseOrganisation(db, options.organisation);
        return incidentStats(db, systemActor(organisation.id, 'cli:stats incidents'));
      });
      if (options.json) {
        console.log(JSON.stringify(stats, null, 2));
        return;
      }
      console.log(`total          ${stats.total}\nmerged         ${stats.merged}`);
      for (const [title, counts] of [['status', stats.byStatus], ['family', stats.byFamily], ['severity', stats.bySeverity], ['year', stats.byYear]] as const) {
        console.log(`\n${title}`);
        for (const [key, value] of Object.entries(counts)) console.log(`  ${key.padEnd(12)} ${value}`);
      }
    });
}
