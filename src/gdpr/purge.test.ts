import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { verifyAuditChain } from '../access/audit.js';
import { initialCategories } from '../incidents/domain/nomenclature.js';
import { seedCategories } from '../incidents/repository.js';
import { FilesystemStore } from '../storage/filesystem-store.js';
import { purge } from './purge.js';
import { upsertPolicy } from './retention-repository.js';

const NOW = new Date('2026-11-23T12:00:00Z');

/** Every roll-up figure, in a stable order: what the dashboards read. */
const ROLLUPS = `SELECT level, place_id, month::text, category_code, severity, status, incidents, damage_cost::float8, with_cost, with_complaint,
    handled, round(handling_hours, 4)::float8 AS hours, staff_itt_unknown, staff_itt_none, staff_itt_up_to_8, staff_itt_over_8
  FROM incident_rollups WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4, 5, 6`;
const HOURS = `SELECT agency_id, month::text, family, weekday, hour, incidents FROM incident_rollup_hours WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4, 5`;

describeEachEngine('retention purge', (database) => {
  let patrimony: SmallPatrimony;
  let other: SmallPatrimony;
  let root: string;
  let store: FilesystemStore;
  let dwellingId: number;
  const ids: Record<'old' | 'oldInFile' | 'oldHouse' | 'recent', number> = { old: 0, oldInFile: 0, oldHouse: 0, recent: 0 };
  const files: Record<'settledLongAgo' | 'settledRecently' | 'stale' | 'active', number> = { settledLongAgo: 0, settledRecently: 0, stale: 0, active: 0 };

  async function incident(org: number, place: { entrance: number | null; building: number; residence: number; agency: number }, occurredAt: string, extra: { dwelling?: number; status?: string; family?: string } = {}) {
    const family = extra.family ?? 'D';
    const [row] = await database().query<{ id: number }>(
      `INSERT INTO incidents (organisation_id, place_kind, dwelling_id, entrance_id, building_id, residence_id, agency_id, geom, occurred_at,
         recorded_at, recorded_by, channel, category_code, category_version, family, severity, description, victims, estimated_cost, status, outcome,
         work_order_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint(2.9, 50.5), 4326), $8, $8::timestamptz + interval '1 hour', 42, 'caretaker',
         $9, 1, $10, 'G2', 'M. Martin du 3e a encore tagué le hall', $11::jsonb, 120.5, $12, $13, 'BT-778') RETURNING id`,
      [org, extra.dwelling ? 'dwelling' : place.entrance ? 'entrance' : 'building', extra.dwelling ?? null, place.entrance, place.building, place.residence, place.agency,
        occurredAt, family === 'E' ? 'E.THREAT' : 'D.TAG', family, family === 'E' ? '[{"role":"landlord_staff","ittClass":"no_itt"}]' : '[]',
        extra.status ?? 'closed', (extra.status ?? 'closed') === 'closed' ? 'resolved' : null]);
    const id = row!.id;
    await database().query(
      `INSERT INTO incident_history (organisation_id, incident_id, changed_at, changed_by, field, before_value, after_value, reason)
       VALUES ($1, $2, $3::timestamptz + interval '30 hours', 42, 'status', '"recorded"', '"closed"', NULL),
              ($1, $2, $3::timestamptz + interval '2 hours', 42, 'description', '"Mme Durand"', '"M. Martin"', 'correction du nom')`, [org, id, occurredAt]);
    await database().query(
      `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, note, police_station, recorded_by)
       VALUES ($1, $2, 'complaint_filed', $3::date, 'Plainte de M. Martin', 'Lens', 42)`, [org, id, occurredAt]);
    await database().query(`INSERT INTO incident_comments (organisation_id, incident_id, body, created_by) VALUES ($1, $2, 'Vu M. Martin', 42)`, [org, id]);
    return id;
  }

  async function file(org: number, agencyId: number, incidentId: number, status: string, openedAt: string, closedAt: string | null, stepDate?: string) {
    const [row] = await database().query<{ id: number }>(
      `INSERT INTO pre_litigation_files (organisation_id, agency_id, title, status, opened_at, closed_at) VALUES ($1, $2, 'Dossier', $3, $4, $5) RETURNING id`,
      [org, agencyId, status, openedAt, closedAt]);
    await database().query('INSERT INTO pre_litigation_incidents (organisation_id, file_id, incident_id) VALUES ($1, $2, $3)', [org, row!.id, incidentId]);
    await database().query(`INSERT INTO pre_litigation_persons (organisation_id, file_id, full_name, role) VALUES ($1, $2, 'Paul Martin', 'tenant')`, [org, row!.id]);
    if (stepDate) await database().query(`INSERT INTO pre_litigation_steps (organisation_id, file_id, kind, step_date) VALUES ($1, $2, 'formal_notice', $3)`, [org, row!.id, stepDate]);
    return row!.id;
  }

  beforeAll(async () => {
    const db = database();
    root = await mkdtemp(path.join(tmpdir(), 'vigie-purge-'));
    store = new FilesystemStore(root);
    patrimony = await createSmallPatrimony(db);
    other = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
    for (const org of [patrimony.organisationId, other.organisationId]) await seedCategories(db, org, initialCategories());
    const org = patrimony.organisationId;
    [{ id: dwellingId }] = (await db.query<{ id: number }>('SELECT id FROM dwellings WHERE organisation_id = $1 AND entrance_id = $2 ORDER BY id LIMIT 1', [org, patrimony.entranceIds.lensA])) as [{ id: number }];
    const lensA = { entrance: patrimony.entranceIds.lensA, building: patrimony.buildingIds.lensTower, residence: patrimony.residenceIds.lens, agency: patrimony.agencyIds.lens };
    const house = { entrance: null, building: patrimony.buildingIds.arrasHouse, residence: patrimony.residenceIds.arras, agency: patrimony.agencyIds.arras };
    ids.old = await incident(org, lensA, '2020-03-14T21:30:00Z', { dwelling: dwellingId, family: 'E' });
    ids.oldInFile = await incident(org, lensA, '2020-06-01T10:00:00Z');
    ids.oldHouse = await incident(org, house, '2019-12-31T23:30:00Z', { status: 'in_progress' });
    ids.recent = await incident(org, lensA, '2025-06-01T10:00:00Z');
    files.settledLongAgo = await file(org, patrimony.agencyIds.lens, ids.recent, 'settled', '2025-06-02T00:00:00Z', '2026-02-01T00:00:00Z');
    files.settledRecently = await file(org, patrimony.agencyIds.lens, ids.recent, 'judgment_executed', '2025-06-02T00:00:00Z', '2026-10-01T00:00:00Z');
    files.stale = await file(org, patrimony.agencyIds.lens, ids.recent, 'open', '2019-01-01T00:00:00Z', null, '2020-05-01');
    files.active = await file(org, patrimony.agencyIds.lens, ids.oldInFile, 'open', '2019-01-01T00:00:00Z', null, '2021-01-10');
    const user = await db.query<{ id: number }>(`INSERT INTO users (organisation_id, email, display_name) VALUES ($1, 'old@vigie.test', 'Old') RETURNING id`, [org]);
    await db.query(
      `INSERT INTO sessions (organisation_id, user_id, token_hash, created_at, last_seen_at, expires_at) VALUES
       ($1, $2, repeat('a', 64), '2025-01-01', '2025-01-01', '2025-01-02'), ($1, $2, repeat('b', 64), now(), now(), now() + interval '8 hours')`,
      [org, user[0]!.id]);
    await store.put('old/photo.jpg', new Uint8Array([1, 2, 3]));
    await db.query(
      `INSERT INTO incident_photos (organisation_id, incident_id, media_type, width, height, byte_size, storage_key, thumbnail_key, uploaded_at) VALUES
       ($1, $2, 'image/jpeg', 10, 10, 3, 'old/photo.jpg', 'old/thumb.jpg', '2025-01-01'), ($1, $2, 'image/jpeg', 10, 10, 3, 'new/photo.jpg', 'new/thumb.jpg', '2026-11-01')`,
      [org, ids.recent]);
    // Another landlord keeps incidents five times longer.
    await upsertPolicy(db, other.organisationId, 'incident_anonymise', 300);
    await incident(other.organisationId, { entrance: other.entranceIds.lensA, building: other.buildingIds.lensTower, residence: other.residenceIds.lens, agency: other.agencyIds.lens }, '2020-03-14T21:30:00Z');
  }, 60_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  const expected = {
    incident_anonymise: 2, incident_photos: 1, sessions: 1, pre_litigation_closed: 1, pre_litigation_limitation: 1,
  };
  const none = { incident_anonymise: 0, incident_photos: 0, sessions: 0, pre_litigation_closed: 0, pre_litigation_limitation: 0 };

  it('counts what would go, per organisation and rule, and changes nothing in a dry run', async () => {
    const db = database();
    const before = await db.query('SELECT id, description FROM incidents ORDER BY id');
    const results = await purge(db, { dryRun: true, now: NOW, store });
    expect(results).toEqual([
      expect.objectContaining({ organisationId: patrimony.organisationId, counts: expected }),
      expect.objectContaining({ organisationId: other.organisationId, counts: none }),
    ]);
    expect(results[1]!.policy.incident_anonymise).toBe(300);
    expect(await db.query('SELECT id, description FROM incidents ORDER BY id')).toEqual(before);
    expect(await db.query(`SELECT 1 FROM audit_log WHERE action = 'retention.purge'`)).toHaveLength(0);
  });

  it('anonymises old incidents and deletes expired files, sessions and photos, leaving the roll-ups equal', async () => {
    const db = database();
    const org = patrimony.organisationId;
    const rollups = await db.query(ROLLUPS, [org]);
    const hours = await db.query(HOURS, [org]);
    expect(rollups.length).toBeGreaterThan(10);

    const results = await purge(db, { dryRun: false, now: NOW, store, label: 'test:purge' });
    expect(results[0]!.counts).toEqual(expected);

    expect(await db.query(ROLLUPS, [org])).toEqual(rollups);
    expect(await db.query(HOURS, [org])).toEqual(hours);
    // Recomputed from the anonymised rows alone, the roll-ups still come out the same.
    await db.query('SELECT observatory_refresh($1, ARRAY(SELECT id FROM incidents WHERE organisation_id = $1))', [org]);
    expect(await db.query(ROLLUPS, [org])).toEqual(rollups);
    expect(await db.query(HOURS, [org])).toEqual(hours);

    const anonymised = await db.query<Record<string, unknown>>(
      `SELECT i.id, i.description, i.recorded_by, i.dwelling_id, i.place_kind, i.work_order_ref, i.anonymised_at IS NOT NULL AS anonymised,
         ST_Equals(i.geom, b.geom) AS at_building
       FROM incidents i JOIN buildings b ON b.organisation_id = i.organisation_id AND b.id = i.building_id
       WHERE i.organisation_id = $1 AND i.id = ANY($2::bigint[]) ORDER BY i.id`, [org, [ids.old, ids.oldHouse]]);
    expect(anonymised).toEqual([
      { id: ids.old, description: '', recorded_by: null, dwelling_id: null, place_kind: 'entrance', work_order_ref: null, anonymised: true, at_building: true },
      { id: ids.oldHouse, description: '', recorded_by: null, dwelling_id: null, place_kind: 'building', work_order_ref: null, anonymised: true, at_building: true },
    ]);
    const leftovers = JSON.stringify(await db.query(
      `SELECT (SELECT json_agg(c) FROM incident_comments c WHERE c.organisation_id = $1 AND c.incident_id = ANY($2::bigint[])) AS comments,
              (SELECT json_agg(a) FROM incident_actions a WHERE a.organisation_id = $1 AND a.incident_id = ANY($2::bigint[])) AS actions,
              (SELECT json_agg(h) FROM incident_history h WHERE h.organisation_id = $1 AND h.incident_id = ANY($2::bigint[])) AS history`,
      [org, [ids.old, ids.oldHouse]]));
    expect(leftovers).not.toMatch(/Martin|Durand|"changed_by":42|"recorded_by":42/);
    expect(leftovers).toContain('complaint_filed');

    const kept = await db.query<{ id: number; description: string }>('SELECT id, description FROM incidents WHERE organisation_id = $1 AND id = ANY($2::bigint[]) ORDER BY id', [org, [ids.oldInFile, ids.recent]]);
    expect(kept.map((row) => row.description)).toEqual(['M. Martin du 3e a encore tagué le hall', 'M. Martin du 3e a encore tagué le hall']);
    const remainingFiles = await db.query<{ id: number }>('SELECT id FROM pre_litigation_files WHERE organisation_id = $1 ORDER BY id', [org]);
    expect(remainingFiles.map((row) => row.id)).toEqual([files.settledRecently, files.active]);
    expect(await db.query('SELECT 1 FROM pre_litigation_persons WHERE organisation_id = $1', [org])).toHaveLength(2);
    expect(await db.query('SELECT 1 FROM sessions WHERE organisation_id = $1', [org])).toHaveLength(1);
    expect((await db.query<{ key: string }>('SELECT storage_key AS key FROM incident_photos WHERE organisation_id = $1', [org])).map((row) => row.key)).toEqual(['new/photo.jpg']);
    expect(await store.get('old/photo.jpg')).toBeUndefined();

    const [entry] = await db.query<{ actorLabel: string; after: { counts: Record<string, number>; deletedFileIds: number[] } }>(
      `SELECT actor_label AS "actorLabel", after FROM audit_log WHERE organisation_id = $1 AND action = 'retention.purge'`, [org]);
    expect(entry).toMatchObject({ actorLabel: 'test:purge', after: { counts: { incident_anonymise: 2, sessions: 1 }, deletedFileIds: [files.settledLongAgo, files.stale] } });
    expect((await verifyAuditChain(db)).breaks).toEqual([]);
    // The other landlord's longer duration kept its incident intact.
    expect(await db.query(`SELECT 1 FROM incidents WHERE organisation_id = $1 AND anonymised_at IS NULL`, [other.organisationId])).toHaveLength(1);
  });

  it('finds nothing more to do when run again', async () => {
    const results = await purge(database(), { dryRun: false, now: NOW, store });
    expect(results.map((result) => result.counts)).toEqual([none, none]);
  });
});
