import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersQuery, incidentListQuery } from './filters.js';

describe('observatory filters in the address', () => {
  it('keeps the known, non-empty filters in a stable order', () => {
    const filters = filtersFromSearch(new URLSearchParams('family=D&from=2025-01&zoom=3&agencyId=&to=2025-12'));
    expect(filters).toEqual({ family: 'D', from: '2025-01', to: '2025-12' });
    expect(filtersQuery(filters)).toBe('from=2025-01&to=2025-12&family=D');
  });

  it('opens the incident list of a place over the same months, ending on their last day', () => {
    expect(incidentListQuery({ family: 'E', agencyId: '3' }, { from: '2023-03', to: '2024-02' }, { entranceId: 9 }))
      .toBe('from=2023-03-01&to=2024-02-29&entranceId=9&family=E');
    expect(incidentListQuery({}, { from: '2025-01', to: '2025-12' }, { buildingId: 4 })).toBe('from=2025-01-01&to=2025-12-31&buildingId=4');
    expect(incidentListQuery({ severity: 'G2' }, { from: '2025-01', to: '2025-03' }, { buildingIds: '4,7' })).toBe('from=2025-01-01&to=2025-03-31&buildingIds=4%2C7&severity=G2');
    expect(incidentListQuery({}, { from: '2025-01', to: '2025-01' }, { commune: '62498' })).toBe('from=2025-01-01&to=2025-01-31&commune=62498');
  });
});
