import { queryOne, type Queryable } from '../db/database.js';
import type { Perimeter } from '../access/domain/perimeter.js';
import type { FileStatus, PersonRole, StepKind } from './domain/file.js';

/** SQL only: pre-litigation files, their incidents, persons and legal steps. */

export interface FileSummary {
  id: number;
  agencyId: number;
  title: string;
  status: FileStatus;
  openedAt: Date;
  closedAt: Date | null;
  incidents: number;
  persons: number;
}

export interface Person {
  id: number;
  fullName: string;
  role: PersonRole;
  dwellingId: number | null;
}

export interface Step {
  id: number;
  kind: StepKind;
  date: string;
  note: string | null;
  recordedAt: Date;
}

export interface FileRecord extends FileSummary {
  incidentIds: number[];
  people: Person[];
  steps: Step[];
}

const SUMMARY = `f.id, f.agency_id AS "agencyId", f.title, f.status, f.opened_at AS "openedAt", f.closed_at AS "closedAt",
  (SELECT count(*) FROM pre_litigation_incidents i WHERE i.organisation_id = f.organisation_id AND i.file_id = f.id)::int AS incidents,
  (SELECT count(*) FROM pre_litigation_persons p WHERE p.organisation_id = f.organisation_id AND p.file_id = f.id)::int AS persons`;

/** Files of the perimeter (whole organisation, or its agencies and directorates), newest first. */
export function listFiles(db: Queryable, organisationId: number, perimeter: Perimeter, status: FileStatus | undefined) {
  return db.query<FileSummary>(
    `SELECT ${SUMMARY} FROM pre_litigation_files f
     JOIN agencies a ON a.organisation_id = f.organisation_id AND a.id = f.agency_id
     WHERE f.organisation_id = $1 AND ($2 OR f.agency_id = ANY($3::int[]) OR a.directorate_id = ANY($4::int[]))
       AND ($5::text IS NULL OR f.status = $5)
     ORDER BY f.id DESC`,
    [organisationId, perimeter.wholeOrganisation, perimeter.agencyIds, perimeter.directorateIds, status ?? null],
  );
}

export async function findFile(db: Queryable, organisationId: number, fileId: number, lock = false): Promise<FileRecord | undefined> {
  const summary = await queryOne<FileSummary>(
    db, `SELECT ${SUMMARY} FROM pre_litigation_files f WHERE f.organisation_id = $1 AND f.id = $2${lock ? ' FOR UPDATE' : ''}`, [organisationId, fileId]);
  if (!summary) return undefined;
  const incidents = await db.query<{ id: number }>(
    'SELECT incident_id AS id FROM pre_litigation_incidents WHERE organisation_id = $1 AND file_id = $2 ORDER BY incident_id', [organisationId, fileId]);
  const people = await db.query<Person>(
    `SELECT id, full_name AS "fullName", role, dwelling_id AS "dwellingId" FROM pre_litigation_persons
     WHERE organisation_id = $1 AND file_id = $2 ORDER BY id`, [organisationId, fileId]);
  const steps = await db.query<Step>(
    `SELECT id, kind, step_date AS date, note, recorded_at AS "recordedAt" FROM pre_litigation_steps
     WHERE organisation_id = $1 AND file_id = $2 ORDER BY step_date, id`, [organisationId, fileId]);
  return { ...summary, incidentIds: incidents.map((row) => row.id), people, steps };
}

/** The agency of each of these incidents that exists in the organisation. */
export function incidentAgencies(db: Queryable, organisationId: number, incidentIds: readonly number[]) {
  return db.query<{ id: number; agencyId: number }>(
    'SELECT id, agency_id AS "agencyId" FROM incidents WHERE organisation_id = $1 AND id = ANY($2::bigint[])', [organisationId, incidentIds]);
}

/** The ids among `dwellingIds` that exist in the organisation. */
export async function existingDwellings(db: Queryable, organisationId: number, dwellingIds: readonly number[]): Promise<Set<number>> {
  const rows = await db.query<{ id: number }>('SELECT id FROM dwellings WHERE organisation_id = $1 AND id = ANY($2::int[])', [organisationId, dwellingIds]);
  return new Set(rows.map((row) => row.id));
}

export async function insertFile(db: Queryable, organisationId: number, file: { agencyId: number; title: string; createdBy: number | null }): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO pre_litigation_files (organisation_id, agency_id, title, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [organisationId, file.agencyId, file.title, file.createdBy]);
  return row!.id;
}

export async function linkIncidents(db: Queryable, organisationId: number, fileId: number, incidentIds: readonly number[]): Promise<void> {
  await db.query(
    `INSERT INTO pre_litigation_incidents (organisation_id, file_id, incident_id) SELECT $1, $2, unnest($3::bigint[]) ON CONFLICT DO NOTHING`,
    [organisationId, fileId, incidentIds]);
}

export async function insertPerson(db: Queryable, organisationId: number, fileId: number, person: Omit<Person, 'id'>): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO pre_litigation_persons (organisation_id, file_id, full_name, role, dwelling_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [organisationId, fileId, person.fullName, person.role, person.dwellingId]);
  return row!.id;
}

export async function insertStep(db: Queryable, organisationId: number, fileId: number, step: { kind: StepKind; date: string; note: string | null; recordedBy: number | null }): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO pre_litigation_steps (organisation_id, file_id, kind, step_date, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [organisationId, fileId, step.kind, step.date, step.note, step.recordedBy]);
  await touch(db, organisationId, fileId);
  return row!.id;
}

export async function setStatus(db: Queryable, organisationId: number, fileId: number, status: FileStatus): Promise<void> {
  await db.query(
    `UPDATE pre_litigation_files SET status = $3, closed_at = CASE WHEN $3 = 'open' THEN NULL ELSE now() END, updated_at = now()
     WHERE organisation_id = $1 AND id = $2`, [organisationId, fileId, status]);
}

export async function touch(db: Queryable, organisationId: number, fileId: number): Promise<void> {
  await db.query('UPDATE pre_litigation_files SET updated_at = now() WHERE organisation_id = $1 AND id = $2', [organisationId, fileId]);
}
