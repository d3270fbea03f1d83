import type { Command } from 'commander';
import { systemActor } from '../../access/system-actor.js';
import { importBoundaryFile } from '../../observatory/maps/service.js';
import { chooseOrganisation } from '../../patrimony/import/service.js';
import { withDatabase } from '../database.js';

/** `vigie import boundaries <file.geojson>`: commune boundaries for the observatory's choropleths. */
export function registerBoundaries(program: Command): void {
  const importCommand = program.commands.find((command) => command.name() === 'import') ?? program.command('import').description('Import data files');
  importCommand
    .command('boundaries <file>')
    .description('Import commune boundaries (GeoJSON in WGS 84, e.g. IGN Admin Express; INSEE code in INSEE_COM or code); all or nothing, idempotent')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (file: string, options: { organisation?: string }) => {
      const result = await withDatabase(async (db) => {
        const organisation = await chooseOrganisation(db, options.organisation);
        return importBoundaryFile(db, systemActor(organisation.id, 'cli:import boundaries'), file);
      });
      console.log(`Communes lues : ${result.communes} — nouvelles : ${result.inserted}, modifiées : ${result.updated}, inchangées : ${result.unchanged}`);
    });
}
