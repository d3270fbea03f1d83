import type { Command } from 'commander';
import { readConfig } from '../../core/config.js';
import { openDatabase } from '../../db/open.js';
import { schedulePurge } from '../../gdpr/purge-job.js';
import { startServer } from '../../http/server.js';
import { databaseHasNoOrganisation } from '../../patrimony/demo/service.js';
import { loadCommunes } from '../../patrimony/reference/communes.js';
import { attachmentStoreFor } from '../../storage/attachment-store.js';
import { loadDemoPrinting } from './demo.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and the API (PORT, DATABASE_URL, VIGIE_DATA_DIR)')
    .option('--demo-if-empty', 'load the demo landlord first when the database has no organisation')
    .action(async (options: { demoIfEmpty?: boolean }) => {
      const config = readConfig();
      const db = await openDatabase(config);
      await loadCommunes(db);
      if (options.demoIfEmpty && (await databaseHasNoOrganisation(db))) await loadDemoPrinting(db);
      const server = await startServer(db, config);
      if (config.purgeIntervalHours > 0) schedulePurge(db, attachmentStoreFor(config.attachments), config.purgeIntervalHours);
      console.log(`Vigie is ready on http://localhost:${config.port} (${db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
      const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
