import { stringify } from 'csv-stringify/sync';
import { parisWallClock } from './domain/occurrence.js';
import type { IncidentRecord } from './repository.js';

/**
 * The incidents a list shows, as CSV for spreadsheets: semicolons, BOM, Paris wall-clock times,
 * column names shared with the history import where they mean the same thing.
 */
const COLUMNS: [string, (incident: IncidentRecord) => unknown][] = [
  ['id', (i) => i.id],
  ['external_id', (i) => i.externalId],
  ['status', (i) => i.status],
  ['outcome', (i) => i.outcome],
  ['occurred_at', (i) => parisWallClock(new Date(i.occurredAt)).slice(0, i.timeUnknown ? 10 : 16)],
  ['occurred_until', (i) => i.occurredUntil && parisWallClock(new Date(i.occurredUntil))],
  ['recorded_at', (i) => parisWallClock(new Date(i.recordedAt))],
  ['channel', (i) => i.channel],
  ['category_code', (i) => i.categoryCode],
  ['category_label', (i) => i.categoryLabelFr],
  ['family', (i) => i.family],
  ['severity', (i) => i.severity],
  ['place_kind', (i) => i.placeKind],
  ['agency_id', (i) => i.agencyId],
  ['residence_id', (i) => i.residenceId],
  ['building_id', (i) => i.buildingId],
  ['entrance_id', (i) => i.entranceId],
  ['dwelling_id', (i) => i.dwellingId],
  ['common_area_id', (i) => i.commonAreaId],
  ['longitude', (i) => i.lon],
  ['latitude', (i) => i.lat],
  ['description', (i) => i.description],
  ['victims', (i) => i.victims.map((victim) => (victim.ittClass ? `${victim.role}:${victim.ittClass}` : victim.role)).join('|')],
  ['perpetrator', (i) => i.perpetrator],
  ['estimated_cost', (i) => i.estimatedCost],
  ['actual_cost', (i) => i.actualCost],
  ['work_order_ref', (i) => i.workOrderRef],
  ['insurance_claim_ref', (i) => i.insuranceClaimRef],
  ['suspected_duplicate_of', (i) => i.suspectedDuplicateOf],
];

export function incidentsCsv(incidents: readonly IncidentRecord[]): string {
  return stringify(incidents.map((incident) => COLUMNS.map(([, value]) => value(incident) ?? '')), {
    header: true,
    columns: COLUMNS.map(([name]) => name),
    delimiter: ';',
    bom: true,
    record_delimiter: 'windows',
  });
}
