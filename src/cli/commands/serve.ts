import type { Command } from 'commander';
import { readConfig } from '../../core/config.js';
import { openDatabase } from '../../db/open.js';
import { startServer } from '../../http/server.js';
import { loadCommunes } from '../../patrimony/reference/communes.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and the API (PORT, DATABASE_URL, VIGIE_DATA_DIR)')
    .action(async () => {
      const config = readConfig();
      const db = await openDatabase(config);
      await loadCommunes(db);
      const server = await startServer(db, config);
      console.log(`Vigie is ready on http://localhost:${config.port} (${db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
      const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
