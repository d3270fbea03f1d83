import type { Command } from 'commander';
import { readConfig } from '../../core/config.js';
import { migrate } from '../../db/migrate.js';
import { connect } from '../../db/open.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply the pending database migrations (also done at every start)')
    .action(async () => {
      const db = await connect(readConfig());
      try {
        const applied = await migrate(db);
        console.log(applied.length === 0 ? 'Schema already up to date.' : `Applied: ${applied.join(', ')}`);
      } finally {
        await db.close();
      }
    });
}
