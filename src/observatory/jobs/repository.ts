import type { Queryable } from '../../db/database.js';

/** SQL only: the observatory_jobs table (migration 0550). */
export type JobKind = 'near_repeat' | 'hotspot_permutation';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const ACTIVE_STATUSES: readonly JobStatus[] = ['queued', 'running'];

export interface JobProblem {
  title: string;
  detail: string;
}

export interface JobRow {
  id: number;
  userId: number;
  kind: JobKind;
  parameters: Record<string, unknown>;
  status: JobStatus;
  progressDone: number;
  progressTotal: number;
  problem: JobProblem | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id, user_id AS "userId", kind, parameters, status, progress_done AS "progressDone", progress_total AS "progressTotal",
  problem, created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

export async function insertJob(db: Queryable, organisationId: number, userId: number, kind: JobKind, parameters: unknown): Promise<JobRow> {
  const [row] = await db.query<JobRow>(
    `INSERT INTO observatory_jobs (organisation_id, user_id, kind, parameters) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
    [organisationId, userId, kind, JSON.stringify(parameters)],
  );
  return row!;
}

/** One of the user's jobs; another user's, or another organisation's, is not found. */
export async function findJob(db: Queryable, organisationId: number, userId: number, id: number): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(`SELECT ${COLUMNS} FROM observatory_jobs WHERE organisation_id = $1 AND user_id = $2 AND id = $3`, [organisationId, userId, id]);
  return row;
}

export async function jobResult(db: Queryable, organisationId: number, id: number): Promise<unknown> {
  const [row] = await db.query<{ result: unknown }>('SELECT result FROM observatory_jobs WHERE organisation_id = $1 AND id = $2', [organisationId, id]);
  return row?.result ?? null;
}

export function listJobs(db: Queryable, organisationId: number, userId: number, limit: number): Promise<JobRow[]> {
  return db.query<JobRow>(`SELECT ${COLUMNS} FROM observatory_jobs WHERE organisation_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT $3`, [organisationId, userId, limit]);
}

export async function countActiveJobs(db: Queryable, organisationId: number, userId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM observatory_jobs WHERE organisation_id = $1 AND user_id = $2 AND status = ANY($3::text[])',
    [organisationId, userId, ACTIVE_STATUSES],
  );
  return row!.n;
}

/** Keeps the user's `keep` latest finished jobs (results are bounded per user). */
export async function pruneJobs(db: Queryable, organisationId: number, userId: number, keep: number): Promise<void> {
  await db.query(
    `DELETE FROM observatory_jobs WHERE organisation_id = $1 AND user_id = $2 AND status <> ALL($4::text[])
       AND id NOT IN (SELECT id FROM observatory_jobs WHERE organisation_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT $3)`,
    [organisationId, userId, keep, ACTIVE_STATUSES],
  );
}

export async function markRunning(db: Queryable, organisationId: number, id: number): Promise<void> {
  await db.query("UPDATE observatory_jobs SET status = 'running', started_at = now() WHERE organisation_id = $1 AND id = $2 AND status = 'queued'", [organisationId, id]);
}

export async function setProgress(db: Queryable, organisationId: number, id: number, done: number, total: number): Promise<void> {
  await db.query(
    "UPDATE observatory_jobs SET progress_done = GREATEST(progress_done, $3), progress_total = $4 WHERE organisation_id = $1 AND id = $2 AND status = 'running'",
    [organisationId, id, done, total],
  );
}

export async function finishJob(db: Queryable, organisationId: number, id: number, outcome: { status: 'succeeded'; result: unknown } | { status: 'failed' | 'cancelled'; problem: JobProblem }): Promise<void> {
  const result = outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null;
  const problem = outcome.status === 'succeeded' ? null : JSON.stringify(outcome.problem);
  await db.query(
    `UPDATE observatory_jobs SET status = $3, result = $4::jsonb, problem = $5::jsonb, finished_at = now(),
       progress_done = CASE WHEN $3 = 'succeeded' THEN progress_total ELSE progress_done END
     WHERE organisation_id = $1 AND id = $2 AND status = ANY($6::text[])`,
    [organisationId, id, outcome.status, result, problem, ACTIVE_STATUSES],
  );
}

/** Jobs a stopped process left queued or running (every organisation: the runner serves them all). */
export async function failAbandonedJobs(db: Queryable, problem: JobProblem): Promise<void> {
  await db.query(
    "UPDATE observatory_jobs SET status = 'failed', problem = $1::jsonb, finished_at = now() WHERE status IN ('queued', 'running')",
    [JSON.stringify(problem)],
  );
}
