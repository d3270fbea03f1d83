import { queryOne, type Queryable } from '../db/database.js';
import type { Grant, ResolvedTarget } from './domain/perimeter.js';
import type { Role } from './domain/roles.js';

/** SQL only: accounts, role assignments, sessions, and the places an object belongs to. */

export type TargetRef =
  | { kind: 'organisation' }
  | { kind: 'directorate' | 'agency' | 'residence' | 'building' | 'entrance' | 'dwelling' | 'incident' | 'renovation_operation'; id: number }
  | { kind: 'commune'; insee: string };

/** Rows (agency_id, directorate_id, commune_insee) an object touches, per kind of object. */
const PLACES: Record<Exclude<TargetRef['kind'], 'organisation'>, string> = {
  directorate: `SELECT a.id AS agency_id, d.id AS directorate_id, NULL::text AS commune_insee FROM directorates d
    LEFT JOIN agencies a ON a.organisation_id = d.organisation_id AND a.directorate_id = d.id
    WHERE d.organisation_id = $1 AND d.id = $2`,
  agency: `SELECT a.id, a.directorate_id, NULL::text FROM agencies a WHERE a.organisation_id = $1 AND a.id = $2`,
  residence: `SELECT r.agency_id, a.directorate_id, r.commune_insee FROM residences r
    JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE r.organisation_id = $1 AND r.id = $2`,
  building: `SELECT r.agency_id, a.directorate_id, b.commune_insee FROM buildings b
    JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
    JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE b.organisation_id = $1 AND b.id = $2`,
  entrance: `SELECT r.agency_id, a.directorate_id, b.commune_insee FROM entrances e
    JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
    JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
    JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE e.organisation_id = $1 AND e.id = $2`,
  dwelling: `SELECT r.agency_id, a.directorate_id, b.commune_insee FROM dwellings d
    JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
    JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
    JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE d.organisation_id = $1 AND d.id = $2`,
  // An incident lies where it was recorded: its agency, and its building's commune (else its residence's).
  incident: `SELECT i.agency_id, a.directorate_id, coalesce(b.commune_insee, r.commune_insee) FROM incidents i
    JOIN agencies a ON a.organisation_id = i.organisation_id AND a.id = i.agency_id
    JOIN residences r ON r.organisation_id = i.organisation_id AND r.id = i.residence_id
    LEFT JOIN buildings b ON b.organisation_id = i.organisation_id AND b.id = i.building_id
    WHERE i.organisation_id = $1 AND i.id = $2`,
  // A renovation operation spans the places of all its dwellings (a whole perimeter must hold them).
  renovation_operation: `SELECT r.agency_id, a.directorate_id, b.commune_insee FROM renovation_operations o
    LEFT JOIN renovation_operation_dwellings od ON od.organisation_id = o.organisation_id AND od.operation_id = o.id
    LEFT JOIN dwellings d ON d.organisation_id = od.organisation_id AND d.id = od.dwelling_id
    LEFT JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
    LEFT JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
    LEFT JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE o.organisation_id = $1 AND o.id = $2`,
  // A commune spans the agencies (and directorates) holding residences there.
  commune: `SELECT r.agency_id, a.directorate_id, c.insee_code FROM communes c
    LEFT JOIN residences r ON r.organisation_id = $1 AND r.commune_insee = c.insee_code
    LEFT JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
    WHERE c.insee_code = $2`,
};

/** The id sets an object of the organisation spans; undefined when it is not in that organisation. */
export async function resolveTarget(db: Queryable, organisationId: number, target: TargetRef): Promise<ResolvedTarget | undefined> {
  if (target.kind === 'organisation') {
    const found = await queryOne<{ id: number }>(db, 'SELECT id FROM organisations WHERE id = $1', [organisationId]);
    return found ? { organisationId, wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] } : undefined;
  }
  const key = target.kind === 'commune' ? target.insee : target.id;
  const [row] = await db.query<{ found: number; agencyIds: number[]; directorateIds: number[]; communes: string[] }>(
    `WITH places (agency_id, directorate_id, commune_insee) AS (${PLACES[target.kind]})
     SELECT count(*) AS found,
       coalesce(array_agg(DISTINCT agency_id) FILTER (WHERE agency_id IS NOT NULL), '{}') AS "agencyIds",
       coalesce(array_agg(DISTINCT directorate_id) FILTER (WHERE directorate_id IS NOT NULL), '{}') AS "directorateIds",
       coalesce(array_agg(DISTINCT commune_insee) FILTER (WHERE commune_insee IS NOT NULL), '{}') AS communes
     FROM places`,
    [organisationId, key],
  );
  if (!row || row.found === 0) return undefined;
  return { organisationId, wholeOrganisation: false, agencyIds: row.agencyIds, directorateIds: row.directorateIds, communes: row.communes };
}

/** A user's roles with their perimeters, in one query (loaded once per request). */
export async function loadGrants(db: Queryable, organisationId: number, userId: number): Promise<Grant[]> {
  const rows = await db.query<{ role: Role; wholeOrganisation: boolean; agencyIds: number[]; directorateIds: number[]; communes: string[] }>(
    `SELECT ra.role, ra.whole_organisation AS "wholeOrganisation",
       coalesce(array_agg(p.agency_id ORDER BY p.agency_id) FILTER (WHERE p.agency_id IS NOT NULL), '{}') AS "agencyIds",
       coalesce(array_agg(p.directorate_id ORDER BY p.directorate_id) FILTER (WHERE p.directorate_id IS NOT NULL), '{}') AS "directorateIds",
       coalesce(array_agg(p.commune_insee ORDER BY p.commune_insee) FILTER (WHERE p.commune_insee IS NOT NULL), '{}') AS communes
     FROM role_assignments ra
     LEFT JOIN role_perimeter_items p ON p.organisation_id = ra.organisation_id AND p.assignment_id = ra.id
     WHERE ra.organisation_id = $1 AND ra.user_id = $2
     GROUP BY ra.id, ra.role, ra.whole_organisation
     ORDER BY ra.role`,
    [organisationId, userId],
  );
  return rows.map(({ role, ...perimeter }) => ({ role, perimeter }));
}

export interface Account {
  organisationId: number;
  id: number;
  email: string;
  displayName: string;
  passwordHash: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: Date | null;
}

const ACCOUNT_COLUMNS = `organisation_id AS "organisationId", id, email, display_name AS "displayName", password_hash AS "passwordHash",
  must_change_password AS "mustChangePassword", disabled, failed_attempts AS "failedAttempts", locked_until AS "lockedUntil"`;

/** Accounts holding this email in any organisation (the look-up made before the tenant is known). */
export function accountsByEmail(db: Queryable, email: string) {
  return db.query<{ organisationId: number; userId: number; siren: string }>(
    'SELECT organisation_id AS "organisationId", user_id AS "userId", siren FROM vigie_accounts_by_email($1)',
    [email],
  );
}

export function findAccount(db: Queryable, organisationId: number, userId: number) {
  return queryOne<Account>(db, `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE organisation_id = $1 AND id = $2`, [organisationId, userId]);
}

export function findAccountByEmail(db: Queryable, organisationId: number, email: string) {
  return queryOne<Account>(db, `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE organisation_id = $1 AND email = $2`, [organisationId, email]);
}

/** Counts one failure; past `maxFailures` the account is locked for `lockMinutes` and the count restarts. */
export async function recordFailure(db: Queryable, organisationId: number, userId: number, maxFailures: number, lockMinutes: number) {
  const [row] = await db.query<{ lockedUntil: Date | null }>(
    `UPDATE users SET
       failed_attempts = CASE WHEN failed_attempts + 1 >= $3 THEN 0 ELSE failed_attempts + 1 END,
       locked_until = CASE WHEN failed_attempts + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
     WHERE organisation_id = $1 AND id = $2
     RETURNING CASE WHEN failed_attempts = 0 THEN locked_until END AS "lockedUntil"`,
    [organisationId, userId, maxFailures, lockMinutes],
  );
  return row?.lockedUntil ?? null;
}

export async function clearFailures(db: Queryable, organisationId: number, userId: number): Promise<void> {
  await db.query('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE organisation_id = $1 AND id = $2', [organisationId, userId]);
}

export interface NewUser {
  organisationId: number;
  email: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO users (organisation_id, email, display_name, password_hash, must_change_password, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
    [user.organisationId, user.email, user.displayName, user.passwordHash, user.mustChangePassword],
  );
  return row!.id;
}

export async function insertGrant(db: Queryable, organisationId: number, userId: number, grant: Grant): Promise<void> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO role_assignments (organisation_id, user_id, role, whole_organisation) VALUES ($1, $2, $3, $4) RETURNING id',
    [organisationId, userId, grant.role, grant.perimeter.wholeOrganisation],
  );
  await db.query(
    `INSERT INTO role_perimeter_items (organisation_id, assignment_id, agency_id, directorate_id, commune_insee)
     SELECT $1, $2, agency_id, directorate_id, commune_insee FROM (
       SELECT unnest($3::int[]) AS agency_id, NULL::int AS directorate_id, NULL::text AS commune_insee
       UNION ALL SELECT NULL, unnest($4::int[]), NULL
       UNION ALL SELECT NULL, NULL, unnest($5::text[])) items`,
    [organisationId, row!.id, grant.perimeter.agencyIds, grant.perimeter.directorateIds, grant.perimeter.communes],
  );
}

export async function setDisabled(db: Queryable, organisationId: number, userId: number, disabled: boolean): Promise<void> {
  await db.query('UPDATE users SET disabled = $3 WHERE organisation_id = $1 AND id = $2', [organisationId, userId, disabled]);
}

export async function setPassword(db: Queryable, organisationId: number, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.query(
    `UPDATE users SET password_hash = $3, must_change_password = $4, password_changed_at = now(), failed_attempts = 0, locked_until = NULL
     WHERE organisation_id = $1 AND id = $2`,
    [organisationId, userId, passwordHash, mustChange],
  );
}

/** Ids (in the organisation) of agencies and directorates given by their external ids; unknown ones are absent. */
export function findUnitIds(db: Queryable, organisationId: number, table: 'agencies' | 'directorates', externalIds: readonly string[]) {
  return db.query<{ id: number; externalId: string }>(
    `SELECT id, external_id AS "externalId" FROM ${table} WHERE organisation_id = $1 AND external_id = ANY($2::text[])`,
    [organisationId, externalIds],
  );
}

/** Of `codes`, the communes where the organisation holds residences or buildings (a partner's perimeter is made of those). */
export async function patrimonyCommunes(db: Queryable, organisationId: number, codes: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT insee_code AS code FROM communes WHERE insee_code = ANY($2::text[]) AND insee_code IN (
       SELECT commune_insee FROM residences WHERE organisation_id = $1 UNION SELECT commune_insee FROM buildings WHERE organisation_id = $1)`,
    [organisationId, codes],
  );
  return rows.map((row) => row.code);
}

export async function organisationBySiren(db: Queryable, siren: string | undefined) {
  return db.query<{ id: number; siren: string }>(
    'SELECT id, siren FROM organisations WHERE $1::text IS NULL OR siren = $1 ORDER BY id LIMIT 2',
    [siren ?? null],
  );
}

// Sessions

export interface SessionRow {
  organisationId: number;
  id: number;
  userId: number;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function insertSession(db: Queryable, organisationId: number, userId: number, tokenHash: string, lifetimeMinutes: number): Promise<void> {
  await db.query(
    `INSERT INTO sessions (organisation_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [organisationId, userId, tokenHash, lifetimeMinutes],
  );
}

/** Which organisation a session token belongs to (the look-up made before the tenant is known). */
export function sessionOwner(db: Queryable, tokenHash: string) {
  return queryOne<{ organisationId: number; sessionId: number }>(
    db,
    'SELECT organisation_id AS "organisationId", session_id AS "sessionId" FROM vigie_session_by_token($1)',
    [tokenHash],
  );
}

export function findSession(db: Queryable, organisationId: number, tokenHash: string) {
  return queryOne<SessionRow>(
    db,
    `SELECT organisation_id AS "organisationId", id, user_id AS "userId", expires_at AS "expiresAt", last_seen_at AS "lastSeenAt"
     FROM sessions WHERE organisation_id = $1 AND token_hash = $2`,
    [organisationId, tokenHash],
  );
}

export async function touchSession(db: Queryable, organisationId: number, sessionId: number): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE organisation_id = $1 AND id = $2', [organisationId, sessionId]);
}

export async function deleteSession(db: Queryable, organisationId: number, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE organisation_id = $1 AND token_hash = $2', [organisationId, tokenHash]);
}

export async function deleteUserSessions(db: Queryable, organisationId: number, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE organisation_id = $1 AND user_id = $2', [organisationId, userId]);
}

export async function deleteExpiredSessions(db: Queryable, organisationId: number, userId: number, idleMinutes: number): Promise<void> {
  await db.query(
    `DELETE FROM sessions WHERE organisation_id = $1 AND user_id = $2
       AND (expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $3))`,
    [organisationId, userId, idleMinutes],
  );
}
