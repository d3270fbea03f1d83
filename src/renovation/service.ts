import { validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { perimeterOf } from './programme/service.js';
import { summariseDeadlines } from './compliance/domain/classify.js';
import { energyStatesAt, patrimonyFact, type DwellingDpes } from './compliance/domain/energy-state.js';
import { trajectory } from './compliance/domain/trajectory.js';
import { yearOf } from './dpe/domain/dates.js';
import { toDpeRecord } from './dpe/domain/record.js';
import { addressKey } from './dpe/domain/address.js';
import { keyOf, matchDpe, type MatchedBy, type MatchIndex, type UnmatchedReason } from './dpe/domain/matching.js';
import { readAdemeTable, type AdemeReadResult, type TextTable } from './dpe/import/ademe-rows.js';
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

export interface UnmatchedLine {
  line: number;
  numeroDpe: string;
  reason: UnmatchedReason;
}

export interface DpeImportResult {
  rows: number;
  inserted: number;
  updated: number;
  matchedBy: Record<MatchedBy, number>;
  /** DPEs placed on no dwelling of the organisation (not stored), each with its line and why. */
  unmatched: number;
  unmatchedLines: UnmatchedLine[];
}

const BATCH = 1000;
type AdemeReading = AdemeReadResult['readings'][number];

/**
 * Imports ADEME DPE rows into an organisation: all or nothing (any bad line rejects the file,
 * with every error), idempotent by numero_dpe. DPEs are matched to dwellings by RPLS number,
 * else by address (`matchDpe`); rows matching no dwelling are reported and skipped, as public
 * extracts cover whole territories. The BAN identifiers of DPEs matched by RPLS number are kept
 * as addresses of their building, for the next DPEs there that lack one.
 */
export async function importDpeTable(db: Database, organisationId: number, table: TextTable): Promise<DpeImportResult> {
  const { readings, errors } = readAdemeTable(table);
  if (errors.length > 0) throw validationError(`Fichier DPE refusé : ${errors.length} erreur(s)`, errors);
  return db.transaction(async (tx) => {
    const index = await matchIndex(tx, organisationId, readings);
    const matched: repository.MatchedDpe[] = [];
    const unmatchedLines: UnmatchedLine[] = [];
    const matchedBy: Record<MatchedBy, number> = { rpls: 0, ban: 0, address: 0 };
    for (const reading of readings) {
      const match = matchDpe(reading, index);
      if ('reason' in match) {
        unmatchedLines.push({ line: reading.line, numeroDpe: reading.numeroDpe, reason: match.reason });
        continue;
      }
      matchedBy[match.matchedBy]++;
      const { line: _line, address: _address, ...dpe } = reading;
      matched.push({ ...toDpeRecord(dpe), ...match });
    }
    let inserted = 0;
    for (let start = 0; start < matched.length; start += BATCH) {
      inserted += await repository.upsertDpeRecords(tx, organisationId, matched.slice(start, start + BATCH));
    }
    return { rows: readings.length, inserted, updated: matched.length - inserted, matchedBy, unmatched: unmatchedLines.length, unmatchedLines };
  });
}

/** What `matchDpe` needs, read for these readings only (learning the BAN ids of the RPLS matches first). */
async function matchIndex(tx: Queryable, organisationId: number, readings: readonly AdemeReading[]): Promise<MatchIndex> {
  const rplsIds = [...new Set(readings.flatMap((reading) => (reading.rplsId ? [reading.rplsId] : [])))];
  const dwellingByRpls = await repository.dwellingIdsByRpls(tx, organisationId, rplsIds);
  await repository.learnBanIds(tx, organisationId, readings.flatMap((reading) => {
    const dwellingId = reading.rplsId ? dwellingByRpls.get(reading.rplsId) : undefined;
    return dwellingId !== undefined && reading.banId ? [{ banId: reading.banId, dwellingId }] : [];
  }));
  const rest = readings.filter((reading) => !reading.rplsId || !dwellingByRpls.has(reading.rplsId));
  const buildingByBan = await repository.buildingsByBanId(tx, organisationId, [...new Set(rest.flatMap((reading) => (reading.banId ? [reading.banId] : [])))]);
  const communes = [...new Set(rest.flatMap((reading) => (keyOf(reading.address) ? [reading.address.communeInsee!.trim()] : [])))];
  const addresses = communes.length > 0 ? await repository.buildingAddresses(tx, organisationId, communes) : [];
  const buildingsByAddress = new Map<string, number[]>();
  for (const building of addresses) {
    const key = addressKey(building.communeInsee, building.streetNumber, building.street);
    if (key) buildingsByAddress.set(key, [...(buildingsByAddress.get(key) ?? []), building.buildingId]);
  }
  const dwellingsOfBuilding = new Map<number, number[]>(addresses.map((building) => [building.buildingId, building.dwellingIds]));
  const missing = [...new Set(buildingByBan.values())].filter((id) => !dwellingsOfBuilding.has(id));
  for (const [id, dwellings] of await repository.dwellingsOfBuildings(tx, organisationId, missing)) dwellingsOfBuilding.set(id, dwellings);
  return { dwellingByRpls, buildingByBan, buildingsByAddress, dwellingsOfBuilding };
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
