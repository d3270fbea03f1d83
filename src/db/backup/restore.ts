import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { AppError, conflict, validationError } from '../../core/errors.js';
import type { Database, Queryable } from '../database.js';
import { hasRows, listMigrationsApplied, listTables, quoteIdent, resetSequence, type TableInfo } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type TableLine } from './format.js';

const INSERT_BATCH = 2_000;

export interface RestoreSummary {
  tables: number;
  rows: number;
}

const invalid = (message: string) => validationError('Sauvegarde illisible (unreadable backup)', [{ field: 'file', message }]);

function parseHeader(line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = line === undefined ? undefined : (JSON.parse(line) as Partial<BackupHeader>);
  } catch {
    header = undefined;
  }
  if (header?.format !== BACKUP_FORMAT || !Array.isArray(header.migrations)) throw invalid("ce n'est pas une sauvegarde Vigie");
  if (header.version !== BACKUP_VERSION) throw invalid(`version de format ${header.version} non prise en charge`);
  return header as BackupHeader;
}

/** The backup's schema must be this database's or an older one (same migrations, maybe fewer). */
function checkSchema(header: BackupHeader, applied: string[]): void {
  const unknown = header.migrations.filter((name) => !applied.includes(name));
  if (unknown.length > 0) {
    throw validationError('Sauvegarde d’une version plus récente de Vigie (backup from a newer Vigie version)', [{ field: 'file', message: `migrations inconnues ici : ${unknown.join(', ')}` }]);
  }
}

async function checkEmpty(tx: Queryable, tables: TableInfo[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) if (table.tenant && (await hasRows(tx, table.name))) filled.push(table.name);
  if (filled.length > 0) throw conflict(`La restauration exige une base vide (restore needs an empty database) ; tables déjà remplies : ${filled.join(', ')}`);
}

/**
 * Inserts a batch of rows, each cast from its text form to the target column type. Tenant rows
 * keep their ids (OVERRIDING SYSTEM VALUE); shared reference rows already present are kept.
 */
async function insertRows(tx: Queryable, table: TableInfo, columns: string[], lines: string[]): Promise<void> {
  const types = new Map(table.columns.map((column) => [column.name, column.type]));
  const values = columns.map((name, index) => `(r ->> ${index})::${types.get(name)}`).join(', ');
  await tx.query(
    `INSERT INTO ${quoteIdent(table.name)} (${columns.map(quoteIdent).join(', ')}) OVERRIDING SYSTEM VALUE
     SELECT ${values} FROM json_array_elements($1::json) AS r
     ${table.tenant ? '' : 'ON CONFLICT DO NOTHING'}`,
    [`[${lines.join(',')}]`],
  );
}

function targetTable(tables: Map<string, TableInfo>, line: TableLine): TableInfo {
  const table = tables.get(line.table);
  if (!table) throw invalid(`table « ${line.table} » absente de cette base`);
  const missing = line.columns.filter((name) => !table.columns.some((column) => column.name === name));
  if (missing.length > 0) throw invalid(`colonnes absentes de « ${line.table} » : ${missing.join(', ')}`);
  return table;
}

/** Restores a backup (from either engine) into an empty database, in one transaction. */
export async function restoreDatabase(db: Database, file: string): Promise<RestoreSummary> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async () => {
    try {
      const { value, done } = await lines.next();
      return done ? undefined : value;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid(`fichier gzip illisible (${(error as Error).message})`);
    }
  };
  const header = parseHeader(await next());
  const summary = { tables: 0, rows: 0 };
  await db.transaction(async (tx) => {
    checkSchema(header, await listMigrationsApplied(tx));
    const tables = await listTables(tx);
    await checkEmpty(tx, tables);
    const byName = new Map(tables.map((table) => [table.name, table]));
    for (let line = await next(); line !== undefined; line = await next()) {
      const tableLine = JSON.parse(line) as TableLine;
      const table = targetTable(byName, tableLine);
      let batch: string[] = [];
      for (let read = 0; read < tableLine.rows; read++) {
        const row = await next();
        if (row === undefined) throw invalid(`sauvegarde tronquée dans la table « ${table.name} »`);
        batch.push(row);
        if (batch.length === INSERT_BATCH) {
          await insertRows(tx, table, tableLine.columns, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await insertRows(tx, table, tableLine.columns, batch);
      for (const column of table.sequenced) await resetSequence(tx, table.name, column);
      summary.tables += 1;
      summary.rows += tableLine.rows;
    }
  });
  return summary;
}
