import { validationError, type FieldError } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import { splitLevels, type PatrimonyLevels } from './domain/levels.js';
import { sortErrors, validateRows } from './domain/validate-rows.js';
import type { NativePatrimonyRow } from './native-row.js';
import * as repository from './repository.js';

export const IMPORT_LEVELS = ['directorates', 'agencies', 'residences', 'buildings', 'entrances', 'dwellings'] as const;
export type ImportLevel = (typeof IMPORT_LEVELS)[number];
export interface LevelCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportCounts = Record<ImportLevel, LevelCounts>;

/** Called after each written batch of dwellings. */
export type ImportProgress = (dwellingsDone: number, dwellingsTotal: number) => void;

/** Rows read from a file: their line numbers, and the cells that could not even be read. */
export interface ImportSource {
  rows: NativePatrimonyRow[];
  lines: number[];
  errors: FieldError[];
  /** The file column holding a field, when the file does not use native column names. */
  columnOf?: (field: string) => string;
}

/** Large enough to amortise round trips, small enough to keep each JSON parameter modest. */
const BATCH_SIZE = 2_000;

/**
 * Imports dwellings with their chain of places, all or nothing, in one transaction. Codes are
 * upserted: re-importing the same rows reports them all unchanged. Every bad row is reported
 * (as `AppError('validation')`, lines counted as in a file with a header) and nothing is written.
 */
export function importPatrimonyRows(db: Queryable, organisationId: number, rows: NativePatrimonyRow[], onProgress?: ImportProgress): Promise<ImportCounts> {
  const source = { rows, lines: rows.map((_, index) => index + 2), errors: [] };
  return db.transaction((tx) => importSource(tx, organisationId, source, onProgress));
}

/** As `importPatrimonyRows`, inside the caller's transaction, for rows read from a file. */
export async function importSource(tx: Queryable, organisationId: number, source: ImportSource, onProgress?: ImportProgress): Promise<ImportCounts> {
  const unreadable = new Set(source.errors.map((error) => `${error.line}|${error.field}`));
  const errors = [
    ...source.errors,
    ...[...validateRows(source.rows, (index) => source.lines[index]!), ...(await checkAgainstDatabase(tx, organisationId, source))]
      .filter((error) => !unreadable.has(`${error.line}|${error.field}`)),
  ];
  if (errors.length > 0) {
    const named = source.columnOf ? errors.map((error) => ({ ...error, field: source.columnOf!(error.field) })) : errors;
    throw validationError(`Fichier de patrimoine refusé : ${errors.length} erreur(s), rien n'a été importé (patrimony file rejected, nothing imported)`, sortErrors(named));
  }
  return writeLevels(tx, organisationId, splitLevels(source.rows), onProgress);
}

async function checkAgainstDatabase(db: Queryable, organisationId: number, { rows, lines }: ImportSource): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const communes = [...new Set(rows.map((row) => row.commune_insee).filter((code) => typeof code === 'string' && code !== ''))];
  const unknown = new Set(await repository.findUnknownCommunes(db, communes));
  const rplsIds = rows.map((row) => row.rpls_id).filter((id): id is string => typeof id === 'string' && id !== '');
  const holders = await repository.findRplsHolders(db, organisationId, rplsIds);
  rows.forEach((row, index) => {
    if (unknown.has(row.commune_insee)) errors.push({ line: lines[index], field: 'commune_insee', message: `commune inconnue « ${row.commune_insee} »` });
    const holder = row.rpls_id ? holders.get(row.rpls_id) : undefined;
    if (holder !== undefined && holder !== row.dwelling_code) {
      errors.push({ line: lines[index], field: 'rpls_id', message: `identifiant RPLS « ${row.rpls_id} » déjà porté par le logement « ${holder} »` });
    }
  });
  return errors;
}

type Upsert<T> = (db: Queryable, organisationId: number, batch: T[]) => Promise<repository.UpsertCounts>;

/** Upserts one level in batches; `onBatch` hears how many items are written so far. */
async function writeLevel<T>(db: Queryable, organisationId: number, items: readonly T[], upsert: Upsert<T>, onBatch?: (done: number) => void): Promise<LevelCounts> {
  const counts: LevelCounts = { created: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    const batch = items.slice(start, start + BATCH_SIZE);
    const written = await upsert(db, organisationId, batch);
    counts.created += written.created;
    counts.updated += written.updated;
    counts.unchanged += batch.length - written.created - written.updated;
    onBatch?.(start + batch.length);
  }
  return counts;
}

/** Parents before children, so that each level finds the ids of the one above by code. */
async function writeLevels(db: Queryable, organisationId: number, levels: PatrimonyLevels, onProgress?: ImportProgress): Promise<ImportCounts> {
  const total = levels.dwellings.length;
  onProgress?.(0, total);
  return {
    directorates: await writeLevel(db, organisationId, levels.directorates, repository.upsertDirectorates),
    agencies: await writeLevel(db, organisationId, levels.agencies, repository.upsertAgencies),
    residences: await writeLevel(db, organisationId, levels.residences, repository.upsertResidences),
    buildings: await writeLevel(db, organisationId, levels.buildings, repository.upsertBuildings),
    entrances: await writeLevel(db, organisationId, levels.entrances, repository.upsertEntrances),
    dwellings: await writeLevel(db, organisationId, levels.dwellings, repository.upsertDwellings, (done) => onProgress?.(done, total)),
  };
}

const SIREN = /^[0-9]{9}$/;

/** The organisation with `siren`, else the only one; undefined when there is none to pick. */
async function findOrganisation(db: Queryable, siren: string | undefined): Promise<repository.OrganisationRef | undefined> {
  if (siren !== undefined && !SIREN.test(siren)) throw validationError('SIREN invalide (invalid SIREN)', [{ field: 'organisation', message: `9 chiffres attendus, reçu « ${siren} »` }]);
  const organisations = await repository.listOrganisations(db);
  if (siren !== undefined) return organisations.find((organisation) => organisation.siren === siren);
  if (organisations.length > 1) {
    throw validationError('Plusieurs organismes : précisez lequel (several organisations: say which one)', [
      { field: 'organisation', message: `SIREN attendu parmi ${organisations.map((organisation) => organisation.siren).join(', ')}` },
    ]);
  }
  return organisations[0];
}

/** The organisation with `siren`, else the only one. */
export async function chooseOrganisation(db: Queryable, siren: string | undefined): Promise<repository.OrganisationRef> {
  const organisation = await findOrganisation(db, siren);
  if (!organisation) throw validationError('Organisme introuvable (organisation not found)', [{ field: 'organisation', message: siren ? `aucun organisme de SIREN ${siren}` : 'aucun organisme' }]);
  return organisation;
}

/**
 * The organisation an import goes to: the one with `siren`, else the only one; when there is
 * none, it is created from `siren` and `name`.
 */
export async function resolveImportOrganisation(db: Queryable, siren: string | undefined, name: string | undefined): Promise<repository.OrganisationRef> {
  const organisation = await findOrganisation(db, siren);
  if (organisation) return organisation;
  if (siren === undefined || !name?.trim()) {
    throw validationError('Aucun organisme de ce SIREN : donnez son SIREN et son nom pour le créer (no such organisation: give its SIREN and name to create it)', [
      { field: siren === undefined ? 'organisation' : 'name', message: "obligatoire pour créer l'organisme" },
    ]);
  }
  return repository.insertOrganisation(db, siren, name.trim());
}
