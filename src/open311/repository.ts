import type { Perimeter } from '../access/domain/perimeter.js';
import type { Queryable } from '../db/database.js';
import type { Family } from '../incidents/domain/vocabulary.js';
import type { Status } from '../incidents/domain/workflow.js';
import { perimeterCondition } from '../incidents/repository/perimeter.js';
import type { PublishedIncident } from './domain/georeport.js';

/** SQL only: the incidents a partner may read as GeoReport requests. */

export interface RequestQuery {
  organisationId: number;
  perimeter: Perimeter;
  /** Families never published (E, F): left out by the query itself. */
  unpublished: readonly Family[];
  from: Date;
  until: Date;
  serviceCodes?: readonly string[];
  statuses?: readonly Status[];
  ids?: readonly number[];
  offset: number;
  limit: number;
}

/**
 * The point published for an incident: its building's, except for a building of one dwelling (a
 * house: its point is a household's home), and for incidents without a building, whose point is
 * their residence's. Never the incident's own point.
 */
const PUBLISHED_POINT = `CASE WHEN b.id IS NOT NULL AND (SELECT count(*) FROM dwellings d WHERE d.organisation_id = b.organisation_id AND d.building_id = b.id) > 1
  THEN b.geom ELSE r.geom END`;

/** Live incidents (not drafts, not merged duplicates) of published families in the perimeter, newest first. */
export function listPublishedIncidents(db: Queryable, query: RequestQuery): Promise<PublishedIncident[]> {
  const params: unknown[] = [query.organisationId];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [
    'i.organisation_id = $1', "i.status <> 'draft'", 'i.duplicate_of IS NULL',
    `i.family <> ALL(${param(query.unpublished)}::text[])`,
    `i.occurred_at >= ${param(query.from.toISOString())}::timestamptz`,
    `i.occurred_at <= ${param(query.until.toISOString())}::timestamptz`,
  ];
  if (query.serviceCodes) conditions.push(`i.category_code = ANY(${param(query.serviceCodes)}::text[])`);
  if (query.statuses) conditions.push(`i.status = ANY(${param(query.statuses)}::text[])`);
  if (query.ids) conditions.push(`i.id = ANY(${param(query.ids)}::bigint[])`);
  const inPerimeter = perimeterCondition(query.perimeter, param);
  if (inPerimeter) conditions.push(inPerimeter);
  return db.query<PublishedIncident>(
    `SELECT i.id, i.status, i.category_code AS "serviceCode",
       (SELECT c.label_fr FROM incident_categories c WHERE c.organisation_id = i.organisation_id AND c.code = i.category_code
        ORDER BY c.version DESC LIMIT 1) AS "serviceName",
       i.occurred_at AS "requestedAt", i.updated_at AS "updatedAt",
       ST_Y(${PUBLISHED_POINT}) AS lat, ST_X(${PUBLISHED_POINT}) AS lon
     FROM incidents i
     JOIN residences r ON r.organisation_id = i.organisation_id AND r.id = i.residence_id
     LEFT JOIN buildings b ON b.organisation_id = i.organisation_id AND b.id = i.building_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY i.occurred_at DESC, i.id DESC
     OFFSET ${param(query.offset)} LIMIT ${param(query.limit)}`,
    params,
  );
}
