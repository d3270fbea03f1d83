import type { Command } from 'commander';
import { countPatrimony } from '../../patrimony/repository.js';
import { withDatabase } from '../database.js';

export function registerStats(program: Command): void {
  const stats = program.command('stats').description('Print counts');
  stats
    .command('patrimony')
    .description('Counts of organisations, directorates, agencies, communes, residences, buildings, entrances, dwellings')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const counts = await withDatabase((db) => countPatrimony(db, null));
      console.log(options.json ? JSON.stringify(counts, null, 2) : Object.entries(counts).map(([key, value]) => `${key.padEnd(14)} ${value}`).join('\n'));
    });
}
