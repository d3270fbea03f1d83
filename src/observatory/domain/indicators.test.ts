import { describe, expect, it } from 'vitest';
import { assaultKind, computeIndicators, repeatRate, reportingIndex } from './indicators.js';
import { emptyMeasures, groupMeasures, sumMeasures, type Measures } from './measures.js';

const measures = (values: Partial<Measures>): Measures => ({ ...emptyMeasures(), ...values });

describe('indicators', () => {
  it('relate counts and costs to dwellings, staff and months', () => {
    const rows = [
      { code: 'D.TAG', ...measures({ incidents: 30, damageCost: 6000, withComplaint: 3, handled: 20, handlingHours: 960 }) },
      { code: 'E.INSULT', ...measures({ incidents: 4, withComplaint: 2, staffIttNone: 3, staffIttUnknown: 1 }) },
      { code: 'E.ITT_OVER_8_OR_WEAPON', ...measures({ incidents: 1, withComplaint: 1, staffIttOver8: 1 }) },
      { code: 'E.HOME', ...measures({ incidents: 1, staffIttUnknown: 1 }) },
    ];
    const indicators = computeIndicators({
      measures: sumMeasures(rows),
      staffAssaultsByCategory: groupMeasures(rows.filter((row) => row.code.startsWith('E.')), (row) => row.code),
      dwellings: 1200,
      staff: 24,
      months: 6,
    });
    expect(indicators).toEqual({
      incidents: 36,
      ratePer100Dwellings: 3,
      damageCostPerDwellingPerYear: 10,
      damageCost: 6000,
      complaintShare: 6 / 36,
      meanHandlingHours: 48,
      staffAssaults: { total: 6, verbal: 4, physical: 1, other: 1, itt: { none: 3, upTo8Days: 0, over8Days: 1, unknown: 2 }, per100Staff: 25 },
    });
  });

  it('answer null rather than 0 or infinity without a denominator', () => {
    const indicators = computeIndicators({ measures: emptyMeasures(), staffAssaultsByCategory: new Map(), dwellings: 0, staff: null, months: 12 });
    expect(indicators.ratePer100Dwellings).toBeNull();
    expect(indicators.complaintShare).toBeNull();
    expect(indicators.meanHandlingHours).toBeNull();
    expect(indicators.staffAssaults.per100Staff).toBeNull();
    expect(reportingIndex(2, null)).toBeNull();
    expect(reportingIndex(2, 4)).toBe(0.5);
  });

  it('class attacks on staff and repeat incidents at halls', () => {
    expect([assaultKind('E.THREAT'), assaultKind('E.ITT_UP_TO_8'), assaultKind('E.CUSTOM')]).toEqual(['verbal', 'physical', 'other']);
    expect(repeatRate([0, 1, 3, 2, 1])).toEqual({ hallsWithIncidents: 4, hallsWithRepeats: 2, repeatHallShare: 0.5, repeatIncidentShare: 5 / 7 });
  });
});
