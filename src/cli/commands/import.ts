import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { importPatrimonyFile } from '../../patrimony/import/file-service.js';
import { IMPORT_LEVELS, type ImportCounts, type ImportProgress } from '../../patrimony/import/service.js';
import { withDatabase } from '../database.js';

/** Below this many dwellings an import is quick enough not to need a progress bar. */
const PROGRESS_BAR_FROM = 5_000;

const LEVEL_LABELS: Record<(typeof IMPORT_LEVELS)[number], string> = {
  directorates: 'Directions',
  agencies: 'Agences',
  residences: 'Résidences',
  buildings: 'Bâtiments',
  entrances: 'Entrées',
  dwellings: 'Logements',
};

export function formatCounts(counts: ImportCounts): string {
  const cell = (value: string | number, width: number) => String(value).padStart(width);
  const lines = [`${'Niveau'.padEnd(12)}${cell('créés', 8)}${cell('modifiés', 10)}${cell('inchangés', 11)}`];
  for (const level of IMPORT_LEVELS) {
    const { created, updated, unchanged } = counts[level];
    lines.push(`${LEVEL_LABELS[level].padEnd(12)}${cell(created, 8)}${cell(updated, 10)}${cell(unchanged, 11)}`);
  }
  return lines.join('\n');
}

function progressBar(): { onProgress: ImportProgress; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (!bar && total >= PROGRESS_BAR_FROM && process.stderr.isTTY) {
        bar = new SingleBar({ format: 'Import {bar} {percentage}% | {value}/{total} logements' }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}

export function registerImport(program: Command): void {
  const command = program.command('import').description('Import data files');
  command
    .command('patrimony <file>')
    .description('Import a patrimony file (.csv or .xlsx, native or RPLS layout); all or nothing, idempotent by codes')
    .option('--organisation <siren>', "SIREN of the organisation (needed when there are several; creates it when unknown, with --name)")
    .option('--name <name>', 'name of the organisation to create')
    .option('--agency <code>', 'RPLS layout: agency code for every dwelling (default: the agency already managing each commune)')
    .action(async (file: string, options: { organisation?: string; name?: string; agency?: string }) => {
      const progress = progressBar();
      const result = await withDatabase((db) =>
        importPatrimonyFile(db, { siren: options.organisation, name: options.name }, file, { agencyCode: options.agency, onProgress: progress.onProgress }),
      ).finally(progress.stop);
      console.log(`Patrimoine importé pour ${result.organisation.name} (SIREN ${result.organisation.siren}), format ${result.layout}:`);
      console.log(formatCounts(result.counts));
    });
}
