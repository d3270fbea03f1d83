import type { ResolvedPlace } from './places.js';
import type { Queryable } from '../../db/database.js';
import type { CategoryVersion } from '../domain/nomenclature.js';
import type { Channel, Family, PerpetratorStatus, PlaceKind, Severity, Victim } from '../domain/vocabulary.js';
import type { Outcome, Status } from '../domain/workflow.js';
import { iso } from './sql.js';

/** SQL only, one statement per function — incidents themselves: insert, read, change, merge. */

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

export const INCIDENT_COLUMNS = `
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

export const INCIDENT_FROM = `
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

export const INSERT_COLUMNS = `organisation_id, external_id, idempotency_key, place_kind, dwelling_id, common_area_id, entrance_id,
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
