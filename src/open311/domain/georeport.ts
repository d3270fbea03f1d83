import { CONFIDENTIAL_FAMILIES } from '../../incidents/domain/confidentiality.js';
import { FAMILY_LABELS, type CategoryVersion } from '../../incidents/domain/nomenclature.js';
import type { Family } from '../../incidents/domain/vocabulary.js';
import type { Status } from '../../incidents/domain/workflow.js';

/**
 * Open311 GeoReport v2 as Vigie publishes it to partners (docs/observatory.md, "Open311"):
 * categories as services, live incidents as requests, with nothing a partner may not read.
 */

/**
 * Never published: attacks on staff (family E, confidential inside the landlord already) and
 * attacks on tenants or third parties (family F): their victims are people living at or near the
 * building a request points at, so one request could single them out.
 */
export const UNPUBLISHED_FAMILIES: readonly Family[] = [...new Set<Family>([...CONFIDENTIAL_FAMILIES, 'F'])];

export const isPublished = (family: Family) => !UNPUBLISHED_FAMILIES.includes(family);

export const GEOREPORT_STATUSES = ['open', 'closed'] as const;
export type GeoReportStatus = (typeof GEOREPORT_STATUSES)[number];

/** Closed is closed; every other live status (recorded, qualified, in progress) is still open. Drafts are never published. */
export const georeportStatus = (status: Status): GeoReportStatus => (status === 'closed' ? 'closed' : 'open');

/** The Vigie statuses one GeoReport status stands for. */
export const statusesOf = (status: GeoReportStatus): Status[] => (status === 'closed' ? ['closed'] : ['recorded', 'qualified', 'in_progress']);

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** A category of the landlord's nomenclature as a service: its current name, its family as the group. */
export function serviceOf(category: Pick<CategoryVersion, 'code' | 'family' | 'labelFr' | 'labelEn'>): Service {
  return {
    service_code: category.code,
    service_name: category.labelFr,
    description: category.labelEn,
    metadata: false,
    type: 'realtime',
    keywords: '',
    group: FAMILY_LABELS[category.family].fr,
  };
}

/** What the repository reads of one incident: no free text, no person, the point of its building. */
export interface PublishedIncident {
  id: number;
  status: Status;
  serviceCode: string;
  serviceName: string;
  requestedAt: Date;
  updatedAt: Date;
  lat: number;
  lon: number;
}

export interface ServiceRequest {
  service_request_id: string;
  status: GeoReportStatus;
  service_code: string;
  service_name: string;
  requested_datetime: string;
  updated_datetime: string;
  lat: number;
  long: number;
}

/** Six decimals (about 10 cm): the building's stored point, without binary noise. */
const coordinate = (value: number) => Math.round(value * 1e6) / 1e6;

export function requestOf(incident: PublishedIncident): ServiceRequest {
  return {
    service_request_id: String(incident.id),
    status: georeportStatus(incident.status),
    service_code: incident.serviceCode,
    service_name: incident.serviceName,
    requested_datetime: incident.requestedAt.toISOString(),
    updated_datetime: incident.updatedAt.toISOString(),
    lat: coordinate(incident.lat),
    long: coordinate(incident.lon),
  };
}

/** A service's definition: Vigie asks no extra attribute of a request. */
export const serviceDefinitionOf = (code: string) => ({ service_code: code, attributes: [] as never[] });
