import type { Queryable } from '../../db/database.js';
import type { DemoIncident, DemoPlace } from './domain/generate.js';

/** SQL only: the places incidents are drawn on, and batches of demo incidents with their timelines. */

/** One place per entrance holding dwellings, and one per house (a building whose dwellings have no entrance). */
export function listDemoPlaces(db: Queryable, organisationId: number): Promise<DemoPlace[]> {
  return db.query<DemoPlace>(
    `SELECT d.entrance_id AS "entranceId", b.id AS "buildingId", r.id AS "residenceId", r.agency_id AS "agencyId",
       ST_X(COALESCE(e.geom, b.geom)) AS lon, ST_Y(COALESCE(e.geom, b.geom)) AS lat, count(*)::int AS dwellings,
       r.qpv_code IS NOT NULL AS qpv, COALESCE(c.name, r.commune_insee) AS "communeName"
     FROM dwellings d
     JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     LEFT JOIN entrances e ON e.organisation_id = d.organisation_id AND e.id = d.entrance_id
     LEFT JOIN communes c ON c.insee_code = r.commune_insee
     WHERE d.organisation_id = $1
     GROUP BY d.entrance_id, b.id, r.id, r.agency_id, e.geom, b.geom, r.qpv_code, c.name, r.commune_insee
     ORDER BY b.id, d.entrance_id NULLS FIRST`,
    [organisationId],
  );
}

const incidentRecord = (incident: DemoIncident) => ({
  external_id: incident.externalId,
  place_kind: incident.place.entranceId === null ? 'building' : 'entrance',
  entrance_id: incident.place.entranceId,
  building_id: incident.place.buildingId,
  residence_id: incident.place.residenceId,
  agency_id: incident.place.agencyId,
  lon: incident.place.lon,
  lat: incident.place.lat,
  occurred_at: incident.occurredAt.toISOString(),
  time_unknown: incident.timeUnknown,
  recorded_at: incident.recordedAt.toISOString(),
  channel: incident.channel,
  category_code: incident.category.code,
  family: incident.category.family,
  severity: incident.severity,
  description: incident.description,
  victims: incident.victims,
  perpetrator: incident.perpetrator,
  estimated_cost: incident.estimatedCost,
  actual_cost: incident.actualCost,
  status: incident.status,
  outcome: incident.outcome,
  updated_at: (incident.history.at(-1)?.at ?? incident.recordedAt).toISOString(),
});

/**
 * Inserts a batch with the version of each category in use, skipping external ids already
 * present (a second load adds nothing), then the new incidents' status history and actions.
 * Returns how many incidents and actions were added.
 */
export async function insertDemoIncidents(db: Queryable, organisationId: number, incidents: readonly DemoIncident[], categoryVersions: ReadonlyMap<string, number>): Promise<{ incidents: number; actions: number }> {
  const inserted = await db.query<{ id: number; externalId: string }>(
    `INSERT INTO incidents (organisation_id, external_id, place_kind, entrance_id, building_id, residence_id, agency_id, geom, occurred_at,
       time_unknown, recorded_at, channel, category_code, category_version, family, severity, description, victims, perpetrator,
       estimated_cost, actual_cost, status, outcome, updated_at)
     SELECT $1, r.external_id, r.place_kind, r.entrance_id, r.building_id, r.residence_id, r.agency_id,
       ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.occurred_at, r.time_unknown, r.recorded_at, r.channel, r.category_code,
       v.version::int, r.family, r.severity, r.description, r.victims, r.perpetrator, r.estimated_cost, r.actual_cost, r.status, r.outcome, r.updated_at
     FROM jsonb_to_recordset($2::jsonb) AS r(external_id text, place_kind text, entrance_id int, building_id int, residence_id int, agency_id int,
       lon float8, lat float8, occurred_at timestamptz, time_unknown boolean, recorded_at timestamptz, channel text, category_code text,
       family text, severity text, description text, victims jsonb, perpetrator text, estimated_cost numeric, actual_cost numeric,
       status text, outcome text, updated_at timestamptz)
     JOIN jsonb_each_text($3::jsonb) AS v(code, version) ON v.code = r.category_code
     ON CONFLICT (organisation_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
     RETURNING id, external_id AS "externalId"`,
    [organisationId, JSON.stringify(incidents.map(incidentRecord)), JSON.stringify(Object.fromEntries(categoryVersions))],
  );
  if (inserted.length === 0) return { incidents: 0, actions: 0 };
  const ids = new Map(inserted.map((row) => [row.externalId, row.id]));
  const fresh = incidents.filter((incident) => ids.has(incident.externalId));
  await db.query(
    `INSERT INTO incident_history (organisation_id, incident_id, changed_at, field, before_value, after_value)
     SELECT $1, h.incident_id, h.at, 'status', to_jsonb(h.before), to_jsonb(h.after)
     FROM jsonb_to_recordset($2::jsonb) AS h(incident_id bigint, at timestamptz, before text, after text)`,
    [organisationId, JSON.stringify(fresh.flatMap((incident) => incident.history.map((change) => ({
      incident_id: ids.get(incident.externalId), at: change.at.toISOString(), before: change.before, after: change.after,
    }))))],
  );
  const actions = fresh.flatMap((incident) => incident.actions.map((action) => ({
    incident_id: ids.get(incident.externalId), kind: action.kind, action_date: action.date, police_station: action.policeStation,
    legal_outcome: action.legalOutcome, recorded_at: `${action.date}T12:00:00Z`,
  })));
  if (actions.length > 0) {
    await db.query(
      `INSERT INTO incident_actions (organisation_id, incident_id, kind, action_date, police_station, legal_outcome, recorded_at)
       SELECT $1, a.incident_id, a.kind, a.action_date, a.police_station, a.legal_outcome, a.recorded_at
       FROM jsonb_to_recordset($2::jsonb) AS a(incident_id bigint, kind text, action_date date, police_station text, legal_outcome text, recorded_at timestamptz)`,
      [organisationId, JSON.stringify(actions)],
    );
  }
  return { incidents: inserted.length, actions: actions.length };
}
