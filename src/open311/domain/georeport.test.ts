import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../incidents/domain/workflow.js';
import { georeportStatus, isPublished, requestOf, serviceOf, statusesOf, UNPUBLISHED_FAMILIES } from './georeport.js';
import { georeportXml, georeportXmlObject } from './xml.js';

describe('GeoReport v2 mapping', () => {
  it('maps every live status to open or closed, and back', () => {
    expect(STATUSES.filter((status) => status !== 'draft').map((status) => [status, georeportStatus(status)])).toEqual([
      ['recorded', 'open'], ['qualified', 'open'], ['in_progress', 'open'], ['closed', 'closed'],
    ]);
    expect(statusesOf('open').map(georeportStatus)).toEqual(['open', 'open', 'open']);
    expect(statusesOf('closed')).toEqual(['closed']);
  });

  it('publishes neither attacks on staff nor attacks on tenants', () => {
    expect(UNPUBLISHED_FAMILIES).toEqual(['E', 'F']);
    expect((['A', 'B', 'C', 'D', 'E', 'F'] as const).filter(isPublished)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('turns a category into a service and an incident into a request with rounded coordinates', () => {
    expect(serviceOf({ code: 'D.TAG', family: 'D', labelFr: 'Tags, graffitis', labelEn: 'Tags, graffiti' })).toEqual({
      service_code: 'D.TAG', service_name: 'Tags, graffitis', description: 'Tags, graffiti', metadata: false, type: 'realtime', keywords: '', group: 'Atteintes aux biens',
    });
    expect(requestOf({
      id: 42, status: 'in_progress', serviceCode: 'D.TAG', serviceName: 'Tags', requestedAt: new Date('2026-01-10T09:00:00Z'),
      updatedAt: new Date('2026-01-11T09:00:00Z'), lat: 50.438800000000001, lon: 2.8195999999,
    })).toEqual({
      service_request_id: '42', status: 'open', service_code: 'D.TAG', service_name: 'Tags', requested_datetime: '2026-01-10T09:00:00.000Z',
      updated_datetime: '2026-01-11T09:00:00.000Z', lat: 50.4388, long: 2.8196,
    });
  });

  it('writes GeoReport XML with every text escaped', () => {
    expect(georeportXml('services', 'service', [{ service_code: 'A.X', service_name: 'Bruit & <cris> "la nuit"', metadata: false }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>A.X</service_code><service_name>Bruit &amp; &lt;cris&gt; &quot;la nuit&quot;</service_name><metadata>false</metadata></service></services>');
    expect(georeportXmlObject('service_definition', { service_code: 'D.TAG', attributes: [] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>D.TAG</service_code><attributes></attributes></service_definition>');
  });
});
