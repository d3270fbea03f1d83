import type { Command } from 'commander';
import { backupDatabase } from '../../db/backup/backup.js';
import { restoreDatabase } from '../../db/backup/restore.js';
import { withDatabase } from '../database.js';

/** `vigie backup` and `vigie restore`: a logical dump readable by either engine. */
export function registerBackup(program: Command): void {
  program
    .command('backup <file>')
    .description('Save every table to a gzipped, engine-neutral file (restorable on PGlite or PostgreSQL)')
    .action(async (file: string) => {
      const { tables, rows } = await withDatabase((db) => backupDatabase(db, file));
      console.log(`Sauvegarde écrite dans ${file} : ${tables} tables, ${rows} lignes`);
    });
  program
    .command('restore <file>')
    .description('Restore a backup into an empty database, in one transaction')
    .action(async (file: string) => {
      const { tables, rows } = await withDatabase((db) => restoreDatabase(db, file));
      console.log(`Sauvegarde ${file} restaurée : ${tables} tables, ${rows} lignes`);
    });
}
