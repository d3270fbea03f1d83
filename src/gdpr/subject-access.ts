import { auditWrite } from '../access/audit.js';
import { requireAccess } from '../access/authorize.js';
import { validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';

/**
 * Right of access (GDPR art. 15): everything Vigie holds about a dwelling or a named person.
 * Other people named in the same pre-litigation file are left out (art. 15(4)).
 */
export type Subject = { dwellingId: number } | { person: string };

export interface SubjectAccessExport {
  subject: Subject;
  generatedAt: string;
  dwelling: Record<string, unknown> | null;
  incidents: Record<string, unknown>[];
  preLitigationFiles: Record<string, unknown>[];
  accounts: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
}

const INCIDENT_COLUMNS = `i.id, i.occurred_at AS "occurredAt", i.recorded_at AS "recordedAt", i.place_kind AS "placeKind", i.dwelling_id AS "dwellingId",
  i.category_code AS "categoryCode", i.severity, i.status, i.description, i.perpetrator, i.victims`;

function dwellingOf(db: Queryable, organisationId: number, dwellingId: number) {
  return db.query<Record<string, unknown>>(
    `SELECT d.id, d.external_id AS "externalId", d.rpls_id AS "rplsId", d.building_id AS "buildingId", d.entrance_id AS "entranceId", d.floor,
       b.street_number AS "streetNumber", b.street_type AS "streetType", b.street_name AS "streetName", b.commune_insee AS "communeInsee"
     FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     WHERE d.organisation_id = $1 AND d.id = $2`, [organisationId, dwellingId]);
}

/** The persons matching the subject, with their file. */
function matchingPersons(db: Queryable, organisationId: number, subject: Subject) {
  return db.query<{ fileId: number; personId: number; fullName: string; role: string; dwellingId: number | null }>(
    `SELECT file_id AS "fileId", id AS "personId", full_name AS "fullName", role, dwelling_id AS "dwellingId" FROM pre_litigation_persons
     WHERE organisation_id = $1 AND ($2::int IS NOT NULL AND dwelling_id = $2 OR $3::text IS NOT NULL AND lower(full_name) = lower($3))
     ORDER BY file_id, id`,
    [organisationId, 'dwellingId' in subject ? subject.dwellingId : null, 'person' in subject ? subject.person.trim() : null]);
}

async function filesOf(db: Queryable, organisationId: number, persons: Awaited<ReturnType<typeof matchingPersons>>) {
  const fileIds = [...new Set(persons.map((person) => person.fileId))];
  const files = await db.query<{ id: number; incidentIds: number[] } & Record<string, unknown>>(
    `SELECT f.id, f.agency_id AS "agencyId", f.title, f.status, f.opened_at AS "openedAt", f.closed_at AS "closedAt",
       ARRAY(SELECT incident_id::int FROM pre_litigation_incidents l WHERE l.organisation_id = f.organisation_id AND l.file_id = f.id ORDER BY 1) AS "incidentIds",
       (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'date', s.step_date, 'note', s.note) ORDER BY s.step_date, s.id), '[]')
          FROM pre_litigation_steps s WHERE s.organisation_id = f.organisation_id AND s.file_id = f.id) AS steps
     FROM pre_litigation_files f WHERE f.organisation_id = $1 AND f.id = ANY($2::int[]) ORDER BY f.id`, [organisationId, fileIds]);
  return files.map((file) => ({ ...file, persons: persons.filter((person) => person.fileId === file.id).map(({ fileId: _, ...person }) => person) }));
}

function accountsNamed(db: Queryable, organisationId: number, name: string) {
  return db.query<{ id: number } & Record<string, unknown>>(
    `SELECT u.id, u.email, u.display_name AS "displayName", u.created_at AS "createdAt", u.disabled,
       ARRAY(SELECT role FROM role_assignments r WHERE r.organisation_id = u.organisation_id AND r.user_id = u.id ORDER BY 1) AS roles
     FROM users u WHERE u.organisation_id = $1 AND lower(u.display_name) = lower($2) ORDER BY u.id`, [organisationId, name.trim()]);
}

function auditAbout(db: Queryable, organisationId: number, objects: { type: string; ids: (number | string)[] }[], actorIds: number[]) {
  return db.query<Record<string, unknown>>(
    `SELECT seq, occurred_at AS "occurredAt", actor_label AS "actorLabel", action, object_type AS "objectType", object_id AS "objectId", before, after
     FROM audit_log a WHERE organisation_id = $1
       AND (EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS o(type text, id text) WHERE o.type = a.object_type AND o.id = a.object_id)
            OR actor_user_id = ANY($3::int[]))
     ORDER BY seq`,
    [organisationId, JSON.stringify(objects.flatMap(({ type, ids }) => ids.map((id) => ({ type, id: String(id) })))), actorIds]);
}

export function checkSubject(input: { dwellingId?: number; person?: string }): Subject {
  const person = input.person?.trim();
  if ((input.dwellingId === undefined) === !person) {
    throw validationError('Un logement ou une personne (a dwelling or a person)', [{ field: 'dwellingId', message: 'Donnez soit dwellingId, soit person (exactly one of dwellingId, person)' }]);
  }
  return input.dwellingId !== undefined ? { dwellingId: input.dwellingId } : { person: person! };
}

/** The export, read in one transaction that also audits it (without the person's name). */
export async function subjectAccess(db: Database, actor: Actor, subject: Subject, now = new Date()): Promise<SubjectAccessExport> {
  await requireAccess(db, actor, 'read_audit', { kind: 'organisation' });
  const org = actor.organisationId;
  return db.transaction(async (tx) => {
    const dwelling = 'dwellingId' in subject ? (await dwellingOf(tx, org, subject.dwellingId))[0] ?? null : null;
    const persons = await matchingPersons(tx, org, subject);
    const files = await filesOf(tx, org, persons);
    const fileIncidentIds = files.flatMap((file) => file.incidentIds);
    const incidents = await tx.query<{ id: number } & Record<string, unknown>>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.organisation_id = $1 AND ($2::int IS NOT NULL AND i.dwelling_id = $2 OR i.id = ANY($3::bigint[])) ORDER BY i.id`,
      [org, 'dwellingId' in subject ? subject.dwellingId : null, fileIncidentIds]);
    const accounts = 'person' in subject ? await accountsNamed(tx, org, subject.person) : [];
    const auditEntries = await auditAbout(tx, org, [
      { type: 'dwelling', ids: 'dwellingId' in subject ? [subject.dwellingId] : [] },
      { type: 'incident', ids: incidents.map((incident) => incident.id) },
      { type: 'pre_litigation_file', ids: files.map((file) => file.id) },
      { type: 'user', ids: accounts.map((account) => account.id) },
    ], accounts.map((account) => account.id));
    await auditWrite(tx, actor, {
      action: 'subject_access.export', objectType: 'dwellingId' in subject ? 'dwelling' : 'person',
      objectId: 'dwellingId' in subject ? subject.dwellingId : null,
      after: { incidents: incidents.length, preLitigationFiles: files.length, accounts: accounts.length, auditEntries: auditEntries.length },
    });
    return { subject, generatedAt: now.toISOString(), dwelling, incidents, preLitigationFiles: files, accounts, auditEntries };
  });
}
