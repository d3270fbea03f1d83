import type { Perimeter } from '../../access/domain/perimeter.js';
import type { Queryable } from '../../db/database.js';
import type { Channel, Family, Severity } from '../domain/vocabulary.js';
import type { Status } from '../domain/workflow.js';
import { perimeterCondition } from './perimeter.js';
import { INCIDENT_COLUMNS, INCIDENT_FROM, type IncidentRecord } from './records.js';

/** SQL only, one statement per function — filtered pages of incidents. */

export interface IncidentFilters {
  from?: Date;
  until?: Date;
  agencyId?: number;
  residenceId?: number;
  buildingId?: number;
  entranceId?: number;
  /** The residences of a commune (INSEE code). */
  commune?: string;
  /** Any of these buildings (an area of the observatory map). */
  buildingIds?: number[];
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

/** What a reader may list: its perimeter, and the confidential families it may still see there (null: all). */
export interface ListVisibility {
  perimeter: Perimeter;
  confidential: ConfidentialScope | null;
}

/** Position after the last row of a page, newest first. */
export interface ListCursor {
  occurredAt: string;
  id: number;
}

const FILTER_COLUMNS: Record<Exclude<keyof IncidentFilters, 'from' | 'until' | 'commune' | 'buildingIds'>, string> = {
  agencyId: 'agency_id', residenceId: 'residence_id', buildingId: 'building_id', entranceId: 'entrance_id', family: 'family',
  categoryCode: 'category_code', severity: 'severity', status: 'status', channel: 'channel', recordedBy: 'recorded_by',
};

/** One page of live (not merged) incidents, newest first, after `cursor`; a reporter's own include the merged ones. */
export async function listIncidents(
  db: Queryable, organisationId: number, filters: IncidentFilters, visibility: ListVisibility, cursor: ListCursor | null, limit: number,
): Promise<IncidentRecord[]> {
  const params: unknown[] = [organisationId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['i.organisation_id = $1'];
  // Merged duplicates live on in their survivor; a reporter still sees where their own report went.
  if (filters.recordedBy === undefined) conditions.push('i.duplicate_of IS NULL');
  if (filters.from) conditions.push(`i.occurred_at >= ${param(filters.from.toISOString())}::timestamptz`);
  if (filters.until) conditions.push(`i.occurred_at < ${param(filters.until.toISOString())}::timestamptz`);
  for (const [key, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    if (filters[key] !== undefined) conditions.push(`i.${column} = ${param(filters[key])}`);
  }
  if (filters.commune !== undefined) {
    conditions.push(`i.residence_id IN (SELECT id FROM residences WHERE organisation_id = $1 AND commune_insee = ${param(filters.commune)})`);
  }
  if (filters.buildingIds !== undefined) conditions.push(`i.building_id = ANY(${param(filters.buildingIds)}::int[])`);
  const inPerimeter = perimeterCondition(visibility.perimeter, param);
  if (inPerimeter) conditions.push(inPerimeter);
  const scope = visibility.confidential;
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
