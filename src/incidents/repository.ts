import type { Queryable } from '../db/database.js';
import type { CategoryVersion } from './domain/nomenclature.js';
import type { FieldChange } from './domain/history.js';
import type { HallTally } from './domain/hall-level.js';
import type { ActionDetails } from './domain/actions.js';
import type { Channel, Family, PerpetratorStatus, PlaceKind, Severity, Victim } from './domain/vocabulary.js';
import type { Outcome, Status } from './domain/workflow.js';

/** SQL only: each function is one statement over one organisation's incidents. */

/** Instants leave the database as ISO 8601 UTC strings, whatever the session time zone. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ——— Nomenclature ———

const CATEGORY_COLUMNS = `code, version, family, label_fr AS "labelFr", label_en AS "labelEn",
  default_severity AS "defaultSeverity", active`;

/** Gives an organisation the default nomenclature unless it already has one; true when it did. */
export async function seedCategories(db: Queryable, organisationId: number, categories: CategoryVersion[]): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO incident_categories (organisation_id, code, version, family, label_fr, label_en, default_severity, active)
     SELECT $1, c.code, c.version, c.family, c."labelFr", c."labelEn", c."defaultSeverity", c.active
     FROM jsonb_to_recordset($2::jsonb) AS c(code text, version int, family text, "labelFr" text, "labelEn" text, "defaultSeverity" text, active boolean)
     WHERE NOT EXISTS (SELECT 1 FROM incident_categories WHERE organisation_id = $1)
     ON CONFLICT DO NOTHING
     RETURNING code`,
    [organisationId, JSON.stringify(categories)],
  );
  return rows.length > 0;
}

export async function insertCategoryVersion(db: Queryable, organisationId: number, category: CategoryVersion, createdBy: number | null): Promise<void> {
  await db.query(
    `INSERT INTO incident_categories (organisation_id, code, version, family, label_fr, label_en, default_severity, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [organisationId, category.code, category.version, category.family, category.labelFr, category.labelEn, category.defaultSeverity, category.active, createdBy],
  );
}

/** The latest version of every category (of one code when `code` is given). */
export async function listCurrentCategories(db: Queryable, organisationId: number, code: string | null = null): Promise<CategoryVersion[]> {
  return db.query<CategoryVersion>(
    `SELECT DISTINCT ON (code) ${CATEGORY_COLUMNS} FROM incident_categories
     WHERE organisation_id = $1 AND ($2::text IS NULL OR code = $2)
     ORDER BY code, version DESC`,
    [organisationId, code],
  );
}

// ——— Places ———

export interface ResolvedPlace {
  dwellingId: number | null;
  commonAreaId: number | null;
  entranceId: number | null;
  buildingId: number | null;
  residenceId: number;
  agencyId: number;
  lon: number | null;
  lat: number | null;
}

/** Each level's chain of wider places, and the point an incident there is snapped to. */
const PLACE_SOURCES: Record<PlaceKind, { alias: string; select: string }> = {
  dwelling: {
    alias: 'd',
    select: `SELECT d.id AS "dwellingId", NULL::int AS "commonAreaId", d.entrance_id AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", COALESCE(e.geom, b.geom) AS point, d.external_id AS code
      FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
      JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
      LEFT JOIN entrances e ON e.organisation_id = d.organisation_id AND e.id = d.entrance_id`,
  },
  entrance: {
    alias: 'e',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", e.id AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", COALESCE(e.geom, b.geom) AS point, e.external_id AS code
      FROM entrances e JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
      JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id`,
  },
  building: {
    alias: 'b',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", NULL::int AS "entranceId", b.id AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", b.geom AS point, b.external_id AS code
      FROM buildings b JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id`,
  },
  residence: {
    alias: 'r',
    select: `SELECT NULL::int AS "dwellingId", NULL::int AS "commonAreaId", NULL::int AS "entranceId", NULL::int AS "buildingId",
        r.id AS "residenceId", r.agency_id AS "agencyId", r.external_id AS code,
        COALESCE(r.geom, (SELECT ST_Centroid(ST_Collect(b.geom)) FROM buildings b WHERE b.organisation_id = r.organisation_id AND b.residence_id = r.id)) AS point
      FROM residences r`,
  },
  common_area: {
    alias: 'ca',
    select: `SELECT NULL::int AS "dwellingId", ca.id AS "commonAreaId", ca.entrance_id AS "entranceId",
        COALESCE(ca.building_id, e.building_id) AS "buildingId", r.id AS "residenceId", r.agency_id AS "agencyId",
        COALESCE(ca.geom, e.geom, b.geom, r.geom) AS point, ca.external_id AS code
      FROM common_areas ca JOIN residences r ON r.organisation_id = ca.organisation_id AND r.id = ca.residence_id
      LEFT JOIN entrances e ON e.organisation_id = ca.organisation_id AND e.id = ca.entrance_id
      LEFT JOIN buildings b ON b.organisation_id = ca.organisation_id AND b.id = COALESCE(ca.building_id, e.building_id)`,
  },
};

const placesWhere = (kind: PlaceKind, match: string) => {
  const { alias, select } = PLACE_SOURCES[kind];
  return `SELECT "dwellingId", "commonAreaId", "entranceId", "buildingId", "residenceId", "agencyId", ST_X(point) AS lon, ST_Y(point) AS lat, code
    FROM (${select} WHERE ${alias}.organisation_id = $1 AND ${alias}.${match}) place`;
};

export async function resolvePlace(db: Queryable, organisationId: number, kind: PlaceKind, id: number): Promise<ResolvedPlace | undefined> {
  const [row] = await db.query<ResolvedPlace>(placesWhere(kind, 'id = $2'), [organisationId, id]);
  return row;
}

/** The places of one level with these external ids (codes of the landlord's management system). */
export async function resolvePlacesByCode(db: Queryable, organisationId: number, kind: PlaceKind, codes: string[]): Promise<(ResolvedPlace & { code: string })[]> {
  return db.query<ResolvedPlace & { code: string }>(placesWhere(kind, 'external_id = ANY($2::text[])'), [organisationId, codes]);
}

export interface NearestPlace {
  kind: 'entrance' | 'building';
  id: number;
  name: string;
  buildingId: number;
  residenceId: number;
  residenceName: string;
  lon: number;
  lat: number;
  distanceMetres: number;
}

/**
 * Entrances and buildings within `radius` metres of a point, nearest first (Lambert-93
 * distances); an entrance without its own position stands at its building's.
 */
export async function listNearestPlaces(db: Queryable, organisationId: number, lon: number, lat: number, radius: number, limit: number): Promise<NearestPlace[]> {
  return db.query<NearestPlace>(
    `WITH tap AS (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326) AS point),
     nearby AS (
       SELECT b.organisation_id, b.id AS building_id, b.residence_id, COALESCE(b.name, b.external_id) AS name, b.geom
       FROM buildings b, tap
       -- Degrees box around the point (0.01° ≥ 640 m east–west up to 55° of latitude): lets the index prefilter.
       WHERE b.organisation_id = $1 AND b.geom && ST_Expand(tap.point, 0.01)
     ),
     candidates AS (
       SELECT 'building' AS kind, n.building_id AS id, n.name, n.building_id, n.residence_id, n.geom FROM nearby n
       UNION ALL
       SELECT 'entrance', e.id, e.name, n.building_id, n.residence_id, COALESCE(e.geom, n.geom)
       FROM nearby n JOIN entrances e ON e.organisation_id = n.organisation_id AND e.building_id = n.building_id
     )
     SELECT c.kind, c.id, c.name, c.building_id AS "buildingId", c.residence_id AS "residenceId", r.name AS "residenceName",
       ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       round(ST_Distance(ST_Transform(c.geom, 2154), ST_Transform(tap.point, 2154))::numeric, 1) AS "distanceMetres"
     FROM candidates c CROSS JOIN tap
     JOIN residences r ON r.organisation_id = $1 AND r.id = c.residence_id
     WHERE ST_DWithin(ST_Transform(c.geom, 2154), ST_Transform(tap.point, 2154), $4)
     ORDER BY "distanceMetres", c.kind DESC, c.id
     LIMIT $5`,
    [organisationId, lon, lat, radius, limit],
  );
}

// ——— Incidents ———

/** The stored facts of an incident, as the API shows them. */
export interface IncidentRecord {
  id: number;
  externalId: string | null;
  status: Status;
  outcome: Outcome | null;
  placeKind: PlaceKind;
  dwellingId: number | null;
  commonAreaId: number | null;
  entranceId: number | null;
  buildingId: number | null;
  residenceId: number;
  agencyId: number;
  lon: number;
  lat: number;
  occurredAt: string;
  occurredUntil: string | null;
  timeUnknown: boolean;
  recordedAt: string;
  recordedBy: number | null;
  channel: Channel;
  categoryCode: string;
  categoryVersion: number;
  categoryLabelFr: string;
  categoryLabelEn: string;
  family: Family;
  severity: Severity;
  description: string;
  victims: Victim[];
  perpetrator: PerpetratorStatus;
  estimatedCost: number | null;
  actualCost: number | null;
  workOrderRef: string | null;
  insuranceClaimRef: string | null;
  suspectedDuplicateOf: number | null;
  duplicateOf: number | null;
  mergedAt: string | null;
  updatedAt: string;
}

const INCIDENT_COLUMNS = `
  i.id, i.external_id AS "externalId", i.status, i.outcome, i.place_kind AS "placeKind",
  i.dwelling_id AS "dwellingId", i.common_area_id AS "commonAreaId", i.entrance_id AS "entranceId",
  i.building_id AS "buildingId", i.residence_id AS "residenceId", i.agency_id AS "agencyId",
  ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat,
  ${iso('i.occurred_at')} AS "occurredAt", ${iso('i.occurred_until')} AS "occurredUntil", i.time_unknown AS "timeUnknown",
  ${iso('i.recorded_at')} AS "recordedAt", i.recorded_by AS "recordedBy", i.channel,
  i.category_code AS "categoryCode", i.category_version AS "categoryVersion",
  c.label_fr AS "categoryLabelFr", c.label_en AS "categoryLabelEn", i.family, i.severity, i.description,
  i.victims, i.perpetrator, i.estimated_cost AS "estimatedCost", i.actual_cost AS "actualCost",
  i.work_order_ref AS "workOrderRef", i.insurance_claim_ref AS "insuranceClaimRef",
  i.suspected_duplicate_of AS "suspectedDuplicateOf", i.duplicate_of AS "duplicateOf",
  ${iso('i.merged_at')} AS "mergedAt", ${iso('i.updated_at')} AS "updatedAt"`;

const INCIDENT_FROM = `
  FROM incidents i
  JOIN incident_categories c ON c.organisation_id = i.organisation_id AND c.code = i.category_code AND c.version = i.category_version`;

export interface NewIncident {
  externalId: string | null;
  idempotencyKey: string | null;
  placeKind: PlaceKind;
  place: ResolvedPlace & { lon: number; lat: number };
  occurredAt: Date;
  occurredUntil: Date | null;
  timeUnknown: boolean;
  recordedAt: Date | null;
  recordedBy: number | null;
  channel: Channel;
  category: Pick<CategoryVersion, 'code' | 'version' | 'family'>;
  severity: Severity;
  description: string;
  victims: Victim[];
  perpetrator: PerpetratorStatus;
  estimatedCost: number | null;
  actualCost: number | null;
  workOrderRef: string | null;
  insuranceClaimRef: string | null;
  status: Status;
  outcome: Outcome | null;
  suspectedDuplicateOf: number | null;
}

const INSERT_COLUMNS = `organisation_id, external_id, idempotency_key, place_kind, dwelling_id, common_area_id, entrance_id,
  building_id, residence_id, agency_id, geom, occurred_at, occurred_until, time_unknown, recorded_at, recorded_by, channel,
  category_code, category_version, family, severity, description, victims, perpetrator, estimated_cost, actual_cost,
  work_order_ref, insurance_claim_ref, status, outcome, suspected_duplicate_of`;

/** The record as a JSON object whose keys match `jsonb_to_recordset` below. */
function insertRecord(incident: NewIncident) {
  const { place } = incident;
  return {
    external_id: incident.externalId, idempotency_key: incident.idempotencyKey, place_kind: incident.placeKind,
    dwelling_id: place.dwellingId, common_area_id: place.commonAreaId, entrance_id: place.entranceId, building_id: place.buildingId,
    residence_id: place.residenceId, agency_id: place.agencyId, lon: place.lon, lat: place.lat,
    occurred_at: incident.occurredAt.toISOString(), occurred_until: incident.occurredUntil?.toISOString() ?? null,
    time_unknown: incident.timeUnknown, recorded_at: incident.recordedAt?.toISOString() ?? null, recorded_by: incident.recordedBy,
    channel: incident.channel, category_code: incident.category.code, category_version: incident.category.version,
    family: incident.category.family, severity: incident.severity, description: incident.description, victims: incident.victims,
    perpetrator: incident.perpetrator, estimated_cost: incident.estimatedCost, actual_cost: incident.actualCost,
    work_order_ref: incident.workOrderRef, insurance_claim_ref: incident.insuranceClaimRef, status: incident.status,
    outcome: incident.outcome, suspected_duplicate_of: incident.suspectedDuplicateOf,
  };
}

const RECORDSET = `jsonb_to_recordset($2::jsonb) AS r(external_id text, idempotency_key text, place_kind text, dwelling_id int,
  common_area_id int, entrance_id int, building_id int, residence_id int, agency_id int, lon float8, lat float8,
  occurred_at timestamptz, occurred_until timestamptz, time_unknown boolean, recorded_at timestamptz, recorded_by int, channel text,
  category_code text, category_version int, family text, severity text, description text, victims jsonb, perpetrator text,
  estimated_cost numeric, actual_cost numeric, work_order_ref text, insurance_claim_ref text, status text, outcome text,
  suspected_duplicate_of bigint)`;

const RECORDSET_VALUES = `$1, r.external_id, r.idempotency_key, r.place_kind, r.dwelling_id, r.common_area_id, r.entrance_id,
  r.building_id, r.residence_id, r.agency_id, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.occurred_at, r.occurred_until,
  r.time_unknown, COALESCE(r.recorded_at, now()), r.recorded_by, r.channel, r.category_code, r.category_version, r.family,
  r.severity, r.description, COALESCE(r.victims, '[]'), r.perpetrator, r.estimated_cost, r.actual_cost, r.work_order_ref,
  r.insurance_claim_ref, r.status, r.outcome, r.suspected_duplicate_of`;

/**
 * Inserts an incident; returns its id, or undefined when one with the same idempotency key
 * already exists (an offline capture sent twice).
 */
export async function insertIncident(db: Queryable, organisationId: number, incident: NewIncident): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO incidents (${INSERT_COLUMNS}) SELECT ${RECORDSET_VALUES} FROM ${RECORDSET}
     ON CONFLICT (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [organisationId, JSON.stringify([insertRecord(incident)])],
  );
  return row?.id;
}

/** Inserts many incidents at once (history import), skipping external ids already present. */
export async function insertImportedIncidents(db: Queryable, organisationId: number, incidents: NewIncident[]): Promise<{ id: number; externalId: string }[]> {
  return db.query<{ id: number; externalId: string }>(
    `INSERT INTO incidents (${INSERT_COLUMNS}) SELECT ${RECORDSET_VALUES} FROM ${RECORDSET}
     ON CONFLICT (organisation_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
     RETURNING id, external_id AS "externalId"`,
    [organisationId, JSON.stringify(incidents.map(insertRecord))],
  );
}

export async function findIdByIdempotencyKey(db: Queryable, organisationId: number, key: string): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM incidents WHERE organisation_id = $1 AND idempotency_key = $2', [organisationId, key]);
  return row?.id;
}

/** One incident; `lock` holds it until the transaction ends, so concurrent changes queue. */
export async function findIncident(db: Queryable, organisationId: number, id: number, lock = false): Promise<IncidentRecord | undefined> {
  const [row] = await db.query<IncidentRecord>(
    `SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} WHERE i.organisation_id = $1 AND i.id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`,
    [organisationId, id],
  );
  return row;
}

export interface DuplicateCandidate {
  id: number;
  family: Family;
  occurredAt: Date;
  entranceId: number | null;
  lon: number;
  lat: number;
}

/** Live incidents of one family in a time window: the candidates the duplicate rule then checks. */
export async function listDuplicateCandidates(db: Queryable, organisationId: number, family: Family, from: Date, until: Date): Promise<DuplicateCandidate[]> {
  return db.query<DuplicateCandidate>(
    `SELECT id, family, occurred_at AS "occurredAt", entrance_id AS "entranceId", ST_X(geom) AS lon, ST_Y(geom) AS lat
     FROM incidents
     WHERE organisation_id = $1 AND family = $2 AND occurred_at BETWEEN $3::timestamptz AND $4::timestamptz
       AND status <> 'draft' AND duplicate_of IS NULL
     ORDER BY occurred_at DESC, id DESC
     LIMIT 500`,
    [organisationId, family, from.toISOString(), until.toISOString()],
  );
}

/** Columns a change may set, by the name the service uses. */
const UPDATABLE = {
  status: 'status', outcome: 'outcome', categoryCode: 'category_code', categoryVersion: 'category_version', family: 'family',
  severity: 'severity', channel: 'channel', description: 'description', victims: 'victims', perpetrator: 'perpetrator',
  estimatedCost: 'estimated_cost', actualCost: 'actual_cost', workOrderRef: 'work_order_ref', insuranceClaimRef: 'insurance_claim_ref',
} as const;
export type IncidentUpdate = Partial<Record<keyof typeof UPDATABLE, unknown>>;

export async function updateIncident(db: Queryable, organisationId: number, id: number, update: IncidentUpdate): Promise<void> {
  const fields = (Object.keys(update) as (keyof typeof UPDATABLE)[]).filter((field) => update[field] !== undefined);
  const assignments = fields.map((field, index) => `${UPDATABLE[field]} = $${index + 3}${field === 'victims' ? '::jsonb' : ''}`);
  const values = fields.map((field) => (field === 'victims' ? JSON.stringify(update[field]) : update[field]));
  await db.query(
    `UPDATE incidents SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE organisation_id = $1 AND id = $2`,
    [organisationId, id, ...values],
  );
}

export async function markMerged(db: Queryable, organisationId: number, duplicateId: number, survivorId: number): Promise<void> {
  await db.query(
    'UPDATE incidents SET duplicate_of = $3, merged_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2',
    [organisationId, duplicateId, survivorId],
  );
}

// ——— History, actions, comments ———

export async function insertHistory(db: Queryable, organisationId: number, incidentId: number, changedBy: number | null, changes: FieldChange[], reason: string | null = null): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO incident_history (organisation_id, incident_id, changed_by, field, before_value, after_value, reason)
     SELECT $1, $2, $3, change->>'field', change->'before', change->'after', $5
     FROM jsonb_array_elements($4::jsonb) AS change`,
    [organisationId, incidentId, changedBy, JSON.stringify(changes), reason],
  );
}

/** The first line of the history of imported incidents: their status, brought by the import. */
export async function insertImportHistory(db: Queryable, organisationId: number, incidentIds: number[]): Promise<void> {
  await db.query(
    `INSERT INTO incident_history (organisation_id, incident_id, changed_at, field, before_value, after_value, reason)
     SELECT organisation_id, id, recorded_at, 'status', NULL, to_jsonb(status), 'import'
     FROM incidents WHERE organisation_id = $1 AND id = ANY($2::bigint[])`,
    [organisationId, incidentIds],
  );
}

export interface HistoryEntry {
  incidentId: number;
  changedAt: string;
  changedBy: number | null;
  field: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export async function listHistory(db: Queryable, organisationId: number, incidentIds: number[]): Promise<HistoryEntry[]> {
  return db.query<HistoryEntry>(
    `SELECT incident_id AS "incidentId", ${iso('changed_at')} AS "changedAt", changed_by AS "changedBy", field,
       before_value AS before, after_value AS after, reason
     FROM incident_history WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])
     ORDER BY changed_at, id`,
    [organisationId, incidentIds],
  );
}

export interface ActionRecord extends ActionDetails {
  id: number;
  incidentId: number;
  recordedAt: string;
  recordedBy: number | null;
}

const ACTION_COLUMNS = `id, incident_id AS "incidentId", kind, to_char(action_date, 'YYYY-MM-DD') AS date, note,
  police_station AS "policeStation", legal_outcome AS "legalOutcome", ${iso('recorded_at')} AS "recordedAt", recorded_by AS "recordedBy"`;

export async function insertAction(db: Queryable, organisationId: number, incidentId: number, action: ActionDetails, recordedBy: number | null): Promise<ActionRecord> {
  const [row] = await db.query<ActionRecord>(
    `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, note, police_station, legal_outcome, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ACTION_COLUMNS}`,
    [organisationId, incidentId, action.kind, action.date, action.note, action.policeStation, action.legalOutcome, recordedBy],
  );
  return row!;
}

export async function listActions(db: Queryable, organisationId: number, incidentIds: number[]): Promise<ActionRecord[]> {
  return db.query<ActionRecord>(
    `SELECT ${ACTION_COLUMNS} FROM incident_actions WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[])
     ORDER BY action_date, id`,
    [organisationId, incidentIds],
  );
}

export interface CommentRecord {
  id: number;
  incidentId: number;
  body: string;
  createdAt: string;
  createdBy: number | null;
}

const COMMENT_COLUMNS = `id, incident_id AS "incidentId", body, ${iso('created_at')} AS "createdAt", created_by AS "createdBy"`;

export async function insertComment(db: Queryable, organisationId: number, incidentId: number, body: string, createdBy: number | null): Promise<CommentRecord> {
  const [row] = await db.query<CommentRecord>(
    `INSERT INTO incident_comments (organisation_id, incident_id, body, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COMMENT_COLUMNS}`,
    [organisationId, incidentId, body, createdBy],
  );
  return row!;
}

export async function listComments(db: Queryable, organisationId: number, incidentIds: number[]): Promise<CommentRecord[]> {
  return db.query<CommentRecord>(
    `SELECT ${COMMENT_COLUMNS} FROM incident_comments WHERE organisation_id = $1 AND incident_id = ANY($2::bigint[]) ORDER BY created_at, id`,
    [organisationId, incidentIds],
  );
}

export async function listMergedInto(db: Queryable, organisationId: number, incidentId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'SELECT id FROM incidents WHERE organisation_id = $1 AND duplicate_of = $2 ORDER BY id',
    [organisationId, incidentId],
  );
  return rows.map((row) => row.id);
}

// ——— Lists ———

export interface IncidentFilters {
  from?: Date;
  until?: Date;
  agencyId?: number;
  residenceId?: number;
  buildingId?: number;
  entranceId?: number;
  family?: Family;
  categoryCode?: string;
  severity?: Severity;
  status?: Status;
  channel?: Channel;
  recordedBy?: number;
}

/** Who may still see confidential families when the viewer does not see everything. */
export interface ConfidentialScope {
  families: Family[];
  agencyIds: number[];
  userId: number | null;
}

/** Position after the last row of a page, newest first. */
export interface ListCursor {
  occurredAt: string;
  id: number;
}

const FILTER_COLUMNS: Record<Exclude<keyof IncidentFilters, 'from' | 'until'>, string> = {
  agencyId: 'agency_id', residenceId: 'residence_id', buildingId: 'building_id', entranceId: 'entrance_id', family: 'family',
  categoryCode: 'category_code', severity: 'severity', status: 'status', channel: 'channel', recordedBy: 'recorded_by',
};

/** One page of live (not merged) incidents, newest first, after `cursor`. */
export async function listIncidents(
  db: Queryable, organisationId: number, filters: IncidentFilters, scope: ConfidentialScope | null, cursor: ListCursor | null, limit: number,
): Promise<IncidentRecord[]> {
  const params: unknown[] = [organisationId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['i.organisation_id = $1', 'i.duplicate_of IS NULL'];
  if (filters.from) conditions.push(`i.occurred_at >= ${param(filters.from.toISOString())}::timestamptz`);
  if (filters.until) conditions.push(`i.occurred_at < ${param(filters.until.toISOString())}::timestamptz`);
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    if (filters[key] !== undefined) conditions.push(`i.${column} = ${param(filters[key])}`);
  }
  if (scope) {
    conditions.push(`(i.family <> ALL(${param(scope.families)}::text[]) OR i.agency_id = ANY(${param(scope.agencyIds)}::int[])
      OR i.recorded_by = ${param(scope.userId)}::int)`);
  }
  if (cursor) conditions.push(`(i.occurred_at, i.id) < (${param(cursor.occurredAt)}::timestamptz, ${param(cursor.id)}::bigint)`);
  return db.query<IncidentRecord>(
    `SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} WHERE ${conditions.join(' AND ')}
     ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${param(limit)}`,
    params,
  );
}

// ——— Hall levels ———

export interface EntranceTallies {
  entranceId: number;
  entranceName: string;
  buildingId: number;
  buildingName: string | null;
  tallies: HallTally[];
}

/** Every entrance of a residence with its counted incidents in (from, until], by family and severity. */
export async function listEntranceTallies(db: Queryable, organisationId: number, residenceId: number, from: Date, until: Date): Promise<EntranceTallies[]> {
  return db.query<EntranceTallies>(
    `SELECT e.id AS "entranceId", e.name AS "entranceName", b.id AS "buildingId", b.name AS "buildingName",
       COALESCE(json_agg(json_build_object('family', t.family, 'severity', t.severity, 'count', t.count)
         ORDER BY t.family, t.severity) FILTER (WHERE t.family IS NOT NULL), '[]'::json) AS tallies
     FROM entrances e
     JOIN buildings b ON b.organisation_id = e.organisation_id AND b.id = e.building_id
     LEFT JOIN (
       SELECT entrance_id, family, severity, count(*) AS count FROM incidents
       WHERE organisation_id = $1 AND residence_id = $2 AND entrance_id IS NOT NULL
         AND occurred_at > $3::timestamptz AND occurred_at <= $4::timestamptz
         AND status <> 'draft' AND duplicate_of IS NULL
       GROUP BY entrance_id, family, severity
     ) t ON t.entrance_id = e.id
     WHERE b.organisation_id = $1 AND b.residence_id = $2
     GROUP BY e.id, e.name, b.id, b.name
     ORDER BY b.name NULLS LAST, e.name, e.id`,
    [organisationId, residenceId, from.toISOString(), until.toISOString()],
  );
}

// ——— Statistics ———

export interface IncidentCounts {
  total: number;
  merged: number;
  byStatus: Record<string, number>;
  byFamily: Record<string, number>;
  bySeverity: Record<string, number>;
  byYear: Record<string, number>;
}

/** Counts across the organisations given (all of them when `organisationId` is null). */
export async function countIncidents(db: Queryable, organisationId: number | null): Promise<IncidentCounts> {
  const [row] = await db.query<IncidentCounts>(
    `WITH live AS (SELECT * FROM incidents WHERE ($1::int IS NULL OR organisation_id = $1) AND duplicate_of IS NULL),
     grouped AS (SELECT key, value, count(*) AS n FROM live,
       LATERAL (VALUES ('status', status), ('family', family::text), ('severity', severity),
                       ('year', to_char(occurred_at AT TIME ZONE 'Europe/Paris', 'YYYY'))) AS g(key, value)
       GROUP BY key, value)
     SELECT (SELECT count(*) FROM live) AS total,
       (SELECT count(*) FROM incidents WHERE ($1::int IS NULL OR organisation_id = $1) AND duplicate_of IS NOT NULL) AS merged,
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'status'), '{}'::json) AS "byStatus",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'family'), '{}'::json) AS "byFamily",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'severity'), '{}'::json) AS "bySeverity",
       COALESCE((SELECT json_object_agg(value, n ORDER BY value) FROM grouped WHERE key = 'year'), '{}'::json) AS "byYear"`,
    [organisationId],
  );
  return row!;
}
