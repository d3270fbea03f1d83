import type { Queryable } from '../db/database.js';
import type { RetentionRule } from './domain/policy.js';

/** SQL only: what each retention rule selects, and what it does to it. */

export function policyOverrides(db: Queryable, organisationId: number) {
  return db.query<{ rule: RetentionRule; months: number }>('SELECT rule, months FROM retention_policies WHERE organisation_id = $1', [organisationId]);
}

export async function upsertPolicy(db: Queryable, organisationId: number, rule: RetentionRule, months: number): Promise<void> {
  await db.query(
    `INSERT INTO retention_policies (organisation_id, rule, months) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, rule) DO UPDATE SET months = excluded.months, updated_at = now()`,
    [organisationId, rule, months]);
}

export async function organisationIds(db: Queryable, siren?: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>('SELECT id FROM organisations WHERE $1::text IS NULL OR siren = $1 ORDER BY id', [siren ?? null]);
  return rows.map((row) => row.id);
}

/**
 * Incidents due for anonymisation: occurred before the cutoff, not yet anonymised, and not
 * evidence in a pre-litigation file (that file's own retention governs them).
 */
export async function incidentsToAnonymise(db: Queryable, organisationId: number, before: Date): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT i.id FROM incidents i
     WHERE i.organisation_id = $1 AND i.anonymised_at IS NULL AND i.occurred_at < $2
       AND NOT EXISTS (SELECT 1 FROM pre_litigation_incidents p WHERE p.organisation_id = i.organisation_id AND p.incident_id = i.id)
     ORDER BY i.id`,
    [organisationId, before]);
  return rows.map((row) => row.id);
}

/**
 * Clears what may identify someone and keeps every fact the observatory counts (category,
 * severity, status and its history, dates, costs, victims' roles, agency, residence, building,
 * entrance), so the roll-ups the triggers recompute come out the same. The place is coarsened
 * to the entrance (a shared hall) or the building, its point to the building's.
 */
export async function anonymiseIncidents(db: Queryable, organisationId: number, ids: readonly number[]): Promise<void> {
  const params = [organisationId, ids];
  await db.query('DELETE FROM incident_comments WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])', params);
  await db.query('UPDATE incident_actions SET note = NULL, recorded_by = NULL WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])', params);
  // Status changes stay (handling times are computed from them); other fields' values may be free text.
  await db.query(
    `UPDATE incident_history SET changed_by = NULL,
       before_value = CASE WHEN field = 'status' THEN before_value END, after_value = CASE WHEN field = 'status' THEN after_value END,
       reason = CASE WHEN reason = 'import' THEN reason END
     WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])`, params);
  await db.query(
    `UPDATE incidents i SET description = '', recorded_by = NULL, dwelling_id = NULL, common_area_id = NULL,
       place_kind = CASE WHEN i.entrance_id IS NOT NULL THEN 'entrance' WHEN i.building_id IS NOT NULL THEN 'building' ELSE 'residence' END,
       geom = COALESCE((SELECT b.geom FROM buildings b WHERE b.organisation_id = i.organisation_id AND b.id = i.building_id), i.geom),
       work_order_ref = NULL, insurance_claim_ref = NULL, idempotency_key = NULL, anonymised_at = now(), updated_at = now()
     WHERE i.organisation_id = $1 AND i.id = ANY($2::bigint[])`, params);
}

export async function countPhotos(db: Queryable, organisationId: number, before: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_photos WHERE organisation_id = $1 AND uploaded_at < $2', [organisationId, before]);
  return row!.n;
}

export async function expiredSessions(db: Queryable, organisationId: number, before: Date, apply: boolean): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `${apply ? 'DELETE FROM sessions' : 'SELECT id FROM sessions'} WHERE organisation_id = $1 AND expires_at < $2${apply ? ' RETURNING id' : ''}`,
    [organisationId, before]);
  return rows.length;
}

/** Closed files whose delay has run out (settled, time-barred or judgment executed before the cutoff). */
const CLOSED_FILES = `status <> 'open' AND closed_at < $2`;
/** Open files without any step since the cutoff: the action is time-barred (each step interrupts the limitation). */
const TIME_BARRED_FILES = `status = 'open' AND greatest(opened_at, (SELECT max(s.step_date)::timestamptz FROM pre_litigation_steps s
  WHERE s.organisation_id = f.organisation_id AND s.file_id = f.id)) < $2`;

export async function expiredFiles(db: Queryable, organisationId: number, before: Date, which: 'closed' | 'time_barred', apply: boolean): Promise<number[]> {
  const condition = which === 'closed' ? CLOSED_FILES : TIME_BARRED_FILES;
  const rows = await db.query<{ id: number }>(
    apply
      ? `DELETE FROM pre_litigation_files f WHERE organisation_id = $1 AND ${condition} RETURNING id`
      : `SELECT id FROM pre_litigation_files f WHERE organisation_id = $1 AND ${condition}`,
    [organisationId, before]);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
