/**
 * The benchmark suite: deterministic synthetic data at a chosen scale, on PGlite and/or
 * PostgreSQL, then one table of every operation with its median, p95 and, in the same run, the
 * baseline it must beat; the process's peak memory at the end.
 *   npm run bench                                  smoke scale, PGlite (+ PostgreSQL if BENCH_POSTGRES_URL)
 *   npm run bench -- --scale landlord              40,000 dwellings, 1,000,000 incidents
 *   npm run bench -- --scale group                 1,000,000 dwellings, 10,000,000 incidents
 *   npm run bench -- --engine postgres             BENCH_POSTGRES_URL=postgres://…/postgres (an admin URL:
 *                                                  the suite creates and drops its own database)
 *   npm run bench -- --engine none                 the engine-free statistics only (Gi*, Knox, the Knox job)
 *   npm run bench -- --scale landlord --backup     also backup and restore (always at the smoke scale)
 *   BENCH_RUNS=20 (default 10)
 * Operations measured through the HTTP API run in-process (app.request), signed in, so that they
 * include the session check and the tenant binding a real request pays.
 */
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { readConfig } from '../src/core/config.js';
import type { Database } from '../src/db/database.js';
import { backupDatabase } from '../src/db/backup/backup.js';
import { restoreDatabase } from '../src/db/backup/restore.js';
import { migrate } from '../src/db/migrate.js';
import { openPGlite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { createApp } from '../src/http/app.js';
import { initialCategories } from '../src/incidents/domain/nomenclature.js';
import { importIncidentTable } from '../src/incidents/import/service.js';
import { seedCategories } from '../src/incidents/repository.js';
import { setAgencyStaff } from '../src/observatory/repository.js';
import type { Table } from '../src/patrimony/import/files/read-table.js';
import { systemActor } from '../src/access/system-actor.js';
import { gridGiStar } from '../src/observatory/stats/gistar.js';
import { knoxTest } from '../src/observatory/stats/knox.js';
import { knoxTestBruteForce } from '../src/observatory/stats/knox-brute-force.js';
import { buildClusterIndex, clusterFeatures, type BoundingBox } from '../src/observatory/clusters.js';
import { createJobRunner } from '../src/observatory/jobs/runner.js';
import { importPatrimonyRows, resolveImportOrganisation } from '../src/patrimony/import/service.js';
import { loadCommunes } from '../src/patrimony/reference/communes.js';
import { createTestUser, sessionClient, type SessionClient } from '../test/support/auth.js';
import { naiveDashboard, rawMvtTile } from './lib/baselines.js';
import { Results, timeRuns } from './lib/measure.js';
import { syntheticGrid, syntheticIncidentPoints, syntheticIncidentTable, syntheticKnoxIncidents, syntheticPatrimonyRows } from './lib/synthetic.js';

const SCALES = {
  smoke: { dwellings: 40_000, incidents: 10_000 },
  landlord: { dwellings: 40_000, incidents: 1_000_000 },
  group: { dwellings: 1_000_000, incidents: 10_000_000 },
} as const;
/** Lines per imported file: the group's history comes as ten files of a million lines. */
const FILE_LINES = 1_000_000;
type Scale = keyof typeof SCALES;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const scaleName = option('scale', 'smoke') as Scale;
const engines = option('engine', process.env.BENCH_POSTGRES_URL ? 'both' : 'pglite');
const runs = Number(process.env.BENCH_RUNS ?? 10);
/** Backup and restore take minutes at the larger scales: measured there only when asked. */
const withBackup = scaleName === 'smoke' || process.argv.includes('--backup');
/** The end of the generated decade, fixed so that every run draws the same incidents. */
const until = new Date('2026-06-30T12:00:00Z');

async function scratchPostgres(adminUrl: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `vigie_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function freshDatabase(engine: 'pglite' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    // On disk, as the product runs it: a million incidents would not fit in WebAssembly's memory.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-pglite-'));
    const db = (await openPGlite({ dataDir })).db;
    return { db, drop: async () => {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    } };
  }
  const adminUrl = process.env.BENCH_POSTGRES_URL;
  if (!adminUrl) throw new Error('--engine postgres needs BENCH_POSTGRES_URL (an admin URL; the suite creates its own database)');
  return scratchPostgres(adminUrl);
}

async function benchEngine(engine: 'pglite' | 'postgres', results: Results): Promise<void> {
  const scale = SCALES[scaleName];
  const { db, drop } = await freshDatabase(engine);
  try {
    await migrate(db);
    await loadCommunes(db);
    const { id: organisationId } = await resolveImportOrganisation(db, '999999999', 'Office de banc d’essai');
    const rows = syntheticPatrimonyRows(scale.dwellings);
    results.once(engine, `patrimony import, ${scale.dwellings.toLocaleString('en')} dwellings`, await timeRuns(() => importPatrimonyRows(db, organisationId, rows), 1, 0));
    results.once(engine, 'patrimony re-import (unchanged)', await timeRuns(() => importPatrimonyRows(db, organisationId, rows), 1, 0));

    await importIncidents(engine, db, organisationId, scale, results);
    await db.exec('ANALYZE');

    const app = createApp({ db, config: readConfig({}) });
    const officer = await sessionClient(app, await createTestUser(db, organisationId, 'observatory_officer'));
    const agencyId = (await db.query<{ id: number }>('SELECT min(id) AS id FROM agencies WHERE organisation_id = $1', [organisationId]))[0]!.id;
    await benchApi(engine, db, organisationId, agencyId, officer, results);

    if (withBackup) await benchBackup(engine, db, results);
  } finally {
    await drop();
  }
}

async function benchBackup(engine: 'pglite' | 'postgres', db: Database, results: Results) {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-')), 'bench.backup');
  results.once(engine, 'backup (whole database)', await timeRuns(() => backupDatabase(db, file), 1, 0));
  const target = await freshDatabase(engine);
  try {
    await migrate(target.db);
    results.once(engine, 'restore into an empty database', await timeRuns(() => restoreDatabase(target.db, file), 1, 0));
  } finally {
    await target.drop();
    await rm(path.dirname(file), { recursive: true, force: true });
  }
}

/** The history import of the product (`vigie import incidents`), file by file, then a re-import of the last file (all already present). */
async function importIncidents(engine: 'pglite' | 'postgres', db: Database, organisationId: number, scale: (typeof SCALES)[Scale], results: Results) {
  await seedCategories(db, organisationId, initialCategories());
  const agencies = await db.query<{ id: number }>('SELECT id FROM agencies WHERE organisation_id = $1', [organisationId]);
  await setAgencyStaff(db, organisationId, agencies.map(({ id }) => ({ agencyId: id, staff: 12 })));
  const actor = systemActor(organisationId, 'bench:import incidents');
  const files = Math.ceil(scale.incidents / FILE_LINES);
  const timings: number[] = [];
  let table: Table | undefined;
  for (let file = 0; file < files; file++) {
    const from = file * FILE_LINES;
    table = syntheticIncidentTable(scale.dwellings, from, Math.min(FILE_LINES, scale.incidents - from), until);
    const [time] = await timeRuns(() => importIncidentTable(db, actor, table!), 1, 0);
    timings.push(time!);
  }
  const total = timings.reduce((sum, time) => sum + time, 0);
  results.once(engine, `incident import, ${scale.incidents.toLocaleString('en')} incidents${files > 1 ? ` (${files} files)` : ''} with roll-ups`, [total]);
  results.once(engine, `incident re-import of ${table!.records.length.toLocaleString('en')} lines (all present)`, await timeRuns(() => importIncidentTable(db, actor, table!), 1, 0));
}

async function benchApi(engine: 'pglite' | 'postgres', db: Database, organisationId: number, agencyId: number, client: SessionClient, results: Results) {
  const ok = async (method: string, apiPath: string, body?: unknown) => {
    const answer = await client.request(method, apiPath, body);
    if (answer.status >= 300) throw new Error(`${method} ${apiPath} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    return answer.body;
  };
  const [entrance] = await db.query<{ id: number }>('SELECT id FROM entrances WHERE organisation_id = $1 ORDER BY id LIMIT 1', [organisationId]);
  let recorded = 0;
  const recordOne = () => ok('POST', '/incidents', {
    place: { kind: 'entrance', id: entrance!.id }, occurredAt: new Date(until.getTime() - ++recorded * 60_000).toISOString(), channel: 'caretaker',
    categoryCode: 'D.TAG', description: 'Tags dans le hall', idempotencyKey: `bench-${engine}-${recorded}`,
  });
  // A server in service is warm: the first recordings of a run warm PGlite's WebAssembly and the plan caches.
  results.add(engine, 'record an incident (POST /api/incidents)', await timeRuns(recordOne, runs * 3, 5));
  results.add(engine, 'filtered list: one agency, family D, page of 50', await timeRuns(() => ok('GET', `/incidents?agencyId=${agencyId}&family=D&limit=50`), runs));
  // Cold: the first request after a recorded incident (the figures' version moved, every panel is read again);
  // warm: the same request again, from the dashboard kept for that version.
  const dashboardPath = '/observatory/dashboard?to=2026-06';
  const cold: number[] = [];
  const warm: number[] = [];
  await ok('GET', dashboardPath);
  for (let run = 0; run < runs; run++) {
    await recordOne();
    cold.push(...await timeRuns(() => ok('GET', dashboardPath), 1, 0));
    warm.push(...await timeRuns(() => ok('GET', dashboardPath), 1, 0));
  }
  const naive = await timeRuns(() => naiveDashboard(db, organisationId, '2026-06'), Math.min(runs, 5));
  results.add(engine, 'full dashboard, whole landlord, cold (first request after a recorded incident)', cold, naive, 'naive GROUP BY over raw incidents');
  results.add(engine, 'full dashboard, whole landlord, warm (figures unchanged since the last request)', warm);
  const bbox = (await db.query<{ bbox: string }>(
    `SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS bbox FROM (SELECT ST_Extent(geom)::geometry AS e FROM buildings WHERE organisation_id = $1) x`, [organisationId]))[0]!.bbox;
  const clustersPath = `/observatory/clusters?to=2026-06&bbox=${bbox}&zoom=12`;
  // The recordings above moved the figures' version: the first request rebuilds the index.
  let indexed = 0;
  const build = await timeRuns(async () => (indexed = ((await ok('GET', clustersPath)) as { indexedPoints: number }).indexedPoints), 1, 0);
  results.once(engine, `cluster index of ${indexed.toLocaleString('en')} points (first map request after a change)`, build);
  const clusters = await timeRuns(() => ok('GET', clustersPath), runs);
  const baseline = db.engine === 'postgres' ? await timeRuns(() => rawMvtTile(db, organisationId, 12), runs) : undefined;
  results.add(engine, 'clusters of the landlord at zoom 12', clusters, baseline, baseline ? 'raw ST_AsMVT tile at zoom 12' : 'ST_AsMVT: not in PGlite');
  // What a local security council receives: one commune of the synthetic patrimony, its last twelve months, small counts suppressed.
  const pack = '/observatory/reports/partner-pack?communes=62498&from=2025-07&to=2026-06&format=pdf';
  results.add(engine, 'partner pack, one commune, twelve months (PDF)', await timeRuns(() => ok('GET', pack), Math.min(runs, 5)));
}

function benchStatistics(results: Results): void {
  const grid = syntheticGrid();
  results.add('engine-free', 'Gi* grid, 1.3 M cells of 150 m, 200 m band', timeRunsSync(() => gridGiStar(grid, 200), runs));
  const bands = { distanceBands: [0, 100, 200, 400], timeBands: [0, 7, 14, 30], iterations: 99, seed: 1 };
  const small = syntheticKnoxIncidents(2_000, 100);
  results.add('engine-free', 'Knox indexed, 2,000 incidents × 99 permutations', timeRunsSync(() => knoxTest(small, bands), 3),
    timeRunsSync(() => knoxTestBruteForce(small, bands), 1), 'Knox brute force (all pairs)');
  const large = syntheticKnoxIncidents(100_000, 5_000);
  results.add('engine-free', 'Knox indexed, 100,000 incidents × 99 permutations', timeRunsSync(() => knoxTest(large, bands), 2));
}

/**
 * The clustering itself, engine-free, at a million points whatever the scale: building the
 * in-memory index (what the first map request after a change pays besides reading the points),
 * then a viewport of the whole landlord and a tile-sized one, read from it.
 */
function benchClusters(results: Results): void {
  const points = syntheticIncidentPoints(40_000, 1_000_000);
  const viewer = { organisationId: 1, userId: null, centralObservatory: true, managedAgencyIds: [] };
  results.add('engine-free', 'cluster index of 1,000,000 points (supercluster, in memory)', timeRunsSync(() => buildClusterIndex(points, 1, viewer), 2));
  const { index } = buildClusterIndex(points, 1, viewer);
  const views: [string, BoundingBox, number][] = [
    ['the whole landlord at zoom 12', [2.49, 50.19, 3.51, 50.23], 12],
    ['a tile around one residence at zoom 17 (the deepest clustered)', [2.6985, 50.1985, 2.7035, 50.2015], 17],
  ];
  for (const [label, bbox, zoom] of views) {
    results.add('engine-free', `clusters of ${label}, from the index of 1,000,000 points`, timeRunsSync(() => clusterFeatures(index, bbox, zoom, true), runs * 10));
  }
}

/** The near-repeat job as the API runs it: in a worker thread, from submission to the result back on the main thread. */
async function benchKnoxJob(results: Results): Promise<void> {
  const runner = createJobRunner();
  const events = syntheticKnoxIncidents(100_000, 5_000);
  for (const [iterations, count] of [[99, 2], [999, 1]] as const) {
    const task = { kind: 'near_repeat' as const, events, distanceBands: [0, 100, 200, 400], timeBands: [0, 7, 14, 30], iterations, seed: 1, metric: 'euclidean' as const };
    results.add('engine-free', `Knox job (worker thread), 100,000 incidents × ${iterations} permutations`, await timeRuns(() => runner.run(task), count, 0));
  }
}

function timeRunsSync(work: () => unknown, count: number): number[] {
  work();
  return Array.from({ length: count }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  });
}

console.log(`Vigie benchmark suite — scale ${scaleName}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
const results = new Results();
if (!SCALES[scaleName]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
for (const engine of engines === 'both' ? (['pglite', 'postgres'] as const) : engines === 'none' ? [] : [engines as 'pglite' | 'postgres']) {
  const start = performance.now();
  await benchEngine(engine, results);
  console.log(`${engine}: done in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}
benchStatistics(results);
benchClusters(results);
await benchKnoxJob(results);
results.print();
console.log(`peak memory (max RSS of this process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
