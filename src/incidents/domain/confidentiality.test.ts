import { describe, expect, it } from 'vitest';
import { canViewIncident, confidentialFilter, viewerOf, type Viewer } from './confidentiality.js';

const staff: Viewer = { organisationId: 1, userId: 42, centralObservatory: false, managedAgencyIds: [] };
const assault = { organisationId: 1, family: 'E' as const, agencyId: 3, recordedBy: 7 };

describe('confidentiality of attacks on staff', () => {
  it('shows other families to the whole organisation only', () => {
    expect(canViewIncident(staff, { ...assault, family: 'D' })).toBe(true);
    expect(canViewIncident({ ...staff, organisationId: 2, centralObservatory: true }, { ...assault, family: 'D' })).toBe(false);
  });

  it('shows an attack on staff to the observatory, the agency’s management and its reporter only', () => {
    expect(canViewIncident(staff, assault)).toBe(false);
    expect(canViewIncident({ ...staff, centralObservatory: true }, assault)).toBe(true);
    expect(canViewIncident({ ...staff, managedAgencyIds: [3] }, assault)).toBe(true);
    expect(canViewIncident({ ...staff, managedAgencyIds: [4] }, assault)).toBe(false);
    expect(canViewIncident({ ...staff, userId: 7 }, assault)).toBe(true);
    expect(canViewIncident({ ...staff, userId: null }, { ...assault, recordedBy: null })).toBe(false);
  });

  it('gives lists the same rule as a filter', () => {
    expect(confidentialFilter({ ...staff, centralObservatory: true })).toBeNull();
    expect(confidentialFilter({ ...staff, managedAgencyIds: [3] })).toEqual({ families: ['E'], agencyIds: [3], userId: 42 });
  });

  it('derives the viewer from the actor’s grants', () => {
    const agencies = (agencyIds: number[]) => ({ wholeOrganisation: false, agencyIds, directorateIds: [], communes: [] });
    // No grants, no privilege: the legacy "anonymous = observatory" is gone.
    expect(viewerOf({ organisationId: 1 })).toEqual({ organisationId: 1, userId: null, centralObservatory: false, managedAgencyIds: [] });
    expect(canViewIncident(viewerOf({ organisationId: 1 }), assault)).toBe(false);
    const manager = viewerOf({ organisationId: 1, userId: 9, grants: [{ role: 'agency_manager', perimeter: agencies([3, 5]) }, { role: 'agent', perimeter: agencies([8]) }] });
    expect(manager).toEqual({ organisationId: 1, userId: 9, centralObservatory: false, managedAgencyIds: [3, 5] });
    expect(canViewIncident(manager, assault)).toBe(true);
    expect(canViewIncident(viewerOf({ organisationId: 1, userId: 9, grants: [{ role: 'agent', perimeter: agencies([3]) }] }), assault)).toBe(false);
    const observatory = viewerOf({ organisationId: 1, userId: 2, grants: [{ role: 'observatory_officer', perimeter: { wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] } }] });
    expect(observatory.centralObservatory).toBe(true);
  });
});
