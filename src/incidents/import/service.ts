import { auditWrite } from '../../access/audit.js';
import { validationError, type FieldError } from '../../core/errors.js';
import { dropStructures, listStructures, restoreStructures } from '../../db/bulk-load.js';
import type { Database, Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { beginBulkRollups, finishBulkRollups } from '../../observatory/bulk-rollups.js';
import { readTable, type Table } from '../../patrimony/import/files/read-table.js';
import type { CategoryVersion } from '../domain/nomenclature.js';
import type { PlaceKind } from '../domain/vocabulary.js';
import * as repository from '../repository.js';
import { listCategories } from '../service.js';
import { incidentRowReader, type IncidentImportRow } from './read-rows.js';

export interface IncidentImportResult {
  rows: number;
  inserted: number;
  /** Lines whose external id was imported before: left as they are. */
  alreadyPresent: number;
}

/** Lines read, checked and copied at a time. */
const BATCH = 20_000;
/** Below this many new lines, updating indexes and checking keys line by line costs less than redoing them. */
const BULK_MIN_LINES = 50_000;
const BULK_TABLES = ['incidents', 'incident_history'];
/** Enough to fix a file in a few rounds without flooding the terminal. */
const MAX_REPORTED_ERRORS = 500;

export async function importIncidentFile(db: Database, actor: Actor, file: string, now = new Date()): Promise<IncidentImportResult> {
  return importIncidentTable(db, actor, await readTable(file), now);
}

/**
 * Imports an incident history: all or nothing (any bad line rejects the file, with every error
 * and its line), idempotent by external id (lines already imported are skipped). The import is
 * one audited write, counts only: the lines are the landlord's history, not a user's input.
 */
export async function importIncidentTable(db: Database, actor: Actor, table: Table, now = new Date()): Promise<IncidentImportResult> {
  const { organisationId } = actor;
  const reader = incidentRowReader(table.header, now);
  const { errors } = reader;
  return db.transaction(async (tx) => {
    const categories = new Map((await listCategories(tx, actor)).map((category) => [category.code, category]));
    await repository.createImportStaging(tx);
    const places = new Map<string, repository.ResolvedPlace | null>();
    // Chunk by chunk, so that a million lines never live as objects at once; once a line is
    // wrong nothing more is staged, but every line is still checked so all errors come back.
    // On PostgreSQL a chunk is read and checked while the server copies the one before.
    let copying: Promise<void> = Promise.resolve();
    for (let start = 0; start < table.records.length; start += BATCH) {
      const rows = await readYielding(reader, table.records.slice(start, start + BATCH));
      await resolveNewPlaces(tx, organisationId, rows, places);
      const incidents = rows.flatMap((row) => {
        const place = row.placeKind ? places.get(placeKey(row.placeKind, row.placeCode)) ?? undefined : undefined;
        const incident = toIncident(row, categories.get(row.categoryCode), place, errors);
        return incident ? [incident] : [];
      });
      await copying;
      if (errors.length === 0) {
        copying = repository.stageImportedIncidents(tx, incidents);
        // Awaited before the next copy or after the loop; handled now so that a failure waits for it.
        copying.catch(() => undefined);
      }
    }
    await copying;
    if (errors.length > 0) throw rejection(errors);
    const fresh = await repository.countNewStaged(tx, organisationId);
    // Many new lines against the table: keys checked and indexes rebuilt once, not line by line.
    const bulk = fresh >= BULK_MIN_LINES && fresh * 2 >= await repository.countAllIncidents(tx) ? await listStructures(tx, BULK_TABLES) : [];
    await dropStructures(tx, bulk);
    // The roll-ups are refreshed once for the whole file.
    await beginBulkRollups(tx);
    const inserted = await repository.insertStagedIncidents(tx, organisationId);
    await restoreStructures(tx, bulk);
    await finishBulkRollups(tx);
    const rows = table.records.length;
    const result = { rows, inserted, alreadyPresent: rows - inserted };
    await auditWrite(tx, actor, { action: 'incident.import', objectType: 'incident', objectId: null, after: result });
    return result;
  });
}

const placeKey = (kind: PlaceKind, code: string) => `${kind}:${code}`;

/** Lines checked between two turns of the event loop: the copy's data is written in those turns. */
const YIELD_EVERY = 2_000;

async function readYielding(reader: ReturnType<typeof incidentRowReader>, records: Table['records']): Promise<IncidentImportRow[]> {
  const rows: IncidentImportRow[] = [];
  for (let start = 0; start < records.length; start += YIELD_EVERY) {
    rows.push(...reader.read(records.slice(start, start + YIELD_EVERY)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

/** Resolves the places of these lines not seen in earlier chunks (null: no such place). */
async function resolveNewPlaces(db: Queryable, organisationId: number, rows: IncidentImportRow[], places: Map<string, repository.ResolvedPlace | null>) {
  const kinds = new Set(rows.flatMap((row) => (row.placeKind ? [row.placeKind] : [])));
  for (const kind of kinds) {
    const codes = [...new Set(rows.filter((row) => row.placeKind === kind && !places.has(placeKey(kind, row.placeCode))).map((row) => row.placeCode))];
    if (codes.length === 0) continue;
    for (const code of codes) places.set(placeKey(kind, code), null);
    for (const place of await repository.resolvePlacesByCode(db, organisationId, kind, codes)) places.set(placeKey(kind, place.code), place);
  }
}

/** The incident to store for a line, or null with its errors added. */
function toIncident(row: IncidentImportRow, category: CategoryVersion | undefined, place: repository.ResolvedPlace | undefined, errors: FieldError[]): repository.NewIncident | null {
  const fail = (field: string, message: string) => errors.push({ line: row.line, field, message });
  if (!category) fail('category_code', `catégorie inconnue « ${row.categoryCode} » / unknown category`);
  if (!place) {
    if (row.placeKind) fail('place_code', `aucun lieu « ${row.placeKind} » de code « ${row.placeCode} » / no such place`);
  } else if (place.lon === null || place.lat === null) fail('place_code', 'lieu sans coordonnées / place without a position');
  if (category && !['E', 'F'].includes(category.family) && row.victims.some((victim) => victim.ittClass)) {
    fail('itt_class', 'seulement pour une atteinte aux personnes (familles E, F) / only for assaults (families E, F)');
  }
  const { placeKind, channel, occurrence } = row;
  if (!category || !place || place.lon === null || place.lat === null || !placeKind || !channel || !occurrence) return null;
  // Named fields, no leading spread: on Node 20, `{ ...a, many: …, more: … }` adds each later
  // field through a slow path (about 1.5 µs each), which cost half a minute per million lines.
  return {
    occurredAt: occurrence.occurredAt,
    occurredUntil: occurrence.occurredUntil,
    timeUnknown: occurrence.timeUnknown,
    externalId: row.externalId,
    idempotencyKey: null,
    placeKind,
    place: { ...place, lon: place.lon, lat: place.lat },
    recordedAt: row.recordedAt,
    recordedBy: null,
    channel,
    category,
    severity: row.severity ?? category.defaultSeverity,
    description: row.description,
    victims: row.victims,
    perpetrator: row.perpetrator,
    estimatedCost: row.estimatedCost,
    actualCost: row.actualCost,
    workOrderRef: row.workOrderRef,
    insuranceClaimRef: row.insuranceClaimRef,
    status: row.status,
    outcome: row.outcome,
    suspectedDuplicateOf: null,
  };
}

function rejection(errors: FieldError[]) {
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const shown = sorted.slice(0, MAX_REPORTED_ERRORS);
  const more = sorted.length > shown.length ? ` (${MAX_REPORTED_ERRORS} premières affichées / first ${MAX_REPORTED_ERRORS} shown)` : '';
  return validationError(`Import refusé, rien n’a été écrit : ${errors.length} erreur(s)${more} / Import rejected, nothing written`, shown);
}
