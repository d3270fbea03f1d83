import { auditWrite } from '../../access/audit.js';
import { baseDatabase } from '../../access/tenant.js';
import { conflict, forbidden, notFound, validationError } from '../../core/errors.js';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { canViewIncident, viewerOf } from '../../incidents/domain/confidentiality.js';
import { partnerUnits } from '../domain/partner-view.js';
import type { ObservatoryFilter } from '../filters.js';
import { incidentPoints } from '../repository.js';
import { filterOf, hotspotBuildings, hotspotGrid, hotspotsOf, readsAsPartner, scopeOf } from '../service.js';
import type { KnoxResult } from '../stats/knox-bands.js';
import { engineBounds, knoxEvents, permutationUnits, withPseudoBins } from './domain/inputs.js';
import * as repository from './repository.js';
import { createJobRunner, JobCancelled, type JobRunner } from './runner.js';
import type { HotspotPermutationJobInput, NearRepeatJobInput } from './schemas.js';
import type { Task, TaskResult } from './tasks.js';

/** Jobs one user may have queued or running at once: analyses are heavy, the runner does one at a time. */
export const ACTIVE_JOBS_PER_USER = 2;
/** Finished jobs kept per user, with their results (older ones are deleted when a new one starts). */
export const KEPT_JOBS_PER_USER = 20;
/** Beyond this, the Knox pairs no longer fit comfortably in memory: the caller narrows the filters. */
export const MAX_KNOX_EVENTS = 250_000;
/** Progress is written at most this often (ms): polling reads it from the table. */
const PROGRESS_INTERVAL = 500;

interface Jobs {
  runner: JobRunner;
  controllers: Map<number, AbortController>;
  ready: Promise<void>;
}

/** One runner per database the process serves; on first use, jobs a stopped process left behind are marked failed. */
const databases = new WeakMap<Queryable, Jobs>();

function jobsOf(db: Queryable): Jobs {
  const base = baseDatabase(db);
  let jobs = databases.get(base);
  if (!jobs) {
    const ready = repository.failAbandonedJobs(base, { title: 'Analyse interrompue / Analysis interrupted', detail: 'Le serveur a redémarré pendant le calcul : relancez-la. / The server restarted during the run: start it again.' });
    jobs = { runner: createJobRunner({ concurrency: 1 }), controllers: new Map(), ready };
    databases.set(base, jobs);
  }
  return jobs;
}

function userOf(actor: Actor): number {
  if (actor.userId === undefined) throw forbidden('Analyses en arrière-plan réservées aux comptes / Background analyses need a signed-in account');
  return actor.userId;
}

/** Near-repeat (Knox) over the caller's incidents: partners read no points, so they may not run it. */
export async function startNearRepeat(db: Queryable, actor: Actor, input: NearRepeatJobInput) {
  const userId = userOf(actor);
  const filter = filterOf(input.filters);
  const { distanceBands, timeBands, iterations, seed, metric } = input;
  await jobsOf(db).ready;
  const { job, task, hidden } = await db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor, filter);
    if (readsAsPartner(actor)) throw forbidden('Les partenaires ne lisent pas les incidents un à un (partners read no incident points)');
    const viewer = viewerOf(actor);
    const points = await incidentPoints(tx, scope, filter);
    const visible = points.filter((point) => canViewIncident(viewer, { organisationId: actor.organisationId, ...point }));
    if (visible.length > MAX_KNOX_EVENTS) {
      throw validationError('Trop d’incidents / Too many incidents', [{ field: 'json.filters', message: `${visible.length} incidents : ${MAX_KNOX_EVENTS} au plus, resserrez la période ou les lieux / at most ${MAX_KNOX_EVENTS}, narrow the period or places` }]);
    }
    const task: Task = { kind: 'near_repeat', events: knoxEvents(visible), distanceBands: engineBounds(distanceBands), timeBands: engineBounds(timeBands), iterations, seed, metric };
    const job = await record(tx, actor, userId, 'near_repeat', { filter, distanceBands, timeBands, iterations, seed, metric });
    return { job, task, hidden: points.length - visible.length };
  });
  enqueue(db, actor.organisationId, job.id, task, (result) => ({ kind: 'near_repeat', period: filter.period, hiddenConfidential: hidden, ...(result as KnoxResult) }));
  return present(job);
}

/** Gi* permutation inference on the hotspot units, with the same rules as the hotspot map (partners: 500 m cells, suppressed counts). */
export async function startHotspotPermutation(db: Queryable, actor: Actor, input: HotspotPermutationJobInput) {
  const userId = userOf(actor);
  const filter: ObservatoryFilter = filterOf(input.filters);
  const { permutations, seed, distance } = input;
  await jobsOf(db).ready;
  const { job, task, shape } = await db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor, filter);
    const partner = readsAsPartner(actor);
    const { unit, cellSize } = hotspotGrid(partner, input);
    const units = await hotspotBuildings(tx, scope, filter);
    const found = hotspotsOf(units, { unit, cellSize, distance });
    const task: Task = { kind: 'hotspot_permutation', values: Float64Array.from(found, (unit) => unit.ratePer100Dwellings), units: permutationUnits(units, found, unit, cellSize), distance, permutations, seed };
    const job = await record(tx, actor, userId, 'hotspot_permutation', { filter, unit, cellSize, distance, permutations, seed });
    const shape = (pSim: unknown) => {
      const binned = withPseudoBins(found, pSim as Float64Array);
      return { kind: 'hotspot_permutation', period: filter.period, unit, cellSize: unit === 'cell' ? cellSize : null, distance, permutations, seed, units: partner ? partnerUnits(binned) : binned };
    };
    return { job, task, shape };
  });
  enqueue(db, actor.organisationId, job.id, task, shape);
  return present(job);
}

/** Records the job (audited), after checking the user's active jobs, and keeps the user's latest ones only. */
async function record(tx: Queryable, actor: Actor, userId: number, kind: repository.JobKind, parameters: Record<string, unknown>) {
  if ((await repository.countActiveJobs(tx, actor.organisationId, userId)) >= ACTIVE_JOBS_PER_USER) {
    throw conflict(`Déjà ${ACTIVE_JOBS_PER_USER} analyses en cours : attendez ou annulez-en une / ${ACTIVE_JOBS_PER_USER} analyses already running: wait or cancel one`);
  }
  const job = await repository.insertJob(tx, actor.organisationId, userId, kind, parameters);
  await auditWrite(tx, actor, { action: 'observatory.job.start', objectType: 'observatory_job', objectId: String(job.id), before: null, after: { kind, parameters } });
  await repository.pruneJobs(tx, actor.organisationId, userId, KEPT_JOBS_PER_USER);
  return job;
}

/**
 * Hands the task to the runner; progress, result and failure are written on the owner
 * connection (the request is over), one write after the other so that the last one wins.
 */
function enqueue<T extends Task>(db: Queryable, organisationId: number, id: number, task: T, shape: (result: TaskResult<T>) => unknown): void {
  const jobs = jobsOf(db);
  const base = baseDatabase(db);
  const controller = new AbortController();
  jobs.controllers.set(id, controller);
  let writes = Promise.resolve();
  const write = (work: () => Promise<void>) => {
    writes = writes.then(work).catch((error: unknown) => console.error(`observatory job ${id}:`, error));
  };
  let lastProgress = 0;
  jobs.runner
    .run(task, {
      signal: controller.signal,
      onStart: () => write(() => repository.markRunning(base, organisationId, id)),
      onProgress: (done, total) => {
        if (done < total && Date.now() - lastProgress < PROGRESS_INTERVAL) return;
        lastProgress = Date.now();
        write(() => repository.setProgress(base, organisationId, id, done, total));
      },
    })
    .then(
      (result) => write(() => repository.finishJob(base, organisationId, id, { status: 'succeeded', result: shape(result) })),
      (error: Error) => write(() => repository.finishJob(base, organisationId, id, error instanceof JobCancelled
        ? { status: 'cancelled', problem: { title: error.message, detail: 'Annulée à la demande / Cancelled on request' } }
        : { status: 'failed', problem: { title: 'Échec de l’analyse / Analysis failed', detail: error.message } })),
    )
    .finally(() => jobs.controllers.delete(id));
}

async function ownJob(db: Queryable, actor: Actor, id: number) {
  const job = await repository.findJob(db, actor.organisationId, userOf(actor), id);
  if (!job) throw notFound(`job ${id}`);
  return job;
}

export const present = (job: repository.JobRow) => ({
  id: job.id, kind: job.kind, status: job.status, progress: { done: job.progressDone, total: job.progressTotal }, parameters: job.parameters,
  problem: job.problem, createdAt: job.createdAt.toISOString(), startedAt: job.startedAt?.toISOString() ?? null, finishedAt: job.finishedAt?.toISOString() ?? null,
});

export async function getJob(db: Queryable, actor: Actor, id: number) {
  return present(await ownJob(db, actor, id));
}

export async function listJobs(db: Queryable, actor: Actor) {
  return (await repository.listJobs(db, actor.organisationId, userOf(actor), KEPT_JOBS_PER_USER)).map(present);
}

/** The result of a finished job; 409 while it runs, or with its problem when it failed or was cancelled. */
export async function jobResult(db: Queryable, actor: Actor, id: number) {
  const job = await ownJob(db, actor, id);
  if (job.status === 'succeeded') return repository.jobResult(db, actor.organisationId, id);
  throw conflict(job.problem ? `${job.problem.title} : ${job.problem.detail}` : `Analyse pas encore terminée (${job.progressDone}/${job.progressTotal}) / Analysis not finished yet`);
}

/** Cancels a queued or running job of the caller (audited); a finished one answers 409. */
export async function cancelJob(db: Queryable, actor: Actor, id: number) {
  const job = await db.transaction(async (tx) => {
    const found = await ownJob(tx, actor, id);
    if (!repository.ACTIVE_STATUSES.includes(found.status)) throw conflict(`Analyse déjà terminée (${found.status}) / Analysis already finished`);
    await repository.finishJob(tx, actor.organisationId, id, { status: 'cancelled', problem: { title: 'Analyse annulée / Analysis cancelled', detail: 'Annulée à la demande / Cancelled on request' } });
    await auditWrite(tx, actor, { action: 'observatory.job.cancel', objectType: 'observatory_job', objectId: String(id), before: { status: found.status }, after: { status: 'cancelled' } });
    return (await ownJob(tx, actor, id));
  });
  jobsOf(db).controllers.get(id)?.abort();
  return present(job);
}
