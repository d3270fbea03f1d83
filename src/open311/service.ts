import { perimeterFor } from '../access/authorize.js';
import { forbidden, notFound } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { listCurrentCategories } from '../incidents/repository/categories.js';
import { isPublished, requestOf, serviceDefinitionOf, serviceOf, statusesOf, UNPUBLISHED_FAMILIES, type GeoReportStatus, type Service, type ServiceRequest } from './domain/georeport.js';
import { listPublishedIncidents, type RequestQuery } from './repository.js';

/** Without dates, the 90 days up to now (GeoReport v2's default window). */
const DEFAULT_DAYS = 90;
const DAY_MS = 86_400_000;
const FOREVER = { from: new Date(0), until: new Date('9999-12-31T00:00:00Z') };

export interface RequestFilter {
  serviceCodes?: string[];
  startDate?: Date;
  endDate?: Date;
  statuses?: GeoReportStatus[];
  ids?: number[];
  page: number;
  pageSize: number;
}

/** The caller's perimeter for aggregates: a partner's key gives its communes (403 without it). */
function scopeOf(actor: Actor) {
  const perimeter = perimeterFor(actor, 'read_aggregates');
  if (!perimeter) throw forbidden();
  return { organisationId: actor.organisationId, perimeter, unpublished: UNPUBLISHED_FAMILIES };
}

export async function listServices(db: Queryable, actor: Actor): Promise<Service[]> {
  const categories = await listCurrentCategories(db, actor.organisationId);
  return categories.filter((category) => isPublished(category.family)).map(serviceOf);
}

/** A published service's definition; 404 for a code the landlord does not publish. */
export async function serviceDefinition(db: Queryable, actor: Actor, code: string) {
  const [category] = await listCurrentCategories(db, actor.organisationId, code);
  if (!category || !isPublished(category.family)) throw notFound(`Service ${code}`);
  return serviceDefinitionOf(category.code);
}

export async function listRequests(db: Queryable, actor: Actor, filter: RequestFilter): Promise<ServiceRequest[]> {
  // Ids name their requests whatever their age; otherwise a missing bound falls back on the default window.
  const until = filter.endDate ?? (filter.ids ? FOREVER.until : new Date());
  const from = filter.startDate ?? (filter.ids ? FOREVER.from : new Date(until.getTime() - DEFAULT_DAYS * DAY_MS));
  const query: RequestQuery = {
    ...scopeOf(actor), from, until,
    ...(filter.serviceCodes ? { serviceCodes: filter.serviceCodes } : {}),
    ...(filter.statuses ? { statuses: filter.statuses.flatMap(statusesOf) } : {}),
    ...(filter.ids ? { ids: filter.ids } : {}),
    offset: (filter.page - 1) * filter.pageSize,
    limit: filter.pageSize,
  };
  return (await listPublishedIncidents(db, query)).map(requestOf);
}

/** One request, under exactly the list's rules: 404 whatever the reason it is not published to this caller. */
export async function findRequest(db: Queryable, actor: Actor, id: number): Promise<ServiceRequest> {
  const [found] = await listPublishedIncidents(db, {
    ...scopeOf(actor), ...FOREVER, ids: [id], offset: 0, limit: 1,
  });
  if (!found) throw notFound(`Request ${id}`);
  return requestOf(found);
}
