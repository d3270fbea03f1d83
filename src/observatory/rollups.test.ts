import { beforeAll, expect, it } from 'vitest';
import type { Queryable } from '../db/database.js';
import { seedCategories } from '../incidents/repository.js';
import { initialCategories } from '../incidents/domain/nomenclature.js';
import { Random } from '../patrimony/demo/domain/random.js';
import { createIncident, addAction, mergeIncidents, transitionIncident } from '../incidents/service.js';
import { testActor } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { beginBulkRollups, finishBulkRollups } from './bulk-rollups.js';
import { comparedPeriods } from './domain/months.js';
import { agencySource, levelOf, monthCategorySource, organisationHours, residenceSource, type ObservatoryFilter, type Scope } from './filters.js';
import * as repository from './repository.js';

/** Counted incidents with what each adds, recomputed from raw incidents. */
const LIVE = `
  live AS (
    SELECT i.*, date_trunc('month', i.occurred_at AT TIME ZONE 'Europe/Paris')::date AS month,
      COALESCE(i.actual_cost, i.estimated_cost, 0) AS cost,
      EXISTS (SELECT 1 FROM incident_actions a WHERE a.organisation_id = i.organisation_id AND a.incident_id = i.id
              AND a.kind IN ('complaint_filed', 'accompanied_complaint')) AS complaint,
      (SELECT max(h.changed_at) FROM incident_history h WHERE h.organisation_id = i.organisation_id AND h.incident_id = i.id
         AND h.field = 'status' AND h.after_value = '"closed"' AND h.reason IS DISTINCT FROM 'import'
         AND h.changed_at >= i.recorded_at) AS closed_at,
      (SELECT max(CASE v->>'ittClass' WHEN 'itt_over_8_days' THEN 3 WHEN 'itt_up_to_8_days' THEN 2 WHEN 'no_itt' THEN 1 ELSE 0 END)
         FROM jsonb_array_elements(i.victims) v WHERE v->>'role' IN ('landlord_staff', 'contractor_staff')) AS itt
    FROM incidents i WHERE i.organisation_id = $1 AND i.status <> 'draft' AND i.duplicate_of IS NULL
  )`;

/**
 * The roll-ups recomputed from scratch over raw incidents, written independently of the
 * triggers' contribution table, in the same row layout.
 */
const FROM_SCRATCH = `
  WITH ${LIVE}, placed AS (
    SELECT 'agency' AS level, agency_id AS place_id, * FROM live
    UNION ALL SELECT 'residence', residence_id, * FROM live
    UNION ALL SELECT 'building', building_id, * FROM live WHERE building_id IS NOT NULL
    UNION ALL SELECT 'entrance', entrance_id, * FROM live WHERE entrance_id IS NOT NULL
  )
  SELECT level, place_id, to_char(month, 'YYYY-MM') AS month, category_code, severity, status, count(*)::int AS incidents,
    sum(cost)::float8 AS cost, count(*) FILTER (WHERE complaint)::int AS complaints,
    count(*) FILTER (WHERE status = 'closed' AND closed_at IS NOT NULL)::int AS handled,
    round(COALESCE(sum(extract(epoch FROM closed_at - recorded_at) / 3600) FILTER (WHERE status = 'closed'), 0)::numeric, 3)::float8 AS hours,
    count(*) FILTER (WHERE family = 'E' AND itt = 3)::int AS itt_over_8
  FROM placed GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;

const KEPT = `
  SELECT level, place_id, to_char(month, 'YYYY-MM') AS month, category_code, severity, status, incidents, damage_cost::float8 AS cost,
    with_complaint AS complaints, handled, round(handling_hours, 3)::float8 AS hours, staff_itt_over_8 AS itt_over_8
  FROM incident_rollups WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4, 5, 6`;

/** The coarse roll-ups (migration 0810) recomputed from raw incidents. */
const COARSE_FROM_SCRATCH = `
  WITH ${LIVE}, placed AS (
    SELECT 'organisation' AS level, 0 AS place_id, category_code AS category, * FROM live
    UNION ALL SELECT 'agency', agency_id, '', * FROM live
    UNION ALL SELECT 'residence', residence_id, '', * FROM live
  )
  SELECT level, place_id, to_char(month, 'YYYY-MM') AS month, family, category, count(*)::int AS incidents,
    sum(cost)::float8 AS cost, count(*) FILTER (WHERE complaint)::int AS complaints,
    count(*) FILTER (WHERE status = 'closed' AND closed_at IS NOT NULL)::int AS handled,
    round(COALESCE(sum(extract(epoch FROM closed_at - recorded_at) / 3600) FILTER (WHERE status = 'closed'), 0)::numeric, 3)::float8 AS hours,
    count(*) FILTER (WHERE family = 'E' AND itt = 3)::int AS itt_over_8
  FROM placed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

const COARSE_KEPT = `
  SELECT level, place_id, to_char(month, 'YYYY-MM') AS month, family::text, category_code AS category, incidents, damage_cost::float8 AS cost,
    with_complaint AS complaints, handled, round(handling_hours, 3)::float8 AS hours, staff_itt_over_8 AS itt_over_8
  FROM incident_rollup_coarse WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4, 5`;

const ORGANISATION_HOURS_FROM_SCRATCH = `
  SELECT to_char(date_trunc('month', occurred_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM') AS month, family::text,
    extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Paris')::int AS weekday, extract(hour FROM occurred_at AT TIME ZONE 'Europe/Paris')::int AS hour,
    count(*)::int AS incidents
  FROM incidents WHERE organisation_id = $1 AND status <> 'draft' AND duplicate_of IS NULL AND NOT time_unknown
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

const ORGANISATION_HOURS_KEPT = `
  SELECT to_char(month, 'YYYY-MM') AS month, family::text, weekday::int, hour::int, incidents
  FROM incident_rollup_organisation_hours WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4`;

const HOURS_FROM_SCRATCH = `
  SELECT agency_id, to_char(date_trunc('month', occurred_at AT TIME ZONE 'Europe/Paris'), 'YYYY-MM') AS month, family,
    extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Paris')::int AS weekday, extract(hour FROM occurred_at AT TIME ZONE 'Europe/Paris')::int AS hour,
    count(*)::int AS incidents
  FROM incidents WHERE organisation_id = $1 AND status <> 'draft' AND duplicate_of IS NULL AND NOT time_unknown
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

const HOURS_KEPT = `
  SELECT agency_id, to_char(month, 'YYYY-MM') AS month, family, weekday::int, hour::int, incidents
  FROM incident_rollup_hours WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4, 5`;

const CATEGORIES = ['A.DUMP', 'D.TAG', 'C.HALL', 'E.THREAT', 'E.ITT_OVER_8_OR_WEAPON', 'B.NOISE'];
const STATUSES = ['draft', 'recorded', 'qualified', 'in_progress', 'closed'];

describeEachEngine('observatory roll-ups', (database) => {
  let patrimony: SmallPatrimony;
  let places: { agency: number; residence: number; building: number | null; entrance: number | null }[];

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    await seedCategories(database(), patrimony.organisationId, initialCategories());
    const { agencyIds: a, residenceIds: r, buildingIds: b, entranceIds: e } = patrimony;
    places = [
      { agency: a.lens, residence: r.lens, building: b.lensTower, entrance: e.lensA },
      { agency: a.lens, residence: r.lens, building: b.lensTower, entrance: e.lensB },
      { agency: a.lens, residence: r.lens, building: null, entrance: null },
      { agency: a.arras, residence: r.arras, building: b.arrasHouse, entrance: null },
    ];
  });

  /** Random inserts, edits, actions, merges and deletions through `db`; `steps` of them after a first batch of `first`. */
  async function randomChanges(db: Queryable, seed: number, first: number, steps: number): Promise<string[]> {
    const org = patrimony.organisationId;
    const random = new Random(seed);
    const pick = <T>(items: readonly T[]) => random.pick(items);
    const live = async () => (await db.query<{ id: number }>('SELECT id FROM incidents WHERE organisation_id = $1 AND duplicate_of IS NULL ORDER BY id', [org])).map((row) => row.id);

    const insertBatch = async (size: number) => {
      const rows = Array.from({ length: size }, () => {
        const place = pick(places);
        const category = pick(CATEGORIES);
        const status = pick(STATUSES);
        const staff = category.startsWith('E.');
        return {
          place_kind: place.entrance ? 'entrance' : place.building ? 'building' : 'residence',
          entrance_id: place.entrance, building_id: place.building, residence_id: place.residence, agency_id: place.agency,
          occurred_at: new Date(Date.UTC(2024, Math.floor(random.float() * 14), 1 + Math.floor(random.float() * 28), Math.floor(random.float() * 24))).toISOString(),
          time_unknown: random.float() < 0.1, category_code: category, family: category[0], severity: pick(['G1', 'G2', 'G3', 'G4']),
          victims: staff ? [{ role: 'landlord_staff', ittClass: pick(['no_itt', 'itt_over_8_days', 'unknown']) }] : [],
          estimated_cost: random.float() < 0.5 ? Math.round(random.float() * 100_000) / 100 : null,
          actual_cost: random.float() < 0.3 ? Math.round(random.float() * 100_000) / 100 : null,
          status, outcome: status === 'closed' ? 'resolved' : null,
        };
      });
      await db.query(
        `INSERT INTO incidents (organisation_id, place_kind, entrance_id, building_id, residence_id, agency_id, geom, occurred_at, time_unknown,
           recorded_at, channel, category_code, category_version, family, severity, description, victims, estimated_cost, actual_cost, status, outcome)
         SELECT $1, r.place_kind, r.entrance_id, r.building_id, r.residence_id, r.agency_id, ST_SetSRID(ST_MakePoint(2.8, 50.4), 4326),
           r.occurred_at, r.time_unknown, r.occurred_at + interval '2 hours', 'caretaker', r.category_code, 1, r.family, r.severity, 'fait', r.victims,
           r.estimated_cost, r.actual_cost, r.status, r.outcome
         FROM jsonb_to_recordset($2::jsonb) AS r(place_kind text, entrance_id int, building_id int, residence_id int, agency_id int,
           occurred_at timestamptz, time_unknown boolean, category_code text, family text, severity text, victims jsonb,
           estimated_cost numeric, actual_cost numeric, status text, outcome text)`,
        [org, JSON.stringify(rows)],
      );
    };

    const operations: Record<string, () => Promise<void>> = {
      insert: () => insertBatch(1 + Math.floor(random.float() * 5)),
      edit: async () => {
        const id = pick(await live());
        await db.query(
          `UPDATE incidents SET severity = $3, category_code = $4, family = left($4, 1), actual_cost = $5, occurred_at = occurred_at + interval '20 days'
           WHERE organisation_id = $1 AND id = $2`,
          [org, id, pick(['G1', 'G2', 'G3', 'G4']), pick(CATEGORIES.filter((code) => !code.startsWith('E.'))), Math.round(random.float() * 5000)],
        );
      },
      close: async () => {
        const id = pick(await live());
        await db.transaction(async (tx) => {
          await tx.query(`UPDATE incidents SET status = 'closed', outcome = 'resolved' WHERE organisation_id = $1 AND id = $2`, [org, id]);
          await tx.query(
            `INSERT INTO incident_history (organisation_id, incident_id, changed_at, field, before_value, after_value)
             SELECT organisation_id, id, recorded_at + $3 * interval '1 hour', 'status', '"recorded"', '"closed"' FROM incidents WHERE organisation_id = $1 AND id = $2`,
            [org, id, 1 + Math.floor(random.float() * 500)],
          );
        });
      },
      reopen: async () => {
        const id = pick(await live());
        await db.query(`UPDATE incidents SET status = 'in_progress', outcome = NULL WHERE organisation_id = $1 AND id = $2`, [org, id]);
      },
      complaint: async () => {
        await db.query(
          `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, police_station) VALUES ($1, $2, 'complaint_filed', '2025-01-02', 'Lens')`,
          [org, pick(await live())],
        );
      },
      withdrawComplaint: async () => {
        await db.query(
          `DELETE FROM incident_actions WHERE organisation_id = $1 AND id = (SELECT min(id) FROM incident_actions WHERE organisation_id = $1)`,
          [org],
        );
      },
      merge: async () => {
        const ids = await live();
        if (ids.length < 2) return;
        const survivor = pick(ids);
        const duplicate = pick(ids.filter((id) => id !== survivor));
        await db.query(`UPDATE incidents SET duplicate_of = $3, merged_at = now() WHERE organisation_id = $1 AND id = $2`, [org, duplicate, survivor]);
      },
      delete: async () => {
        const [row] = await db.query<{ id: number }>(
          `SELECT id FROM incidents i WHERE organisation_id = $1
             AND NOT EXISTS (SELECT 1 FROM incidents d WHERE d.organisation_id = i.organisation_id AND (d.duplicate_of = i.id OR d.suspected_duplicate_of = i.id))
           ORDER BY id DESC LIMIT 1`,
          [org],
        );
        if (!row) return;
        await db.transaction(async (tx) => {
          for (const table of ['incident_history', 'incident_actions', 'incident_comments']) {
            await tx.query(`DELETE FROM ${table} WHERE organisation_id = $1 AND incident_id = $2`, [org, row.id]);
          }
          await tx.query('DELETE FROM incidents WHERE organisation_id = $1 AND id = $2', [org, row.id]);
        });
      },
    };

    await insertBatch(first);
    const done: string[] = [];
    for (let step = 0; step < steps; step++) {
      const name = pick(Object.keys(operations));
      await operations[name]!();
      done.push(name);
    }
    return done;
  }

  async function expectRollupsFromScratch(): Promise<void> {
    const db = database();
    const org = patrimony.organisationId;
    const expected = await db.query(FROM_SCRATCH, [org]);
    expect(expected.length).toBeGreaterThan(20);
    expect(await db.query(KEPT, [org])).toEqual(expected);
    expect(await db.query(HOURS_KEPT, [org])).toEqual(await db.query(HOURS_FROM_SCRATCH, [org]));
    expect(await db.query(COARSE_KEPT, [org])).toEqual(await db.query(COARSE_FROM_SCRATCH, [org]));
    expect(await db.query(ORGANISATION_HOURS_KEPT, [org])).toEqual(await db.query(ORGANISATION_HOURS_FROM_SCRATCH, [org]));
  }

  it('stay equal to a recomputation from scratch after random inserts, edits, actions, merges and deletions', async () => {
    const done = await randomChanges(database(), 20_240_501, 40, 120);
    expect(new Set(done).size).toBe(8);
    await expectRollupsFromScratch();
    const merged = await database().query<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE organisation_id = $1 AND duplicate_of IS NOT NULL', [patrimony.organisationId]);
    expect(merged[0]!.n).toBeGreaterThan(0);
  });

  it('stay exact through a bulk load: the same random changes with the refresh deferred to its end', async () => {
    const version = async () => (await database().query<{ version: number }>('SELECT version FROM observatory_versions WHERE organisation_id = $1', [patrimony.organisationId]))[0]!.version;
    const before = await version();
    await database().transaction(async (tx) => {
      await beginBulkRollups(tx);
      const done = await randomChanges(tx, 20_251_203, 300, 80);
      expect(new Set(done).size).toBe(8);
      // Nothing refreshed yet: the roll-ups still hold the figures from before the load.
      expect(Number((await tx.query<{ version: number }>('SELECT version FROM observatory_versions WHERE organisation_id = $1', [patrimony.organisationId]))[0]!.version)).toBe(Number(before));
      await finishBulkRollups(tx);
      // After finishing, changes refresh as usual again.
      await randomChanges(tx, 7, 5, 10);
    });
    expect(Number(await version())).toBeGreaterThan(Number(before));
    await expectRollupsFromScratch();
  });

  it('are refreshed at commit when a bulk load never finishes, and untouched when it rolls back', async () => {
    await database().transaction(async (tx) => {
      await beginBulkRollups(tx);
      await randomChanges(tx, 11, 50, 20);
    });
    await expectRollupsFromScratch();
    await expect(database().transaction(async (tx) => {
      await beginBulkRollups(tx);
      await randomChanges(tx, 12, 50, 20);
      throw new Error('import rejected');
    })).rejects.toThrow('import rejected');
    await expectRollupsFromScratch();
  });

  it('read by the dashboard from the coarse levels give exactly the figures of the fine ones', async () => {
    const db = database();
    await randomChanges(db, 99, 60, 40);
    const scope: Scope = { organisationId: patrimony.organisationId, perimeter: { wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] } };
    const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row, (_, value) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value))).sort();
    const period = { from: '2024-03', to: '2025-02' };
    const months = { from: '2023-01', to: '2025-02' };
    const filters: ObservatoryFilter[] = [
      { period }, { period, family: 'D' }, { period, category: 'D.TAG' }, { period, agencyId: patrimony.agencyIds.lens },
      { period, commune: '62041' }, { period, residenceId: patrimony.residenceIds.lens, family: 'E' },
    ];
    let coarseReads = 0;
    for (const filter of filters) {
      const level = levelOf(scope, filter);
      const label = JSON.stringify(filter);
      const monthSource = monthCategorySource(scope, filter);
      if ('coarse' in monthSource) coarseReads++;
      expect(sorted(await repository.measuresByMonthAndCategory(db, scope, filter, monthSource, months)), label)
        .toEqual(sorted(await repository.measuresByMonthAndCategory(db, scope, filter, { fine: level }, months)));
      const agencies = agencySource(scope, filter);
      if ('coarse' in agencies) coarseReads++;
      expect(sorted(await repository.measuresByAgency(db, scope, filter, agencies, comparedPeriods(period))), label)
        .toEqual(sorted(await repository.measuresByAgency(db, scope, filter, { fine: level }, comparedPeriods(period))));
      const residences = residenceSource(scope, filter);
      if ('coarse' in residences) coarseReads++;
      expect(sorted(await repository.measuresByResidence(db, scope, filter, residences, period)), label)
        .toEqual(sorted(await repository.measuresByResidence(db, scope, filter, { fine: 'residence' }, period)));
      if (organisationHours(scope, filter)) {
        coarseReads++;
        expect(sorted(await repository.organisationHourGrid(db, scope, filter, period)), label).toEqual(sorted(await repository.hourGrid(db, scope, filter, period)));
      }
    }
    // Every coarse level was read, and figures were there to compare.
    expect(coarseReads).toBeGreaterThanOrEqual(12);
    expect((await repository.measuresByMonthAndCategory(db, scope, { period }, { coarse: 'organisation' }, months)).length).toBeGreaterThan(10);
  });
  it('follow the status lines and actions that count, through the workflow and written alone', async () => {
    const db = database();
    const org = patrimony.organisationId;
    await randomChanges(db, 5, 30, 0);
    const actor = testActor(org, 'observatory_officer');
    const record = async () => (await createIncident(db, actor, {
      place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: '2024-06-03T10:00:00+02:00', channel: 'caretaker',
      categoryCode: 'D.TAG', description: 'Tags', victims: [], perpetrator: 'not_identified', status: 'recorded',
    })).incident.id;
    const counted = async (id: number) => (await db.query<{ complaint: boolean; handled: boolean }>(
      'SELECT complaint, handling_hours IS NOT NULL AS handled FROM observatory_contributions WHERE organisation_id = $1 AND incident_id = $2', [org, id]))[0];
    const closingLine = (id: number, hours: number, reason: string | null = null) => db.query(
      `INSERT INTO incident_history (organisation_id, incident_id, changed_at, field, before_value, after_value, reason)
       SELECT organisation_id, id, recorded_at + $3 * interval '1 hour', 'status', '"in_progress"', '"closed"', $4 FROM incidents WHERE organisation_id = $1 AND id = $2`,
      [org, id, hours, reason]);
    const id = await record();
    expect(await counted(id)).toEqual({ complaint: false, handled: false });

    // Closed through the workflow: the incident changes before its closing line is written.
    await transitionIncident(db, actor, id, { to: 'qualified' });
    await transitionIncident(db, actor, id, { to: 'closed', outcome: 'resolved' });
    expect(await counted(id)).toEqual({ complaint: false, handled: true });
    await expectRollupsFromScratch();
    // Later closing lines alone move the handling time; an imported one does not count.
    await closingLine(id, 30);
    await expectRollupsFromScratch();
    await closingLine(id, 90, 'import');
    await expectRollupsFromScratch();
    await db.query(`DELETE FROM incident_history WHERE organisation_id = $1 AND incident_id = $2 AND field = 'status' AND after_value = '"closed"' AND reason IS NULL`, [org, id]);
    expect(await counted(id)).toEqual({ complaint: false, handled: false });
    await expectRollupsFromScratch();
    await closingLine(id, 12);
    await transitionIncident(db, actor, id, { to: 'in_progress', reason: 'Nouveaux tags' });
    expect(await counted(id)).toEqual({ complaint: false, handled: false });
    await transitionIncident(db, actor, id, { to: 'closed', outcome: 'resolved' });
    await expectRollupsFromScratch();

    // Complaints: added through the service, re-kinded, moved to another incident, withdrawn.
    const other = await record();
    await addAction(db, actor, id, { kind: 'mediation', date: '2024-06-04' });
    expect(await counted(id)).toEqual({ complaint: false, handled: true });
    const complaint = await addAction(db, actor, id, { kind: 'complaint_filed', date: '2024-06-05', policeStation: 'Lens' });
    expect(await counted(id)).toEqual({ complaint: true, handled: true });
    await expectRollupsFromScratch();
    await db.query(`UPDATE incident_actions SET kind = 'police_log' WHERE organisation_id = $1 AND id = $2`, [org, complaint.id]);
    expect(await counted(id)).toEqual({ complaint: false, handled: true });
    await db.query(`UPDATE incident_actions SET kind = 'accompanied_complaint' WHERE organisation_id = $1 AND incident_id = $2 AND kind = 'mediation'`, [org, id]);
    expect(await counted(id)).toEqual({ complaint: true, handled: true });
    await db.query(`UPDATE incident_actions SET incident_id = $3 WHERE organisation_id = $1 AND incident_id = $2 AND kind = 'accompanied_complaint'`, [org, id, other]);
    expect([await counted(id), await counted(other)]).toEqual([{ complaint: false, handled: true }, { complaint: true, handled: false }]);
    await expectRollupsFromScratch();
    await db.query(`DELETE FROM incident_actions WHERE organisation_id = $1 AND incident_id = $2`, [org, other]);
    expect(await counted(other)).toEqual({ complaint: false, handled: false });

    // A merge leaves the survivor counted, the duplicate not.
    await addAction(db, actor, other, { kind: 'complaint_filed', date: '2024-06-05', policeStation: 'Lens' });
    await mergeIncidents(db, actor, id, other);
    expect([await counted(id), await counted(other)]).toEqual([{ complaint: false, handled: true }, undefined]);
    await expectRollupsFromScratch();
  });
});
