import { copyText, type Queryable } from '../../db/database.js';
import { INSERT_COLUMNS, type NewIncident } from './records.js';

/**
 * SQL only — the history import's bulk path. Lines are first staged in a temporary table (no
 * WAL, no index), then moved into `incidents` in one statement that skips external ids already
 * present; a file large against the table has the list indexes dropped and rebuilt around the
 * move, as PostgreSQL's guide to populating a database advises (one sort per index instead of
 * a million random insertions).
 */

type StagedValue = string | number | boolean | null;

/**
 * The staged columns, in order: those of `incidents` an import sets, the position as longitude
 * and latitude, each with its type and how an incident gives it.
 */
const STAGING_COLUMNS: [name: string, type: string, value: (incident: NewIncident) => StagedValue][] = [
  ['external_id', 'text', (incident) => incident.externalId],
  ['place_kind', 'text', (incident) => incident.placeKind],
  ['dwelling_id', 'integer', (incident) => incident.place.dwellingId],
  ['common_area_id', 'integer', (incident) => incident.place.commonAreaId],
  ['entrance_id', 'integer', (incident) => incident.place.entranceId],
  ['building_id', 'integer', (incident) => incident.place.buildingId],
  ['residence_id', 'integer', (incident) => incident.place.residenceId],
  ['agency_id', 'integer', (incident) => incident.place.agencyId],
  ['lon', 'float8', (incident) => incident.place.lon],
  ['lat', 'float8', (incident) => incident.place.lat],
  ['occurred_at', 'timestamptz', (incident) => incident.occurredAt.toISOString()],
  ['occurred_until', 'timestamptz', (incident) => incident.occurredUntil?.toISOString() ?? null],
  ['time_unknown', 'boolean', (incident) => incident.timeUnknown],
  ['recorded_at', 'timestamptz', (incident) => incident.recordedAt?.toISOString() ?? null],
  ['channel', 'text', (incident) => incident.channel],
  ['category_code', 'text', (incident) => incident.category.code],
  ['category_version', 'integer', (incident) => incident.category.version],
  ['family', 'text', (incident) => incident.category.family],
  ['severity', 'text', (incident) => incident.severity],
  ['description', 'text', (incident) => incident.description],
  ['victims', 'jsonb', (incident) => JSON.stringify(incident.victims)],
  ['perpetrator', 'text', (incident) => incident.perpetrator],
  ['estimated_cost', 'numeric', (incident) => incident.estimatedCost],
  ['actual_cost', 'numeric', (incident) => incident.actualCost],
  ['work_order_ref', 'text', (incident) => incident.workOrderRef],
  ['insurance_claim_ref', 'text', (incident) => incident.insuranceClaimRef],
  ['status', 'text', (incident) => incident.status],
  ['outcome', 'text', (incident) => incident.outcome],
];
const STAGED = STAGING_COLUMNS.map(([name]) => name);

export async function createImportStaging(db: Queryable): Promise<void> {
  const columns = STAGING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
  await db.exec(`CREATE TEMP TABLE IF NOT EXISTS incident_import_staging (${columns}) ON COMMIT DROP; TRUNCATE pg_temp.incident_import_staging`);
}

/** Adds incidents to the staging table, in one COPY. */
export async function stageImportedIncidents(db: Queryable, incidents: NewIncident[]): Promise<void> {
  const lines = incidents.map((incident) => STAGING_COLUMNS.map(([, , value]) => copyText(value(incident))).join('\t'));
  await db.copyFrom('pg_temp.incident_import_staging', STAGED, `${lines.join('\n')}\n`);
}

/** Incidents of every organisation: the indexes' size, whatever the tenant. */
export async function countAllIncidents(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM incidents');
  return row!.n;
}

/** Staged lines whose external id is not in the organisation's incidents yet. */
export async function countNewStaged(db: Queryable, organisationId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM pg_temp.incident_import_staging s
     WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.organisation_id = $1 AND i.external_id = s.external_id)`,
    [organisationId],
  );
  return row!.n;
}

/**
 * Moves the staged lines whose external id is new into `incidents`, in time order (the list
 * indexes read newest first), each with the first line of its history: its status, brought by
 * the import. Returns how many were inserted.
 */
export async function insertStagedIncidents(db: Queryable, organisationId: number): Promise<number> {
  const [row] = await db.query<{ inserted: number }>(
    `WITH inserted AS (
       INSERT INTO incidents (${INSERT_COLUMNS})
       SELECT $1, external_id, NULL, place_kind, dwelling_id, common_area_id, entrance_id, building_id, residence_id, agency_id,
         ST_SetSRID(ST_MakePoint(lon, lat), 4326), occurred_at, occurred_until, time_unknown, COALESCE(recorded_at, now()), NULL,
         channel, category_code, category_version, family, severity, description, victims, perpetrator, estimated_cost,
         actual_cost, work_order_ref, insurance_claim_ref, status, outcome, NULL
       FROM pg_temp.incident_import_staging s
       WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.organisation_id = $1 AND i.external_id = s.external_id)
       ORDER BY s.occurred_at, s.external_id
       RETURNING organisation_id, id, recorded_at, status
     ), history AS (
       INSERT INTO incident_history (organisation_id, incident_id, changed_at, field, before_value, after_value, reason)
       SELECT organisation_id, id, recorded_at, 'status', NULL, to_jsonb(status), 'import' FROM inserted
     )
     SELECT count(*) AS inserted FROM inserted`,
    [organisationId],
  );
  return row!.inserted;
}
