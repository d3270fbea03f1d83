import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersQuery, withFilter, withPlace } from './filters.js';

describe('incident list filters', () => {
  it('keeps the known, non-empty parameters of the address only', () => {
    const filters = filtersFromSearch(new URLSearchParams('status=closed&family=&foo=bar&from=2026-01-01&severity=%20G3%20'));
    expect(filters).toEqual({ status: 'closed', from: '2026-01-01', severity: 'G3' });
  });

  it('writes the query in a stable order whatever the order of the choices', () => {
    expect(filtersQuery({ status: 'recorded', from: '2026-01-01', channel: 'phone' })).toBe('from=2026-01-01&status=recorded&channel=phone');
    expect(filtersQuery({})).toBe('');
    expect(filtersFromSearch(new URLSearchParams(filtersQuery({ category: 'D.TAG', to: '2026-02-01' })))).toEqual({ category: 'D.TAG', to: '2026-02-01' });
  });

  it('drops a category of another family when the family changes', () => {
    expect(withFilter({ category: 'D.TAG' }, 'family', 'A')).toEqual({ family: 'A' });
    expect(withFilter({ category: 'D.TAG' }, 'family', 'D')).toEqual({ family: 'D', category: 'D.TAG' });
    expect(withFilter({ status: 'closed' }, 'status', '')).toEqual({ status: undefined });
  });

  it('keeps one place level, the finest chosen', () => {
    expect(withPlace({ residenceId: '3', status: 'closed' }, { residenceId: 3, buildingId: 8 })).toEqual({ buildingId: '8', status: 'closed' });
    expect(withPlace({ entranceId: '5' }, {})).toEqual({});
    expect(withPlace({}, { residenceId: 4 })).toEqual({ residenceId: '4' });
    expect(withPlace({ commune: '62498', agencyId: '2', buildingIds: '3,4', family: 'D' }, { residenceId: 4 })).toEqual({ residenceId: '4', family: 'D' });
  });
});
