import { describe, expect, it } from 'vitest';
import { exportRows } from './export.js';

describe('dashboard export rows', () => {
  const range = { from: '2025-01', to: '2025-12' };
  const dashboard = {
    period: { current: range, previous: { from: '2024-01', to: '2024-12' }, lastYear: { from: '2024-01', to: '2024-12' } },
    dwellings: 200,
    indicators: {
      current: { incidents: 12, ratePer100Dwellings: 6, damageCost: 300 },
      previous: { incidents: '< 5' as const, ratePer100Dwellings: 's' as const, damageCost: 's' as const },
      lastYear: { incidents: '< 5' as const, ratePer100Dwellings: 's' as const, damageCost: 's' as const },
    },
    families: [{ family: 'D', incidents: 9, damageCost: 300 }, { family: 'E', incidents: '< 5' as const, damageCost: 's' as const }],
    communes: [{ insee: '62498', name: 'Lens', incidents: 12, dwellings: 200, ratePer100Dwellings: 6, damageCost: 300 }],
    qpv: [{ code: null, incidents: 12, dwellings: 200, ratePer100Dwellings: 6, damageCost: 300 }],
    agencies: [],
    trend: [{ month: '2025-12', incidents: 's' as const, damageCost: 's' as const }],
  };

  it('keeps every panel the caller received, hidden figures as they were given', () => {
    const rows = exportRows(dashboard);
    expect(rows.map((row) => `${row.panel}:${row.key}`)).toEqual(['period:current', 'period:previous', 'period:lastYear', 'family:D', 'family:E', 'commune:62498', 'qpv:', 'month:2025-12']);
    expect(rows.find((row) => row.key === 'E')).toMatchObject({ incidents: '< 5', damageCost: 's', dwellings: null });
    expect(rows[1]).toMatchObject({ label: '2024-01 → 2024-12', incidents: '< 5', ratePer100Dwellings: 's', dwellings: 200 });
    expect(rows.find((row) => row.panel === 'qpv')!.label).toBe('hors QPV');
  });
});
