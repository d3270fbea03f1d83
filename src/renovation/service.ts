import { validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { perimeterOf } from './programme/service.js';
import { summariseDeadlines } from './compliance/domain/classify.js';
import { effectiveDpesAt, energyStatesAt, patrimonyFact, type DpeFigures, type DwellingDpes } from './compliance/domain/energy-state.js';
import type { LabelSource } from './dpe/domain/effective.js';
import type { DpeClass } from './dpe/domain/labels.js';
import type { DpeFact } from './dpe/domain/validity.js';
import { requireAccess } from '../access/authorize.js';
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
  /** Of the matched DPEs, those of a whole building (placed on the building, not a dwelling). */
  buildingDpes: number;
  /** DPEs placed on no dwelling of the organisation (not stored), each with its line and why. */
  unmatched: number;
  unmatchedLines: UnmatchedLine[];
}

const BATCH = 1000;
type AdemeReading = AdemeReadResult['readings'][number];

/**
 * Imports ADEME DPE rows into an organisation: all or nothing (any bad line rejects the file,
 * with every error), idempotent by numero_dpe. DPEs are matched to dwellings by RPLS number,
 * else by address, and building DPEs to buildings by address (`matchDpe`); rows matching nothing
 * are reported and skipped, as public extracts cover whole territories. The BAN identifiers of DPEs matched by RPLS number are kept
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
      const { line: _line, address: _address, buildingLevel: _level, ...dpe } = reading;
      matched.push({ ...toDpeRecord(dpe), dwellingId: match.dwellingId ?? null, buildingId: match.buildingId ?? null, matchedBy: match.matchedBy });
    }
    let inserted = 0;
    for (let start = 0; start < matched.length; start += BATCH) {
      inserted += await repository.upsertDpeRecords(tx, organisationId, matched.slice(start, start + BATCH));
    }
    const buildingDpes = matched.filter((record) => record.buildingId !== null).length;
    return { rows: readings.length, inserted, updated: matched.length - inserted, matchedBy, buildingDpes, unmatched: unmatchedLines.length, unmatchedLines };
  });
}

/** What `matchDpe` needs, read for these readings only (learning the BAN ids of the RPLS matches first). */
async function matchIndex(tx: Queryable, organisationId: number, readings: readonly AdemeReading[]): Promise<MatchIndex> {
  const rplsIds = [...new Set(readings.flatMap((reading) => (reading.rplsId && !reading.buildingLevel ? [reading.rplsId] : [])))];
  const dwellingByRpls = await repository.dwellingIdsByRpls(tx, organisationId, rplsIds);
  await repository.learnBanIds(tx, organisationId, readings.flatMap((reading) => {
    const dwellingId = reading.rplsId ? dwellingByRpls.get(reading.rplsId) : undefined;
    return dwellingId !== undefined && reading.banId ? [{ banId: reading.banId, dwellingId }] : [];
  }));
  const rest = readings.filter((reading) => reading.buildingLevel || !reading.rplsId || !dwellingByRpls.has(reading.rplsId));
  const buildingsByBan = await repository.buildingsByBanId(tx, organisationId, [...new Set(rest.flatMap((reading) => (reading.banId ? [reading.banId] : [])))]);
  const communes = [...new Set(rest.flatMap((reading) => (keyOf(reading.address) ? [reading.address.communeInsee!.trim()] : [])))];
  const addresses = communes.length > 0 ? await repository.buildingAddresses(tx, organisationId, communes) : [];
  const buildingsByAddress = new Map<string, number[]>();
  for (const building of addresses) {
    const key = addressKey(building.communeInsee, building.streetNumber, building.street);
    if (key) buildingsByAddress.set(key, [...(buildingsByAddress.get(key) ?? []), building.buildingId]);
  }
  const dwellingsOfBuilding = new Map<number, number[]>(addresses.map((building) => [building.buildingId, building.dwellingIds]));
  const missing = [...new Set([...buildingsByBan.values()].flat())].filter((id) => !dwellingsOfBuilding.has(id));
  for (const [id, dwellings] of await repository.dwellingsOfBuildings(tx, organisationId, missing)) dwellingsOfBuilding.set(id, dwellings);
  return { dwellingByRpls, buildingsByBan, buildingsByAddress, dwellingsOfBuilding };
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
    repository.listDwellingPlaces(db, organisationId, { perimeter: perimeterOf(actor, 'read_renovation') }),
    repository.listDpeRecords(db, organisationId),
    repository.listPlannedOperations(db, organisationId),
  ]);
  const states = energyStatesAt(withDpes(places, records), at);
  return {
    at,
    dwellings: states.length,
    deadlines: summariseDeadlines(states, operations),
    trajectory: trajectory(states, operations, fromYear, Math.max(fromYear, TRAJECTORY_LAST_YEAR)),
  };
}

const toFact = (record: repository.StoredDpe): DpeFact<DpeFigures> => ({
  number: record.numeroDpe,
  issuedOn: record.issuedOn,
  replaces: record.replaces,
  payload: { label: record.label, primaryEnergy: record.primaryEnergy, finalEnergy: record.finalEnergy },
});

function groupBy(records: readonly repository.StoredDpe[], key: (record: repository.StoredDpe) => number | null): Map<number, DpeFact<DpeFigures>[]> {
  const groups = new Map<number, DpeFact<DpeFigures>[]>();
  for (const record of records) {
    const id = key(record);
    if (id !== null) groups.set(id, [...(groups.get(id) ?? []), toFact(record)]);
  }
  return groups;
}

/** Each dwelling with its own DPEs (ADEME and patrimony file) and its building's. */
function withDpes(places: readonly repository.DwellingPlace[], records: readonly repository.StoredDpe[]): DwellingDpes[] {
  const ofDwelling = groupBy(records, (record) => record.dwellingId);
  const ofBuilding = groupBy(records, (record) => record.buildingId);
  return places.map((place) => {
    const fromPatrimony = patrimonyFact(place.patrimonyEnergyClass, place.patrimonyGhgClass, place.patrimonyDpeDate);
    const fromAdeme = ofDwelling.get(place.dwellingId) ?? [];
    return {
      dwellingId: place.dwellingId,
      communeInsee: place.communeInsee,
      facts: fromPatrimony ? [fromPatrimony, ...fromAdeme] : fromAdeme,
      buildingFacts: ofBuilding.get(place.buildingId) ?? [],
    };
  });
}

export interface DwellingLabel {
  dwellingId: number;
  label: DpeClass | null;
  /** Whose DPE gives the label; null when unknown. */
  source: LabelSource | null;
  /** The ADEME number of that DPE (null for a class of the patrimony file). */
  numeroDpe: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  /** Why the label is unknown. */
  reason: 'missing' | 'expired' | 'replaced' | null;
}

/** The label each dwelling of a residence has on day `at`, and whether it comes from its own DPE or its building's. */
export async function residenceLabels(db: Queryable, actor: Actor, residenceId: number, at: string): Promise<{ at: string; dwellings: DwellingLabel[] }> {
  await requireAccess(db, actor, 'read_renovation', { kind: 'residence', id: residenceId });
  const { organisationId } = actor;
  const [places, { records, replacing }] = await Promise.all([
    repository.listDwellingPlaces(db, organisationId, { residenceId }),
    repository.listResidenceDpeRecords(db, organisationId, residenceId),
  ]);
  const effective = effectiveDpesAt(withDpes(places, records), at, replacing);
  return {
    at,
    dwellings: places.map(({ dwellingId }, index) => {
      const current = effective[index]!;
      return current.status === 'valid'
        ? { dwellingId, label: current.dpe.payload.label, source: current.source, numeroDpe: current.dpe.number, issuedOn: current.dpe.issuedOn, validUntil: current.validUntil, reason: null }
        : { dwellingId, label: null, source: null, numeroDpe: null, issuedOn: null, validUntil: null, reason: current.reason };
    }),
  };
}

/** Reads a .csv or .xlsx ADEME extract and imports it (see `importDpeTable`). */
export async function importDpeFile(db: Database, organisationId: number, file: string): Promise<DpeImportResult> {
  return importDpeTable(db, organisationId, await readTable(file));
}
