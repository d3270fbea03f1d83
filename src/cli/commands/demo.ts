import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../db/database.js';
import { loadDemo, type DemoLoad } from '../../patrimony/demo/service.js';
import { withDatabase } from '../database.js';

const PROGRESS_EVERY = 10_000;

const STAT_LABELS: Record<keyof DemoLoad['stats'], string> = {
  organisations: 'Organismes',
  directorates: 'Directions territoriales',
  agencies: 'Agences',
  communes: 'Communes',
  residences: 'Résidences',
  buildings: 'Bâtiments',
  entrances: 'Entrées',
  dwellings: 'Logements',
  collective: '  dont collectifs',
  individual: '  dont individuels',
  commonAreas: 'Parties communes',
};

/** Loads the demo landlord, printing progress and counts (also used by `serve --demo-if-empty`). */
export async function loadDemoPrinting(db: Database, seed?: number): Promise<DemoLoad> {
  const start = performance.now();
  const load = await loadDemo(db, {
    seed,
    onProgress(done, total) {
      if (done === 0) console.log('Chargement du bailleur de démonstration (loading the demo landlord)…');
      if (done % PROGRESS_EVERY === 0 || done === total) console.log(`  ${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} logements`);
    },
  });
  console.log(`Démo chargée en ${((performance.now() - start) / 1000).toFixed(1)} s :`);
  for (const [key, label] of Object.entries(STAT_LABELS)) {
    console.log(`  ${label.padEnd(26)}${String(load.stats[key as keyof DemoLoad['stats']]).padStart(8)}`);
  }
  return load;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Load the demo landlord (a fictional OPH of the Pas-de-Calais) into an empty database')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same patrimony', Number)
    .action(async (options: { seed?: number }) => {
      await withDatabase((db) => loadDemoPrinting(db, options.seed));
    });
}
