import { auditWrite } from '../access/audit.js';
import { perimeterFor, requireAccess } from '../access/authorize.js';
import { forbidden, notFound, validationError, type FieldError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { statusChangeError, stepError, type FileStatus, type PersonRole, type StepKind } from './domain/file.js';
import * as repository from './repository.js';

export interface PersonInput {
  fullName: string;
  role: PersonRole;
  dwellingId?: number | null;
}

export interface FileInput {
  title: string;
  incidentIds: number[];
  persons: PersonInput[];
}

/*
 * The audit entries of this purpose name no one: ids, statuses and counts only, so that the
 * append-only log does not keep an identity after the file itself has been deleted.
 */
const auditedFile = (file: repository.FileRecord) => ({
  agencyId: file.agencyId, status: file.status, incidentIds: file.incidentIds, persons: file.people.length, steps: file.steps.length,
});

export async function listFiles(db: Queryable, actor: Actor, status?: FileStatus): Promise<repository.FileSummary[]> {
  const perimeter = perimeterFor(actor, 'read_pre_litigation');
  if (!perimeter) throw forbidden('Permission « read_pre_litigation » refusée (permission denied)');
  return repository.listFiles(db, actor.organisationId, perimeter, status);
}

/** A file the actor may use for `permission` (its agency in their perimeter), locked for a write. */
async function accessibleFile(tx: Queryable, actor: Actor, fileId: number, permission: 'read_pre_litigation' | 'manage_pre_litigation') {
  const file = await repository.findFile(tx, actor.organisationId, fileId, permission === 'manage_pre_litigation');
  if (!file) throw notFound(`pre-litigation file ${fileId}`);
  await requireAccess(tx, actor, permission, { kind: 'agency', id: file.agencyId });
  return file;
}

/** Every read of a file is audited: it names people. */
export function readFile(db: Database, actor: Actor, fileId: number): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    const file = await accessibleFile(tx, actor, fileId, 'read_pre_litigation');
    await auditWrite(tx, actor, { action: 'pre_litigation.read', objectType: 'pre_litigation_file', objectId: fileId });
    return file;
  });
}

export function createFile(db: Database, actor: Actor, input: FileInput): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    const agencyId = await commonAgency(tx, actor, input.incidentIds);
    await checkDwellings(tx, actor, input.persons.map((person, index) => ({ field: `persons.${index}.dwellingId`, id: person.dwellingId })));
    const fileId = await repository.insertFile(tx, actor.organisationId, { agencyId, title: input.title, createdBy: actor.userId ?? null });
    await repository.linkIncidents(tx, actor.organisationId, fileId, input.incidentIds);
    for (const person of input.persons) await repository.insertPerson(tx, actor.organisationId, fileId, { ...person, dwellingId: person.dwellingId ?? null });
    const file = (await repository.findFile(tx, actor.organisationId, fileId))!;
    await auditWrite(tx, actor, { action: 'pre_litigation.create', objectType: 'pre_litigation_file', objectId: fileId, after: auditedFile(file) });
    return file;
  });
}

/** Incidents of one file must all exist, lie in the actor's perimeter, and share one agency. */
async function commonAgency(tx: Queryable, actor: Actor, incidentIds: readonly number[]): Promise<number> {
  const found = await repository.incidentAgencies(tx, actor.organisationId, incidentIds);
  const missing = incidentIds.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw notFound(`incident ${missing.join(', ')}`);
  for (const id of new Set(incidentIds)) await requireAccess(tx, actor, 'manage_pre_litigation', { kind: 'incident', id });
  const agencies = new Set(found.map((row) => row.agencyId));
  if (agencies.size !== 1) {
    throw validationError('Les incidents d’un dossier relèvent d’une même agence (one agency per file)', [
      { field: 'incidentIds', message: 'Incidents de plusieurs agences (incidents of several agencies)' },
    ]);
  }
  return [...agencies][0]!;
}

async function checkDwellings(tx: Queryable, actor: Actor, references: { field: string; id: number | null | undefined }[]): Promise<void> {
  const ids = references.map((reference) => reference.id).filter((id): id is number => typeof id === 'number');
  const existing = await repository.existingDwellings(tx, actor.organisationId, ids);
  const errors: FieldError[] = references
    .filter((reference) => typeof reference.id === 'number' && !existing.has(reference.id))
    .map((reference) => ({ field: reference.field, message: `Logement inconnu (unknown dwelling) ${reference.id}` }));
  if (errors.length > 0) throw validationError('Logement inconnu (unknown dwelling)', errors);
}

export function changeStatus(db: Database, actor: Actor, fileId: number, status: FileStatus): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    const before = await accessibleFile(tx, actor, fileId, 'manage_pre_litigation');
    const error = statusChangeError(before.status, status, before.steps.map((step) => step.kind));
    if (error) throw validationError(error.message, [error]);
    await repository.setStatus(tx, actor.organisationId, fileId, status);
    const after = (await repository.findFile(tx, actor.organisationId, fileId))!;
    await auditWrite(tx, actor, { action: 'pre_litigation.status', objectType: 'pre_litigation_file', objectId: fileId, before: { status: before.status }, after: { status } });
    return after;
  });
}

export function addStep(db: Database, actor: Actor, fileId: number, step: { kind: StepKind; date: string; note?: string | null }): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    const file = await accessibleFile(tx, actor, fileId, 'manage_pre_litigation');
    const error = stepError(file.status);
    if (error) throw validationError(error.message, [error]);
    const stepId = await repository.insertStep(tx, actor.organisationId, fileId, { kind: step.kind, date: step.date, note: step.note ?? null, recordedBy: actor.userId ?? null });
    await auditWrite(tx, actor, { action: 'pre_litigation.step', objectType: 'pre_litigation_file', objectId: fileId, after: { stepId, kind: step.kind, date: step.date } });
    return (await repository.findFile(tx, actor.organisationId, fileId))!;
  });
}

export function addPerson(db: Database, actor: Actor, fileId: number, person: PersonInput): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    await accessibleFile(tx, actor, fileId, 'manage_pre_litigation');
    await checkDwellings(tx, actor, [{ field: 'dwellingId', id: person.dwellingId }]);
    const personId = await repository.insertPerson(tx, actor.organisationId, fileId, { ...person, dwellingId: person.dwellingId ?? null });
    await repository.touch(tx, actor.organisationId, fileId);
    await auditWrite(tx, actor, { action: 'pre_litigation.person', objectType: 'pre_litigation_file', objectId: fileId, after: { personId, role: person.role, dwellingId: person.dwellingId ?? null } });
    return (await repository.findFile(tx, actor.organisationId, fileId))!;
  });
}

export function linkIncident(db: Database, actor: Actor, fileId: number, incidentId: number): Promise<repository.FileRecord> {
  return db.transaction(async (tx) => {
    const file = await accessibleFile(tx, actor, fileId, 'manage_pre_litigation');
    const agencyId = await commonAgency(tx, actor, [incidentId]);
    if (agencyId !== file.agencyId) {
      throw validationError('Incident d’une autre agence que le dossier (incident of another agency)', [{ field: 'incidentId', message: 'Autre agence (another agency)' }]);
    }
    await repository.linkIncidents(tx, actor.organisationId, fileId, [incidentId]);
    await repository.touch(tx, actor.organisationId, fileId);
    await auditWrite(tx, actor, { action: 'pre_litigation.link', objectType: 'pre_litigation_file', objectId: fileId, after: { incidentId } });
    return (await repository.findFile(tx, actor.organisationId, fileId))!;
  });
}
