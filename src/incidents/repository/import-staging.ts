import { copyText, type Queryable } from '../../db/database.js';
import { INSERT_COLUMNS, type NewIncident } from './records.js';

/**
 * SQL only — the history import's bulk path. Lines are first staged in a temporary table (no
 * WAL, no index), then moved into `incidents` in one statement that skips external ids already
 * present; a file large against the table has the list indexes dropped and rebuilt around the
 * move, as PostgreSQL's guide to populating a database advises (one sort per index instead of
 * a million random insertions).
 */

/** The staged columns: those of `incidents` an import sets, the position as longitude and latitude. */
const STAGING_COLUMNS = {
  external_id: 'text', place_kind: 'text', dwelling_id: 'integer', common_area_id: 'integer', entrance_id: 'integer',
  building_id: 'integer', residence_id: 'integer', agency_id: 'integer', lon: 'float8', lat: 'float8', occurred_at: 'timestamptz',
  occurred_until: 'timestamptz', time_unknown: 'boolean', recorded_at: 'timestamptz', channel: 'text', category_code: 'text',
  category_version: 'integer', family: 'text', severity: 'text', description: 'text', victims: 'jsonb', perpetrator: 'text',
  estimated_cost: 'numeric', actual_cost: 'numeric', work_order_ref: 'text', insurance_claim_ref: 'text', status: 'text', outcome: 'text',
} as const;
type StagingColumn = keyof typeof STAGING_COLUMNS;
const STAGED = Object.keys(STAGING_COLUMNS) as StagingColumn[];

export async function createImportStaging(db: Queryable): Promise<void> {
  const columns = STAGED.map((column) => `${column} ${STAGING_COLUMNS[column]}`).join(', ');
  await db.exec(`CREATE TEMP TABLE IF NOT EXISTS incident_import_staging (${columns}) ON COMMIT DROP; TRUNCATE pg_temp.incident_import_staging`);
}

function stagedValues(incident: NewIncident): Record<StagingColumn, string | number | boolean | null> {
  const { place, category } = incident;
  return {
    external_id: incident.externalId, place_kind: incident.placeKind, dwelling_id: place.dwellingId, common_area_id: place.commonAreaId,
    entrance_id: place.entranceId, building_id: place.buildingId, residence_id: place.residenceId, agency_id: place.agencyId,
    lon: place.lon, lat: place.lat, occurred_at: incident.occurredAt.toISOString(), occurred_until: incident.occurredUntil?.toISOString() ?? null,
    time_unknown: incident.timeUnknown, recorded_at: incident.recordedAt?.toISOString() ?? null, channel: incident.channel,
    category_code: category.code, category_version: category.version, family: category.family, severity: incident.severity,
    description: incident.description, victims: JSON.stringify(incident.victims), perpetrator: incident.perpetrator,
    estimated_cost: incident.estimatedCost, actual_cost: incident.actualCost, work_order_ref: incident.workOrderRef,
    insurance_claim_ref: incident.insuranceClaimRef, status: incident.status, outcome: incident.outcome,
  };
}

/** Adds incidents to the staging table, in one COPY. */
export async function stageImportedIncidents(db: Queryable, incidents: NewIncident[]): Promise<void> {
  const lines = incidents.map((incident) => {
    const values = stagedValues(incident);
    return STAGED.map((column) => copyText(values[column])).join('\t');
  });
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
