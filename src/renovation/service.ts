import { validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { perimeterOf } from './programme/service.js';
import { summariseDeadlines } from './compliance/domain/classify.js';
import { energyStatesAt, patrimonyFact, type DwellingDpes } from './compliance/domain/energy-state.js';
import { trajectory } from './compliance/domain/trajectory.js';
import { yearOf } from './dpe/domain/dates.js';
import { toDpeRecord } from './dpe/domain/record.js';
import { readAdemeTable, type TextTable } from './dpe/import/ademe-rows.js';
import { readTable } from '../patrimony/import/files/read-table.js';
import * as repository from './repository.js';

/** The organisation a command works on: the one with this SIREN, or the only one. */
export async function resolveOrganisation(db: Queryable, siren: string | undefined): Promise<number> {
  const found = await repository.findOrganisations(db, siren ?? null);
  if (found.length === 1) return found[0]!.id;
  const message = siren
    ? `aucun organisme de SIREN ${siren} (no organisation with this SIREN)`
    : found.length === 0 ? 'aucun organisme chargé (no organisation loaded)' : 'plusieurs organismes : préciser le SIREN (several organisations: give the SIREN)';
  throw validationError('Organisme introuvable', [{ field: 'siren', message }]);
}

export interface DpeImportResult {
  rows: number;
  inserted: number;
  updated: number;
  /** DPEs whose RPLS number matches no dwelling of the organisation (not stored). */
  unmatched: number;
  unmatchedSample: string[];
}

const BATCH = 1000;

/**
 * Imports ADEME DPE rows into an organisation: all or nothing (any bad line rejects the file,
 * with every error), idempotent by numero_dpe. DPEs are matched to dwellings by RPLS number;
 * rows matching no dwelling are counted and skipped, as public extracts cover whole territories.
 */
export async function importDpeTable(db: Database, organisationId: number, table: TextTable): Promise<DpeImportResult> {
  const { readings, errors } = readAdemeTable(table);
  if (errors.length > 0) throw validationError(`Fichier DPE refusé : ${errors.length} erreur(s)`, errors);
  return db.transaction(async (tx) => {
    const rplsIds = [...new Set(readings.flatMap((reading) => (reading.rplsId ? [reading.rplsId] : [])))];
    const dwellingOf = await repository.dwellingIdsByRpls(tx, organisationId, rplsIds);
    const matched: repository.MatchedDpe[] = [];
    const unmatched: string[] = [];
    for (const reading of readings) {
      const dwellingId = reading.rplsId ? dwellingOf.get(reading.rplsId) : undefined;
      if (dwellingId === undefined) unmatched.push(reading.numeroDpe);
      else matched.push({ ...toDpeRecord(reading), dwellingId, matchedBy: 'rpls' });
    }
    let inserted = 0;
    for (let start = 0; start < matched.length; start += BATCH) {
      inserted += await repository.upsertDpeRecords(tx, organisationId, matched.slice(start, start + BATCH));
    }
    return { rows: readings.length, inserted, updated: matched.length - inserted, unmatched: unmatched.length, unmatchedSample: unmatched.slice(0, 10) };
  });
}

/** Horizon of the trajectory: the last ban of the calendar. */
export const TRAJECTORY_LAST_YEAR = 2034;

/**
 * Counts per deadline on day `at` and the yearly E/F/G trajectory from `fromYear` (default: the
 * year of `at`) to 2034. Years before `at` apply today's known classes and the operations ended
 * by then: the programme's path, not a record of past DPEs. Only the dwellings of the actor's
 * read_renovation perimeter are counted.
 */
export async function complianceOverview(db: Queryable, actor: Actor, at: string, fromYear = yearOf(at)) {
  const { organisationId } = actor;
  const [places, records, operations] = await Promise.all([
    repository.listDwellingPlaces(db, organisationId, perimeterOf(actor, 'read_renovation')),
    repository.listDpeRecords(db, organisationId),
    repository.listPlannedOperations(db, organisationId),
  ]);
  const recordsOf = new Map<number, repository.StoredDpe[]>();
  for (const record of records) recordsOf.set(record.dwellingId, [...(recordsOf.get(record.dwellingId) ?? []), record]);
  const dwellings: DwellingDpes[] = places.map((place) => {
    const fromPatrimony = patrimonyFact(place.patrimonyEnergyClass, place.patrimonyGhgClass, place.patrimonyDpeDate);
    const fromAdeme = (recordsOf.get(place.dwellingId) ?? []).map((record) => ({
      number: record.numeroDpe,
      issuedOn: record.issuedOn,
      replaces: record.replaces,
      payload: { label: record.label, primaryEnergy: record.primaryEnergy, finalEnergy: record.finalEnergy },
    }));
    return { dwellingId: place.dwellingId, communeInsee: place.communeInsee, facts: fromPatrimony ? [fromPatrimony, ...fromAdeme] : fromAdeme };
  });
  const states = energyStatesAt(dwellings, at);
  return {
    at,
    dwellings: states.length,
    deadlines: summariseDeadlines(states, operations),
    trajectory: trajectory(states, operations, fromYear, Math.max(fromYear, TRAJECTORY_LAST_YEAR)),
  };
}

/** Reads a .csv or .xlsx ADEME extract and imports it (see `importDpeTable`). */
export async function importDpeFile(db: Database, organisationId: number, file: string): Promise<DpeImportResult> {
  return importDpeTable(db, organisationId, await readTable(file));
}
