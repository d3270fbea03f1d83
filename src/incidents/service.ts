import { auditWrite } from '../access/audit.js';
import { perimeterFor, requireAccess } from '../access/authorize.js';
import type { Permission } from '../access/domain/roles.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { validateAction, type ActionInput } from './domain/actions.js';
import { canViewIncident, CONFIDENTIAL_FAMILIES, confidentialFilter, viewerOf } from './domain/confidentiality.js';
import { decodeCursor, encodeCursor } from './domain/cursor.js';
import { duplicateSearchWindow, isProbableDuplicate } from './domain/duplicates.js';
import { assessHall, hallWindowStart, HALL_WINDOW_DAYS } from './domain/hall-level.js';
import { checkVictims, diffFields } from './domain/history.js';
import { initialCategories, reviseCategory, type CategoryChange, type CategoryVersion } from './domain/nomenclature.js';
import { parisDay, parisMidnight, parseOccurrence } from './domain/occurrence.js';
import { allowedTargets, applyTransition, type TransitionRequest } from './domain/workflow.js';
import { incidentsCsv } from './export-csv.js';
import * as repository from './repository.js';
import type { CreateIncidentInput, ListFilters, ListQuery, UpdateIncidentInput } from './schemas.js';
import { auditConfirmedText, guardFreeText } from './text-guard.js';

/** Who records a change: the signed-in user, when there is one. */
const authorOf = (actor: Actor): number | null => actor.userId ?? null;

/**
 * An incident as the audit log keeps it: the facts without the free text, which stays in the
 * incident's own history (where retention can anonymise it) rather than in an append-only log.
 */
function auditedFacts<T extends { description?: unknown }>(facts: T): Omit<T, 'description'> & { description?: string } {
  const { description, ...rest } = facts;
  return description === undefined ? rest : { ...rest, description: '[texte libre / free text]' };
}

/** History changes as the audit log keeps them (free text masked, see auditedFacts). */
function auditedChanges(changes: { field: string; before: unknown; after: unknown }[]) {
  const masked = (field: string, value: unknown) => (field === 'description' ? '[texte libre / free text]' : value);
  return {
    before: Object.fromEntries(changes.map((change) => [change.field, masked(change.field, change.before)])),
    after: Object.fromEntries(changes.map((change) => [change.field, masked(change.field, change.after)])),
  };
}

// ——— Nomenclature ———

/** The organisation's categories, seeded with the national nomenclature on first use. */
async function currentCategories(db: Queryable, organisationId: number, code: string | null = null): Promise<CategoryVersion[]> {
  const categories = await repository.listCurrentCategories(db, organisationId, code);
  if (categories.length > 0) return categories;
  const seeded = await repository.seedCategories(db, organisationId, initialCategories());
  return seeded ? repository.listCurrentCategories(db, organisationId, code) : categories;
}

export function listCategories(db: Queryable, actor: Actor): Promise<CategoryVersion[]> {
  return currentCategories(db, actor.organisationId);
}

/** Renames, re-grades, (de)activates or adds a category: a new version, history untouched. */
export async function changeCategory(db: Database, actor: Actor, code: string, change: CategoryChange): Promise<CategoryVersion> {
  // The nomenclature is the whole organisation's: only a perimeter spanning it may change it.
  await requireAccess(db, actor, 'manage_incident', { kind: 'organisation' });
  return db.transaction(async (tx) => {
    const [current] = await currentCategories(tx, actor.organisationId, code);
    const next = reviseCategory(code, current, change);
    if (!next) return current!;
    await repository.insertCategoryVersion(tx, actor.organisationId, next, authorOf(actor));
    await auditWrite(tx, actor, { action: 'incident_category.change', objectType: 'incident_category', objectId: code, before: current ?? null, after: next });
    return next;
  });
}

async function activeCategory(db: Queryable, organisationId: number, code: string, field: string): Promise<CategoryVersion> {
  const [category] = await currentCategories(db, organisationId, code);
  if (!category?.active) {
    throw validationError('Catégorie inconnue ou désactivée / Unknown or inactive category', [{ field, message: `« ${code} » n’est pas une catégorie active / is not an active category` }]);
  }
  return category;
}

// ——— Recording ———

export interface CreatedIncident {
  incident: repository.IncidentRecord;
  suggestedSeverity: CategoryVersion['defaultSeverity'];
  probableDuplicates: number[];
  /** False when the idempotency key had already been used: the earlier incident is returned. */
  created: boolean;
}

export async function createIncident(db: Database, actor: Actor, input: CreateIncidentInput, now = new Date()): Promise<CreatedIncident> {
  const organisationId = actor.organisationId;
  const confirmed = guardFreeText([{ field: 'description', text: input.description }], input.sensitiveTextConfirmed);
  return db.transaction(async (tx) => {
    const replayed = input.idempotencyKey ? await repository.findIdByIdempotencyKey(tx, organisationId, input.idempotencyKey) : undefined;
    if (replayed !== undefined) return replay(tx, actor, replayed);
    const place = await placeOf(tx, organisationId, input.place);
    await requireAccess(tx, actor, 'record_incident', place.buildingId !== null ? { kind: 'building', id: place.buildingId } : { kind: 'residence', id: place.residenceId });
    const category = await activeCategory(tx, organisationId, input.categoryCode, 'categoryCode');
    const occurrence = parseOccurrence(input.occurredAt, input.occurredUntil, now);
    checkVictims(input.victims, category.family);
    const probableDuplicates = await findProbableDuplicates(tx, organisationId, { family: category.family, occurredAt: occurrence.occurredAt, entranceId: place.entranceId, lon: place.lon, lat: place.lat });
    const id = await repository.insertIncident(tx, organisationId, {
      ...occurrence,
      externalId: null,
      idempotencyKey: input.idempotencyKey ?? null,
      placeKind: input.place.kind,
      place,
      recordedAt: null,
      recordedBy: authorOf(actor),
      channel: input.channel,
      category,
      severity: input.severity ?? category.defaultSeverity,
      description: input.description,
      victims: input.victims,
      perpetrator: input.perpetrator,
      estimatedCost: input.estimatedCost ?? null,
      actualCost: input.actualCost ?? null,
      workOrderRef: input.workOrderRef ?? null,
      insuranceClaimRef: input.insuranceClaimRef ?? null,
      status: input.status,
      outcome: null,
      suspectedDuplicateOf: probableDuplicates[0] ?? null,
    });
    if (id === undefined) throw conflict('Clé d’idempotence déjà utilisée en parallèle, réessayer / Idempotency key used concurrently, retry');
    await repository.insertHistory(tx, organisationId, id, authorOf(actor), [{ field: 'status', before: null, after: input.status }]);
    const incident = (await repository.findIncident(tx, organisationId, id))!;
    await auditWrite(tx, actor, { action: 'incident.create', objectType: 'incident', objectId: id, after: auditedFacts(incident) });
    await auditConfirmedText(tx, actor, id, confirmed);
    return { incident, suggestedSeverity: category.defaultSeverity, probableDuplicates, created: true };
  });
}

/** The answer already given for an offline capture sent again (to whoever may still read it). */
async function replay(db: Queryable, actor: Actor, id: number): Promise<CreatedIncident> {
  const incident = await accessibleIncident(db, actor, id, 'read_incident');
  const [category] = await currentCategories(db, actor.organisationId, incident.categoryCode);
  return { incident, suggestedSeverity: category?.defaultSeverity ?? incident.severity, probableDuplicates: [], created: false };
}

async function placeOf(db: Queryable, organisationId: number, place: CreateIncidentInput['place']) {
  const resolved = await repository.resolvePlace(db, organisationId, place.kind, place.id);
  if (!resolved) throw validationError('Lieu inconnu / Unknown place', [{ field: 'place.id', message: `Aucun lieu « ${place.kind} » n° ${place.id} / No such ${place.kind}` }]);
  if (resolved.lon === null || resolved.lat === null) {
    throw validationError('Lieu sans position / Place without a position', [{ field: 'place.id', message: 'Ce lieu n’a pas de coordonnées, choisir un bâtiment ou une entrée / Choose a building or an entrance' }]);
  }
  return { ...resolved, lon: resolved.lon, lat: resolved.lat };
}

/** Earlier live incidents that the duplicate rule matches, nearest in time first. */
async function findProbableDuplicates(db: Queryable, organisationId: number, probe: Parameters<typeof isProbableDuplicate>[0]): Promise<number[]> {
  const window = duplicateSearchWindow(probe.occurredAt);
  const candidates = await repository.listDuplicateCandidates(db, organisationId, probe.family, window.from, window.until);
  const distanceInTime = (at: Date) => Math.abs(at.getTime() - probe.occurredAt.getTime());
  return candidates
    .filter((candidate) => isProbableDuplicate(probe, candidate))
    .sort((a, b) => distanceInTime(a.occurredAt) - distanceInTime(b.occurredAt) || a.id - b.id)
    .map((candidate) => candidate.id);
}

// ——— Reading ———

/**
 * An incident the actor may act on with `permission`: 404 when the organisation has no such
 * incident, 403 when it lies outside the actor's perimeter, 404 again for an attack on staff the
 * actor may not see (confidential ones are not even admitted to exist).
 */
async function accessibleIncident(db: Queryable, actor: Actor, id: number, permission: Permission, lock = false): Promise<repository.IncidentRecord> {
  await requireAccess(db, actor, permission, { kind: 'incident', id });
  const incident = await repository.findIncident(db, actor.organisationId, id, lock);
  if (!incident || !canViewIncident(viewerOf(actor), { ...incident, organisationId: actor.organisationId })) throw notFound(`Incident ${id}`);
  return incident;
}

const isConfidential = (incident: { family: repository.IncidentRecord['family'] }) => CONFIDENTIAL_FAMILIES.includes(incident.family);

/** Reading an incident through the API: an attack on staff is a sensitive record, its reading audited. */
export async function readIncident(db: Database, actor: Actor, id: number) {
  const detail = await incidentDetail(db, actor, id);
  if (isConfidential(detail)) {
    await db.transaction((tx) => auditWrite(tx, actor, { action: 'incident.read', objectType: 'incident', objectId: id }));
  }
  return detail;
}

/** The incident with its timeline; a survivor of merges shows its duplicates' records too. */
async function incidentDetail(db: Queryable, actor: Actor, id: number) {
  const incident = await accessibleIncident(db, actor, id, 'read_incident');
  const mergedIncidents = await repository.listMergedInto(db, actor.organisationId, id);
  const ids = [id, ...mergedIncidents];
  const [actions, comments, history] = await Promise.all([
    repository.listActions(db, actor.organisationId, ids),
    repository.listComments(db, actor.organisationId, ids),
    repository.listHistory(db, actor.organisationId, ids),
  ]);
  const allowedTransitions = incident.duplicateOf === null ? allowedTargets(incident.status) : [];
  const probableDuplicates = incident.duplicateOf === null ? await duplicatesOf(db, actor, incident) : [];
  return { ...incident, allowedTransitions, mergedIncidents, probableDuplicates, actions, comments, history };
}

/**
 * The live incidents the duplicate rule pairs with this one, either way in time (the choices a
 * merge offers). At the same place, they share its perimeter; attacks on staff are offered only
 * to those who see every one of that agency.
 */
async function duplicatesOf(db: Queryable, actor: Actor, incident: repository.IncidentRecord): Promise<number[]> {
  const viewer = viewerOf(actor);
  if (isConfidential(incident) && !viewer.centralObservatory && !viewer.managedAgencyIds.includes(incident.agencyId)) return [];
  const probe = { family: incident.family, occurredAt: new Date(incident.occurredAt), entranceId: incident.entranceId, lon: incident.lon, lat: incident.lat };
  return (await findProbableDuplicates(db, actor.organisationId, probe)).filter((id) => id !== incident.id);
}

function filtersOf(actor: Actor, query: ListFilters): repository.IncidentFilters {
  const { from, to, category, mine, ...rest } = query;
  if (mine && actor.userId === undefined) {
    throw validationError('Filtre réservé à un utilisateur connecté / Filter for a signed-in user', [{ field: 'mine', message: 'Aucun utilisateur connecté / No signed-in user' }]);
  }
  return {
    ...rest,
    recordedBy: mine ? actor.userId : undefined,
    categoryCode: category,
    from: from ? parisMidnight(from) : undefined,
    until: to ? parisMidnight(nextDay(to)) : undefined,
  };
}

/** What the actor may list: its reading perimeter, and the attacks on staff it may see there. */
function visibilityOf(actor: Actor): repository.ListVisibility {
  const perimeter = perimeterFor(actor, 'read_incident');
  if (!perimeter) throw forbidden('Permission « read_incident » refusée (permission denied)');
  return { perimeter, confidential: confidentialFilter(viewerOf(actor)) };
}

export async function listIncidents(db: Queryable, actor: Actor, query: ListQuery) {
  const { limit, cursor, ...filters } = query;
  const rows = await repository.listIncidents(db, actor.organisationId, filtersOf(actor, filters), visibilityOf(actor), cursor ? decodeCursor(cursor) : null, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ occurredAt: last.occurredAt, id: last.id }) : null };
}

/** Beyond this, an export is refused: the filter should be narrowed (or the import/stats CLI used). */
const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 5_000;

/** Every incident the filters select, as CSV; an extraction, hence audited with what it held. */
export async function exportIncidents(db: Database, actor: Actor, query: ListFilters): Promise<string> {
  const filters = filtersOf(actor, query);
  const scope = visibilityOf(actor);
  const incidents: repository.IncidentRecord[] = [];
  let cursor: repository.ListCursor | null = null;
  do {
    const page = await repository.listIncidents(db, actor.organisationId, filters, scope, cursor, EXPORT_PAGE);
    incidents.push(...page);
    if (incidents.length > EXPORT_MAX_ROWS) {
      throw new AppError('too_large', `Plus de ${EXPORT_MAX_ROWS} incidents : restreindre les filtres / More than ${EXPORT_MAX_ROWS} incidents: narrow the filters`);
    }
    const last = page.at(-1);
    cursor = page.length === EXPORT_PAGE && last ? { occurredAt: last.occurredAt, id: last.id } : null;
  } while (cursor);
  const confidential = incidents.filter(isConfidential).length;
  await db.transaction((tx) => auditWrite(tx, actor, { action: 'incident.export', objectType: 'incident', objectId: null, after: { filters: query, incidents: incidents.length, confidential } }));
  return incidentsCsv(incidents);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const NEAREST_PLACE_RADIUS_METRES = 200;

/** Buildings and entrances near a tapped point or the phone's position, nearest first: those the actor may record at. */
export function nearestPlaces(db: Queryable, actor: Actor, lon: number, lat: number) {
  const perimeter = perimeterFor(actor, 'record_incident');
  if (!perimeter) throw forbidden('Permission « record_incident » refusée (permission denied)');
  return repository.listNearestPlaces(db, actor.organisationId, perimeter, lon, lat, NEAREST_PLACE_RADIUS_METRES, 5);
}

// ——— Follow-up ———

function refuseIfMerged(incident: repository.IncidentRecord): void {
  if (incident.duplicateOf !== null) {
    throw conflict(`Incident fusionné dans l’incident ${incident.duplicateOf} : le suivre là-bas / Merged into incident ${incident.duplicateOf}: follow it there`);
  }
}

export async function updateIncident(db: Database, actor: Actor, id: number, input: UpdateIncidentInput) {
  const { sensitiveTextConfirmed, ...change } = input;
  const confirmed = guardFreeText([{ field: 'description', text: change.description }], sensitiveTextConfirmed);
  await db.transaction(async (tx) => {
    const incident = await accessibleIncident(tx, actor, id, 'manage_incident', true);
    refuseIfMerged(incident);
    const { categoryCode, ...facts } = change;
    const category = categoryCode && categoryCode !== incident.categoryCode
      ? await activeCategory(tx, actor.organisationId, categoryCode, 'categoryCode')
      : undefined;
    checkVictims(facts.victims ?? incident.victims, category?.family ?? incident.family);
    const patch = {
      ...facts,
      ...(category ? { categoryCode: category.code, categoryVersion: category.version, family: category.family } : {}),
    };
    const changes = diffFields(incident, patch);
    if (changes.length === 0) return;
    await repository.updateIncident(tx, actor.organisationId, id, patch);
    await repository.insertHistory(tx, actor.organisationId, id, authorOf(actor), changes);
    await auditWrite(tx, actor, { action: 'incident.update', objectType: 'incident', objectId: id, ...auditedChanges(changes) });
    if (changes.some((change) => change.field === 'description')) await auditConfirmedText(tx, actor, id, confirmed);
  });
  return incidentDetail(db, actor, id);
}

export async function transitionIncident(db: Database, actor: Actor, id: number, request: TransitionRequest) {
  await db.transaction(async (tx) => {
    const incident = await accessibleIncident(tx, actor, id, 'manage_incident', true);
    refuseIfMerged(incident);
    const change = applyTransition(incident.status, request);
    const patch = { status: change.status, outcome: change.outcome };
    await repository.updateIncident(tx, actor.organisationId, id, patch);
    await repository.insertHistory(tx, actor.organisationId, id, authorOf(actor), diffFields(incident, patch), change.reason);
    await auditWrite(tx, actor, {
      action: 'incident.transition', objectType: 'incident', objectId: id,
      before: { status: incident.status, outcome: incident.outcome }, after: patch,
    });
  });
  return incidentDetail(db, actor, id);
}

export async function addAction(db: Database, actor: Actor, id: number, input: ActionInput & { sensitiveTextConfirmed?: boolean }, now = new Date()) {
  const confirmed = guardFreeText([{ field: 'note', text: input.note }], input.sensitiveTextConfirmed);
  return db.transaction(async (tx) => {
    const incident = await accessibleIncident(tx, actor, id, 'manage_incident', true);
    refuseIfMerged(incident);
    const action = validateAction(input, incident.family, parisDay(now));
    const added = await repository.insertAction(tx, actor.organisationId, id, action, authorOf(actor));
    await auditWrite(tx, actor, {
      action: 'incident.action', objectType: 'incident', objectId: id,
      after: { actionId: added.id, kind: added.kind, date: added.date, legalOutcome: added.legalOutcome },
    });
    await auditConfirmedText(tx, actor, id, confirmed);
    return added;
  });
}

/** Whoever may record incidents may add to one of their perimeter what they learn since. */
export async function addComment(db: Database, actor: Actor, id: number, body: string, sensitiveTextConfirmed?: boolean) {
  const confirmed = guardFreeText([{ field: 'body', text: body }], sensitiveTextConfirmed);
  return db.transaction(async (tx) => {
    await accessibleIncident(tx, actor, id, 'record_incident', true);
    const comment = await repository.insertComment(tx, actor.organisationId, id, body.trim(), authorOf(actor));
    await auditWrite(tx, actor, { action: 'incident.comment', objectType: 'incident', objectId: id, after: { commentId: comment.id } });
    await auditConfirmedText(tx, actor, id, confirmed);
    return comment;
  });
}

/**
 * Merges `duplicateId` into `survivorId`: the duplicate stays, frozen, with its own history,
 * actions and comments, which the survivor's detail shows beside its own.
 */
export async function mergeIncidents(db: Database, actor: Actor, survivorId: number, duplicateId: number) {
  if (survivorId === duplicateId) {
    throw validationError('Un incident ne se fusionne pas avec lui-même / An incident cannot be merged into itself', [{ field: 'duplicateId', message: 'Choisir un autre incident / Choose another incident' }]);
  }
  await db.transaction(async (tx) => {
    // Locks in id order, so two opposite merges cannot deadlock.
    const [first, second] = [Math.min(survivorId, duplicateId), Math.max(survivorId, duplicateId)];
    const locked = [await accessibleIncident(tx, actor, first, 'manage_incident', true), await accessibleIncident(tx, actor, second, 'manage_incident', true)];
    const survivor = locked.find((incident) => incident.id === survivorId)!;
    const duplicate = locked.find((incident) => incident.id === duplicateId)!;
    refuseIfMerged(survivor);
    refuseIfMerged(duplicate);
    await repository.markMerged(tx, actor.organisationId, duplicateId, survivorId);
    await repository.insertHistory(tx, actor.organisationId, duplicateId, authorOf(actor), [{ field: 'duplicateOf', before: null, after: survivorId }]);
    await repository.insertHistory(tx, actor.organisationId, survivorId, authorOf(actor), [{ field: 'merged', before: null, after: duplicateId }]);
    await auditWrite(tx, actor, { action: 'incident.merge', objectType: 'incident', objectId: survivorId, before: { duplicateOf: null }, after: { duplicateId } });
  });
  return incidentDetail(db, actor, survivorId);
}

// ——— Hall levels ———

/** The level of every entrance of a residence over the 90 days ending on `asOf` (a Paris day). */
export async function hallLevels(db: Queryable, actor: Actor, residenceId: number, asOf: string = parisDay(new Date())) {
  await requireAccess(db, actor, 'read_incident', { kind: 'residence', id: residenceId });
  const until = parisMidnight(nextDay(asOf));
  const entrances = await repository.listEntranceTallies(db, actor.organisationId, residenceId, hallWindowStart(until), until);
  return {
    residenceId,
    asOf,
    windowDays: HALL_WINDOW_DAYS,
    entrances: entrances.map(({ tallies, ...entrance }) => ({ ...entrance, ...assessHall(tallies) })),
  };
}

/** Counts of the incidents in the actor's reading perimeter (`vigie stats incidents`). */
export function incidentStats(db: Queryable, actor: Actor) {
  const { perimeter } = visibilityOf(actor);
  return repository.countIncidents(db, actor.organisationId, perimeter);
}
