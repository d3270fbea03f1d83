/**
 * Times the observatory's dashboard (every panel) read from the roll-ups against the naive
 * GROUP BY over raw incidents (the baseline), and the map clusters, on the demo landlord.
 *   npm run bench:dashboard                       PGlite, demo volume
 *   BENCH_SCALE=40 npm run bench:dashboard        ~1,000,000 incidents
 *   BENCH_POSTGRES_URL=postgres://… npm run bench:dashboard   also on PostgreSQL (into an empty database)
 *   BENCH_RUNS=30 (default 20)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { openPGlite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { loadDemoIncidents } from '../src/incidents/demo/service.js';
import { clustersIn, clusterIndex } from '../src/observatory/clusters.js';
import { parisMonth } from '../src/observatory/domain/months.js';
import type { ObservatoryFilter } from '../src/observatory/filters.js';
import { dashboard, filterOf } from '../src/observatory/service.js';
import { loadDemo } from '../src/patrimony/demo/service.js';
import { loadCommunes } from '../src/patrimony/reference/communes.js';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const scale = Number(process.env.BENCH_SCALE ?? 1);
/** A fixed end of the generated decade, so that every run draws the same incidents. */
const until = new Date('2026-06-30T12:00:00Z');

function summary(label: string, timings: number[]): void {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(`  ${label.padEnd(54)} median ${at(0.5).toFixed(1).padStart(8)} ms   p95 ${at(0.95).toFixed(1).padStart(8)} ms   (${timings.length} runs)`);
}

async function timeRuns(work: () => Promise<unknown>, count = runs): Promise<number[]> {
  await work();
  const timings: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work();
    timings.push(performance.now() - start);
  }
  return timings;
}

/**
 * The baseline: the same panels as GROUP BY queries over raw incidents (live ones, Paris months,
 * complaints from actions), as a dashboard without roll-ups would run them.
 */
async function naiveDashboard(db: Database, organisationId: number, filter: ObservatoryFilter): Promise<void> {
  const live = `FROM incidents i WHERE i.organisation_id = $1 AND i.status <> 'draft' AND i.duplicate_of IS NULL
    AND (i.occurred_at AT TIME ZONE 'Europe/Paris') >= $2::timestamp AND (i.occurred_at AT TIME ZONE 'Europe/Paris') < $3::timestamp`;
  const range = (from: string, to: string) => [organisationId, `${from}-01`, `${to}-01`];
  const [year, month] = filter.period.to.split('-').map(Number) as [number, number];
  const next = `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}`;
  const threeYearsBefore = `${year - 3}-${String(month).padStart(2, '0')}`;
  await db.query(
    `SELECT date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris') AS month, i.category_code, count(*), sum(COALESCE(i.actual_cost, i.estimated_cost, 0)),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_actions a WHERE a.organisation_id = i.organisation_id AND a.incident_id = i.id AND a.kind IN ('complaint_filed', 'accompanied_complaint')))
     ${live} GROUP BY 1, 2`,
    range(threeYearsBefore, next),
  );
  await db.query(`SELECT i.agency_id, date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris') AS month, count(*) ${live} GROUP BY 1, 2`, range(threeYearsBefore, next));
  await db.query(`SELECT i.residence_id, count(*), sum(COALESCE(i.actual_cost, i.estimated_cost, 0)) ${live} GROUP BY 1`, range(filter.period.from, next));
  await db.query(`SELECT i.entrance_id, i.family, i.severity, count(*) ${live} AND i.entrance_id IS NOT NULL GROUP BY 1, 2, 3`, range(filter.period.from, next));
  await db.query(
    `SELECT extract(isodow FROM i.occurred_at AT TIME ZONE 'Europe/Paris'), extract(hour FROM i.occurred_at AT TIME ZONE 'Europe/Paris'), count(*) ${live} AND NOT i.time_unknown GROUP BY 1, 2`,
    range(filter.period.from, next),
  );
}

/** Viewports of about 10 km around the landlord's buildings, at street-level zooms. */
async function viewports(db: Database, organisationId: number): Promise<{ bbox: [number, number, number, number]; zoom: number }[]> {
  const points = await db.query<{ lon: number; lat: number }>(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM buildings WHERE organisation_id = $1 ORDER BY id`, [organisationId]);
  return Array.from({ length: 200 }, (_, i) => {
    const { lon, lat } = points[(i * 7919) % points.length]!;
    return { bbox: [lon - 0.07, lat - 0.045, lon + 0.07, lat + 0.045], zoom: 11 + (i % 4) };
  });
}

async function bench(label: string, db: Database): Promise<void> {
  console.log(`\n${label}`);
  await migrate(db);
  if ((await db.query('SELECT 1 FROM communes LIMIT 1')).length === 0) await loadCommunes(db);
  let start = performance.now();
  const { organisationId } = await loadDemo(db);
  console.log(`  demo patrimony loaded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  start = performance.now();
  const load = await loadDemoIncidents(db, organisationId, { scale, until });
  const seconds = (performance.now() - start) / 1000;
  console.log(`  ${load.incidents.toLocaleString('en')} demo incidents (scale ${scale}) and ${load.actions.toLocaleString('en')} actions loaded in ${seconds.toFixed(1)} s (${Math.round(load.incidents / seconds).toLocaleString('en')}/s)`);
  const incidents = await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE organisation_id = $1', [organisationId]);
  console.log(`  incidents in the database (with those of the demo load): ${incidents[0]!.n.toLocaleString('en')}`);
  // Fresh statistics, as autovacuum would have gathered them on a database in service.
  await db.exec('ANALYZE');
  const rollupRows = await db.query<{ n: number }>('SELECT count(*) AS n FROM incident_rollups WHERE organisation_id = $1', [organisationId]);
  console.log(`  roll-up rows: ${rollupRows[0]!.n.toLocaleString('en')}`);

  const actor = { organisationId };
  const filter = filterOf({}, until);
  const agencyId = (await db.query<{ id: number }>('SELECT min(id) AS id FROM agencies WHERE organisation_id = $1', [organisationId]))[0]!.id;
  console.log(`  period ${filter.period.from} … ${filter.period.to}, compared with the previous 12 months and the same months a year earlier`);
  summary('dashboard from roll-ups (whole landlord)', await timeRuns(() => dashboard(db, actor, filter)));
  summary('dashboard from roll-ups (one agency, family D)', await timeRuns(() => dashboard(db, actor, { ...filter, agencyId, family: 'D' })));
  summary('naive GROUP BY on raw incidents (baseline)', await timeRuns(() => naiveDashboard(db, organisationId, filter), Math.min(runs, 10)));

  start = performance.now();
  const index = await clusterIndex(db, organisationId, filter);
  console.log(`  cluster index of ${index.points.toLocaleString('en')} points built in ${(performance.now() - start).toFixed(0)} ms`);
  const views = await viewports(db, organisationId);
  let view = 0;
  summary('clusters of a viewport (index in memory)', await timeRuns(() => {
    const { bbox, zoom } = views[view++ % views.length]!;
    return clustersIn(db, organisationId, filter, bbox, zoom);
  }, 100));
}

console.log(`Observatory dashboard benchmark — ${os.cpus().length} CPU(s), load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}, month ${parisMonth(until)}`);
const pglite = (await openPGlite({})).db;
await bench('PGlite (in memory)', pglite);
await pglite.close();
if (process.env.BENCH_POSTGRES_URL) {
  const postgres = openPostgres(process.env.BENCH_POSTGRES_URL);
  await bench('PostgreSQL', postgres);
  await postgres.close();
}
